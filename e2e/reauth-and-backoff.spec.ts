import { expect, test } from '@playwright/test';
import { addAccountByKey, createVault, dumpStorage, PASSPHRASE, RFC_SECRET, unlock } from './support/helpers';

test('showing a setup key asks for the passphrase when the last one is older than 60 s', async ({ page }) => {
  await page.clock.install();
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Reveal', name: 'me', secret: RFC_SECRET });

  // Within 60 s of creating the vault (the passphrase was just typed), no question is asked.
  await page.getByTestId('edit').click();
  await page.getByTestId('reveal-secret').click();
  await expect(page.getByTestId('revealed-secret')).toHaveValue('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.clock.fastForward(61_000);
  await page.getByTestId('edit').click();
  await page.getByTestId('reveal-secret').click();
  await expect(page.getByTestId('reauth-dialog')).toBeVisible();
  await page.getByTestId('reauth-cancel').click();
  await expect(page.getByTestId('revealed-secret')).toHaveCount(0);

  await page.getByTestId('reveal-secret').click();
  await page.getByTestId('reauth-passphrase').fill('wrong passphrase here');
  await page.getByTestId('reauth-submit').click();
  await expect(page.getByTestId('reauth-error')).toHaveText('Wrong passphrase. Nothing was changed.');
  await expect(page.getByTestId('revealed-secret')).toHaveCount(0);
  await page.getByTestId('reauth-passphrase').fill(PASSPHRASE);
  await page.getByTestId('reauth-submit').click();
  await expect(page.getByTestId('revealed-secret')).toHaveValue(/^GEZD GNBV/);
});

test('ten wrong passphrases: a message each time, a growing wait after five, storage byte-identical', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Guarded', name: 'me', secret: RFC_SECRET });
  await page.getByTestId('lock').click();
  const before = await dumpStorage(page);
  const submit = page.getByTestId('unlock-submit');
  for (let i = 0; i < 10; i++) {
    await unlock(page, `wrong passphrase ${i}`);
    await expect(submit).toHaveText('Unlocking…');
    await expect(page.getByTestId('unlock-error')).toHaveText('Wrong passphrase. Nothing was changed.');
    if (i >= 4) {
      // After the fifth: the button waits, the screen says how long, and it is never more than 30 s.
      await expect(page.getByTestId('unlock-wait')).toContainText('Try again in');
      await expect(submit).toBeDisabled();
      await page.clock.fastForward(30_000);
    }
    await expect(page.getByTestId('unlock-wait')).toHaveCount(0);
    await expect(submit).toBeEnabled();
  }
  expect(await dumpStorage(page)).toBe(before);
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('code-card')).toHaveCount(1);
});
