/**
 * The start shell (index.html, public/start-shell.js): a passphrase vault's lock form paints before
 * the app's JavaScript has loaded, and what is typed there carries on into the app. The app's entry
 * chunk is held back (service worker blocked, so the page's own requests can be held) to stand for
 * a slow start.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { createVault, PASSPHRASE } from './support/helpers';

test.use({ serviceWorkers: 'block' });

/** Navigates with the entry chunk held back; call the returned function to let it load. */
async function openHeld(page: Page): Promise<() => Promise<void>> {
  let held: Route | undefined;
  let arrived: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => (arrived = resolve));
  await page.route(/\/assets\/index-[^/]+\.js$/, (route) => {
    held = route;
    arrived();
  });
  await page.goto('/', { waitUntil: 'commit' });
  await holding;
  return async () => {
    await held!.continue();
    await page.unrouteAll();
  };
}

test('a passphrase vault shows its lock form before the app loads, and keeps what was typed', async ({ page }) => {
  test.setTimeout(90_000);
  await createVault(page);
  await page.reload();
  // This start showed the passphrase lock screen: the next one starts with the shell.
  await expect.poll(() => page.evaluate(() => localStorage.getItem('omamori.start')), { timeout: 30_000 }).toBe('lock');

  // Enter pressed in the shell unlocks once the app has taken over.
  let release = await openHeld(page);
  const shellField = page.getByLabel('Passphrase');
  await expect(page.getByRole('heading', { name: 'Unlock Omamori' })).toBeVisible();
  await expect(shellField).toBeFocused();
  await expect(page.getByTestId('unlock-passphrase')).toHaveCount(0);
  await shellField.fill(PASSPHRASE);
  await shellField.press('Enter');
  await release();
  await expect(page.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('start-shell-passphrase')).toHaveCount(0);

  // In Japanese; typing without Enter carries on in the app's own field, with the focus.
  await page.evaluate(() => localStorage.setItem('omamori.locale', 'ja'));
  release = await openHeld(page);
  await expect(page.getByRole('heading', { name: 'Omamori のロック解除' })).toBeVisible();
  await page.getByLabel('パスフレーズ').fill(PASSPHRASE.slice(0, 7));
  await release();
  const appField = page.getByTestId('unlock-passphrase');
  await expect(appField).toHaveValue(PASSPHRASE.slice(0, 7));
  await expect(appField).toBeFocused();
  await expect(page.getByTestId('start-shell-passphrase')).toHaveCount(0);
  await page.keyboard.type(PASSPHRASE.slice(7));
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
});

test('no shell for a vault that opens with its device slot', async ({ page }) => {
  await createVault(page, { deviceSlot: true });
  // As left by a start before the device slot was turned on: the shell shows once, then gives way.
  await page.evaluate(() => localStorage.setItem('omamori.start', 'lock'));
  await page.reload();
  await expect(page.getByTestId('add-account').first()).toBeVisible();
  await expect(page.getByTestId('start-shell-passphrase')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('omamori.start'))).toBeNull();
  const release = await openHeld(page);
  await expect(page.getByTestId('start-shell-passphrase')).toBeHidden();
  await release();
  await expect(page.getByTestId('add-account').first()).toBeVisible();
});
