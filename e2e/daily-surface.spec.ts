/**
 * Issue #14 "The daily surface" (the code list as rows) with #18 point 6: on a 390×844 phone, 20
 * accounts show at least 8 whole rows (11 in compact density); the list has no Delete button (it
 * is in each row's ⋮ menu, which works by keyboard and by right click); and every screen reached
 * here fits 320 px with long names (80 characters without spaces, long Japanese, emoji): no
 * horizontal scrolling, no box sticking out of the screen, no two controls on top of each other.
 */
import { expect, test, type Page } from '@playwright/test';
import { openAddForm, PASSPHRASE, rowAction } from './support/helpers';
import { backupOf, type SeedAccount } from './support/seed-backup';

const LONG_LATIN = 'x'.repeat(80);
const LONG_CJK = '東京都千代田区永田町一丁目の非常に長い名前のサービスアカウント東京都千代田区永田町一丁目の非常に長い名前';
const EMOJI = '🔐🦊🌸🚀🎌'.repeat(8);
const ACCOUNTS: SeedAccount[] = Array.from({ length: 20 }, (_, i) => ({
  issuer: i === 0 ? LONG_LATIN : i === 1 ? LONG_CJK : i === 2 ? EMOJI : `Service ${i}`,
  name: i === 0 ? LONG_CJK : i === 1 ? EMOJI : i === 2 ? LONG_LATIN : `user${i}@example.com`,
}));

/** Horizontal overflow and overlapping controls, through every shadow root; [] when the screen fits. */
function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
    const all: Element[] = [];
    const walk = (node: ParentNode): void => {
      for (const el of node.querySelectorAll('*')) {
        all.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    const parentOf = (el: Element): Element | null => el.parentElement ?? ((el.getRootNode() as ShadowRoot).host || null);
    // Inside a box that clips or scrolls on purpose (group chips, ellipsised names): that box is checked instead.
    const clipped = (el: Element): boolean => {
      for (let p = parentOf(el); p; p = parentOf(p)) {
        if (p === root || p === document.body) return false;
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(p).overflowX)) return true;
      }
      return false;
    };
    const name = (el: Element): string =>
      `${el.localName}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
    const shown = (el: Element): DOMRect | null => {
      const r = el.getBoundingClientRect();
      if (r.width < 2 || r.height < 2) return null;
      const s = getComputedStyle(el);
      return s.visibility === 'hidden' || s.clip === 'rect(0px, 0px, 0px, 0px)' ? null : r;
    };
    const inToast = (el: Element): boolean => {
      for (let p: Element | null = el; p; p = parentOf(p)) if (p.localName === 'omamori-toast') return true;
      return false;
    };
    const controls: { el: Element; r: DOMRect }[] = [];
    for (const el of all) {
      const r = shown(el);
      if (!r || inToast(el)) continue;
      if ((r.right > innerWidth + 1 || r.left < -1) && !clipped(el)) problems.push(`sticks out (${Math.round(r.left)}…${Math.round(r.right)}): ${name(el)}`);
      if (!['button', 'input', 'select', 'textarea'].includes(el.localName) || (el as HTMLInputElement).type === 'hidden') continue;
      controls.push({ el, r });
      // A control wider than the box it sits in (a field sticking out of its column or card).
      const parent = parentOf(el);
      const display = parent ? getComputedStyle(parent).display : 'none';
      if (parent && !['inline', 'contents', 'none'].includes(display) && !clipped(el)) {
        const p = parent.getBoundingClientRect();
        if (r.right > p.right + 1 || r.left < p.left - 1) problems.push(`wider than its box (${Math.round(r.width)} > ${Math.round(p.width)}): ${name(el)}`);
      }
    }
    for (let i = 0; i < controls.length; i++) {
      for (let j = i + 1; j < controls.length; j++) {
        const a = controls[i]!.r;
        const b = controls[j]!.r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) problems.push(`overlap: ${name(controls[i]!.el)} / ${name(controls[j]!.el)}`);
      }
    }
    return problems;
  });
}

/** Rows entirely on screen below the sticky header. */
function rowsVisible(page: Page): Promise<number> {
  return page.evaluate(() => {
    const list = document.querySelector('omamori-app')?.shadowRoot?.querySelector('omamori-code-list');
    const header = list?.shadowRoot?.querySelector('header')?.getBoundingClientRect().bottom ?? 0;
    const grid = list?.shadowRoot?.querySelector('omamori-account-grid');
    const rows = [...(grid?.shadowRoot?.querySelectorAll('omamori-code-card') ?? [])].map((c) => c.getBoundingClientRect());
    return rows.filter((r) => r.top >= header && r.bottom <= innerHeight).length;
  });
}

test('rows: 8+ visible (11+ compact) at 390×844, no Delete in the list, the row menu by keyboard; every screen fits 320 px', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 320, height: 700 });

  // First run → restore: the restore preview with long names at 320 px.
  const { bytes, code } = await backupOf(ACCOUNTS);
  await page.goto('/');
  await page.getByTestId('start-restore').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await page.getByTestId('restore-file').setInputFiles({ name: 'seed.omamori', mimeType: 'application/json', buffer: bytes });
  await page.getByTestId('restore-code').fill(code);
  await page.getByTestId('restore-submit').click();
  await expect(page.getByTestId('restore-import')).toBeVisible({ timeout: 30_000 });
  expect(await layoutProblems(page), 'restore preview').toEqual([]);
  await page.getByTestId('restore-import').click();
  await expect(page.getByTestId('code-card')).toHaveCount(20, { timeout: 30_000 });

  // The list at 320 px; long names are cut with an ellipsis and kept whole in the title.
  expect(await layoutProblems(page), 'code list').toEqual([]);
  await expect(page.getByTestId('code-card').first().locator('.names')).toHaveAttribute('title', `${LONG_LATIN} · ${LONG_CJK}`);

  // No Delete button anywhere in the list: it is in the row menu.
  await expect(page.getByRole('button', { name: /delete/i })).toHaveCount(0);

  // The toast naming a deleted account with a long unbroken name wraps inside the screen; Undo.
  await rowAction(page.getByTestId('code-card').first(), 'delete');
  const toast = page.getByTestId('toast').filter({ hasText: LONG_LATIN.slice(0, 20) });
  await expect(toast).toBeVisible();
  expect(
    await toast.evaluate((el) => {
      const text = el.querySelector('span')!;
      const box = el.getBoundingClientRect();
      return { fits: text.scrollWidth <= text.clientWidth + 1, inside: box.left >= 0 && box.right <= innerWidth };
    }),
  ).toEqual({ fits: true, inside: true });
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('code-card')).toHaveCount(20);

  // Add account with its advanced fields open.
  await openAddForm(page);
  await page.getByTestId('field-issuer').fill(LONG_CJK);
  await page.getByTestId('advanced').click();
  await expect(page.getByTestId('field-digits')).toBeVisible();
  expect(await layoutProblems(page), 'account form').toEqual([]);
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Settings, About, and another app's import preview (an otpauth:// list with the long names).
  await page.getByTestId('settings').click();
  expect(await layoutProblems(page), 'settings').toEqual([]);
  await page.getByTestId('open-about').click();
  await expect(page.getByTestId('about-version')).toBeVisible();
  expect(await layoutProblems(page), 'about').toEqual([]);
  await page.getByTestId('about-back').click();
  await page.getByTestId('open-import').click();
  const links = [LONG_LATIN, LONG_CJK, EMOJI].map(
    (n, i) => `otpauth://totp/${encodeURIComponent(`${n}:${n}${i}`)}?secret=JBSWY3DPEHPK3PX${'ABC'[i]}&issuer=${encodeURIComponent(n)}`,
  );
  await page.getByTestId('import-file').setInputFiles({ name: 'links.txt', mimeType: 'text/plain', buffer: Buffer.from(links.join('\n')) });
  await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
  expect(await layoutProblems(page), 'import preview').toEqual([]);
  await page.getByTestId('import-back').click();

  // 390×844: at least 8 whole rows in comfortable density.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('code-card')).toHaveCount(20);
  expect(await rowsVisible(page)).toBeGreaterThanOrEqual(8);

  // The row menu by keyboard: first item focused, arrows wrap, Escape gives focus back.
  const row = page.getByTestId('code-card').nth(3);
  await row.getByTestId('row-menu').focus();
  await page.keyboard.press('Enter');
  await expect(row.getByRole('menu')).toBeVisible();
  await expect(row.getByTestId('large-open')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row.getByTestId('favourite')).toBeFocused();
  await page.keyboard.press('End');
  await expect(row.getByTestId('delete')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(row.getByTestId('large-open')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(row.getByTestId('delete')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row.getByRole('menu')).toHaveCount(0);
  await expect(row.getByTestId('row-menu')).toBeFocused();
  // A right click (a long press on a phone) opens the same menu; Edit opens the account's form.
  await row.getByTestId('issuer').click({ button: 'right' });
  await row.getByTestId('edit').click();
  await expect(page.getByTestId('account-form')).toBeVisible();
  await expect(page.getByTestId('field-issuer')).toHaveValue('Service 3');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Compact density (Settings → Appearance): at least 11 whole rows.
  await page.getByTestId('settings').click();
  await page.getByTestId('density-compact').check();
  await page.getByTestId('settings-back').click();
  await expect(page.getByTestId('code-card')).toHaveCount(20);
  expect(await rowsVisible(page)).toBeGreaterThanOrEqual(11);
});
