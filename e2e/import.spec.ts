/**
 * Importing another app's encrypted export through the UI, one file per encryption scheme (Aegis, 2FAS,
 * Bitwarden, Ente, Proton): pick → password → preview → import → the codes at a fixed clock.
 * The files are our committed fixtures (test/fixtures/import), written from each app's format.
 * Reading runs in the import worker: Cancel during a slow key derivation, and files refused
 * while they are recognised (nested too deeply, account-restricted, cut off), are tested here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateCode, groupCode } from '../src/core/codes';
import { readImport } from '../src/formats/import/registry';
import { addAccountByKey, createVault, dumpStorage as dumpAll, RFC_SECRET } from './support/helpers';

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/import');
const NOW = Date.UTC(2026, 10, 27, 9, 30, 0);

const FILES = [
  { app: 'Aegis', file: 'aegis/encrypted.json', password: 'correct horse' },
  { app: '2FAS', file: '2fas/encrypted-ja.2fas', password: 'パスワード合言葉' },
  { app: 'Bitwarden', file: 'bitwarden/protected-argon2id.json', password: 'Bitwarden ﬁxture ½' },
  { app: 'Ente', file: 'ente/encrypted.json', password: 'correct horse' },
  { app: 'Proton', file: 'proton/encrypted.json', password: 'correct horse' },
];

async function openImport(page: Page): Promise<void> {
  await page.getByTestId('settings').click();
  await page.getByTestId('open-import').click();
  await expect(page.getByTestId('import-file')).toBeVisible();
}

for (const { app, file, password } of FILES) {
  test(`imports an encrypted ${app} export: password, preview, one step, codes at a fixed clock`, async ({ page }) => {
    test.setTimeout(120_000);
    const bytes = readFileSync(path.join(FIXTURES, file));
    const fileName = path.basename(file);
    // What the file holds, read in Node by the same importer: the UI must show it all.
    const expected = await readImport({ bytes: new Uint8Array(bytes), fileName }, { password });
    const totps = expected.accounts.filter((a) => a.type === 'totp' && a.issuer !== '');
    expect(totps.length).toBeGreaterThan(0);

    await page.clock.setFixedTime(NOW);
    await createVault(page);
    await openImport(page);
    await page.getByTestId('import-file').setInputFiles({ name: fileName, mimeType: 'application/octet-stream', buffer: bytes });
    await page.getByTestId('import-password').fill('not the password');
    await page.getByTestId('import-open').click();
    await expect(page.getByTestId('import-error')).toBeVisible({ timeout: 60_000 });
    await page.getByTestId('import-password').fill(password);
    await page.getByTestId('import-open').click();
    await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('import-new').getByRole('listitem')).toHaveCount(expected.accounts.length);
    await page.getByTestId('import-commit').click();

    await expect(page.getByTestId('code-card')).toHaveCount(expected.accounts.length, { timeout: 30_000 });
    for (const account of totps) {
      const card = page
        .getByTestId('code-card')
        .filter({ has: page.getByTestId('issuer').getByText(account.issuer, { exact: true }) })
        .first();
      await expect(card.getByTestId('code')).toHaveText(groupCode(generateCode(account, NOW), account.type));
    }
  });
}

test('a file of no known format changes nothing and says so', async ({ page }) => {
  await createVault(page);
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some notes\n') });
  await expect(page.getByTestId('import-error')).toContainText('not an export Omamori can read');
  await page.getByTestId('import-back').click();
  await expect(page.getByTestId('code-card')).toHaveCount(0);
});

test('Settings exports an encrypted Aegis file that our Aegis importer opens with the same account; a plain 2FAS file needs the confirmation', async ({
  page,
}) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Exported', name: 'me@example.com', secret: RFC_SECRET });
  await page.getByTestId('settings').click();
  await page.getByTestId('interop-password').fill('aegis export pass');
  await page.getByTestId('interop-confirm').fill('aegis export pass');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('interop-export').click()]);
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  const read = await readImport({ bytes, fileName: download.suggestedFilename() }, { password: 'aegis export pass' });
  expect(read.format).toBe('aegis');
  expect(read.accounts.map((a) => [a.issuer, a.name, a.secretB32])).toEqual([['Exported', 'me@example.com', RFC_SECRET]]);

  await page.getByTestId('interop-format').selectOption('2fas');
  await expect(page.getByTestId('interop-warning')).toBeVisible();
  await expect(page.getByTestId('interop-export')).toBeDisabled();
  await page.getByTestId('interop-confirm-plain').check();
  const [plain] = await Promise.all([page.waitForEvent('download'), page.getByTestId('interop-export').click()]);
  const twofas = await readImport({ bytes: new Uint8Array(readFileSync((await plain.path())!)), fileName: plain.suggestedFilename() });
  expect(twofas.format).toBe('2fas');
  expect(twofas.accounts.map((a) => a.secretB32)).toEqual([RFC_SECRET]);
});

/** The storage dump without the auto-lock's presence heartbeat, which it writes on its own schedule. */
async function dumpStorage(page: Page): Promise<string> {
  return (await dumpAll(page))
    .split('\n')
    .filter((line) => !line.startsWith('localStorage omamori.autolock.presence='))
    .join('\n');
}

/**
 * Counts the import workers started and ended, and records the longest text the page itself
 * gives to JSON.parse (installed before any app code runs).
 */
async function watchThePage(page: Page): Promise<() => Promise<{ started: number; ended: number; longestParse: number }>> {
  const workers = { started: 0, ended: 0 };
  page.on('worker', (worker) => {
    if (!worker.url().includes('import-worker')) return;
    workers.started++;
    worker.on('close', () => workers.ended++);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __longestParse: number };
    w.__longestParse = 0;
    const parse = JSON.parse.bind(JSON);
    JSON.parse = ((text: string, reviver?: (key: string, value: unknown) => unknown) => {
      w.__longestParse = Math.max(w.__longestParse, String(text).length);
      return parse(text, reviver);
    }) as typeof JSON.parse;
  });
  return async () => ({ ...workers, longestParse: await page.evaluate(() => (window as unknown as { __longestParse: number }).__longestParse) });
}

/**
 * A password-protected Bitwarden export (our fixture) asking for Argon2id with 256 MiB and 10
 * passes: within what Bitwarden lets an account choose, so it is not refused, and seconds of work
 * in the import worker. Its key does not open anything: the test cancels long before it ends.
 */
function slowBitwardenFile(): Buffer {
  const file = JSON.parse(readFileSync(path.join(FIXTURES, 'bitwarden/protected-argon2id.json'), 'utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...file, kdfMemory: 256, kdfIterations: 10 }, null, 2));
}

test('Cancel during a slow Bitwarden key derivation stops the worker, leaves the vault as it was, and the screen imports the next file', async ({ page }) => {
  test.setTimeout(120_000);
  const watched = await watchThePage(page);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Kept', name: 'me@example.com', secret: RFC_SECRET });
  const before = await dumpStorage(page);
  await openImport(page);
  await page.getByTestId('import-file').setInputFiles({ name: 'bitwarden_export.json', mimeType: 'application/json', buffer: slowBitwardenFile() });
  await page.getByTestId('import-password').fill('any password');
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-working')).toBeVisible();
  // The page answers while the worker derives the key: Cancel is clicked and acted on mid-way.
  await page.getByTestId('import-stop').click();
  await expect(page.getByTestId('import-working')).toHaveCount(0);
  // Back at the password step, with nothing to report: the derivation did not finish (it would
  // have ended in "wrong password").
  await expect(page.getByTestId('import-password')).toBeEnabled();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect.poll(watched).toMatchObject({ started: 1, ended: 1 });
  await page.getByTestId('import-back').click();
  await expect(page.getByTestId('code-card')).toHaveCount(1);
  expect(await dumpStorage(page)).toBe(before);

  await openImport(page);
  const plain = readFileSync(path.join(FIXTURES, 'aegis/plain-v3.json'));
  await page.getByTestId('import-file').setInputFiles({ name: 'plain-v3.json', mimeType: 'application/json', buffer: plain });
  await expect(page.getByTestId('import-preview')).toBeVisible();
  const count = await page.getByTestId('import-new').getByRole('listitem').count();
  expect(count).toBeGreaterThan(0);
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('code-card')).toHaveCount(1 + count);
});

test('a file nested 5 million levels deep is refused with its sentence; the page never parses it', async ({ page }, testInfo) => {
  const watched = await watchThePage(page);
  await createVault(page);
  await page.evaluate(() => {
    const w = window as unknown as { __longestTask: number };
    w.__longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__longestTask = Math.max(w.__longestTask, entry.duration);
    }).observe({ type: 'longtask' });
  });
  await openImport(page);
  const levels = 5_000_000;
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: 'deep.json', mimeType: 'application/json', buffer: Buffer.from('['.repeat(levels) + ']'.repeat(levels)) });
  await expect(page.getByTestId('import-error')).toContainText('nested too deeply to be an export');
  await expect(page.getByTestId('import-password')).toHaveCount(0);
  // Recognised in the import worker: the page never gave the 10 MB text to JSON.parse.
  await expect.poll(watched).toMatchObject({ started: 1, ended: 1 });
  expect((await watched()).longestParse).toBeLessThan(1_000_000);
  // A figure for the record (npm run bench measures it), not a pass/fail line.
  const longest = await page.evaluate(() => (window as unknown as { __longestTask: number }).__longestTask);
  testInfo.annotations.push({ type: 'longest main-thread task', description: `${Math.round(longest)} ms` });
});

test('an account-restricted Bitwarden export is refused at once, without asking for a password', async ({ page }) => {
  await createVault(page);
  await openImport(page);
  const bytes = readFileSync(path.join(FIXTURES, 'bitwarden/account-restricted.json'));
  await page.getByTestId('import-file').setInputFiles({ name: 'bitwarden_export.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('import-error')).toContainText('can only be opened inside Bitwarden');
  await expect(page.getByTestId('import-password')).toHaveCount(0);
});

test('a cut-off Aegis export is named as a damaged Aegis export', async ({ page }) => {
  await createVault(page);
  await openImport(page);
  const whole = readFileSync(path.join(FIXTURES, 'aegis/encrypted.json'));
  await page.getByTestId('import-file').setInputFiles({ name: 'aegis-export.json', mimeType: 'application/json', buffer: whole.subarray(0, whole.length / 2) });
  await expect(page.getByTestId('import-error')).toHaveText('This looks like an Aegis export, but it is damaged or incomplete.');
  await expect(page.getByTestId('import-password')).toHaveCount(0);
});
