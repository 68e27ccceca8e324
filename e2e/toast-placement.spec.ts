/**
 * Toasts on a phone (issue 18, point 3): one passing toast at a time, never over a QR code on
 * screen nor over the buttons of the form that produced it, the page's end reserved for it, and
 * Undo reachable by keyboard. 320×640 and 390×844, one vault.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { createVault, openAddForm, rowAction } from './support/helpers';

type Box = { x: number; y: number; width: number; height: number };

const crosses = (a: Box, b: Box): boolean => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** What the one toast shown covers, among `targets` (named) that are on screen; [] when clear. */
async function covered(page: Page, targets: Record<string, Locator>): Promise<string[]> {
  const toasts = page.getByTestId('toast');
  if ((await toasts.count()) !== 1) return [`${await toasts.count()} toasts shown`];
  const toast = await toasts.boundingBox();
  if (!toast) return ['no toast box'];
  const out: string[] = [];
  for (const [name, locator] of Object.entries(targets)) {
    for (const el of await locator.all()) {
      const box = (await el.isVisible()) ? await el.boundingBox() : null;
      if (box && crosses(toast, box)) out.push(name);
    }
  }
  return out;
}

// No service worker: its one-off "works offline" toast would replace the ones under test at a
// moment of its own choosing.
test.use({ serviceWorkers: 'block' });

async function addByKey(page: Page, issuer: string, secret: string): Promise<void> {
  await openAddForm(page);
  await page.getByTestId('field-issuer').fill(issuer);
  await page.getByTestId('field-secretB32').fill(secret);
  await page.getByTestId('field-secretB32').press('Enter');
  await expect(page.getByTestId('account-form')).toHaveCount(0);
}

test('toasts on a phone: one at a time, clear of QR codes and the form buttons, Undo by keyboard', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await createVault(page);
  for (const [width, height, secrets] of [
    [320, 640, ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ']],
    [390, 844, ['MFRGGZDFMZTWQ2LK', 'KRUGS4ZANFZSAYJA']],
  ] as const) {
    await page.setViewportSize({ width, height });
    const run = `${width}`;

    // Two accounts added by setup key in a row: the second "added" replaces the first.
    await addByKey(page, `First ${run}`, secrets[0]);
    await addByKey(page, `Second ${run}`, secrets[1]);
    await expect(page.getByTestId('toast')).toHaveText([new RegExp(`Second ${run}`)]);

    // The details screen with the setup key and the account's QR code shown, the code scrolled to
    // the bottom of the screen (as far as the page lets it): the favourite toggle's toast sits
    // clear of the code, the toggle and Save/Cancel.
    await rowAction(page.getByTestId('code-card').filter({ hasText: `First ${run}` }), 'edit');
    await page.getByTestId('reveal-secret').click();
    await page.getByTestId('show-account-qr').click();
    const qr = page.locator('svg[data-toast-avoid]');
    await expect(qr).toBeVisible();
    await qr.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    const favourite = page.getByTestId('favourite-toggle');
    await favourite.evaluate((el: HTMLElement) => el.focus({ preventScroll: true }));
    await page.keyboard.press('Space');
    await expect(page.getByTestId('toast')).toHaveText([/Added to favourites/]);
    const targets = {
      'QR code': qr,
      'favourite toggle': favourite,
      Save: page.getByTestId('save-account'),
      Cancel: page.getByRole('button', { name: 'Cancel', exact: true }),
    };
    await expect.poll(() => covered(page, targets), { timeout: 10_000 }).toEqual([]);
    // Save/Cancel at the bottom of the screen, the toggle undone at once: one toast, the newer
    // one, clear of them.
    await page.getByTestId('save-account').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.keyboard.press('Space');
    await expect(page.getByTestId('toast')).toHaveText([/Removed from favourites/]);
    await expect.poll(() => covered(page, targets), { timeout: 10_000 }).toEqual([]);
    await page.getByTestId('hide-account-qr').click();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(page.getByTestId('account-form')).toHaveCount(0);

    // Delete → one Undo toast; the page's end is reserved for it; Undo from the keyboard.
    await rowAction(page.getByTestId('code-card').filter({ hasText: `Second ${run}` }), 'delete');
    const undo = page.getByTestId('toast').getByRole('button', { name: 'Undo' });
    await expect(page.getByTestId('toast')).toHaveCount(1);
    const toastHeight = (await page.getByTestId('toast').boundingBox())!.height;
    const reserved = await page.evaluate(() => parseFloat(getComputedStyle(document.body).paddingBottom));
    expect(reserved).toBeGreaterThanOrEqual(toastHeight);
    await undo.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('code-card').filter({ hasText: `Second ${run}` })).toHaveCount(1);
    await expect(page.getByTestId('toast')).toHaveCount(0);
  }
});
