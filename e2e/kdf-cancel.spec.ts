/**
 * Cancel during a key derivation (issue 12): restoring a backup, exporting one, creating the vault,
 * unlocking it and changing the passphrase each show their progress and a Cancel button, and Cancel leaves
 * everything as it was — nothing stored, no file offered, the form still filled in, a short note.
 *
 * The derivation is slowed deliberately and deterministically: a wrapper around `Worker` (installed
 * before the app loads) lets the real Argon2id worker run but holds its answer while `hold` is on,
 * so the test presses Cancel while the page is still waiting for the key. It also counts the
 * workers started and terminated: Cancel must terminate the worker, not leave it running.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { addAccountByKey, createVault, dumpStorage as dumpAll, PASSPHRASE, RFC_SECRET, unlock } from './support/helpers';

declare global {
  interface Window {
    __kdf: { hold: boolean; pass: number; started: number; terminated: number; held: number };
  }
}

const CANCELLED = 'Cancelled. Nothing was changed.';
const BACKUP_PASS = 'a backup passphrase for cancelling';

/**
 * The Worker wrapper, as plain JavaScript: Playwright would compile a TypeScript function and its
 * class helpers would be missing in the page. `pass`: how many answers still go through while
 * `hold` is on (for an operation that derives twice).
 */
const SLOW_KDF = `(() => {
  const Real = window.Worker;
  const state = { hold: false, pass: 0, started: 0, terminated: 0, held: 0 };
  window.__kdf = state;
  window.Worker = class extends Real {
    constructor(url, options) {
      super(url, options);
      this.__isKdf = String(url).includes('argon2');
      if (this.__isKdf) state.started++;
    }
    set onmessage(listener) {
      const isKdf = this.__isKdf;
      // The key (or an error) ends a derivation: held back while hold is on.
      super.onmessage = listener === null ? null : (event) => {
        const final = isKdf && typeof event.data === 'object' && event.data !== null && !('progress' in event.data);
        if (final && state.hold && state.pass > 0) state.pass--;
        else if (final && state.hold) {
          state.held++;
          return;
        }
        listener.call(this, event);
      };
    }
    get onmessage() {
      return super.onmessage;
    }
    terminate() {
      if (this.__isKdf) state.terminated++;
      super.terminate();
    }
  };
})();`;

/** Installs the Worker wrapper; call before the first navigation. */
async function slowKdf(page: Page): Promise<void> {
  await page.addInitScript({ content: SLOW_KDF });
}

const kdfState = (page: Page) => page.evaluate(() => ({ ...window.__kdf }));
const hold = (page: Page, on: boolean, pass = 0) => page.evaluate(([value, n]) => Object.assign(window.__kdf, { hold: value, pass: n }), [on, pass] as const);

/** The storage dump without the auto-lock's tab-presence heartbeat, which ticks on its own. */
async function dumpStorage(page: Page): Promise<string> {
  return (await dumpAll(page))
    .split('\n')
    .filter((line) => !line.startsWith('localStorage omamori.autolock.presence='))
    .join('\n');
}

/** Waits until the derivation is under way (the worker said it started) and its answer is held. */
async function waitForHeldKey(page: Page): Promise<void> {
  await expect.poll(async () => (await kdfState(page)).held, { timeout: 30_000 }).toBeGreaterThan(0);
}

async function expectAllWorkersEnded(page: Page): Promise<void> {
  const { started, terminated } = await kdfState(page);
  expect(started).toBeGreaterThan(0);
  expect(terminated).toBe(started);
}

test.describe('Cancel during a key derivation', () => {
  test('export: Cancel offers no file, records no export, keeps the form; the next try works', async ({ page }) => {
    await slowKdf(page);
    await createVault(page);
    await addAccountByKey(page, { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET });
    await page.getByTestId('settings').click();
    await page.getByTestId('backup-export').click();
    await page.getByTestId('backup-passphrase').fill(BACKUP_PASS);
    await page.getByTestId('backup-passphrase-confirm').fill(BACKUP_PASS);
    const before = await dumpStorage(page);

    await hold(page, true);
    await page.getByTestId('backup-create').click();
    await expect(page.getByTestId('backup-working')).toContainText('Encrypting and checking the backup');
    await waitForHeldKey(page);
    await expect(page.getByTestId('backup-working')).toContainText('(Step 1 of 2)');
    await expect(page.getByTestId('kdf-cancel')).toBeFocused();
    await page.getByTestId('kdf-cancel').click();

    await expect(page.getByTestId('backup-note')).toHaveText(CANCELLED);
    await expect(page.getByTestId('backup-working')).toHaveCount(0);
    await expect(page.getByTestId('backup-download')).toHaveCount(0);
    await expect(page.getByTestId('backup-passphrase')).toHaveValue(BACKUP_PASS);
    await expect(page.getByTestId('backup-passphrase-confirm')).toHaveValue(BACKUP_PASS);
    await expect(page.getByTestId('backup-create')).toBeFocused();
    await expect(page.getByTestId('backup-last-export')).toHaveText('No backup has been made on this device yet.');
    await expectAllWorkersEnded(page);
    expect(await dumpStorage(page)).toBe(before);

    await hold(page, false);
    await page.getByTestId('backup-create').click();
    await expect(page.getByTestId('backup-ready')).toHaveText('Backup ready and checked: 1 account.', { timeout: 30_000 });
  });

  test('restore: Cancel leaves the vault as it was and the passphrase typed; the next try opens the file', async ({ browser }) => {
    // A file made by the app, on a first device.
    const a = await browser.newPage({ acceptDownloads: true });
    await createVault(a);
    await addAccountByKey(a, { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET });
    await a.getByTestId('settings').click();
    await a.getByTestId('backup-export').click();
    await a.getByTestId('backup-passphrase').fill(BACKUP_PASS);
    await a.getByTestId('backup-passphrase-confirm').fill(BACKUP_PASS);
    await a.getByTestId('backup-create').click();
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('backup-download').click({ timeout: 30_000 })]);
    const bytes = await readFile(await download.path());
    await a.context().close();

    const page = await browser.newPage();
    await slowKdf(page);
    await createVault(page);
    await page.getByTestId('settings').click();
    await page.getByTestId('restore-open').click();
    await page.getByTestId('restore-file').setInputFiles({ name: 'backup.omamori', mimeType: 'application/json', buffer: bytes });
    await page.getByTestId('restore-passphrase').fill(BACKUP_PASS);
    const before = await dumpStorage(page);

    await hold(page, true);
    await page.getByTestId('restore-submit').click();
    await expect(page.getByTestId('restore-working')).toContainText('Opening the backup');
    await waitForHeldKey(page);
    await page.getByTestId('kdf-cancel').click();

    await expect(page.getByTestId('restore-note')).toHaveText(CANCELLED);
    await expect(page.getByTestId('restore-preview')).toHaveCount(0);
    await expect(page.getByTestId('restore-passphrase')).toHaveValue(BACKUP_PASS);
    await expect(page.getByTestId('restore-passphrase')).toBeFocused();
    await expectAllWorkersEnded(page);
    expect(await dumpStorage(page)).toBe(before);

    await hold(page, false);
    await page.getByTestId('restore-submit').click();
    await expect(page.getByTestId('restore-new').locator('li')).toHaveCount(1, { timeout: 30_000 });
    // Made by the app with its own settings: no weak-settings warning.
    await expect(page.getByTestId('restore-weak')).toHaveCount(0);
    await page.context().close();
  });

  test('create vault: Cancel stores no vault and keeps both fields; the next try creates it', async ({ page }) => {
    await slowKdf(page);
    await page.goto('/');
    await page.getByTestId('start-create').click();
    await page.getByTestId('new-passphrase').fill(PASSPHRASE);
    await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
    const before = await dumpStorage(page);
    await hold(page, true);
    await page.getByTestId('create-submit').click();
    await waitForHeldKey(page);
    await page.getByTestId('kdf-cancel').click();
    await expect(page.getByTestId('create-note')).toHaveText(CANCELLED);
    await expect(page.getByTestId('new-passphrase')).toHaveValue(PASSPHRASE);
    await expect(page.getByTestId('confirm-passphrase')).toHaveValue(PASSPHRASE);
    await expectAllWorkersEnded(page);
    expect(await dumpStorage(page)).toBe(before);
    await hold(page, false);
    await page.getByTestId('create-submit').click();
    await expect(page.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
  });

  test('unlock: Cancel keeps the vault locked and the passphrase typed, counts no wrong attempt; the next try unlocks', async ({ page }) => {
    await slowKdf(page);
    await createVault(page);
    await addAccountByKey(page, { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET });
    await page.getByTestId('lock').click();
    const before = await dumpStorage(page);
    await hold(page, true);
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.getByTestId('unlock-submit').click();
    await waitForHeldKey(page);
    await expect(page.getByTestId('unlock-submit')).toBeDisabled();
    await page.getByTestId('unlock-cancel').click();
    await expect(page.getByTestId('unlock-note')).toHaveText(CANCELLED);
    await expect(page.getByTestId('unlock-cancel')).toHaveCount(0);
    await expect(page.getByTestId('unlock-error')).toHaveCount(0);
    await expect(page.getByTestId('unlock-passphrase')).toHaveValue(PASSPHRASE);
    await expect(page.getByTestId('unlock-passphrase')).toBeFocused();
    await expect(page.getByTestId('code-card')).toHaveCount(0);
    await expectAllWorkersEnded(page);
    // No wrong-passphrase count, nothing else written.
    expect(await dumpStorage(page)).toBe(before);
    await hold(page, false);
    await page.getByTestId('unlock-submit').click();
    await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 30_000 });
  });

  test('change passphrase: Cancel during the new key keeps the old passphrase working', async ({ page }) => {
    await slowKdf(page);
    await createVault(page);
    await page.getByTestId('settings').click();
    await page.getByTestId('change-passphrase').click();
    await page.getByTestId('current-pass').fill(PASSPHRASE);
    await page.getByTestId('new-pass').fill('a brand new passphrase');
    await page.getByTestId('confirm-pass').fill('a brand new passphrase');
    const before = await dumpStorage(page);
    // The current passphrase's derivation goes through; the new one's is held.
    await hold(page, true, 1);
    await page.getByTestId('security-confirm').click();
    await waitForHeldKey(page);
    await expect(page.getByTestId('security-working')).toContainText('(Step 2 of 2)');
    await page.getByTestId('kdf-cancel').click();
    await expect(page.getByTestId('security-note')).toHaveText(CANCELLED);
    await expect(page.getByTestId('new-pass')).toHaveValue('a brand new passphrase');
    await expect(page.getByTestId('security-confirm')).toBeFocused();
    await expectAllWorkersEnded(page);
    expect(await dumpStorage(page)).toBe(before);
    await hold(page, false);

    await page.getByTestId('settings-back').click();
    await page.getByTestId('lock').click();
    await unlock(page, PASSPHRASE);
    await expect(page.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
  });
});
