/**
 * Installing Omamori (issue #21). Chromium's install offer is a synthetic `beforeinstallprompt`
 * (its prompt() and userChoice stubbed) sent at load by a script added before the page loads;
 * "running installed" is `matchMedia('(display-mode: standalone)')` answered as matching, since
 * Chromium's CDP media emulation ignores display-mode.
 */
import { expect, test, type Page } from '@playwright/test';
import { createVault } from './support/helpers';

interface InstallProbe {
  __installOffered?: boolean;
  __installPrompts?: number;
}

/** Sends a synthetic beforeinstallprompt at load and counts calls to its prompt(). */
async function offerInstall(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as InstallProbe;
    w.__installPrompts = 0;
    window.addEventListener('load', () => {
      const event = new Event('beforeinstallprompt', { cancelable: true });
      Object.assign(event, {
        prompt: () => {
          w.__installPrompts = (w.__installPrompts ?? 0) + 1;
          return Promise.resolve();
        },
        userChoice: Promise.resolve({ outcome: 'accepted', platform: 'web' }),
      });
      window.dispatchEvent(event);
      w.__installOffered = true;
    });
  });
}

/** Answers the display-mode query as an installed app's window would. */
async function runStandalone(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const real = window.matchMedia.bind(window);
    window.matchMedia = (query: string) => (query.includes('display-mode: standalone') ? real('all') : real(query));
  });
}

const promptCalls = (page: Page) => page.evaluate(() => (window as unknown as InstallProbe).__installPrompts);
const offered = (page: Page) => page.waitForFunction(() => (window as unknown as InstallProbe).__installOffered === true);

test.describe('install in Chromium', () => {
  test('the first-run screen shows Install when the browser offers it; clicking calls prompt() once', async ({ page }) => {
    await offerInstall(page);
    await page.goto('/');
    await expect(page.getByTestId('start-create')).toBeVisible();
    await expect(page.getByTestId('install-app')).toHaveText('Install Omamori');
    expect(await promptCalls(page)).toBe(0);
    await page.getByTestId('install-app').click();
    await expect.poll(() => promptCalls(page)).toBe(1);
    // A prompt event is good for one prompt(): the button goes with it.
    await expect(page.getByTestId('install-app')).toHaveCount(0);
  });

  test('appinstalled hides the button in Settings, which then says Omamori is installed; this tab stays a "Browser tab"', async ({ page }) => {
    await offerInstall(page);
    await createVault(page);
    await page.getByTestId('settings').click();
    const section = page.getByTestId('install-settings');
    await expect(section.getByTestId('install-app')).toBeVisible();
    await page.evaluate(() => window.dispatchEvent(new Event('appinstalled')));
    await expect(section.getByTestId('install-app')).toHaveCount(0);
    await expect(section.getByTestId('install-state')).toHaveText('Omamori is installed. Open it from your home screen or app list.');
    await expect(page.getByTestId('storage-context')).toHaveText('Browser tab');
  });

  test('without an offer there is no button, and Settings points to the browser menu', async ({ page }) => {
    await createVault(page);
    await page.getByTestId('settings').click();
    await expect(page.getByTestId('install-settings').getByTestId('install-state')).toContainText("use your browser's menu");
    await expect(page.getByTestId('install-app')).toHaveCount(0);
    await expect(page.getByTestId('storage-advice')).toContainText("A browser tab's data is the first the browser deletes");
  });

  test('running standalone: no Install button even when offered, and Settings → Storage says "Installed app"', async ({ page }) => {
    await runStandalone(page);
    await offerInstall(page);
    await page.goto('/');
    await expect(page.getByTestId('start-create')).toBeVisible();
    await offered(page);
    await expect(page.getByTestId('install-app')).toHaveCount(0);
    await createVault(page);
    await page.getByTestId('settings').click();
    await expect(page.getByTestId('storage-context')).toHaveText('Installed app');
    await expect(page.getByTestId('install-state')).toHaveText('Omamori is running as the installed app on this device.');
    await expect(page.getByTestId('storage-advice')).toContainText('The installed app keeps its data longer than a browser tab');
  });
});
