/**
 * Installing Omamori (issue #21). Chromium's install offer is a synthetic `beforeinstallprompt`
 * (its prompt() and userChoice stubbed) sent at load by a script added before the page loads;
 * "running installed" is `matchMedia('(display-mode: standalone)')` answered as matching, since
 * Chromium's CDP media emulation ignores display-mode. iPhone and iPad are Chromium with Safari's
 * user agent and `navigator.standalone` (plus, for an iPad, a Mac platform with touch points)
 * set before the page loads: a "Safari tab" and a "home-screen app" are two browser contexts,
 * whose storage is as separate as iOS keeps Safari's and the home-screen app's.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { addAccountByKey, createVault, PASSPHRASE, RFC_SECRET, RFC_TIME_MS } from './support/helpers';

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

const IPHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const MAC_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';

interface IosOptions {
  /** navigator.standalone: true in the home-screen app, false in a Safari tab. */
  standalone: boolean;
  /** iPadOS: a Mac user agent, and these touch points (0 = a real Mac). */
  macTouchPoints?: number;
  width?: number;
}

async function iosPage(browser: Browser, opts: IosOptions): Promise<Page> {
  const mac = opts.macTouchPoints !== undefined;
  const context = await browser.newContext({ userAgent: mac ? MAC_UA : IPHONE_UA, viewport: { width: opts.width ?? 390, height: 844 } });
  await context.addInitScript(
    ({ standalone, touchPoints }) => {
      Object.defineProperty(Navigator.prototype, 'standalone', { configurable: true, get: () => standalone });
      if (touchPoints !== null) {
        Object.defineProperty(Navigator.prototype, 'platform', { configurable: true, get: () => 'MacIntel' });
        Object.defineProperty(Navigator.prototype, 'maxTouchPoints', { configurable: true, get: () => touchPoints });
      }
    },
    { standalone: opts.standalone, touchPoints: opts.macTouchPoints ?? null },
  );
  return context.newPage();
}

/** From the first-run screen's create button (or "Continue in the browser") to the code list. */
async function createFromFirstRun(page: Page): Promise<void> {
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForTimeout(150); // let text settle so colours are measured as seen
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

const overflowX = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test.describe('install on iPhone and iPad', () => {
  test('in a Safari tab the guide comes before any vault, and "Continue in the browser anyway" leads to creating one', async ({ browser }) => {
    const page = await iosPage(browser, { standalone: false });
    await page.goto('/');
    await expect(page.getByTestId('ios-install')).toBeVisible();
    await expect(page.getByTestId('install-guide').locator('li')).toHaveCount(3);
    await expect(page.getByTestId('install-guide').locator('li svg')).toHaveCount(3);
    await expect(page.getByTestId('install-guide-why')).toContainText(
      "The app on the home screen keeps its own data, separate from Safari's: create your vault there.",
    );
    await expect(page.getByTestId('start-create')).toHaveCount(0);
    await expect(page.getByTestId('start-restore')).toHaveCount(0);
    await page.getByTestId('continue-in-browser').click();
    await createFromFirstRun(page);
    await page.context().close();
  });

  test('the guide fits 320 px without horizontal scrolling and passes axe, in English and Japanese', async ({ browser }) => {
    const page = await iosPage(browser, { standalone: false, width: 320 });
    await page.goto('/');
    await expect(page.getByTestId('install-guide')).toBeVisible();
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('language').selectOption('ja');
    await expect(page.getByTestId('install-guide')).toContainText('ホーム画面に追加');
    await expect(page.getByTestId('install-guide')).toContainText('共有ボタン');
    expect(await overflowX(page)).toBeLessThanOrEqual(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  test('an iPad that reports a Mac user agent gets the guide; a Mac does not', async ({ browser }) => {
    const ipad = await iosPage(browser, { standalone: false, macTouchPoints: 5 });
    await ipad.goto('/');
    await expect(ipad.getByTestId('ios-install')).toBeVisible();
    await ipad.context().close();
    const mac = await iosPage(browser, { standalone: false, macTouchPoints: 0 });
    await mac.goto('/');
    await expect(mac.getByTestId('start-create')).toBeVisible();
    await expect(mac.getByTestId('ios-install')).toHaveCount(0);
    await mac.context().close();
  });

  test('the home-screen app starts at creating a vault, and Settings → Storage says "Installed app"', async ({ browser }) => {
    const page = await iosPage(browser, { standalone: true });
    await page.goto('/');
    await expect(page.getByTestId('start-create')).toBeVisible();
    await expect(page.getByTestId('ios-install')).toHaveCount(0);
    await createFromFirstRun(page);
    await page.getByTestId('settings').click();
    await expect(page.getByTestId('storage-context')).toHaveText('Installed app');
    await page.context().close();
  });

  test('Settings → Install on this device shows the same steps in a Safari tab', async ({ browser }) => {
    const page = await iosPage(browser, { standalone: false });
    await page.goto('/');
    await page.getByTestId('continue-in-browser').click();
    await createFromFirstRun(page);
    await page.getByTestId('settings').click();
    await expect(page.getByTestId('storage-context')).toHaveText('Browser tab');
    const section = page.getByTestId('install-settings');
    await expect(section.getByTestId('install-guide')).toHaveCount(0);
    await section.getByTestId('install-show-guide').click();
    await expect(section.getByTestId('install-guide').locator('li')).toHaveCount(3);
    await page.context().close();
  });
});

const ACCOUNTS = [
  { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET },
  { issuer: '銀行', name: 'たろう', secret: 'JBSWY3DPEHPK3PXP', digits: 8 },
  { issuer: 'Counter', name: 'hotp', secret: 'GEZDGNBVGY3TQOJQ', type: 'hotp' as const, counter: 5 },
];

/** Every card's service, name and shown code (the clock is fixed, so the codes compare). */
async function codes(page: Page): Promise<string[]> {
  await expect(page.getByTestId('code-card').first().getByTestId('code')).not.toHaveText('––– –––');
  return page
    .getByTestId('code-card')
    .evaluateAll((cards) => cards.map((c) => ['issuer', 'name', 'code'].map((id) => c.querySelector(`[data-testid=${id}]`)?.textContent ?? '').join('|')));
}

test('a vault in a Safari tab says so above the codes, and the move ends with the home-screen app holding every account', async ({ browser }) => {
  test.setTimeout(120_000);
  // The "Safari tab".
  const tab = await iosPage(browser, { standalone: false });
  await tab.clock.setFixedTime(RFC_TIME_MS);
  await tab.goto('/');
  await tab.getByTestId('continue-in-browser').click();
  await createFromFirstRun(tab);
  await expect(tab.getByTestId('safari-tab-line')).toContainText(
    'This vault lives in Safari, not in the home-screen app, and Safari may delete it after a few weeks without a visit.',
  );
  for (const entry of ACCOUNTS) await addAccountByKey(tab, entry);
  await expect(tab.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
  const tabCodes = await codes(tab);
  // The two TOTP cards show codes (the HOTP card shows one only when pressed).
  expect(tabCodes.filter((c) => /\|\d{3,4} \d{3,4}$/.test(c))).toHaveLength(2);
  expect(await axeViolations(tab)).toEqual([]);

  await tab.getByTestId('move-to-app').click();
  await tab.getByTestId('move-export').click();
  await expect(tab.getByTestId('move-ready')).toHaveText(`Backup ready and checked: ${ACCOUNTS.length} accounts.`, { timeout: 30_000 });
  const code = (await tab.getByTestId('move-code').getAttribute('aria-label')) ?? '';
  expect(code).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/);
  const [download] = await Promise.all([tab.waitForEvent('download'), tab.getByTestId('move-download').click()]);
  const bytes = await readFile(await download.path());
  await tab.getByTestId('move-next').click();
  await expect(tab.getByTestId('install-guide').locator('li')).toHaveCount(3);
  await tab.getByTestId('move-next').click();
  const expected = (await tab.getByTestId('move-check').textContent()) ?? '';
  expect(expected).toMatch(new RegExp(`^Accounts: ${ACCOUNTS.length} · Check: [0-9A-F]{4}-[0-9A-F]{4}$`));
  expect(await axeViolations(tab)).toEqual([]);

  // The "home-screen app": its own storage, empty until the restore.
  const app = await iosPage(browser, { standalone: true });
  await app.clock.setFixedTime(RFC_TIME_MS);
  await app.goto('/');
  await expect(app.getByTestId('ios-install')).toHaveCount(0);
  await app.getByTestId('start-restore').click();
  await app.getByTestId('new-passphrase').fill(PASSPHRASE);
  await app.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await app.getByTestId('create-submit').click();
  // The restore continues on its own screen; that the check line differs for a vault missing an
  // account (so the comparison can fail) is test/unit/services/vault-check.test.ts's.
  await expect(app.getByTestId('restore-file')).toBeVisible({ timeout: 30_000 });
  await app.getByTestId('restore-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: bytes });
  await app.getByTestId('restore-code').fill(code);
  await app.getByTestId('restore-submit').click();
  await app.getByTestId('restore-import').click();
  await expect(app.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
  expect(await codes(app)).toEqual(tabCodes);
  await expect(app.getByTestId('safari-tab-line')).toHaveCount(0);
  await app.getByTestId('settings').click();
  await expect(app.getByTestId('storage-context')).toHaveText('Installed app');
  await expect(app.getByTestId('install-check')).toHaveText(expected);

  await tab.getByTestId('move-same').click();
  await expect(tab.getByTestId('move-done')).toHaveText('Every account is in the home-screen app');
  await tab.getByText('Done', { exact: true }).click();
  await expect(tab.getByTestId('safari-tab-line')).toBeVisible();
  await tab.context().close();
  await app.context().close();
});
