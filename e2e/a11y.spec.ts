/**
 * axe (WCAG 2.x A/AA and best practices) on every screen, in the light and the dark theme: one
 * browser context per theme walks through all screens with one vault, so the run stays short.
 * Each screen's violations are listed as "rule (impact): target — summary", and every screen is
 * checked even when an earlier one fails (soft assertions), so one run shows all the work.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import { readFileSync } from 'node:fs';
import { encodeMigrationUris } from '../src/formats/google-migration/codec';
import { addAccountByKey, createVault, openAddForm, openScanner, PASSPHRASE, RFC_SECRET, unlock } from './support/helpers';

const BACKUP_PASS = 'backup passphrase 123';

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  // Let transitions and freshly rendered text settle so colours are measured as seen.
  await page.waitForTimeout(150);
  const { violations } = await new AxeBuilder({ page }).analyze();
  const lines = violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${n.target.join(' ')} — ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`),
  );
  expect.soft(lines, `axe violations on "${screen}"`).toEqual([]);
}

async function settingsExpanded(page: Page): Promise<void> {
  await page.getByTestId('settings').click();
  await page.getByTestId('change-passphrase').click();
  await page.getByTestId('toggle-device-slot').click();
  await page.getByTestId('restore-open').click();
  await expect(page.getByTestId('restore-file')).toBeVisible();
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test(`the restore screen after "Restore from a backup" has no axe violations (${colorScheme})`, async ({ page }) => {
      await page.goto('/');
      await page.getByTestId('start-restore').click();
      await page.getByTestId('new-passphrase').fill(PASSPHRASE);
      await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
      await page.getByTestId('create-submit').click();
      await expect(page.getByTestId('restore-page')).toBeVisible({ timeout: 30_000 });
      await expectNoViolations(page, 'restore screen');
    });

    test(`every screen has no axe violations (${colorScheme})`, async ({ page }) => {
      test.setTimeout(150_000);
      await page.clock.install();

      await page.goto('/');
      await expect(page.getByTestId('start-create')).toBeVisible();
      await expectNoViolations(page, 'first run');

      await page.getByTestId('start-create').click();
      await page.getByTestId('new-passphrase').fill('short');
      await expectNoViolations(page, 'create vault');
      await createVault(page);
      await expectNoViolations(page, 'empty list');

      await openAddForm(page);
      await expectNoViolations(page, 'add account (key)');
      await page.getByTestId('advanced').click();
      await page.getByTestId('save-account').click(); // empty form: field errors shown
      await expectNoViolations(page, 'add account (advanced, with errors)');
      await page.getByTestId('field-issuer').fill('GitHub');
      await page.getByTestId('field-name').fill('octocat');
      await page.getByTestId('field-secretB32').fill(RFC_SECRET);
      await page.getByTestId('save-account').click();
      await expect(page.getByTestId('account-form')).toHaveCount(0);
      await addAccountByKey(page, { issuer: 'Counter', name: 'hotp user', secret: 'JBSWY3DPEHPK3PXP', type: 'hotp' });
      await expect(page.getByTestId('code-card')).toHaveCount(2);
      await expectNoViolations(page, 'list with accounts');
      await page.getByTestId('search').fill('zzz');
      await expectNoViolations(page, 'list without matches');
      await page.getByTestId('search').fill('');

      // Scanner: no camera in this browser (the denied / unavailable state), then an image.
      await openScanner(page);
      await expect(page.getByTestId('scanner')).toBeVisible();
      await expect(page.getByTestId('scanner-message')).toBeVisible({ timeout: 15_000 });
      await expectNoViolations(page, 'scanner (no camera)');
      const qr = await QRCode.toBuffer(`otpauth://totp/Example:alice@example.com?secret=${RFC_SECRET}&issuer=Example`, { width: 320 });
      await page.getByTestId('scanner-file').setInputFiles({ name: 'qr.png', mimeType: 'image/png', buffer: qr });
      await expect(page.getByTestId('scan-preview')).toBeVisible({ timeout: 15_000 });
      await expectNoViolations(page, 'enrol preview');
      // A Google Authenticator transfer code: the transfer import list.
      await page.getByTestId('enroll-back').click();
      await openScanner(page);
      const { uris } = encodeMigrationUris(
        [{ type: 'totp', issuer: 'Moved', name: 'me@example.com', secretB32: RFC_SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '' }],
        { batchId: 9 },
      );
      await page
        .getByTestId('scanner-file')
        .setInputFiles({ name: 'transfer.png', mimeType: 'image/png', buffer: await QRCode.toBuffer(uris[0]!, { width: 400 }) });
      await expect(page.getByTestId('google-import')).toBeVisible({ timeout: 15_000 });
      await expectNoViolations(page, 'transfer import');
      await page.getByTestId('open-guide').click();
      await expect(page.getByTestId('guide-google')).toBeVisible();
      await expectNoViolations(page, 'guide');
      // Import from another app: the picker, the password step (with an error), the preview.
      await page.getByTestId('guide-import').click();
      await expect(page.getByTestId('import-file')).toBeVisible();
      await expectNoViolations(page, 'import from another app');
      const aegis = readFileSync(new URL('../test/fixtures/import/aegis/encrypted.json', import.meta.url));
      await page.getByTestId('import-file').setInputFiles({ name: 'aegis.json', mimeType: 'application/json', buffer: aegis });
      await page.getByTestId('import-password').fill('wrong');
      await page.getByTestId('import-open').click();
      await expect(page.getByTestId('import-error')).toBeVisible({ timeout: 30_000 });
      await expectNoViolations(page, 'import password (error)');
      await page.getByTestId('import-password').fill('correct horse');
      await page.getByTestId('import-open').click();
      await expect(page.getByTestId('import-preview')).toBeVisible({ timeout: 30_000 });
      await expectNoViolations(page, 'import preview');
      await page.getByTestId('import-back').click();

      // Settings with every section open, the export form, the ready state, the restore preview.
      // The export asks for a passphrase typed within the last minute; the walk so far may have
      // taken longer on a busy machine, so unlock afresh first (the re-auth dialog has its own
      // check below).
      await page.getByTestId('lock').click();
      await unlock(page, PASSPHRASE);
      await expect(page.getByTestId('code-card').first()).toBeVisible({ timeout: 30_000 });
      await settingsExpanded(page);
      await expectNoViolations(page, 'settings (sections expanded)');
      await page.getByTestId('security-confirm').first().click(); // empty passphrase: an error
      await page.getByTestId('backup-export').click();
      await expectNoViolations(page, 'backup export form');
      await page.getByTestId('backup-passphrase').fill(BACKUP_PASS);
      await page.getByTestId('backup-passphrase-confirm').fill(BACKUP_PASS);
      await page.getByTestId('backup-create').click();
      await expect(page.getByTestId('backup-ready')).toBeVisible({ timeout: 30_000 });
      await expectNoViolations(page, 'backup ready');
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
      const backup = readFileSync((await download.path())!);
      await page.getByTestId('backup-done').click();
      await page.getByTestId('restore-file').setInputFiles({ name: 'backup.omamori', mimeType: 'application/json', buffer: backup });
      await page.getByTestId('restore-passphrase').fill(BACKUP_PASS);
      await page.getByTestId('restore-submit').click();
      await expect(page.getByTestId('restore-preview')).toBeVisible({ timeout: 30_000 });
      await expectNoViolations(page, 'restore preview');

      await page.getByTestId('open-about').click();
      await expect(page.getByTestId('about')).toBeVisible();
      await page.locator('[data-package="lit"] summary').click();
      await page.getByTestId('own-licence').locator('summary').click();
      await expectNoViolations(page, 'about');
      await page.getByTestId('about-back').click();

      // Re-authentication: more than a minute after the last proof of the passphrase.
      await page.clock.fastForward(61_000);
      await page.getByTestId('autolock-idle').selectOption('never');
      await expect(page.getByTestId('reauth-dialog')).toBeVisible();
      await expectNoViolations(page, 'reauth dialog');
      await page.getByTestId('reauth-submit').click(); // empty: an error inside the dialog
      await expectNoViolations(page, 'reauth dialog (error)');
      await page.getByTestId('reauth-passphrase').fill(PASSPHRASE);
      await page.getByTestId('reauth-submit').click();
      await expect(page.getByTestId('reauth-dialog')).toHaveCount(0, { timeout: 30_000 });
      await expect(page.getByTestId('autolock-never-warning')).toBeVisible();

      // Within a minute of that proof: the transfer screens open without asking again.
      await page.getByTestId('show-google-qr').click();
      await expect(page.getByTestId('gqr-setup')).toBeVisible();
      await page.getByTestId('gqr-start').click();
      await expect(page.getByTestId('gqr-view')).toBeVisible();
      await expectNoViolations(page, 'transfer QR codes');
      await page.getByTestId('gqr-close').click();
      await page.getByTestId('export-otpauth').click();
      await expect(page.getByTestId('plain-warning')).toBeVisible();
      await page.getByTestId('passkey-add').click();
      await expect(page.getByTestId('passkey-form')).toBeVisible();
      await expectNoViolations(page, 'settings (plain export warning, passkey form, auto-lock warning)');
      await page.getByTestId('settings-back').click();

      await page.getByTestId('lock').click();
      await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
      await expectNoViolations(page, 'unlock');
      await unlock(page, 'not the passphrase');
      await expect(page.getByRole('alert').first()).toBeVisible({ timeout: 30_000 });
      await expectNoViolations(page, 'unlock (wrong passphrase)');
      await unlock(page, PASSPHRASE);
      await expect(page.getByTestId('code-card').first()).toBeVisible({ timeout: 30_000 });

      await page.evaluate(
        () =>
          new Promise((resolve) => {
            const req = indexedDB.deleteDatabase('omamori');
            req.onsuccess = req.onerror = req.onblocked = () => resolve(undefined);
          }),
      );
      await expect(page.getByTestId('vault-missing')).toBeVisible();
      await expectNoViolations(page, 'vault missing');
    });
  });
}

test.describe('in Japanese', () => {
  test.use({ locale: 'ja-JP', colorScheme: 'dark' });

  test('the Japanese screens have no axe violations either (dark)', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ja');
    await expectNoViolations(page, 'first run (ja)');
    await createVault(page);
    await addAccountByKey(page, { issuer: '楽天', name: '山田 太郎', secret: RFC_SECRET });
    await expectNoViolations(page, 'list (ja)');
    await settingsExpanded(page);
    await expectNoViolations(page, 'settings (ja)');
    await page.getByTestId('open-about').click();
    await expect(page.getByTestId('about')).toBeVisible();
    await expectNoViolations(page, 'about (ja)');
  });
});
