import { expect, test } from '@playwright/test';
import { addAccountByKey, createVault, E2E_ORIGIN, PASSPHRASE, RFC_SECRET, unlock } from './support/helpers';

test('a vault database deleted under the running app shows "missing", also after a reload, never onboarding', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Evicted', name: 'me', secret: RFC_SECRET });
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.deleteDatabase('omamori');
        req.onsuccess = req.onerror = req.onblocked = () => resolve(undefined);
      }),
  );
  await expect(page.getByTestId('vault-missing')).toBeVisible();
  await expect(page.getByText('Your vault data is missing')).toBeVisible();
  await expect(page.getByTestId('code-card')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('vault-missing')).toBeVisible();
  await expect(page.getByTestId('start-create')).toHaveCount(0);

  // Starting over is an explicit, confirmed choice.
  await page.getByTestId('missing-start-new').click();
  await page.getByTestId('missing-start-new-confirm').click();
  await expect(page.getByTestId('start-create')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('start-create')).toBeVisible();
});

test('settings show persistent storage when the browser grants it', async ({ page, context, browser }) => {
  await createVault(page);
  const cdp = await browser.newBrowserCDPSession();
  const pageCdp = await context.newCDPSession(page);
  const { targetInfo } = (await pageCdp.send('Target.getTargetInfo')) as { targetInfo: { browserContextId: string } };
  await cdp.send('Browser.grantPermissions', { permissions: ['durableStorage'], origin: E2E_ORIGIN, browserContextId: targetInfo.browserContextId });
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('storage-state')).toContainText('Persistent: the browser will not delete your vault');
  await expect(page.getByTestId('storage-usage')).toContainText('Used:');
});

test('settings explain non-persistent storage when the browser does not grant it', async ({ page }) => {
  await createVault(page);
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('storage-state')).toContainText('Not persistent');
  await expect(page.getByTestId('storage-ask')).toBeVisible();
});

test('changing the passphrase: the old one fails, the new one opens every account', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'One', name: 'a', secret: RFC_SECRET });
  await addAccountByKey(page, { issuer: 'Two', name: 'b', secret: 'JBSWY3DPEHPK3PXP' });
  await page.getByTestId('settings').click();
  await page.getByTestId('change-passphrase').click();
  await page.getByTestId('current-pass').fill('wrong current passphrase');
  await page.getByTestId('new-pass').fill('a brand new passphrase');
  await page.getByTestId('confirm-pass').fill('a brand new passphrase');
  await page.getByTestId('security-confirm').click();
  await expect(page.getByTestId('security-error')).toHaveText('Wrong passphrase. Nothing was changed.');
  await page.getByTestId('current-pass').fill(PASSPHRASE);
  await page.getByTestId('security-confirm').click();
  await expect(page.getByText('Passphrase changed.')).toBeVisible();
  await page.getByTestId('settings-back').click();
  await page.getByTestId('lock').click();
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('unlock-error')).toContainText('Wrong passphrase');
  await unlock(page, 'a brand new passphrase');
  await expect(page.getByTestId('code-card')).toHaveCount(2);
  await expect(page.getByTestId('code-card').getByTestId('code').first()).toHaveText(/^\d{3} \d{3}$/);
});

test('from the "missing" screen, "Restore from a backup" leads to a new vault and the restore panel', async ({ page }) => {
  await createVault(page);
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const req = indexedDB.deleteDatabase('omamori');
        req.onsuccess = req.onerror = req.onblocked = () => resolve(undefined);
      }),
  );
  await page.reload();
  await page.getByTestId('missing-restore').click();
  await page.getByTestId('new-passphrase').fill('a new passphrase here');
  await page.getByTestId('confirm-passphrase').fill('a new passphrase here');
  await page.getByTestId('create-submit').click();
  await expect(page.getByText('Restore from a backup').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('vault-missing')).toHaveCount(0);
});
