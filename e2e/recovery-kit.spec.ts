/**
 * The recovery kit (issue #16), the user's path end to end: make a 2-of-3 kit in Settings, print
 * it (print media: one page per sheet, each with its QR code), check it with two sheets, export a
 * backup; then on a new device, with the backup passphrase unknown, restore that backup from two
 * sheets — one typed, one read from a picture of its printed QR code. axe on the new screens.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { addAccountByKey, createVault, PASSPHRASE } from './support/helpers';
import { cards, expectNoViolations, newDevice as device, RECOVERY_ACCOUNTS as ACCOUNTS } from './support/recovery-device';

const SHEET_QR_PATH = '.tmp/recovery-kit-sheet-2.png';

const newDevice = (browser: Browser): Promise<Page> => device(browser, { acceptDownloads: true });

test('a forgotten passphrase: two of three printed sheets restore the backup on a new device', async ({ browser }) => {
  // Two devices, three Argon2id runs (vault, kit, backup) and a QR image: slow on a shared CI machine.
  test.setTimeout(180_000);
  const a = await newDevice(browser);
  await createVault(a);
  for (const entry of ACCOUNTS) await addAccountByKey(a, entry);
  const codesA = await cards(a);

  // Settings → Recovery kit → 2 of 3, with the vault passphrase.
  await a.getByTestId('settings').click();
  const kit = a.getByTestId('recovery-kit');
  await expect(kit.getByTestId('kit-none')).toBeVisible();
  await kit.getByTestId('kit-create').click();
  await expect(kit.getByTestId('kit-split')).toHaveValue('1');
  await kit.getByTestId('kit-passphrase').fill(PASSPHRASE);
  await kit.getByTestId('kit-submit').click();
  await expect(kit.getByTestId('kit-sheet')).toHaveCount(3, { timeout: 30_000 });
  await expect(kit.getByTestId('kit-sheet').first().locator('h4')).toHaveText('Share 1 of 3 — any 2 recover');
  const words = await kit.getByTestId('kit-words').evaluateAll((lists) => lists.map((ol) => [...ol.querySelectorAll('li')].map((li) => li.textContent ?? '')));
  expect(words.map((w) => w.length)).toEqual([30, 30, 30]);
  await expectNoViolations(a, 'recovery kit sheets', 'omamori-recovery-kit-settings');

  // Print: only the sheets, one page each, with the Japanese key sentences beneath the English.
  await a.evaluate(() => (window.print = () => undefined));
  await kit.getByTestId('kit-print').click();
  await a.emulateMedia({ media: 'print' });
  const pages = a.getByTestId('kit-print-page');
  await expect(pages).toHaveCount(3);
  await expect(pages.nth(1)).toBeVisible();
  await expect(a.getByTestId('settings-page')).toBeHidden();
  await expect(pages.nth(1).locator('h1')).toHaveText('Omamori recovery kit — Share 2 of 3 — any 2 recover');
  await expect(pages.nth(1).locator('.other').first()).toContainText('Omamori 復旧キット');
  await expect(pages.nth(1)).not.toContainText('alice@example.com');
  await expect(pages.nth(1).getByTestId('kit-print-qr').locator('svg path')).toHaveCount(1);
  await pages.nth(1).getByTestId('kit-print-qr').screenshot({ path: SHEET_QR_PATH });
  await a.emulateMedia({ media: 'screen' });

  // Check your kit with sheets 1 and 3; then it counts as made.
  await kit.getByTestId('kit-to-check').click();
  await kit.getByTestId('kit-check-input').nth(0).fill(words[0]!.join(' '));
  await kit.getByTestId('kit-check-input').nth(1).fill(words[2]!.join(' '));
  await kit.getByTestId('kit-check').click();
  await expect(kit.getByTestId('kit-state')).toContainText('checked.');
  await expect(a.locator('omamori-kit-print')).toHaveCount(0);

  // A backup made now carries the kit.
  await a.getByTestId('backup-export').click();
  await a.getByTestId('backup-passphrase').fill('a backup passphrase nobody remembers');
  await a.getByTestId('backup-passphrase-confirm').fill('a backup passphrase nobody remembers');
  await a.getByTestId('backup-create').click();
  await expect(a.getByTestId('backup-ready')).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('backup-download').click()]);
  const bytes = await readFile(await download.path());

  // A new device; the backup passphrase is forgotten.
  const b = await newDevice(browser);
  await b.goto('/');
  await b.getByTestId('start-restore').click();
  await b.getByTestId('new-passphrase').fill(PASSPHRASE);
  await b.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await b.getByTestId('create-submit').click();
  await b.getByTestId('restore-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: bytes });
  await b.getByTestId('restore-use-kit').click();
  const inputs = b.getByTestId('kit-sheet-input');
  // A mistyped word is named by its position.
  const typo = [...words[0]!];
  typo[4] = 'qqqq';
  await inputs.nth(0).fill(typo.join(' '));
  await b.getByTestId('restore-submit').click();
  await expect(b.getByTestId('restore-error')).toHaveText('Word 5 is not in the word list. Check its spelling against the sheet.');
  await inputs.nth(0).fill(words[0]!.join(' '));
  await b.getByTestId('kit-sheet-image').nth(1).setInputFiles(SHEET_QR_PATH);
  await expect(inputs.nth(1)).toHaveValue(/^OMAMORI-RS1:/u, { timeout: 15_000 });
  await expectNoViolations(b, 'restore with the recovery kit', 'omamori-backup-open');
  await b.getByTestId('restore-submit').click();
  await expect(b.getByTestId('restore-preview')).toBeVisible({ timeout: 30_000 });
  await b.getByTestId('restore-import').click();
  await expect(b.getByTestId('code-card')).toHaveCount(ACCOUNTS.length, { timeout: 15_000 });
  expect(await cards(b)).toEqual(codesA);
});
