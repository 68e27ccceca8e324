/**
 * The code card: icons (letter badge, bundled brand icon, custom image), hide-until-tapped,
 * clipboard clearing, the large-code view, favourites, the recovery-code warning and reduced
 * motion. Accounts with extras are seeded by restoring a backup written here in Node with the
 * production codec (tiny Argon2 cost), through the real restore screen.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { AccountData, AccountExtras } from '../src/core/account';
import { createInProcessKdf } from '../src/core/crypto/kdf';
import { writeExportFile } from '../src/core/export-file';
import { E2E_ORIGIN, PASSPHRASE, RFC_SECRET, RFC_TIME_MS, rowAction } from './support/helpers';

const BACKUP_PASS = 'card test backup';
/** A 1×1 PNG. */
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
/** RFC 6238 at RFC_TIME_MS: the 6-digit code, and the next period's. */
const CODE = '081804';
const SECOND_SECRET = 'JBSWY3DPEHPK3PXP';

type Seed = Partial<AccountData> & Partial<AccountExtras> & { issuer: string };

function account(seed: Seed): AccountData & Partial<AccountExtras> {
  return { type: 'totp', name: '', secretB32: RFC_SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '', ...seed };
}

/** A new vault holding exactly these accounts, restored from a backup through the restore screen. */
async function seedVault(page: Page, seeds: Seed[]): Promise<void> {
  const bytes = await writeExportFile(
    seeds.map(account),
    { kind: 'passphrase', passphrase: BACKUP_PASS },
    {
      kdf: createInProcessKdf(),
      now: new Date(),
      app: 'e2e',
      argon2: { m: 8192, t: 1, p: 1 },
    },
  );
  await page.goto('/');
  await page.getByTestId('start-restore').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('restore-file')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('restore-file').setInputFiles({ name: 'seed.omamori', mimeType: 'application/json', buffer: Buffer.from(bytes) });
  await page.getByTestId('restore-passphrase').fill(BACKUP_PASS);
  await page.getByTestId('restore-submit').click();
  await page.getByTestId('restore-import').click({ timeout: 30_000 });
  await expect(page.getByTestId('code-card')).toHaveCount(seeds.length);
}

const card = (page: Page, issuer: string) => page.getByTestId('code-card').filter({ has: page.getByTestId('issuer').getByText(issuer, { exact: true }) });

/** Every text node and attribute value in the document and all open shadow roots. */
function domText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) out.push(node.nodeValue ?? '');
        if (!(node instanceof Element)) continue;
        for (const attr of Array.from(node.attributes)) out.push(attr.value);
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    walk(document);
    return out.join('\n');
  });
}

const readClipboard = (page: Page): Promise<string> => page.evaluate(() => navigator.clipboard.readText());

test.describe('code card', () => {
  test('every card has an icon: bundled brand icons by issuer (also in Japanese), letter badges, custom images', async ({ page }) => {
    await page.clock.setFixedTime(RFC_TIME_MS);
    await seedVault(page, [
      { issuer: 'GitHub', name: 'alice' },
      { issuer: 'グーグル', name: 'taro@example.jp' },
      { issuer: 'Acme Widgets', name: 'bob' },
      { issuer: 'Dropbox', name: 'forced letter', icon: 'letter' },
      { issuer: 'Pictured', name: 'own image', icon: PNG },
    ]);
    await expect(card(page, 'GitHub').getByTestId('icon-brand')).toHaveAttribute('data-brand', 'github');
    await expect(card(page, 'グーグル').getByTestId('icon-brand')).toHaveAttribute('data-brand', 'google');
    await expect(card(page, 'Acme Widgets').getByTestId('icon-letter')).toHaveText('A');
    await expect(card(page, 'Dropbox').getByTestId('icon-letter')).toHaveText('D');
    await expect(card(page, 'Dropbox').getByTestId('icon-brand')).toHaveCount(0);
    const img = card(page, 'Pictured').getByTestId('icon-custom');
    await expect(img).toHaveAttribute('src', PNG);
    await expect(img).toHaveAttribute('alt', '');
    expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    // Icons are decorative: the card's names are the text next to them.
    for (const issuer of ['GitHub', 'Acme Widgets', 'Pictured']) {
      await expect(card(page, issuer).locator('omamori-account-icon')).toHaveAttribute('aria-hidden', 'true');
    }
    // The code button names the account and reads the code digit by digit.
    await expect(card(page, 'GitHub').getByTestId('copy')).toHaveAccessibleName(`Copy code ${[...CODE].join(' ')} for GitHub`);
    await expect(card(page, 'GitHub').getByRole('timer')).toHaveAccessibleName('Time left: 1 s');
  });

  test('hidden codes are not in the DOM until tapped; the tap reveals, the next tap copies', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: E2E_ORIGIN });
    await page.addInitScript(() => localStorage.setItem('omamori.preferences', JSON.stringify({ hideCodes: true })));
    await page.clock.setFixedTime(RFC_TIME_MS);
    await seedVault(page, [{ issuer: 'Hidden Bank', name: 'me' }]);
    const c = card(page, 'Hidden Bank');
    await expect(c.getByTestId('code')).toHaveText('••• •••');
    await expect(c.getByTestId('copy')).toHaveAccessibleName('Code hidden for Hidden Bank, activate to show');
    const text = await domText(page);
    for (const form of [CODE, '081 804', [...CODE].join(' '), '050471', '050 471']) expect(text).not.toContain(form);

    await page.evaluate(() => navigator.clipboard.writeText('untouched'));
    await c.getByTestId('copy').click();
    await expect(c.getByTestId('code')).toHaveText('081 804');
    expect(await readClipboard(page)).toBe('untouched');
    await c.getByTestId('copy').click();
    await expect(c.getByRole('status')).toHaveText('Copied');
    expect(await readClipboard(page)).toBe(CODE);
  });

  test('a revealed code hides itself again after 30 s', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('omamori.preferences', JSON.stringify({ hideCodes: true })));
    await page.clock.install({ time: RFC_TIME_MS });
    await seedVault(page, [{ issuer: 'Hidden Bank', name: 'me', secretB32: SECOND_SECRET }]);
    const c = card(page, 'Hidden Bank');
    await c.getByTestId('copy').click();
    await expect(c.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
    await page.clock.runFor(25_000);
    await expect(c.getByTestId('code')).toHaveText(/^\d{3} \d{3}$/);
    await page.clock.runFor(6_000);
    await expect(c.getByTestId('code')).toHaveText('••• •••');
  });

  test('the clipboard is cleared 30 s after a copy, unless it holds something else by then; locking clears at once', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: E2E_ORIGIN });
    // The clearing logic is a lazy chunk: held back here, as a busy phone (or a loaded test
    // machine) may, it arrives after the clock has run on. The 30 s still count from the copy.
    await page.route('**/assets/clipboard-watch-*.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await page.clock.install({ time: RFC_TIME_MS + 10_000 });
    await seedVault(page, [{ issuer: 'Bank', name: 'me', secretB32: SECOND_SECRET }]);
    const c = card(page, 'Bank');
    // Time flows between steps, so the copied code is whichever is current at the click.
    const copy = async (): Promise<void> => {
      await page.evaluate(() => navigator.clipboard.writeText('before'));
      await c.getByTestId('copy').click();
      await expect.poll(() => readClipboard(page)).toMatch(/^\d{6}$/);
    };

    await copy();
    await page.clock.runFor(29_000);
    expect(await readClipboard(page)).toMatch(/^\d{6}$/);
    await page.clock.runFor(1_500);
    await expect.poll(() => readClipboard(page)).toBe('');

    await copy();
    await page.evaluate(() => navigator.clipboard.writeText('my own note'));
    await page.clock.runFor(31_000);
    expect(await readClipboard(page)).toBe('my own note');

    await copy();
    await page.getByTestId('lock').click();
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
    await expect.poll(() => readClipboard(page)).toBe('');
  });

  test('the large-code view shows the code big, reads it digit by digit, and gives focus back on close', async ({ page }) => {
    await page.clock.setFixedTime(RFC_TIME_MS - 10_000);
    await seedVault(page, [{ issuer: 'GitHub', name: 'alice' }]);
    const c = card(page, 'GitHub');
    // In the row's ⋮ menu; focus comes back to that button.
    const open = c.getByTestId('row-menu');
    await expect(open).toHaveAccessibleName('More actions: GitHub');

    await rowAction(c, 'large-open');
    const dialog = page.getByRole('dialog', { name: 'GitHub' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByTestId('large-digits')).toHaveText(/081\s*804/);
    await expect(dialog.getByTestId('large-digits')).toContainText('Code: 0 8 1 8 0 4');
    await expect(dialog.getByTestId('large-left')).toHaveText('11 seconds left');
    await expect(dialog.getByTestId('large-close')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();

    await open.press('Enter');
    await expect(c.getByTestId('large-open')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await dialog.getByTestId('large-close').click();
    await expect(dialog).toHaveCount(0);
    await expect(open).toBeFocused();
  });

  test('favourite toggle, and a warning when two or fewer recovery codes remain', async ({ page }) => {
    await page.clock.setFixedTime(RFC_TIME_MS);
    await seedVault(page, [
      { issuer: 'Starred', name: 'a', favourite: true },
      { issuer: 'Plain', name: 'b' },
      {
        issuer: 'Few Codes',
        name: 'c',
        recoveryCodes: [
          { code: 'aaaa-1111', usedAt: 0 },
          { code: 'bbbb-2222', usedAt: 0 },
          { code: 'cccc-3333', usedAt: 1 },
        ],
      },
      { issuer: 'Many Codes', name: 'd', recoveryCodes: ['1', '2', '3'].map((n) => ({ code: `code-${n}`, usedAt: 0 })) },
      { issuer: 'Used Up', name: 'e', recoveryCodes: [{ code: 'zzzz', usedAt: 5 }] },
    ]);
    // The favourite item of the row menu is a checkbox item.
    const favourite = async (issuer: string, checked: 'true' | 'false'): Promise<void> => {
      await card(page, issuer).getByTestId('row-menu').click();
      await expect(card(page, issuer).getByRole('menuitemcheckbox', { name: 'Favourite' })).toHaveAttribute('aria-checked', checked);
      await page.keyboard.press('Escape');
    };
    await favourite('Starred', 'true');
    await favourite('Plain', 'false');
    await rowAction(card(page, 'Plain'), 'favourite');
    await expect(page.getByTestId('section-heading').first()).toHaveText('Favourites');
    await favourite('Plain', 'true');

    await expect(card(page, 'Few Codes').getByTestId('recovery-low')).toHaveText('2 recovery codes left');
    await expect(card(page, 'Used Up').getByTestId('recovery-low')).toHaveText('No recovery codes left');
    await expect(card(page, 'Many Codes').getByTestId('recovery-low')).toHaveCount(0);
    await expect(card(page, 'Plain').getByTestId('recovery-low')).toHaveCount(0);

    await page.reload();
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.getByTestId('unlock-submit').click();
    await favourite('Plain', 'true');
  });

  test('the countdown ring moves smoothly, but not when the user asks for reduced motion', async ({ page }) => {
    await page.clock.setFixedTime(RFC_TIME_MS - 10_000);
    await seedVault(page, [{ issuer: 'Ring', name: 'r' }]);
    // The ring's two half-rings are turned by animations the compositor runs: one sweep per period
    // with motion; with reduced motion the same animations step once a second instead.
    const easings = () =>
      card(page, 'Ring')
        .locator('.piece')
        .evaluateAll((pieces) => pieces.flatMap((el) => el.getAnimations().map((a) => `${a.effect?.getTiming().easing}|${a.playState}`)));
    await expect.poll(easings).toEqual(['linear|running', 'linear|running']);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(easings).toEqual(['steps(30)|running', 'steps(30)|running']);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    test(`axe finds nothing on cards with every kind of icon, a hidden code and the large-code view (${colorScheme})`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.setViewportSize({ width: 360, height: 800 });
      await page.clock.setFixedTime(RFC_TIME_MS - 10_000);
      await page.addInitScript(() => localStorage.setItem('omamori.preferences', JSON.stringify({ hideCodes: true })));
      await seedVault(page, [
        { issuer: 'GitHub', name: 'alice', favourite: true },
        { issuer: 'Acme Widgets', name: 'bob', recoveryCodes: [{ code: 'aaaa-1111', usedAt: 0 }] },
        { issuer: 'Pictured', name: 'own image', icon: PNG },
      ]);
      await expect(card(page, 'GitHub').getByTestId('icon-brand')).toBeVisible();
      await card(page, 'Pictured').getByTestId('copy').click();
      await page.screenshot({ path: test.info().outputPath(`cards-${colorScheme}.png`) });
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await card(page, 'GitHub').getByTestId('row-menu').click();
      await expect(page.getByRole('menu')).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
      await card(page, 'GitHub').getByTestId('large-open').click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await page.screenshot({ path: test.info().outputPath(`large-${colorScheme}.png`) });
      expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    });
  }
});
