/**
 * The safety nets of issue #14: Recently deleted (delete → restore; delete for good; no export
 * holds a deleted account), the clock check (a skewed browser clock, the opt-in correction) and
 * the import guide (which app → its steps → the file; a long name fits at 320 px), and the Edit
 * screen's icon (the list's).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { AccountData } from '../src/core/account';
import { generateCode } from '../src/core/codes';
import { addAccountByKey, createVault, deleteAccountFromList, openAccountEditor, PASSPHRASE, RFC_SECRET } from './support/helpers';

test('Recently deleted: a deleted account comes back, or goes for good, and is in no export', async ({ page }) => {
  await page.clock.install();
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Keeper', name: 'k', secret: RFC_SECRET });
  await addAccountByKey(page, { issuer: 'Dropped', name: 'd', secret: 'JBSWY3DPEHPK3PXP' });
  const cards = page.getByTestId('code-card');

  await deleteAccountFromList(page, 'Dropped');
  await expect(page.getByText('Dropped moved to Recently deleted.')).toBeVisible();
  await expect(cards).toHaveCount(1);

  await page.getByTestId('settings').click();
  const panel = page.getByTestId('recently-deleted');
  await expect(panel.getByTestId('deleted-item')).toHaveCount(1);
  await expect(panel.getByTestId('deleted-item')).toContainText('Dropped');
  await panel.getByRole('button', { name: 'Restore Dropped' }).click();
  await expect(panel.getByTestId('deleted-empty')).toBeVisible();
  await page.getByTestId('settings-back').click();
  await expect(cards).toHaveCount(2);

  await deleteAccountFromList(page, 'Dropped');
  await expect(cards).toHaveCount(1);
  await page.getByTestId('settings').click();
  await panel.getByRole('button', { name: 'Delete Dropped for good' }).click();
  await panel.getByTestId('deleted-remove-confirm').click();
  await expect(panel.getByTestId('deleted-empty')).toBeVisible();

  // Delete Keeper too, then bring it back after an export: the export has only what is in the list.
  await page.getByTestId('settings-back').click();
  await deleteAccountFromList(page, 'Keeper');
  await expect(cards).toHaveCount(0);
  await addAccountByKey(page, { issuer: 'Fresh', name: 'f', secret: 'GEZDGNBVGY3TQOJQ' });
  await page.getByTestId('settings').click();
  await expect(panel.getByTestId('deleted-item')).toContainText('Keeper');
  await page.clock.fastForward(61_000);
  await page.getByTestId('export-otpauth').click();
  await page.getByTestId('reauth-passphrase').fill(PASSPHRASE);
  await page.getByTestId('reauth-submit').click();
  await page.getByTestId('plain-confirm').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plain-download').click()]);
  const lines = readFileSync(await download.path(), 'utf8')
    .split('\n')
    .filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('Fresh');
});

test('clock check: a device clock 47 s fast is named, and the opt-in makes the right codes', async ({ page }) => {
  // The page's clock runs 47 s ahead of this machine's, whose time the preview server's Date tells.
  await page.clock.install({ time: Date.now() + 47_000 });
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Clock', name: 'c', secret: RFC_SECRET });
  await expect(page.getByTestId('clock-warning').locator('p')).toHaveText(/^Your device clock is 4[678] s fast, so codes may be refused\.$/);
  const account: AccountData = {
    type: 'totp',
    issuer: 'Clock',
    name: 'c',
    secretB32: RFC_SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    pin: '',
  };
  const shown = async (): Promise<string> => ((await page.getByTestId('code-card').getByTestId('code').textContent()) ?? '').replace(/\s/g, '');
  // Either side of the moment read, in case a step boundary falls between the two clocks' reads.
  const rightCodes = (): string[] => [generateCode(account, Date.now() - 2_000), generateCode(account, Date.now() + 2_000)];
  expect(rightCodes()).not.toContain(await shown());

  await page.getByTestId('clock-correct').click();
  await expect(page.getByTestId('clock-corrected')).toContainText('Codes are corrected');
  await expect.poll(async () => rightCodes().includes(await shown())).toBe(true);
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('clock-status')).toContainText(/fast\. Codes are corrected for it\.$/);
});

test('import guide: which app, its steps, the file; the preview fits 320 px with long names', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 700 });
  await createVault(page);
  await page.getByTestId('settings').click();
  await page.getByTestId('open-import').click();
  await expect(page.getByRole('heading', { name: 'Which app are your accounts in?' })).toBeVisible();
  await page.getByTestId('import-app-search').fill('aeg');
  // Aegis, and the link lists that Aegis also writes.
  await expect(page.getByTestId('import-app')).toHaveCount(2);
  await page.getByRole('button', { name: 'Aegis', exact: true }).click();
  await expect(page.getByTestId('import-steps')).toContainText('In Aegis, open Settings → Import & Export → Export.');

  const file = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../test/fixtures/import/aegis/plain-v3.json'), 'utf8')) as {
    db: { entries: { name: string; issuer: string }[] };
  };
  file.db.entries[0]!.name = `${'x'.repeat(80)}@example.org`;
  file.db.entries[0]!.issuer = '日本語の長いサービス名前'.repeat(4);
  await page.getByTestId('import-file').setInputFiles({ name: 'aegis.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByTestId('import-preview')).toContainText('Read as an Aegis export.');
  await expect(page.getByRole('heading', { name: /^Will be added: \d+$/ })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
});

test('the Edit screen previews the icon the list shows', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'GitHub', name: 'octocat', secret: RFC_SECRET });
  // One icon decision: the brand icon in the list is the one the Edit screen previews.
  await expect(page.getByTestId('code-card').getByTestId('icon-brand')).toHaveAttribute('data-brand', 'github');
  await openAccountEditor(page, 'GitHub');
  await expect(page.getByTestId('icon-preview').getByTestId('icon-brand')).toHaveAttribute('data-brand', 'github');
});
