/**
 * #17: a file of an app without an export through the app's import Worker, the user's path:
 * Microsoft Authenticator's SQLite database (read from the file format in the Worker, under the
 * CSP) and Authy's preferences XML (xmldom) give a preview with what comes
 * across and what does not and why, and Import adds the accounts. The formats themselves are
 * unit-tested (test/unit/formats/import/app-databases.test.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createVault } from './support/helpers';

const FIXTURES = path.resolve(import.meta.dirname, '../test/fixtures/import');

async function choose(page: Page, rel: string): Promise<void> {
  await page
    .getByTestId('import-file')
    .setInputFiles({ name: path.basename(rel), mimeType: 'application/octet-stream', buffer: readFileSync(path.join(FIXTURES, rel)) });
}

test("imports Microsoft Authenticator's database and Authy's file, listing Microsoft's own account as not movable", async ({ page }) => {
  test.setTimeout(120_000);
  await createVault(page);
  await page.getByTestId('settings').click();
  await page.getByTestId('open-import').click();

  await choose(page, 'microsoft-authenticator/PhoneFactor');
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-new').getByRole('listitem')).toHaveCount(1);
  await expect(page.getByTestId('import-problems')).toContainText('Microsoft (someone@outlook.example)');
  await expect(page.getByTestId('import-problems')).toContainText('has no key that can move');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 30_000 });

  await page.getByTestId('settings').click();
  await page.getByTestId('open-import').click();
  await choose(page, 'authy/com.authy.storage.tokens.authenticator.xml');
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('import-problems')).toContainText('Broken (nobody)');
  await page.getByTestId('import-commit').click();
  // Alice is already in the vault from Microsoft's file: only Bob is new.
  await expect(page.getByTestId('code-card')).toHaveCount(2, { timeout: 30_000 });
});
