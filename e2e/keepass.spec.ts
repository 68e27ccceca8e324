/**
 * A KeePass database through "Import from another app" (#17): the password step offers a key
 * file for this format, a missing key file is a clear error, and the password with the key file
 * gives the preview (with the password-only entry counted, not listed) and the codes. The file
 * is our committed fixture (test/fixtures/import/keepass, KDBX 4 with Argon2d and a key file),
 * read in the import worker with kdbxweb loaded as its own chunk. Then Settings writes a KDBX 4
 * file that our importer opens with the chosen password.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { generateCode, groupCode } from '../src/core/codes';
import { readImport } from '../src/formats/import/registry';
import { addAccountByKey, createVault, RFC_SECRET } from './support/helpers';

const DIR = path.resolve(import.meta.dirname, '../test/fixtures/import/keepass');
const NOW = Date.UTC(2026, 10, 27, 9, 30, 0);
const PASSWORD = 'omamori-test';

test('imports a KeePass database locked by a password and a key file', async ({ page }) => {
  const bytes = readFileSync(path.join(DIR, 'kdbx4-argon2d-keyfile.kdbx'));
  const keyFile = readFileSync(path.join(DIR, 'keyfile.keyx'));
  const expected = await readImport({ bytes: new Uint8Array(bytes), fileName: 'vault.kdbx' }, { password: PASSWORD, keyFile: new Uint8Array(keyFile) });

  await page.clock.setFixedTime(NOW);
  await createVault(page);
  await page.getByTestId('settings').click();
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file').setInputFiles({ name: 'vault.kdbx', mimeType: 'application/octet-stream', buffer: bytes });

  // The password alone does not open it: the sentence names the key file.
  await page.getByTestId('import-password').fill(PASSWORD);
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-error')).toContainText('password or key file', { timeout: 30_000 });

  await page.getByTestId('import-key-file').setInputFiles({ name: 'keyfile.keyx', mimeType: 'application/xml', buffer: keyFile });
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-new').getByRole('listitem')).toHaveCount(expected.accounts.length);
  await expect(page.getByTestId('import-not-accounts')).toContainText('1');
  await expect(page.getByTestId('import-preview')).not.toContainText('Only a password');
  await page.getByTestId('import-commit').click();

  await expect(page.getByTestId('code-card')).toHaveCount(expected.accounts.length, { timeout: 30_000 });
  const example = expected.accounts.find((a) => a.issuer === 'Example');
  if (example === undefined) throw new Error('fixture changed');
  const card = page.getByTestId('code-card').filter({ has: page.getByTestId('issuer').getByText('Example', { exact: true }) });
  await expect(card.getByTestId('code')).toHaveText(groupCode(generateCode(example, NOW), example.type));
});

test('Settings exports a KeePass database that our importer opens with the chosen password', async ({ page }) => {
  test.setTimeout(90_000);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Exported', name: 'me@example.com', secret: RFC_SECRET });
  await page.getByTestId('settings').click();
  await page.getByTestId('interop-format').selectOption('keepass');
  await page.getByTestId('interop-password').fill('keepass export pass');
  await page.getByTestId('interop-confirm').fill('keepass export pass');
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('interop-export').click()]);
  expect(download.suggestedFilename()).toBe('omamori-export.kdbx');
  const bytes = new Uint8Array(readFileSync((await download.path())!));
  const read = await readImport({ bytes, fileName: download.suggestedFilename() }, { password: 'keepass export pass' });
  expect(read.format).toBe('keepass');
  expect(read.accounts.map((a) => [a.issuer, a.name, a.secretB32])).toEqual([['Exported', 'me@example.com', RFC_SECRET]]);
});
