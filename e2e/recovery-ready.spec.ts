/**
 * "Ready to recover?" and the lock screen's recovery kit (issue #16 step 7), the user's path: the
 * panel states its facts (no backup, no kit, passphrase just typed, storage as the browser says);
 * a backup turns the backup fact OK; a whole-key kit, checked, is older than that backup (the
 * panel says so); the practice check says "wrong" without a wait; then, locked and with the
 * passphrase forgotten, the kit's typed words and a new passphrase open the vault, and the new
 * passphrase unlocks it afterwards. Facts' every state is unit-tested (core/recovery/readiness).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addAccountByKey, createVault, PASSPHRASE, RFC_SECRET, RFC_TIME_MS, unlock } from './support/helpers';

const NEW_PASSPHRASE = 'a brand new passphrase after the kit';

async function fact(panel: Locator, id: string, ok: boolean, state: string): Promise<void> {
  const line = panel.getByTestId(`ready-${id}`);
  await expect(line).toHaveAttribute('data-state', state);
  await expect(line).toHaveAttribute('data-ok', String(ok));
  await expect(line.locator('.status')).toHaveText(ok ? 'OK' : 'Needs attention');
}

/** axe on one new element only (a11y.spec.ts walks the rest), named by its chain of shadow hosts. */
async function expectNoViolations(page: Page, chain: [string, string, ...string[]]): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include([chain]).analyze();
  expect.soft(violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`))).toEqual([]);
}

async function code(page: Page): Promise<string> {
  const el = page.getByTestId('code-card').first().getByTestId('code');
  await expect(el).not.toHaveText('––– –––');
  return (await el.textContent()) ?? '';
}

test('Ready to recover states its facts, and a forgotten passphrase is replaced on the lock screen with the kit', async ({ page }) => {
  // Five Argon2id runs (vault, kit, practice check, new passphrase, unlock) on a shared machine.
  test.setTimeout(90_000);
  await page.clock.setFixedTime(RFC_TIME_MS);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET });
  const before = await code(page);

  await page.getByTestId('settings').click();
  const panel = page.getByTestId('ready-panel');
  await fact(panel, 'backup', false, 'none');
  await expect(panel.getByTestId('ready-backup')).toContainText('No backup has been made on this device.');
  await fact(panel, 'kit', false, 'none');
  await fact(panel, 'passphrase', true, 'recent');
  const persisted = await page.evaluate(() => navigator.storage.persisted());
  await fact(panel, 'storage', persisted, persisted ? 'persistent' : 'not-persistent');
  await expectNoViolations(page, ['omamori-app', 'omamori-settings', 'omamori-ready-panel']);

  // A backup (with a generated transfer code: no key derivation) holds every account.
  await page.getByTestId('backup-export').click();
  await page.getByTestId('backup-use-code').click();
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toBeVisible({ timeout: 30_000 });
  await fact(panel, 'backup', true, 'complete');
  await page.getByTestId('backup-done').click();

  // Every account is in a backup, so the list's backup bar is gone; its one line now names the kit.
  await page.getByTestId('settings-back').click();
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);
  await expect(page.getByTestId('ready-bar')).toHaveText(/Not ready to recover: no checked recovery kit\./u);
  await page.getByTestId('ready-bar-open').click();

  // A whole-key kit, a minute later, checked at once by typing its words back.
  await page.clock.setFixedTime(RFC_TIME_MS + 60_000);
  const kit = page.getByTestId('recovery-kit');
  await kit.getByTestId('kit-create').click();
  await kit.getByTestId('kit-split').selectOption('0');
  await kit.getByTestId('kit-passphrase').fill(PASSPHRASE);
  await kit.getByTestId('kit-submit').click();
  await expect(kit.getByTestId('kit-sheet')).toHaveCount(1, { timeout: 30_000 });
  const words = (await kit.getByTestId('kit-words').locator('li').allTextContents()).join(' ');
  expect(words.split(' ')).toHaveLength(24);
  await fact(panel, 'kit', false, 'unchecked');
  await kit.getByTestId('kit-to-check').click();
  await kit.getByTestId('kit-check-input').fill(words);
  await kit.getByTestId('kit-check').click();
  await expect(kit.getByTestId('kit-state')).toContainText('checked.');
  // The backup was made before the kit: the kit does not open it, and the panel says so.
  await fact(panel, 'kit', false, 'old-backup');

  // The practice check: a wrong passphrase is only "wrong", with no wait afterwards.
  await panel.getByTestId('ready-pass').fill('not my passphrase');
  await panel.getByTestId('ready-check-run').click();
  await expect(panel.getByTestId('ready-check-answer')).toContainText('That is not your passphrase.', { timeout: 30_000 });

  // Locked, the passphrase forgotten: the kit's words and a new passphrase open the vault.
  await page.clock.setFixedTime(RFC_TIME_MS);
  await page.getByTestId('settings-back').click();
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-use-kit').click();
  const form = page.getByTestId('kit-unlock');
  // A lazy element (after the full English table): axe's include must not run before it is there.
  await expect(form.getByTestId('kit-new-pass')).toBeVisible();
  await expectNoViolations(page, ['omamori-app', 'omamori-unlock', 'omamori-kit-unlock']);
  await form.getByTestId('kit-sheet-input').first().fill(words);
  await form.getByTestId('kit-new-pass').fill(NEW_PASSPHRASE);
  await form.getByTestId('kit-new-confirm').fill(`${NEW_PASSPHRASE} typo`);
  await form.getByTestId('kit-unlock-submit').click();
  await expect(form.getByTestId('kit-unlock-error')).toHaveText('The two passphrases are not the same.');
  await form.getByTestId('kit-new-confirm').fill(NEW_PASSPHRASE);
  await form.getByTestId('kit-unlock-submit').click();
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 30_000 });
  expect(await code(page)).toBe(before);
  await expect(page.getByTestId('backup-banner')).toHaveCount(0);
  await expect(page.getByTestId('ready-bar')).toHaveCount(0);

  // The new passphrase is the vault's now.
  await page.getByTestId('lock').click();
  await unlock(page, NEW_PASSPHRASE);
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 30_000 });
});
