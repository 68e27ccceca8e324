import { expect, test } from '@playwright/test';
import { addAccountByKey, createVault, RFC_SECRET, rowAction, unlock } from './support/helpers';
import { restoreNewVault } from './support/seed-backup';

test('the code list says which accounts are in no backup until an export, and again after a change', async ({ page }) => {
  await createVault(page);
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);
  await addAccountByKey(page, { issuer: 'Health', name: 'me', secret: RFC_SECRET });
  await expect(page.getByTestId('backup-banner')).toContainText('1 account is not in any backup yet.');
  await addAccountByKey(page, { issuer: 'Health', name: 'you', secret: 'JBSWY3DPEHPK3PXP' });
  await expect(page.getByTestId('backup-banner')).toContainText('2 accounts are not in any backup yet.');

  await page.getByTestId('backup-now').click();
  await page.getByTestId('backup-export').click();
  await page.getByTestId('backup-passphrase').fill('backup passphrase 123');
  await page.getByTestId('backup-passphrase-confirm').fill('backup passphrase 123');
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toContainText('2 accounts', { timeout: 30_000 });
  await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  await page.getByTestId('backup-done').click();
  await page.getByTestId('settings-back').click();
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);

  await rowAction(page.getByTestId('code-card').filter({ hasText: 'you' }), 'edit');
  await page.getByTestId('field-name').fill('renamed');
  await page.getByTestId('save-account').click();
  await expect(page.getByTestId('backup-banner')).toContainText('1 account is not in any backup yet.');
});

test('"Hide for a day" hides the backup reminder across a reload, and it is back once the day has passed', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Health', name: 'me', secret: RFC_SECRET });
  await expect(page.getByTestId('backup-banner')).toContainText('1 account is not in any backup yet.');
  await page.getByTestId('backup-later').click();
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 30_000 });
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);
  await page.clock.setSystemTime(Date.now() + 25 * 60 * 60 * 1000);
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('backup-banner')).toContainText('1 account is not in any backup yet.', { timeout: 30_000 });
});

test('accounts restored from a backup are in that backup: no reminder after the restore, one for an account changed since', async ({ page }) => {
  await restoreNewVault(page, [
    { issuer: 'Restored', name: 'one' },
    { issuer: 'Restored', name: 'two' },
  ]);
  await expect(page.getByTestId('code-card')).toHaveCount(2);
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('code-card')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);

  await rowAction(page.getByTestId('code-card').filter({ hasText: 'two' }), 'edit');
  await page.getByTestId('field-name').fill('renamed');
  await page.getByTestId('save-account').click();
  await expect(page.getByTestId('backup-banner')).toContainText('1 account is not in any backup yet.');
});

test('an encrypted backup of chosen accounts holds only those (counted from the checked read-back)', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Chosen', name: 'me', secret: RFC_SECRET });
  await addAccountByKey(page, { issuer: 'Other', name: 'you', secret: 'JBSWY3DPEHPK3PXP' });
  await page.getByTestId('settings').click();
  await page.getByTestId('backup-export').click();
  await page.getByTestId('backup-choose').check();
  await page.getByTestId('backup-pick').getByRole('checkbox', { name: 'Other (you)' }).uncheck();
  await page.getByTestId('backup-passphrase').fill('backup passphrase 123');
  await page.getByTestId('backup-passphrase-confirm').fill('backup passphrase 123');
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toContainText(': 1 account', { timeout: 30_000 });
});

test('a generated backup passphrase is shown, used, and opens the file', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Gen', name: 'me', secret: RFC_SECRET });
  await page.getByTestId('settings').click();
  await page.getByTestId('backup-export').click();
  await page.getByTestId('backup-generate').click();
  const generated = await page.getByTestId('backup-passphrase').inputValue();
  expect(generated).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/);
  await expect(page.getByTestId('backup-passphrase')).toHaveAttribute('type', 'text');
  expect(await page.getByTestId('backup-passphrase-confirm').inputValue()).toBe(generated);
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toContainText(': 1 account', { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  await page.getByTestId('backup-done').click();
  await page.getByTestId('test-open').click();
  await page.getByTestId('test-file').setInputFiles(await download.path());
  await page.getByTestId('test-passphrase').fill(generated);
  await page.getByTestId('test-submit').click();
  await expect(page.getByTestId('test-result')).toHaveText('The 1 account restores correctly.', { timeout: 30_000 });
});
