/**
 * The paper backup of the accounts (issue #16 point 6), the user's path: with a checked recovery
 * kit, print the accounts as QR codes (print media; every printed code decoded here in Node from
 * a screenshot of its page), then on a new device restore from photos of the pages, in shuffled
 * order, and the kit's sheet typed — no passphrase anywhere. axe on the new screens.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addAccountByKey, createVault, PASSPHRASE } from './support/helpers';
import { cards, expectNoViolations, newDevice as device, RECOVERY_ACCOUNTS as ACCOUNTS } from './support/recovery-device';

let zxingReady: Promise<typeof import('zxing-wasm/reader')> | undefined;

/** Every QR code zxing finds in a PNG, in Node (the reader the CLI uses, with its wasm from node_modules). */
async function decodePng(png: Buffer): Promise<string[]> {
  zxingReady ??= (async () => {
    const zxing = await import('zxing-wasm/reader');
    const wasm = await readFile(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
    await zxing.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
    return zxing;
  })();
  const results = await (await zxingReady).readBarcodes(new Uint8Array(png), { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 20 });
  return results.filter((r) => r.isValid).map((r) => r.text);
}

/** Twice the pixels, as a phone's photo of a printed page has: the codes are dense. */
const newDevice = (browser: Browser): Promise<Page> => device(browser, { deviceScaleFactor: 2 });

test('a paper backup prints as QR codes and restores from photos of its pages with the kit', async ({ browser }) => {
  // Two devices and three Argon2id runs (two vaults, the kit): slow on a shared machine.
  test.setTimeout(180_000);
  const a = await newDevice(browser);
  await createVault(a);
  for (const entry of ACCOUNTS) await addAccountByKey(a, entry);
  const codesA = await cards(a);

  // No kit yet: the paper backup says the kit comes first.
  await a.getByTestId('settings').click();
  const kit = a.getByTestId('recovery-kit');
  await expect(kit.getByTestId('paper-need-kit')).toBeVisible();
  await expect(kit.getByTestId('paper-print')).toHaveCount(0);

  // A whole-key kit, checked by typing its words back.
  await kit.getByTestId('kit-create').click();
  await kit.getByTestId('kit-split').selectOption('0');
  await kit.getByTestId('kit-passphrase').fill(PASSPHRASE);
  await kit.getByTestId('kit-submit').click();
  await expect(kit.getByTestId('kit-sheet')).toHaveCount(1, { timeout: 30_000 });
  const words = (await kit.getByTestId('kit-words').locator('li').allTextContents()).join(' ');
  await kit.getByTestId('kit-to-check').click();
  await kit.getByTestId('kit-check-input').first().fill(words);
  await kit.getByTestId('kit-check').click();
  await expect(kit.getByTestId('kit-state')).toContainText('checked.');
  await expect(kit.getByTestId('paper-print')).toBeVisible();
  await expectNoViolations(a, 'paper backup: print and unencrypted sheet buttons', 'omamori-paper-backup');

  // Print: an export, so re-authentication when the last proof is too old.
  await a.evaluate(() => (window.print = () => undefined));
  await kit.getByTestId('paper-print').click();
  const reauth = a.getByTestId('reauth-dialog');
  const pages = a.getByTestId('paper-print-page');
  await expect(reauth.or(pages.first())).toBeAttached({ timeout: 30_000 });
  if (await reauth.isVisible()) {
    await a.getByTestId('reauth-passphrase').fill(PASSPHRASE);
    await a.getByTestId('reauth-submit').click();
  }
  await a.emulateMedia({ media: 'print' });
  await expect(pages.first()).toBeVisible({ timeout: 30_000 });
  await expect(a.getByTestId('settings-page')).toBeHidden();
  const pageCount = await pages.count();
  const codeCount = await a.getByTestId('paper-print-code').count();
  expect(codeCount).toBeGreaterThanOrEqual(3);
  await expect(pages.first().locator('h1')).toHaveText(`Omamori paper backup — page 1 of ${pageCount}`);
  await expect(pages.first().locator('.other').first()).toContainText('Omamori 紙のバックアップ');
  await expect(pages.first().getByTestId('paper-print-meta')).toContainText('accounts: 2');
  await expect(pages.first().getByTestId('paper-print-code').first()).toContainText(`Code 1 of ${codeCount}`);
  for (const entry of ACCOUNTS) await expect(pages.first()).not.toContainText(entry.name);

  // Photos of the pages: every printed code reads back (in Node), and none shows an account.
  const photos: Buffer[] = [];
  const texts: string[] = [];
  for (let i = 0; i < pageCount; i++) {
    const png = await pages.nth(i).screenshot();
    photos.push(png);
    const found = await decodePng(png);
    expect(found).toHaveLength(await pages.nth(i).getByTestId('paper-print-code').count());
    texts.push(...found);
  }
  expect(new Set(texts).size).toBe(codeCount);
  for (const text of texts) expect(text).toMatch(/^UR:OMAMORI-PAPER-[0-9A-F]{8}\/\d+-\d+\/[A-Z]+$/u);
  const oneCode = await pages.first().getByTestId('paper-print-code').nth(1).screenshot();
  await a.emulateMedia({ media: 'screen' });

  // The unencrypted sheet: nothing without confirming the warning; then one otpauth:// code per account.
  a.once('dialog', (d) => void d.dismiss());
  await kit.getByTestId('plain-print').click();
  await expect(a.locator('omamori-plain-print')).toHaveCount(0);
  a.once('dialog', (d) => void (d.message().startsWith('Anyone who sees this paper can sign in as you.') ? d.accept() : d.dismiss()));
  await kit.getByTestId('plain-print').click();
  await a.emulateMedia({ media: 'print' });
  const plain = a.getByTestId('plain-print-page');
  await expect(plain).toHaveCount(1);
  await expect(plain.getByTestId('plain-print-code')).toHaveText(ACCOUNTS.map((e) => `${e.issuer} — ${e.name}`));
  const links = await decodePng(await plain.screenshot());
  expect(links.map((l) => new URL(l).searchParams.get('secret')).sort()).toEqual(ACCOUNTS.map((e) => e.secret).sort());
  await a.emulateMedia({ media: 'screen' });

  // A new device, with only the printed pages and the kit's sheet.
  const b = await newDevice(browser);
  await b.goto('/');
  await b.getByTestId('start-restore').click();
  await b.getByTestId('new-passphrase').fill(PASSPHRASE);
  await b.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await b.getByTestId('create-submit').click();
  await b.getByTestId('restore-paper').click();
  const photo = (name: string, buffer: Buffer) => ({ name, mimeType: 'image/png', buffer });
  // A photo of one code, then the pages in reverse order: the progress line counts the codes.
  await b.getByTestId('scanner-file').setInputFiles([photo('one-code.png', oneCode)]);
  await expect(b.getByTestId('paper-progress')).toHaveText(/^Codes read: 1 of at least \d+ — keep going\.$/u);
  await expectNoViolations(b, 'paper backup: reading the codes', 'omamori-paper-read');
  await b.getByTestId('scanner-file').setInputFiles(photos.map((buffer, i) => photo(`page-${i + 1}.png`, buffer)).reverse());
  const sheet = b.getByTestId('kit-sheet-input');
  await expect(sheet.first()).toBeVisible({ timeout: 15_000 });
  await expect(b.getByTestId('restore-passphrase')).toHaveCount(0);
  await sheet.first().fill(words);
  await b.getByTestId('restore-submit').click();
  await expect(b.getByTestId('restore-preview')).toBeVisible({ timeout: 30_000 });
  await b.getByTestId('restore-import').click();
  await expect(b.getByTestId('code-card')).toHaveCount(ACCOUNTS.length, { timeout: 15_000 });
  expect(await cards(b)).toEqual(codesA);
});
