import { expect, test, type Page } from '@playwright/test';
import { splitBackoff } from './support/backoff';
import { addAccountByKey, createVault, dumpStorage, PASSPHRASE, RFC_SECRET, rowAction, unlock } from './support/helpers';

/**
 * Stops the page's clock where it is (fastForward still moves it): a 1-second wait must not run
 * out on its own while a loaded machine reloads the page.
 */
async function freezeClock(page: Page): Promise<void> {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
}

async function wrongOnLockScreen(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await unlock(page, `wrong passphrase ${i}`);
    await expect(page.getByTestId('unlock-error')).toHaveText('Wrong passphrase. Nothing was changed.');
    await expect(page.getByTestId('unlock-submit')).toHaveText('Unlock');
  }
}

test('showing a setup key asks for the passphrase when the last one is older than 60 s', async ({ page }) => {
  await page.clock.install();
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Reveal', name: 'me', secret: RFC_SECRET });

  // Within 60 s of creating the vault (the passphrase was just typed), no question is asked.
  await rowAction(page.getByTestId('code-card'), 'edit');
  await page.getByTestId('reveal-secret').click();
  await expect(page.getByTestId('revealed-secret')).toHaveValue('GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.clock.fastForward(61_000);
  await rowAction(page.getByTestId('code-card'), 'edit');
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

test('ten wrong passphrases: a message each time, a growing wait after five, storage byte-identical but for the count', async ({ page }) => {
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
  const after = splitBackoff(await dumpStorage(page));
  expect(after.failures).toBe(10);
  expect(after.rest).toBe(splitBackoff(before).rest);
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('code-card')).toHaveCount(1);
  // The right passphrase clears the count.
  expect(splitBackoff(await dumpStorage(page)).failures).toBe(0);
});

// Two tabs sharing the count are proved in test/unit/services/vault-backoff.test.ts.
test('a reload does not reset the wait after wrong passphrases', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await createVault(page);
  await page.getByTestId('lock').click();
  await freezeClock(page);
  await wrongOnLockScreen(page, 5);
  await expect(page.getByTestId('unlock-wait')).toHaveText('Too many attempts. Try again in 1 s.');

  await page.reload();
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  await expect(page.getByTestId('unlock-wait')).toHaveText('Too many attempts. Try again in 1 s.');
  await expect(page.getByTestId('unlock-submit')).toBeDisabled();

  await page.clock.fastForward(1_000);
  await expect(page.getByTestId('unlock-submit')).toBeEnabled();
  // The sixth wrong guess after the reload waits as the sixth (2 s), not as a first.
  await unlock(page, 'wrong passphrase again');
  await expect(page.getByTestId('unlock-wait')).toHaveText('Too many attempts. Try again in 2 s.');
  await page.clock.fastForward(2_000);
  await unlock(page, PASSPHRASE);
  await expect(page.getByTestId('add-account').first()).toBeVisible();
});

test('the re-authentication dialog waits after five wrong passphrases too, and a reload does not reset it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install();
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Reveal', name: 'me', secret: RFC_SECRET });
  await page.clock.fastForward(61_000);
  await freezeClock(page);
  await rowAction(page.getByTestId('code-card'), 'edit');
  await page.getByTestId('reveal-secret').click();
  const submit = page.getByTestId('reauth-submit');
  for (let i = 0; i < 5; i++) {
    await page.getByTestId('reauth-passphrase').fill(`wrong passphrase ${i}`);
    await submit.click();
    await expect(page.getByTestId('reauth-error')).toHaveText('Wrong passphrase. Nothing was changed.');
  }
  await expect(page.getByTestId('reauth-wait')).toHaveText('Too many attempts. Try again in 1 s.');
  await expect(submit).toBeDisabled();

  // The lock screen shares the wait: lock, reload, and it is still there.
  await page.getByTestId('reauth-cancel').click();
  await page.reload();
  await expect(page.getByTestId('unlock-wait')).toHaveText('Too many attempts. Try again in 1 s.');
  await page.clock.fastForward(1_000);
  await expect(page.getByTestId('unlock-submit')).toBeEnabled();
  // The live list schedules with timers: let the clock run again.
  await page.clock.resume();
  await unlock(page, PASSPHRASE);
  await rowAction(page.getByTestId('code-card'), 'edit');
  await page.getByTestId('reveal-secret').click();
  await expect(page.getByTestId('revealed-secret')).toHaveValue(/^GEZD GNBV/);
});
