/**
 * Bar 9 (reduced): the page is closed at different moments of a 500-account restore; the
 * database then holds all of them or none. The files are written in Node with the production
 * codec (transfer-code slot, so no Argon2 in the test runner).
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeBase32 } from '../src/core/base32';
import type { AccountData } from '../src/core/account';
import { createInProcessKdf } from '../src/core/crypto/kdf';
import { writeExportFile } from '../src/core/export-file';
import { generateTransferCode } from '../src/core/transfer-code';
import { createVault, PASSPHRASE } from './support/helpers';

const COUNT = 500;
const DELAYS_MS = [0, 2, 5, 10, 20, 30, 40, 55, 70, 85, 100, 125, 150, 200, 250, 325, 400, 550, 700, 900];

async function makeFile(trial: number): Promise<{ bytes: Buffer; code: string }> {
  const accounts: AccountData[] = Array.from({ length: COUNT }, (_, i) => ({
    type: 'totp',
    issuer: `Trial ${trial}`,
    name: `user${i}@example.com`,
    secretB32: encodeBase32(crypto.getRandomValues(new Uint8Array(20))),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    pin: '',
  }));
  const code = generateTransferCode();
  const bytes = await writeExportFile(accounts, { kind: 'transfer-code', code }, { kdf: createInProcessKdf(), now: new Date(), app: 'e2e' });
  return { bytes: Buffer.from(bytes), code };
}

async function accountRows(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const req = indexedDB.open('omamori');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const count = db.transaction('accounts', 'readonly').objectStore('accounts').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/** A fresh device at the restore screen: the first-run restore, or Settings → Restore of a new vault. */
async function restoreScreen(page: Page, firstRun: boolean): Promise<void> {
  if (firstRun) {
    await page.goto('/');
    await page.getByTestId('start-restore').click();
    await page.getByTestId('new-passphrase').fill(PASSPHRASE);
    await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
    await page.getByTestId('create-submit').click();
  } else {
    await createVault(page);
    await page.getByTestId('settings').click();
    await page.getByTestId('restore-open').click();
  }
  await expect(page.getByTestId('restore-file')).toBeVisible({ timeout: 30_000 });
}

// Each trial is a device of its own (a fresh browser context), half of them restoring at first
// run and half from Settings: one vault growing by 500 accounts a trial made each later unlock
// and preview slower, and the test took four minutes of a worker.
test('closing the page during a 500-account restore leaves all of them or none (20 trials)', async ({ browser }) => {
  test.setTimeout(300_000);
  const outcomes: string[] = [];
  for (const [trial, delay] of DELAYS_MS.entries()) {
    const { bytes, code } = await makeFile(trial);
    const context = await browser.newContext();
    const page = await context.newPage();
    await restoreScreen(page, trial % 2 === 0);
    await page.getByTestId('restore-file').setInputFiles({ name: `t${trial}.omamori`, mimeType: 'application/json', buffer: bytes });
    await page.getByTestId('restore-code').fill(code);
    await page.getByTestId('restore-submit').click();
    await expect(page.getByTestId('restore-import')).toHaveText(`Import ${COUNT} accounts`, { timeout: 30_000 });
    await page.getByTestId('restore-import').click();
    await page.waitForTimeout(delay);
    await page.close({ runBeforeUnload: false });
    const probe = await context.newPage();
    await probe.goto('/');
    const rows = await accountRows(probe);
    await context.close();
    expect([0, COUNT]).toContain(rows);
    outcomes.push(`${delay} ms: ${rows === 0 ? 'none' : 'all'}`);
  }
  test.info().annotations.push({ type: 'outcomes', description: outcomes.join(', ') });
  console.log(`restore interrupted at: ${outcomes.join(', ')}`);
});
