/**
 * Organising the code list (issue #6): favourites on top, group chips, assigning several accounts
 * at once, renaming/deleting groups, the three sort orders, custom order by drag and drop and by
 * keyboard, and the desktop shortcuts. The vault is seeded by restoring a backup through the UI.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { listOption, unlock } from './support/helpers';
import { restoreNewVault, type SeedAccount } from './support/seed-backup';

const ACCOUNTS: SeedAccount[] = [
  { issuer: 'GitHub', name: 'alice', groups: ['Work'] },
  { issuer: 'Amazon', name: 'bob' },
  { issuer: '銀行', name: 'carol', favourite: true, groups: ['Money'] },
  { issuer: 'Zoom', name: 'dave', groups: ['Work'] },
  { issuer: 'Dropbox', name: 'erin' },
];

const issuers = (page: Page): Promise<string[]> => page.getByTestId('code-card').getByTestId('issuer').allTextContents();
const chips = (page: Page): Promise<string[]> =>
  page
    .getByTestId('group-chip')
    .allTextContents()
    .then((xs) => xs.map((x) => x.trim()));
const cell = (page: Page, issuer: string) => page.getByTestId('cell').filter({ has: page.getByTestId('issuer').getByText(issuer, { exact: true }) });

async function reloadAndUnlock(page: Page): Promise<void> {
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('code-card').first()).toBeVisible({ timeout: 30_000 });
}

test('favourites stay on top in every sort order; the order survives a reload', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await restoreNewVault(page, ACCOUNTS);
  // Custom order = the backup's order, the favourite pinned above it under its own heading.
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'GitHub', 'Amazon', 'Zoom', 'Dropbox']);
  await expect(page.getByTestId('section-heading')).toHaveText(['Favourites', 'Other accounts']);

  await listOption(page, 'sort-issuer');
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Amazon', 'Dropbox', 'GitHub', 'Zoom']);

  // Never-used accounts sort last in "recently used", among themselves in custom order.
  await listOption(page, 'sort-recent');
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'GitHub', 'Amazon', 'Zoom', 'Dropbox']);
  // Copying a code makes it the most recently used (the favourite stays pinned above).
  await cell(page, 'Zoom').getByTestId('copy').click();
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Zoom', 'GitHub', 'Amazon', 'Dropbox']);
  await cell(page, 'Dropbox').getByTestId('copy').click();
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Dropbox', 'Zoom', 'GitHub', 'Amazon']);

  await listOption(page, 'sort-issuer');
  await reloadAndUnlock(page);
  await page.getByTestId('list-options').click();
  await expect(page.getByTestId('sort-issuer')).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Escape');
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Amazon', 'Dropbox', 'GitHub', 'Zoom']);
});

test('group chips filter the list, the choice survives a reload; several accounts join a new group at once', async ({ page }) => {
  await restoreNewVault(page, ACCOUNTS);
  await expect.poll(() => chips(page)).toEqual(['All', 'Money', 'Work']);
  await page.getByTestId('group-chip').filter({ hasText: 'Work' }).click();
  await expect.poll(() => issuers(page)).toEqual(['GitHub', 'Zoom']);
  await expect(page.getByTestId('list-status')).toHaveText('2 accounts');
  await reloadAndUnlock(page);
  await expect(page.getByTestId('group-chip').filter({ hasText: 'Work' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => issuers(page)).toEqual(['GitHub', 'Zoom']);
  await page.getByTestId('group-chip').filter({ hasText: 'All' }).click();
  await expect(page.getByTestId('code-card')).toHaveCount(5);

  // Select Amazon and Dropbox, give them a group name that does not exist yet.
  await listOption(page, 'mode-select');
  await cell(page, 'Amazon').getByTestId('select-account').check();
  await cell(page, 'Dropbox').getByTestId('select-account').check();
  await expect(page.getByTestId('selected-count')).toHaveText('2 selected');
  await page.getByTestId('add-to-group').click();
  await expect(page.getByTestId('select-error')).toHaveText('Enter a group name.');
  await page.getByTestId('group-name').fill('  Shopping ');
  await page.getByTestId('add-to-group').click();
  await expect(page.getByTestId('select-bar')).toHaveCount(0);
  await expect.poll(() => chips(page)).toEqual(['All', 'Money', 'Shopping', 'Work']);
  await page.getByTestId('group-chip').filter({ hasText: 'Shopping' }).click();
  await expect.poll(() => issuers(page)).toEqual(['Amazon', 'Dropbox']);

  // Take one of them out again (the chip in use is the default group name).
  await listOption(page, 'mode-select');
  await expect(page.getByTestId('group-name')).toHaveValue('Shopping');
  await cell(page, 'Dropbox').getByTestId('select-account').check();
  await page.getByTestId('remove-from-group').click();
  await expect.poll(() => issuers(page)).toEqual(['Amazon']);
});

test('groups are renamed and deleted from "Manage groups"; their accounts stay', async ({ page }) => {
  await restoreNewVault(page, ACCOUNTS);
  await page.getByTestId('group-chip').filter({ hasText: 'Work' }).click();
  await listOption(page, 'manage-groups');
  const dialog = page.getByTestId('group-manager');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('group-row')).toHaveText([/Money\s*1 account\b/, /Work\s*2 accounts/]);
  await dialog.getByRole('button', { name: 'Rename: Work' }).click();
  await dialog.getByTestId('group-new-name').fill('Office');
  await dialog.getByTestId('group-save').click();
  await expect(dialog.getByTestId('group-row')).toHaveText([/Money/, /Office\s*2 accounts/]);
  await dialog.getByRole('button', { name: 'Delete the group "Money"' }).click();
  await dialog.getByTestId('group-delete-confirm').click();
  await expect(dialog.getByTestId('group-row')).toHaveText([/Office/]);
  await dialog.getByTestId('group-manager-close').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('list-options')).toBeFocused();
  // The chosen chip followed the rename; nobody was deleted with "Money".
  await expect.poll(() => chips(page)).toEqual(['All', 'Office']);
  await expect(page.getByTestId('group-chip').filter({ hasText: 'Office' })).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => issuers(page)).toEqual(['GitHub', 'Zoom']);
  await page.getByTestId('group-chip').filter({ hasText: 'All' }).click();
  await expect(page.getByTestId('code-card')).toHaveCount(5);
});

test('custom order: drag and drop, and Move up/down buttons and Alt+arrows for the keyboard, announced and kept', async ({ page }) => {
  await restoreNewVault(page, ACCOUNTS);
  await listOption(page, 'mode-reorder');
  await expect(page.getByTestId('list-status')).toContainText('Drag a row');

  await cell(page, 'Dropbox').dragTo(cell(page, 'GitHub'));
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Dropbox', 'GitHub', 'Amazon', 'Zoom']);
  await expect(page.getByTestId('list-status')).toHaveText('Dropbox moved to position 1 of 4.');

  await cell(page, 'Amazon').getByTestId('move-up').click();
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Dropbox', 'Amazon', 'GitHub', 'Zoom']);
  await expect(cell(page, 'Amazon').getByTestId('move-up')).toBeFocused();
  await expect(page.getByTestId('list-status')).toHaveText('Amazon moved to position 2 of 4.');

  // Alt+ArrowDown twice moves the focused card (focus follows it); a favourite never leaves its section.
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Dropbox', 'GitHub', 'Amazon', 'Zoom']);
  await expect(cell(page, 'Amazon').getByTestId('move-up')).toBeFocused();
  await page.keyboard.press('Alt+ArrowDown');
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Dropbox', 'GitHub', 'Zoom', 'Amazon']);
  await expect(page.getByTestId('list-status')).toHaveText('Amazon moved to position 4 of 4.');
  await expect(cell(page, 'Amazon').getByTestId('move-down')).toBeDisabled();

  // The order is on screen at once and written in the background: reload once it is stored.
  await expect(page.locator('omamori-code-list')).not.toHaveAttribute('saving');
  await reloadAndUnlock(page);
  await expect.poll(() => issuers(page)).toEqual(['銀行', 'Dropbox', 'GitHub', 'Zoom', 'Amazon']);
});

test('keyboard: / focuses search, arrows move between cards, Enter copies, Escape clears the search', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await restoreNewVault(page, ACCOUNTS);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await expect(page.getByTestId('search')).toBeFocused();
  await page.keyboard.type('b');
  // "/" went to focusing, not into the field.
  await expect(page.getByTestId('search')).toHaveValue('b');
  await expect.poll(() => issuers(page)).toEqual(['GitHub', 'Amazon', 'Dropbox']);
  await expect(page.getByTestId('list-status')).toHaveText('3 accounts');
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'GitHub').getByTestId('copy')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(cell(page, 'Dropbox').getByTestId('copy')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(cell(page, 'Amazon').getByTestId('copy')).toBeFocused();
  const code = ((await cell(page, 'Amazon').getByTestId('code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^\d{6}$/);
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toMatch(/^\d{6}$/);
  // The code may have turned over between reading it and copying: then the new one was copied.
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect([code, ((await cell(page, 'Amazon').getByTestId('code').textContent()) ?? '').replace(/\s/g, '')]).toContain(copied);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('search')).toHaveValue('');
  await expect(page.getByTestId('search')).toBeFocused();
  await expect(page.getByTestId('code-card')).toHaveCount(5);
  // While typing in a field, "/" is just a character.
  await page.keyboard.type('a/b');
  await expect(page.getByTestId('search')).toHaveValue('a/b');
  await expect(page.getByTestId('no-matches')).toHaveText('No account matches "a/b".');
});

test('the organise controls have no axe violations (light and dark, selection and reorder modes)', async ({ page }) => {
  await restoreNewVault(page, ACCOUNTS);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await listOption(page, 'mode-select');
    await expect(page.getByTestId('select-bar')).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await listOption(page, 'mode-reorder');
    await expect(page.getByTestId('move-up').first()).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByTestId('reorder-done').click();
  }
});
