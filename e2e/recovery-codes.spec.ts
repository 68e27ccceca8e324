import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addAccountByKey, createVault, PASSPHRASE, rowAction, unlock } from './support/helpers';

// A fixed clock: the "used" date is predictable (and re-authentication stays recent).
const NOW = new Date('2026-03-14T10:00:00Z');
const USED_ON = 'Used Mar 14, 2026';
const BACKUP_PASS = 'recovery backup passphrase';
const CODES = ['1a2b3-c4d5e', 'f6a7b-8c9d0', 'e1f2a-3b4c5', 'd6e7f-8a9b0'];
// As GitHub's download looks, with a heading and a line of prose around the (made-up) codes.
const PASTE = `GitHub recovery codes\nKeep your recovery codes as safe as your password.\n\n${CODES.join('\n')}\n`;

async function device(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const page = await context.newPage();
  await page.clock.setFixedTime(NOW);
  return page;
}

async function openDetails(page: Page, issuer: string): Promise<void> {
  await rowAction(page.getByTestId('code-card').filter({ hasText: issuer }), 'edit');
  await expect(page.getByTestId('recovery-codes')).toBeVisible();
}

const count = (page: Page) => page.getByTestId('recovery-count');
const row = (page: Page, n: number) => page.getByTestId('recovery-code').nth(n);

async function pasteCodes(page: Page): Promise<void> {
  await page.getByTestId('recovery-add').click();
  await expect(page.getByTestId('recovery-text')).toBeFocused();
  await page.getByTestId('recovery-read').click();
  await expect(page.getByTestId('recovery-text-error')).toHaveText('No codes found. Paste the list of codes the site showed you.');
  await page.getByTestId('recovery-text').fill(PASTE);
  await page.getByTestId('recovery-read').click();
  // Shown for confirmation first, nothing saved yet; "Edit text" goes back with the text kept.
  await expect(page.getByTestId('recovery-found')).toHaveText('Found 4 codes. Check them against the site before saving.');
  await expect(page.getByTestId('recovery-preview').locator('li')).toHaveText(CODES);
  await page.getByTestId('recovery-edit-text').click();
  await expect(page.getByTestId('recovery-text')).toHaveValue(PASTE);
  await page.getByTestId('recovery-read').click();
  await page.getByTestId('recovery-save').click();
  await expect(count(page)).toHaveText('4 of 4 left');
}

async function exportBackup(page: Page): Promise<Buffer> {
  await page.getByTestId('settings').click();
  await page.getByTestId('backup-export').click();
  await page.getByTestId('backup-passphrase').fill(BACKUP_PASS);
  await page.getByTestId('backup-passphrase-confirm').fill(BACKUP_PASS);
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  const bytes = await readFile(await download.path());
  await page.getByTestId('backup-done').click();
  return bytes;
}

async function restoreInto(page: Page, bytes: Buffer): Promise<void> {
  await page.goto('/');
  await page.getByTestId('start-restore').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await page.getByTestId('restore-file').setInputFiles({ name: 'backup.omamori', mimeType: 'application/json', buffer: bytes });
  await page.getByTestId('restore-passphrase').fill(BACKUP_PASS);
  await page.getByTestId('restore-submit').click();
  await page.getByTestId('restore-import').click({ timeout: 30_000 });
  await expect(page.getByTestId('code-card')).toHaveCount(1);
}

test.describe('recovery codes', () => {
  test('paste → confirm → mark used → count drops, warning at two left; survives a reload and an encrypted backup', async ({ browser }) => {
    const page = await device(browser);
    await createVault(page);
    await addAccountByKey(page, { issuer: 'GitHub', name: 'octocat', secret: 'JBSWY3DPEHPK3PXP' });
    await openDetails(page, 'GitHub');
    await expect(page.getByTestId('recovery-none')).toBeVisible();
    await pasteCodes(page);

    // Secrets: hidden until asked for, marking and copying work while hidden.
    const section = page.getByTestId('recovery-codes');
    for (const code of CODES) await expect(section).not.toContainText(code);
    await expect(row(page, 0).getByTestId('recovery-code-text')).toContainText('•••••-•••••');
    await page.getByTestId('recovery-toggle-show').click();
    await expect(page.getByTestId('recovery-toggle-show')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('recovery-code-text')).toHaveText(CODES);
    await page.getByTestId('recovery-toggle-show').click();
    await expect(section).not.toContainText(CODES[0]!);

    await row(page, 2).getByTestId('recovery-copy').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(CODES[2]);

    await row(page, 0).getByRole('button', { name: 'Mark code 1 as used' }).click();
    await expect(count(page)).toHaveText('3 of 4 left');
    await expect(row(page, 0).getByTestId('recovery-used-at')).toHaveText(USED_ON);
    await expect(row(page, 0).getByTestId('recovery-unmark')).toBeFocused();
    await expect(page.getByTestId('recovery-warning')).toHaveCount(0);

    await row(page, 1).getByTestId('recovery-mark').click();
    await expect(count(page)).toHaveText('2 of 4 left');
    await expect(page.getByTestId('recovery-warning')).toContainText('Running low: 2 left.');
    // Undo a mark, then mark again.
    await row(page, 1).getByTestId('recovery-unmark').click();
    await expect(count(page)).toHaveText('3 of 4 left');
    await expect(page.getByTestId('recovery-warning')).toHaveCount(0);
    await row(page, 1).getByTestId('recovery-mark').click();
    await expect(count(page)).toHaveText('2 of 4 left');

    // Recovery codes are never search results.
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByTestId('search').fill(CODES[3]!);
    await expect(page.getByTestId('code-card')).toHaveCount(0);
    await page.getByTestId('search').fill('');

    await page.reload();
    await unlock(page);
    await openDetails(page, 'GitHub');
    await expect(count(page)).toHaveText('2 of 4 left');
    expect(await page.getByTestId('recovery-code').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-used')))).toEqual([
      'true',
      'true',
      'false',
      'false',
    ]);
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();

    const bytes = await exportBackup(page);
    expect(bytes.toString('utf8')).not.toContain(CODES[0]!);

    const other = await device(browser);
    await restoreInto(other, bytes);
    await openDetails(other, 'GitHub');
    await expect(count(other)).toHaveText('2 of 4 left');
    await expect(other.getByTestId('recovery-warning')).toBeVisible();
    await expect(row(other, 0).getByTestId('recovery-used-at')).toHaveText(USED_ON);
    await expect(row(other, 1).getByTestId('recovery-used-at')).toHaveText(USED_ON);
    await expect(row(other, 2).getByTestId('recovery-mark')).toBeVisible();
    await other.getByTestId('recovery-toggle-show').click();
    await expect(other.getByTestId('recovery-code-text')).toHaveText(CODES);
    await page.context().close();
    await other.context().close();
  });

  test('all used → "none left" warning; replacing asks for confirmation; delete all can be undone', async ({ browser }) => {
    const page = await device(browser);
    await createVault(page);
    await addAccountByKey(page, { issuer: 'GitHub', name: 'octocat', secret: 'JBSWY3DPEHPK3PXP' });
    await openDetails(page, 'GitHub');
    await pasteCodes(page);
    for (let i = 0; i < CODES.length; i++) {
      await row(page, i).getByTestId('recovery-mark').click();
      await expect(count(page)).toHaveText(`${CODES.length - i - 1} of 4 left`);
    }
    await expect(page.getByTestId('recovery-warning')).toHaveText(/^All recovery codes are used\./);

    await page.getByTestId('recovery-replace').click();
    await page.getByTestId('recovery-text').fill('1. 3816 5624\n2. 7734 1290\n3. 4408 2217');
    await page.getByTestId('recovery-read').click();
    await expect(page.getByTestId('recovery-replace-warning')).toHaveText('Saving replaces the 4 codes saved now.');
    await page.getByTestId('recovery-save').click();
    await expect(count(page)).toHaveText('3 of 3 left');

    await page.getByTestId('recovery-delete-all').click();
    await expect(page.getByTestId('recovery-none')).toBeVisible();
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await expect(count(page)).toHaveText('3 of 3 left');
    await page.context().close();
  });
});
