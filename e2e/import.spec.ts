/**
 * Importing another app's encrypted export through the UI, one file per encryption scheme (Aegis, 2FAS,
 * Bitwarden, Ente, Proton): pick → password → preview → import → the codes at a fixed clock.
 * The files are our committed fixtures (test/fixtures/import), written from each app's format.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { generateCode, groupCode } from '../src/core/codes';
import { readImport } from '../src/formats/import/registry';
import { addAccountByKey, createVault, RFC_SECRET } from './support/helpers';

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
