/**
 * Issue #17, the user's path for a password manager's file, in one test (the logic is unit-tested
 * in test/unit/formats/import/password-managers.test.ts): the guide's CXF page → Import from
 * another app → our committed CXF fixture → a preview that says what comes across and what stays
 * behind and why → one step → the codes; then Settings exports a CXF file that our importer reads
 * back to the same accounts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readImport } from '../src/formats/import/registry';
import { createVault, openScanner } from './support/helpers';

const CXF_FIXTURE = path.resolve(import.meta.dirname, '../test/fixtures/import/cxf/export.json');

test('a CXF file: guide, preview with what stays behind, import, and a CXF export that reads back', async ({ page }) => {
  test.setTimeout(90_000);
  const bytes = readFileSync(CXF_FIXTURE);
  const expected = await readImport({ bytes: new Uint8Array(bytes), fileName: 'export.json' });
  expect(expected.accounts).toHaveLength(3);

  await createVault(page);
  await openScanner(page);
  await page.getByTestId('open-guide').click();
  await expect(page.getByTestId('guide-cxf')).toContainText('Credential Exchange Format');
  await expect(page.getByTestId('guide-apple-passwords')).toContainText('Export All Passwords');
  await expect(page.getByTestId('guide-1password')).toContainText('1PUX');
  await page.getByTestId('guide-import').click();

  await page.getByTestId('import-file').setInputFiles({ name: 'export.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('import-new').getByRole('listitem')).toHaveCount(3);
  const problems = page.getByTestId('import-problems').getByRole('listitem');
  await expect(problems).toHaveCount(5);
  // The name, then the reason beside it (the preview's list).
  await expect(problems.filter({ hasText: 'Acme (passkey)' })).toContainText('Not an authenticator code');
  await expect(problems.filter({ hasText: 'Future Corp (frank)' })).toContainText('SHA-1');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('code-card')).toHaveCount(3, { timeout: 30_000 });

  await page.getByTestId('settings').click();
  await page.getByTestId('interop-format').selectOption('cxf');
  await expect(page.getByTestId('interop-warning')).toBeVisible();
  await page.getByTestId('interop-confirm-plain').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('interop-export').click()]);
  const back = await readImport({ bytes: new Uint8Array(readFileSync((await download.path())!)), fileName: download.suggestedFilename() });
  expect(back.format).toBe('cxf');
  const key = (a: { issuer: string; name: string; secretB32: string }): string => `${a.issuer}|${a.name}|${a.secretB32}`;
  expect(back.accounts.map(key).sort()).toEqual(expected.accounts.map(key).sort());
});
