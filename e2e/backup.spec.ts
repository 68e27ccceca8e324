import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addAccountByKey, createVault, dumpStorage as dumpAll, PASSPHRASE, RFC_SECRET, RFC_TIME_MS, rowAction } from './support/helpers';
import { backupOf } from './support/seed-backup';

const BACKUP_PASS = 'バックアップ backup passphrase';
const ACCOUNTS = [
  { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET },
  { issuer: '銀行', name: '<b>たろう</b>', secret: 'JBSWY3DPEHPK3PXP', digits: 8 },
];

/**
 * The storage dump without the auto-lock's tab-presence heartbeat (omamori.autolock.presence),
 * which the auto-lock writes on its own schedule whatever the import does.
 */
async function dumpStorage(page: Page): Promise<string> {
  return (await dumpAll(page))
    .split('\n')
    .filter((line) => !line.startsWith('localStorage omamori.autolock.presence='))
    .join('\n');
}

const DAMAGED = 'The file is damaged. Nothing was imported; try another copy of the backup.';

/** Sets the first slot's KDF parameters and recomputes the checksum: a crafted file. */
function withSlotKdf(bytes: Buffer, change: Record<string, number>): Buffer {
  const env = JSON.parse(bytes.toString('utf8')) as { header: string; ciphertext: string; checksum: string };
  const header = JSON.parse(Buffer.from(env.header, 'base64url').toString('utf8')) as { slots: { kdf: Record<string, unknown> }[] };
  Object.assign(header.slots[0]!.kdf, change);
  const headerBytes = Buffer.from(JSON.stringify(header));
  const ct = Buffer.from(env.ciphertext, 'base64url');
  const checksum = `sha256:${createHash('sha256')
    .update(Buffer.concat([headerBytes, ct]))
    .digest('hex')}`;
  return Buffer.from(JSON.stringify({ ...env, header: headerBytes.toString('base64url'), checksum }));
}

/** Flips a ciphertext bit and recomputes the checksum, so that only authentication can catch it. */
function tamperCiphertext(bytes: Buffer): Buffer {
  const env = JSON.parse(bytes.toString('utf8')) as { header: string; ciphertext: string; checksum: string };
  const ct = Buffer.from(env.ciphertext, 'base64url');
  ct[5] = (ct[5] ?? 0) ^ 0x01;
  const header = Buffer.from(env.header, 'base64url');
  const checksum = `sha256:${createHash('sha256')
    .update(Buffer.concat([header, ct]))
    .digest('hex')}`;
  return Buffer.from(JSON.stringify({ ...env, ciphertext: ct.toString('base64url'), checksum }));
}

async function newDevice(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  await page.clock.setFixedTime(RFC_TIME_MS);
  return page;
}

async function deviceWithAccounts(browser: Browser): Promise<Page> {
  const page = await newDevice(browser);
  await createVault(page);
  for (const entry of ACCOUNTS) await addAccountByKey(page, entry);
  await expect(page.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
  return page;
}

async function codes(page: Page): Promise<string[]> {
  await expect(page.getByTestId('code-card').first().getByTestId('code')).not.toHaveText('––– –––');
  return page
    .getByTestId('code-card')
    .evaluateAll((cards) =>
      cards.map(
        (c) =>
          `${c.querySelector('[data-testid=issuer]')?.textContent}|${c.querySelector('[data-testid=name]')?.textContent}|${c.querySelector('[data-testid=code]')?.textContent}`,
      ),
    );
}

/** One picture per worker: with fullyParallel, two tests of this file may export at the same time. */
const qrPicturePath = (): string => `.tmp/backup-code-qr-${test.info().parallelIndex}.png`;

/** Settings → export; returns the file's bytes and, for a transfer code, the code shown. */
async function exportBackup(page: Page, kind: 'passphrase' | 'transfer-code'): Promise<{ bytes: Buffer; name: string; code: string; codeQrPath: string }> {
  await page.getByTestId('settings').click();
  await page.getByTestId('backup-export').click();
  let code = '';
  const codeQr = qrPicturePath();
  if (kind === 'passphrase') {
    await page.getByTestId('backup-passphrase').fill(BACKUP_PASS);
    await page.getByTestId('backup-passphrase-confirm').fill(BACKUP_PASS);
  } else {
    await page.getByTestId('backup-use-code').click();
    code = (await page.getByTestId('backup-code').textContent()) ?? '';
    expect(code.replace(/\s/g, '')).toMatch(/^[A-Z2-7]{30}$/);
    // The old device also shows the code as a QR code: keep a picture of it for the new device.
    await expect(page.getByTestId('backup-code-qr').locator('svg path')).toHaveCount(1);
    // "… added." toasts would cover part of the code in the picture.
    await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 15_000 });
    await page.getByTestId('backup-code-qr').screenshot({ path: codeQr });
  }
  await page.getByTestId('backup-create').click();
  await expect(page.getByTestId('backup-ready')).toHaveText(`Backup ready and checked: ${ACCOUNTS.length} accounts.`, { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('backup-download').click()]);
  const name = download.suggestedFilename();
  const bytes = await readFile(await download.path());
  await expect(page.getByTestId('backup-last-export')).toContainText('Last backup from this device:');
  await page.getByTestId('backup-done').click();
  return { bytes, name, code, codeQrPath: codeQr };
}

/** First run → "Restore from a backup" → create the vault → lands on the restore screen (not in Settings). */
async function startRestore(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('start-restore').click();
  await expect(page.getByTestId('create-restore-hint')).toBeVisible();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('restore-page').getByTestId('restore-file')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('settings-page')).toHaveCount(0);
}

async function chooseFile(page: Page, prefix: 'restore' | 'test', name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId(`${prefix}-file`).setInputFiles({ name, mimeType: 'application/json', buffer: bytes });
}

test.describe('encrypted backup between two devices', () => {
  test('passphrase file: a new device restores the same codes; a wrong passphrase and a damaged file change nothing', async ({ browser }) => {
    // Six Argon2id derivations (two vaults, the export, its read-back, two restores): near 60 s on a busy 2-core machine.
    test.setTimeout(120_000);
    const a = await deviceWithAccounts(browser);
    const codesA = await codes(a);
    const { bytes, name } = await exportBackup(a, 'passphrase');
    expect(name).toMatch(/^omamori-backup-\d{4}-\d{2}-\d{2}\.omamori$/);
    expect(bytes.toString('utf8')).not.toContain('alice@example.com');

    const b = await newDevice(browser);
    await startRestore(b);
    const before = await dumpStorage(b);

    await chooseFile(b, 'restore', name, bytes);
    await b.getByTestId('restore-passphrase').fill('not the backup passphrase');
    await b.getByTestId('restore-submit').click();
    await expect(b.getByTestId('restore-error')).toHaveText('Wrong passphrase for this backup file. Nothing was changed.', { timeout: 30_000 });
    expect(await dumpStorage(b)).toBe(before);

    const damaged = Buffer.from(bytes);
    const at = damaged.indexOf('"ciphertext": "') + 40;
    damaged[at] = damaged[at] === 0x41 ? 0x42 : 0x41;
    // A flipped byte is caught by the checksum as soon as the file is chosen.
    await chooseFile(b, 'restore', name, damaged);
    await expect(b.getByTestId('restore-error')).toHaveText(DAMAGED);
    await expect(b.getByTestId('restore-passphrase')).toHaveCount(0);
    // A changed ciphertext with a recomputed checksum is caught by AES-GCM after the passphrase.
    await chooseFile(b, 'restore', name, tamperCiphertext(bytes));
    await b.getByTestId('restore-passphrase').fill(BACKUP_PASS);
    await b.getByTestId('restore-submit').click();
    await expect(b.getByTestId('restore-error')).toHaveText(DAMAGED, { timeout: 30_000 });
    expect(await dumpStorage(b)).toBe(before);

    await chooseFile(b, 'restore', 'notes.txt', Buffer.from('just some notes'));
    await expect(b.getByTestId('restore-error')).toHaveText('This is not an Omamori backup file.');

    await chooseFile(b, 'restore', name, bytes);
    await b.getByTestId('restore-passphrase').fill(BACKUP_PASS);
    await b.getByTestId('restore-submit').click();
    await expect(b.getByTestId('restore-preview')).toBeVisible({ timeout: 30_000 });
    await expect(b.getByTestId('restore-new').locator('li')).toHaveCount(ACCOUNTS.length);
    // Made by the app with its own Argon2id settings: no weak-settings warning.
    await expect(b.getByTestId('restore-weak')).toHaveCount(0);
    expect(await dumpStorage(b)).toBe(before);
    await b.getByTestId('restore-import').click();
    await expect(b.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
    expect(await codes(b)).toEqual(codesA);
    await a.context().close();
    await b.context().close();
  });

  test('a file asking for too much key work is refused at once; one made with weak settings opens with a warning', async ({ browser }) => {
    // A committed v1 fixture, written with a small Argon2id cost (8 MiB, t = 1).
    const fixture = await readFile(new URL('../test/fixtures/export-v1/passphrase-ascii.omamori', import.meta.url));
    const b = await newDevice(browser);
    await startRestore(b);
    const before = await dumpStorage(b);
    await chooseFile(b, 'restore', 'crafted.omamori', withSlotKdf(fixture, { m: 1_048_576 }));
    await expect(b.getByTestId('restore-error')).toHaveText(
      'This file asks for more work than any Omamori backup does; it may be damaged or crafted. It was not opened.',
    );
    await expect(b.getByTestId('restore-passphrase')).toHaveCount(0);

    await chooseFile(b, 'restore', 'passphrase-ascii.omamori', fixture);
    await b.getByTestId('restore-passphrase').fill('correct horse battery staple');
    await b.getByTestId('restore-submit').click();
    await expect(b.getByTestId('restore-weak')).toHaveText('This backup was made with weak settings; export a new one.', { timeout: 30_000 });
    await expect(b.getByTestId('restore-new').locator('li')).toHaveCount(4);
    expect(await dumpStorage(b)).toBe(before);
    await b.getByTestId('restore-import').click();
    await expect(b.getByTestId('code-card')).toHaveCount(4);
    await b.context().close();
  });

  test('transfer code: the code read from the first device opens the file on the second', async ({ browser }) => {
    const a = await deviceWithAccounts(browser);
    const codesA = await codes(a);
    const { bytes, name, code } = await exportBackup(a, 'transfer-code');

    const b = await newDevice(browser);
    await startRestore(b);
    await chooseFile(b, 'restore', name, bytes);
    const before = await dumpStorage(b);
    await b.getByTestId('restore-code').fill('AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF');
    await b.getByTestId('restore-submit').click();
    await expect(b.getByTestId('restore-error')).toHaveText('Wrong transfer code for this backup file. Nothing was changed.');
    expect(await dumpStorage(b)).toBe(before);
    await b.getByTestId('restore-code').fill(code.toLowerCase());
    await b.getByTestId('restore-submit').click();
    await b.getByTestId('restore-import').click();
    await expect(b.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
    expect(await codes(b)).toEqual(codesA);
    await a.context().close();
    await b.context().close();
  });

  test('transfer code by QR: the new device scans the code the old one shows and restores', async ({ browser }) => {
    const a = await deviceWithAccounts(browser);
    const codesA = await codes(a);
    const { bytes, name, codeQrPath } = await exportBackup(a, 'transfer-code');
    const b = await newDevice(browser);
    await startRestore(b);
    await chooseFile(b, 'restore', name, bytes);
    await b.getByTestId('restore-scan-code').click();
    await b.getByTestId('scanner-file').setInputFiles(codeQrPath);
    await b.getByTestId('restore-import').click({ timeout: 30_000 });
    await expect(b.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
    expect(await codes(b)).toEqual(codesA);
    await a.context().close();
    await b.context().close();
  });

  test('restore from the welcome screen: a screen of its own that ends on the code list; Skip ends there too', async ({ browser }) => {
    const { bytes, code } = await backupOf([
      { issuer: 'Restored', name: 'one' },
      { issuer: 'Restored', name: 'two' },
    ]);
    const b = await newDevice(browser);
    await startRestore(b);
    await expect(b.getByRole('heading', { name: 'Restore from a backup', level: 1 })).toBeVisible();
    // The screen starts at its top, not scrolled to a panel.
    expect(await b.evaluate(() => scrollY)).toBe(0);
    await chooseFile(b, 'restore', 'seed.omamori', bytes);
    await b.getByTestId('restore-code').fill(code);
    await b.getByTestId('restore-submit').click();
    await b.getByTestId('restore-import').click({ timeout: 30_000 });
    await expect(b.getByTestId('code-card')).toHaveCount(2);
    await expect(b.getByTestId('restore-page')).toHaveCount(0);
    await expect(b.getByTestId('settings-page')).toHaveCount(0);
    await b.context().close();

    const c = await newDevice(browser);
    await startRestore(c);
    await c.getByTestId('restore-skip').click();
    await expect(c.getByTestId('restore-page')).toHaveCount(0);
    await expect(c.getByTestId('add-account').first()).toBeVisible();
    await expect(c.getByTestId('code-card')).toHaveCount(0);
    await c.context().close();
  });

  test('"Test this backup" confirms a good backup and names the account edited since', async ({ browser }) => {
    const a = await deviceWithAccounts(browser);
    const { bytes, name } = await exportBackup(a, 'passphrase');
    const runTest = async (): Promise<void> => {
      await a.getByTestId('test-open').click();
      await chooseFile(a, 'test', name, bytes);
      await a.getByTestId('test-passphrase').fill(BACKUP_PASS);
      await a.getByTestId('test-submit').click();
    };
    await runTest();
    await expect(a.getByTestId('test-result')).toHaveText(`All ${ACCOUNTS.length} accounts restore correctly.`, { timeout: 30_000 });

    await a.getByTestId('settings-back').click();
    await rowAction(a.getByTestId('code-card').filter({ hasText: 'Example' }), 'edit');
    await a.getByTestId('field-name').fill('alice@work.example');
    await a.getByTestId('save-account').click();
    await a.getByTestId('settings').click();
    await runTest();
    await expect(a.getByTestId('test-result')).toHaveAttribute('data-ok', 'false', { timeout: 30_000 });
    await expect(a.getByTestId('test-different')).toHaveText(/Example.*alice@example\.com/);
    await a.context().close();
  });
});
