import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { addAccountByKey, createVault, RFC_SECRET } from './support/helpers';

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const LIGHT_BG = 'rgb(255, 251, 247)';
const DARK_BG = 'rgb(26, 20, 18)';

const background = (page: Page): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const storedPreferences = (page: Page): Promise<Record<string, unknown>> =>
  page.evaluate(() => JSON.parse(localStorage.getItem('omamori.preferences') ?? '{}') as Record<string, unknown>);

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('settings-page')).toBeVisible();
}

test('a chosen theme applies at once, wins over the system setting both ways, and survives a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await createVault(page);
  expect(await background(page)).toBe(LIGHT_BG);
  await openSettings(page);
  await expect(page.getByTestId('theme-system')).toBeChecked();

  await page.getByTestId('theme-dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page)).toBe(DARK_BG);
  expect(await storedPreferences(page)).toMatchObject({ theme: 'dark' });

  await page.reload();
  await page.getByTestId('unlock-passphrase').waitFor();
  expect(await background(page)).toBe(DARK_BG);

  // Forced light on a dark system.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => localStorage.setItem('omamori.preferences', JSON.stringify({ theme: 'light' })));
  await page.reload();
  await page.getByTestId('unlock-passphrase').waitFor();
  expect(await background(page)).toBe(LIGHT_BG);
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe('light');

  // Back to the system: follows the (dark) system again.
  await page.evaluate(() => localStorage.removeItem('omamori.preferences'));
  await page.reload();
  await page.getByTestId('unlock-passphrase').waitFor();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
  expect(await background(page)).toBe(DARK_BG);
});

test('"hide codes" and "clear the clipboard" are saved to the preferences and stay set after a reload', async ({ page }) => {
  await createVault(page);
  await openSettings(page);
  const hide = page.getByRole('checkbox', { name: 'Hide codes until tapped' });
  const clear = page.getByRole('checkbox', { name: 'Clear the clipboard 30 s after copying' });
  await expect(hide).not.toBeChecked();
  await expect(clear).toBeChecked();

  await hide.check();
  await clear.uncheck();
  expect(await storedPreferences(page)).toMatchObject({ hideCodes: true, clearClipboard: false });

  await page.reload();
  await page.getByTestId('unlock-passphrase').fill('correct horse battery staple');
  await page.getByTestId('unlock-submit').click();
  await openSettings(page);
  await expect(page.getByTestId('pref-hide-codes')).toBeChecked();
  await expect(page.getByTestId('pref-clear-clipboard')).not.toBeChecked();
  await page.getByTestId('pref-hide-codes').uncheck();
  expect(await storedPreferences(page)).toMatchObject({ hideCodes: false, clearClipboard: false });
});

test('settings are grouped under headings, and the index moves focus to a group', async ({ page }) => {
  await createVault(page);
  await openSettings(page);
  const groups = page.getByTestId('settings-page').getByRole('heading', { level: 2 });
  await expect(groups).toHaveText(['Security', 'Backup and moving', 'Appearance', 'Language', 'About']);
  await page.getByTestId('index-appearance').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Appearance', level: 2 })).toBeFocused();
  await expect(page.getByTestId('theme-system')).toBeInViewport();
});

test('the about page shows the version and the licence of every bundled package, and Back returns focus', async ({ page }) => {
  await createVault(page);
  await openSettings(page);
  await expect(page.getByTestId('version')).toContainText(VERSION);
  await page.getByTestId('open-about').click();
  await expect(page.getByRole('heading', { name: 'About Omamori', level: 1 })).toBeFocused();
  await expect(page.getByTestId('about-version')).toContainText(`Version ${VERSION}`);

  const list = page.getByTestId('licence-list');
  for (const name of ['lit', 'dexie', 'otpauth', 'qr-scanner', 'zxing-wasm', 'qrcode', 'hash-wasm', '@noble/hashes', 'simple-icons']) {
    await expect(list.locator(`[data-package="${name}"]`), name).toHaveCount(1);
  }
  const dexie = list.locator('[data-package="dexie"]');
  await expect(dexie.locator('summary')).toContainText('Apache-2.0');
  await expect(dexie.locator('pre')).toBeHidden();
  await dexie.locator('summary').click();
  await expect(dexie.locator('pre')).toContainText('Apache License');
  const icons = list.locator('[data-package="simple-icons"]');
  await icons.locator('summary').click();
  await expect(icons).toContainText('trademarks of their owners');
  await page.getByTestId('own-licence').locator('summary').click();
  await expect(page.getByTestId('own-licence')).toContainText('MIT License');

  await page.getByTestId('about-back').click();
  await expect(page.getByTestId('open-about')).toBeFocused();
});

test('switching the language in settings turns the settings, the about page and dates into Japanese', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Example', name: 'me', secret: RFC_SECRET });
  await openSettings(page);
  await page.getByTestId('language').selectOption('ja');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
  await expect(page.getByRole('heading', { name: '表示', level: 2 })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'タップするまでコードを隠す' })).toBeVisible();
  await page.getByTestId('open-about').click();
  await expect(page.getByRole('heading', { name: 'Omamori について', level: 1 })).toBeVisible();
  await expect(page.getByTestId('about-version')).toContainText(`バージョン ${VERSION}`);
  await page.getByTestId('about-back').click();

  // A date shown in settings (the passkey list needs WebAuthn; the last export is always there).
  await page.getByTestId('backup-export').click();
  await page.getByTestId('backup-passphrase').fill('backup passphrase 123');
  await page.getByTestId('backup-passphrase-confirm').fill('backup passphrase 123');
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toBeVisible({ timeout: 30_000 });
  await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  await page.getByTestId('backup-done').click();
  await expect(page.getByTestId('backup-last-export')).toContainText(/\d{4}年\d{1,2}月\d{1,2}日/);
});

test('the re-authentication dialog keeps keyboard focus inside and gives it back when closed', async ({ page }) => {
  await page.clock.install();
  await createVault(page);
  await openSettings(page);
  await page.clock.fastForward(61_000);
  const idle = page.getByTestId('autolock-idle');
  await idle.focus();
  await idle.selectOption('never');
  const dialog = page.getByTestId('reauth-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('reauth-passphrase')).toBeFocused();

  /** Where focus is: 'dialog' inside the modal, 'page' anywhere else in the document, 'none' for the browser itself. */
  const focusPlace = () =>
    page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      if (!el || el === document.body) return 'none';
      const dlg = document.querySelector('omamori-reauth-dialog')?.shadowRoot?.querySelector('dialog');
      return dlg?.contains(el) ? 'dialog' : 'page';
    });
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await focusPlace()).not.toBe('page');
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(idle).toBeFocused();
  await expect(idle).not.toHaveValue('never');
});
