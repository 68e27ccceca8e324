import { expect, test, type Page } from '@playwright/test';
import { addAccountByKey, createVault, PASSPHRASE, unlock } from './support/helpers';

const ACCOUNT = { issuer: 'Sentinel Issuer Q7', name: 'sentinel.user@example.org', secret: 'JBSWY3DPEHPK3PXP' };

/** Every text node, attribute value and form value in the document and all open shadow roots. */
function domText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [document.title];
    const walk = (root: Node): void => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE) out.push(node.nodeValue ?? '');
        if (!(node instanceof Element)) continue;
        for (const attr of Array.from(node.attributes)) out.push(attr.value);
        if (node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement) out.push(node.value);
        if (node.shadowRoot) walk(node.shadowRoot);
      }
    };
    walk(document);
    return out.join('\n');
  });
}

/** Simulates the tab being hidden or shown (headless Chromium keeps every page visible). */
async function setHidden(page: Page, hidden: boolean): Promise<void> {
  await page.evaluate((h) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}

async function shownCode(page: Page): Promise<string> {
  return ((await page.getByTestId('code-card').getByTestId('code').textContent()) ?? '').trim();
}

/** Stops the page's timers (as on a phone that sleeps) and returns the page's Date.now(). */
async function pauseTimers(page: Page): Promise<number> {
  const now = (await page.evaluate(() => Date.now())) + 1000;
  await page.clock.pauseAt(now);
  return now;
}

test.describe('auto-lock', () => {
  test('locks after 5 idle minutes and leaves no code, issuer or name anywhere in the DOM', async ({ page }) => {
    await page.clock.install();
    await createVault(page);
    await addAccountByKey(page, ACCOUNT);
    const codes = [await shownCode(page)];
    const before = await domText(page);
    for (const text of [ACCOUNT.issuer, ACCOUNT.name, codes[0]!]) expect(before).toContain(text);

    await page.clock.fastForward('04:58');
    await expect(page.getByTestId('code-card')).toHaveCount(1);
    codes.push(await shownCode(page));
    await page.clock.fastForward('00:04');
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();

    const after = await domText(page);
    for (const text of [ACCOUNT.issuer, ACCOUNT.name, ...codes, ...codes.map((c) => c.replace(/\s/g, ''))]) {
      expect(after).not.toContain(text);
    }
  });

  test('a tab hidden longer than 30 s is locked on return, judged by the wall clock', async ({ page }) => {
    await page.clock.install();
    await createVault(page);
    await addAccountByKey(page, ACCOUNT);
    // No timer runs from here on: only the return to visible can notice the time that passed.
    let now = await pauseTimers(page);

    await setHidden(page, true);
    await page.clock.setSystemTime((now += 20_000));
    await setHidden(page, false);
    await page.waitForTimeout(300);
    await expect(page.getByTestId('code-card')).toHaveCount(1);
    await expect(page.getByTestId('unlock-passphrase')).toHaveCount(0);

    await setHidden(page, true);
    await page.clock.setSystemTime((now += 31_000));
    await setHidden(page, false);
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
    await expect(page.getByTestId('code-card')).toHaveCount(0);
  });

  test('a check that runs while the tab is still hidden locks it too', async ({ page }) => {
    await page.clock.install();
    await createVault(page);
    await pauseTimers(page);
    await setHidden(page, true);
    await page.clock.runFor(31_000);
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  });

  test('locking one tab locks the other within a second', async ({ page, context }) => {
    await createVault(page, { deviceSlot: true });
    await addAccountByKey(page, ACCOUNT);
    const second = await context.newPage();
    await second.goto('/');
    await expect(second.getByTestId('code-card')).toHaveCount(1);

    await page.getByTestId('lock').click();
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
    await expect(second.getByTestId('unlock-passphrase')).toBeVisible({ timeout: 1000 });
    await expect(second.getByTestId('code-card')).toHaveCount(0);
  });

  test('turning auto-lock off needs the passphrase when the last one is over 60 s old', async ({ page }) => {
    const stored = () => page.evaluate(() => localStorage.getItem('omamori.autolock'));
    await page.clock.install();
    await createVault(page);
    await page.reload();
    await unlock(page);
    await page.getByTestId('settings').click();
    const idle = page.getByTestId('autolock-idle');
    const dialog = page.getByTestId('reauth-dialog');
    const warning = page.getByTestId('autolock-never-warning');
    await expect(idle).toHaveValue('300000');

    // Within 60 s of the unlock no dialog is needed; making it stricter never needs one.
    await idle.selectOption('never');
    await expect(warning).toBeVisible();
    await expect(dialog).toHaveCount(0);
    await idle.selectOption('600000');
    await expect(warning).toHaveCount(0);
    const saved = await stored();
    expect(JSON.parse(saved ?? '{}')).toEqual({ idleMs: 600_000, hiddenMs: 30_000 });

    await page.clock.fastForward(61_000);
    // Cancel, then Escape: the select and the setting stay as they were; focus comes back.
    await idle.focus(); // as a click on it would (selectOption does not move focus)
    await idle.selectOption('never');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('reauth-passphrase')).toBeFocused();
    await page.getByTestId('reauth-cancel').click();
    await expect(dialog).toHaveCount(0);
    await expect(idle).toHaveValue('600000');
    await expect(idle).toBeFocused();
    await expect(warning).toHaveCount(0);
    await idle.selectOption('never');
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(idle).toHaveValue('600000');
    expect(await stored()).toBe(saved);

    // A wrong passphrase says so and keeps the dialog open; nothing is saved.
    await idle.selectOption('never');
    await page.getByTestId('reauth-passphrase').fill('not the passphrase');
    await page.getByTestId('reauth-submit').click();
    await expect(page.getByTestId('reauth-error')).toHaveText('Wrong passphrase. Nothing was changed.');
    await expect(dialog).toBeVisible();
    await page.getByTestId('reauth-cancel').click();
    await expect(idle).toHaveValue('600000');
    expect(await stored()).toBe(saved);

    // The right passphrase saves "Never", which survives a reload.
    await idle.selectOption('never');
    await page.getByTestId('reauth-passphrase').fill(PASSPHRASE);
    await page.getByTestId('reauth-submit').click();
    await expect(dialog).toHaveCount(0);
    await expect(idle).toHaveValue('never');
    await expect(warning).toBeVisible();
    await page.getByTestId('autolock-hidden').selectOption('0');
    await page.reload();
    await unlock(page);
    await page.getByTestId('settings').click();
    await expect(page.getByTestId('autolock-idle')).toHaveValue('never');
    await expect(page.getByTestId('autolock-hidden')).toHaveValue('0');
    await expect(page.getByTestId('autolock-never-warning')).toBeVisible();
  });
});
