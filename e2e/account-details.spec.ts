import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import sharp from 'sharp';
import { addAccountByKey, createVault, openAddForm, rowAction, unlock } from './support/helpers';

async function openDetails(page: Page, issuer: string): Promise<void> {
  await rowAction(page.getByTestId('code-card').filter({ hasText: issuer }), 'edit');
  await expect(page.getByTestId('account-organise')).toBeVisible();
}

async function backToList(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(page.getByTestId('account-form')).toHaveCount(0);
}

async function reloadAndUnlock(page: Page): Promise<void> {
  await page.reload();
  await unlock(page);
  await expect(page.getByTestId('code-card').first()).toBeVisible({ timeout: 30_000 });
}

const NOTES = 'Recovery e-mail: alice@example.com\n改行も<b>そのまま</b>';

test.describe('account details', () => {
  test('notes: optional when adding, edited on the details screen, kept after a reload', async ({ page }) => {
    await createVault(page);
    await openAddForm(page);
    await page.getByTestId('field-issuer').fill('Example');
    await page.getByTestId('field-name').fill('alice');
    await page.getByTestId('field-secretB32').fill('JBSWY3DPEHPK3PXP');
    await page.getByTestId('field-notes').fill('first note');
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('account-form')).toHaveCount(0);
    await addAccountByKey(page, { issuer: 'NoNotes', name: 'bob', secret: 'GEZDGNBVGY3TQOJQ' });

    await openDetails(page, 'Example');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Account details');
    await expect(page.getByTestId('field-notes')).toHaveValue('first note');
    await page.getByTestId('field-notes').fill(NOTES);
    // Something saved right away below (favourite) keeps what is being typed above.
    await page.getByTestId('favourite-toggle').check();
    await expect(page.getByTestId('toast').filter({ hasText: 'Added to favourites.' })).toBeVisible();
    await expect(page.getByTestId('field-notes')).toHaveValue(NOTES);
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('account-form')).toHaveCount(0);

    await reloadAndUnlock(page);
    await openDetails(page, 'Example');
    await expect(page.getByTestId('field-notes')).toHaveValue(NOTES);
    await expect(page.getByTestId('favourite-toggle')).toBeChecked();
    await backToList(page);
    await openDetails(page, 'NoNotes');
    await expect(page.getByTestId('field-notes')).toHaveValue('');
    await expect(page.getByTestId('favourite-toggle')).not.toBeChecked();
    // Notes are never search results.
    await backToList(page);
    await page.getByTestId('search').fill('alice@example.com');
    await expect(page.getByTestId('code-card')).toHaveCount(0);
  });

  test('favourite toggles; a group is added, suggested for another account and removed', async ({ page }) => {
    await createVault(page);
    await addAccountByKey(page, { issuer: 'GitHub', name: 'octocat', secret: 'JBSWY3DPEHPK3PXP' });
    await addAccountByKey(page, { issuer: 'GitLab', name: 'tanuki', secret: 'GEZDGNBVGY3TQOJQ' });

    await openDetails(page, 'GitHub');
    const favourite = page.getByTestId('favourite-toggle');
    await favourite.check();
    await expect(favourite).toBeChecked();
    await favourite.uncheck();
    await expect(page.getByTestId('toast').filter({ hasText: 'Removed from favourites.' })).toBeVisible();
    await expect(page.getByTestId('groups-none')).toBeVisible();
    await page.getByTestId('group-add').click();
    await expect(page.getByTestId('group-error')).toHaveText('Type a group name.');
    await page.getByTestId('group-input').fill('  Work  ');
    await page.getByTestId('group-input').press('Enter');
    await expect(page.getByTestId('group-name')).toHaveText(['Work']);
    await expect(page.getByTestId('group-input')).toHaveValue('');
    await page.getByTestId('group-input').fill('Work');
    await page.getByTestId('group-add').click();
    await expect(page.getByTestId('group-error')).toHaveText('This account is already in Work.');
    await backToList(page);

    await openDetails(page, 'GitLab');
    await expect(page.locator('datalist#group-options option')).toHaveCount(1);
    await expect(page.locator('datalist#group-options option')).toHaveAttribute('value', 'Work');
    await page.getByTestId('group-input').fill('Work');
    await page.getByTestId('group-add').click();
    // The next name typed at once, while the first is being saved, is not wiped when that save ends.
    await page.getByTestId('group-input').fill('仕事');
    await page.getByTestId('group-add').click();
    await expect(page.getByTestId('group-name')).toHaveText(['Work', '仕事']);
    await page.getByRole('button', { name: 'Remove from group Work' }).click();
    await expect(page.getByTestId('group-name')).toHaveText(['仕事']);
    await expect(page.getByTestId('group-input')).toBeFocused();

    await reloadAndUnlock(page);
    await openDetails(page, 'GitLab');
    await expect(page.getByTestId('group-name')).toHaveText(['仕事']);
    await backToList(page);
    await openDetails(page, 'GitHub');
    await expect(page.getByTestId('group-name')).toHaveText(['Work']);
    await expect(page.getByTestId('favourite-toggle')).not.toBeChecked();
  });

  test('custom icon: an image is resized and shown; a non-image or SVG file is refused and nothing is saved', async ({ page }) => {
    await createVault(page);
    await addAccountByKey(page, { issuer: 'Example', name: 'alice', secret: 'JBSWY3DPEHPK3PXP' });
    await openDetails(page, 'Example');
    await expect(page.getByTestId('icon-current')).toHaveText('Automatic: the service’s logo when Omamori knows it, otherwise a letter.');

    const png = await sharp({ create: { width: 640, height: 320, channels: 4, background: { r: 200, g: 30, b: 60, alpha: 1 } } })
      .png()
      .toBuffer();
    await page.getByTestId('icon-file').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: png });
    const preview = page.getByTestId('icon-preview-image');
    await expect(preview).toHaveAttribute('src', /^data:image\/(webp|png);base64,/);
    await expect(preview).toHaveAttribute('alt', '');
    await expect(page.getByTestId('icon-current')).toHaveText('Your own image.');
    const stored = (await preview.getAttribute('src')) ?? '';
    expect(stored.length).toBeLessThanOrEqual(48 * 1024);
    // Resized to 96 × 96 (the wide picture centred inside).
    const size = await preview.evaluate((img: HTMLImageElement) => img.decode().then(() => [img.naturalWidth, img.naturalHeight]));
    expect(size).toEqual([96, 96]);

    await page.getByTestId('icon-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') });
    await expect(page.getByTestId('icon-error')).toHaveText('This file is not a PNG, JPEG, WebP or GIF image. Nothing was saved.');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>');
    await page.getByTestId('icon-file').setInputFiles({ name: 'logo.svg', mimeType: 'image/svg+xml', buffer: svg });
    await expect(page.getByTestId('icon-error')).toContainText('SVG images cannot be used as icons');
    // A file that claims to be a PNG but is damaged.
    await page.getByTestId('icon-file').setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: png.subarray(0, 60) });
    await expect(page.getByTestId('icon-error')).toHaveText('This image could not be read; it may be damaged. Nothing was saved.');
    await expect(preview).toHaveAttribute('src', stored);

    await reloadAndUnlock(page);
    await openDetails(page, 'Example');
    await expect(page.getByTestId('icon-preview-image')).toHaveAttribute('src', stored);
    await page.getByTestId('icon-letter').click();
    await expect(page.getByTestId('icon-current')).toHaveText('Always a letter.');
    await expect(page.getByTestId('icon-preview-image')).toHaveCount(0);
    await expect(page.getByTestId('icon-preview')).toHaveText('E');
    await page.getByTestId('icon-auto').click();
    await expect(page.getByTestId('icon-current')).toHaveText(/^Automatic/);
  });
});

test('the details screen has no axe violations in light and dark themes', async ({ page }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'GitHub', name: 'octocat', secret: 'JBSWY3DPEHPK3PXP' });
  await openDetails(page, 'GitHub');
  await page.getByTestId('group-input').fill('Work');
  await page.getByTestId('group-add').click();
  await page.getByTestId('recovery-add').click();
  await page.getByTestId('recovery-read').click();
  await page.getByTestId('recovery-text').fill('1a2b3-c4d5e\nf6a7b-8c9d0\ne1f2a-3b4c5');
  await page.getByTestId('recovery-read').click();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations, `import preview, ${colorScheme}`).toEqual([]);
  }
  await page.getByTestId('recovery-save').click();
  await page.getByTestId('recovery-mark').first().click();
  await expect(page.getByTestId('recovery-warning')).toBeVisible();
  await page.getByTestId('icon-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('text') });
  await expect(page.getByTestId('icon-error')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect((await new AxeBuilder({ page }).analyze()).violations, `details, ${colorScheme}`).toEqual([]);
  }
});

test('saving the details of an HOTP account never rolls back a counter advanced in another tab', async ({ page, context }) => {
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Bank', name: 'hotp', secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: 5 });
  await openDetails(page, 'Bank');

  const other = await context.newPage();
  await other.goto('/');
  await unlock(other);
  await other.getByTestId('hotp-next').click();
  await expect(other.getByTestId('code')).not.toHaveText('––– –––');

  // The counter reaches this tab through the live list (within 2 s; docs/security.md, "Reliability bar") while
  // the name is being typed; nothing on this screen shows it, so give it that time.
  await page.getByTestId('field-name').fill('hotp renamed');
  await page.waitForTimeout(2000);
  await page.getByTestId('field-notes').fill('typed meanwhile');
  await page.getByTestId('save-account').click();
  await expect(page.getByTestId('account-form')).toHaveCount(0);
  await openDetails(page, 'Bank');
  await page.getByTestId('advanced').click();
  await expect(page.getByTestId('field-counter')).toHaveValue('6');
  await expect(page.getByTestId('field-name')).toHaveValue('hotp renamed');
  await expect(page.getByTestId('field-notes')).toHaveValue('typed meanwhile');
});
