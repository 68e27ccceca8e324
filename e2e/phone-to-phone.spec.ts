/**
 * Moving a vault between phones by QR codes (issue #15), with two browsers as the two phones:
 * Chromium's fake camera plays a Y4M clip chosen at launch and reopened when a camera starts, so
 * each phone's clip is written just before its camera opens — the pairing code captured from the
 * new phone's screen for the old one; the old phone's answer and its animated code (screenshots of
 * each frame, a third of them dropped at random) for the new one.
 */
import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import sharp from 'sharp';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE_PATH } from '../playwright.config';
import { E2E_ORIGIN, PASSPHRASE, RFC_SECRET, RFC_TIME_MS } from './support/helpers';
import { restoreNewVault, type SeedAccount } from './support/seed-backup';

const CLIPS = '.tmp/clips';
const W = 1280;
const H = 720;

const ACCOUNTS: SeedAccount[] = [
  {
    issuer: 'Example',
    name: 'alice@example.com',
    secretB32: RFC_SECRET,
    favourite: true,
    groups: ['Work'],
    notes: 'Desk drawer',
    recoveryCodes: [
      { code: 'aaaa-bbbb', usedAt: 1_700_000_000_000 },
      { code: 'cccc-dddd', usedAt: 0 },
    ],
    icon: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  },
  { issuer: 'Bank', name: 'taro', groups: ['Work', 'Home'], notes: 'Branch 042' },
  { issuer: 'Mail', name: 'bob@example.com', digits: 8, period: 60, algorithm: 'SHA256' },
  { issuer: 'Forum', name: 'carol' },
];

/** A PNG screenshot → its luma, scaled (nearest) to 60 % of the frame's height (inside the square qr-scanner reads), centred on grey. */
async function lumaFrame(png: Buffer): Promise<Buffer> {
  const side = Math.floor(0.6 * H);
  const { data, info } = await sharp(png)
    .removeAlpha()
    .greyscale()
    .toColourspace('b-w')
    .resize({ height: side, kernel: 'nearest' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = Buffer.alloc(W * H, 128);
  const left = Math.floor((W - info.width) / 2);
  const top = Math.floor((H - info.height) / 2);
  for (let y = 0; y < info.height; y++) data.copy(out, (top + y) * W + left, y * info.width * info.channels, (y + 1) * info.width * info.channels);
  return out;
}

/** A 10 fps Y4M clip: each screenshot held `hold` frames (Chromium loops the file). */
async function writeClip(path: string, shots: readonly Buffer[], hold: number): Promise<string> {
  const abs = resolve(path);
  mkdirSync(dirname(abs), { recursive: true });
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const fd = openSync(abs, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`);
    const frames = shots.length > 0 ? await Promise.all(shots.map(lumaFrame)) : [Buffer.alloc(W * H, 128)];
    for (const luma of frames) {
      for (let f = 0; f < hold; f++) {
        writeSync(fd, 'FRAME\n');
        writeSync(fd, luma);
        writeSync(fd, chroma);
      }
    }
  } finally {
    closeSync(fd);
  }
  return abs;
}

async function phone(name: string): Promise<{ browser: Browser; page: Page; clip: string }> {
  const clip = await writeClip(`${CLIPS}/${name}.y4m`, [], 1);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
  });
  const context = await browser.newContext({ baseURL: E2E_ORIGIN, locale: 'en-US', permissions: ['camera'], viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.clock.setFixedTime(RFC_TIME_MS);
  return { browser, page, clip };
}

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect
    .soft(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      `axe on "${screen}"`,
    )
    .toEqual([]);
}

async function vaultLine(page: Page): Promise<string> {
  await page.getByTestId('settings').click();
  const line = (await page.getByTestId('install-check').textContent()) ?? '';
  await page.getByTestId('settings-back').click();
  return line;
}

/** The new phone: first run → Move from another phone → a vault, then its pairing code on screen. */
async function showPairing(fresh: Page) {
  await fresh.goto('/');
  await fresh.getByTestId('start-phone-move').click();
  await fresh.getByTestId('new-passphrase').fill(PASSPHRASE);
  await fresh.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await fresh.getByTestId('create-submit').click();
  const pairing = fresh.getByTestId('phone-pairing-qr');
  await expect(pairing.locator('svg')).toBeVisible({ timeout: 30_000 });
  return pairing;
}

/** Settings → Backup and moving → Move to another phone, through the passphrase, camera on. */
async function startSending(page: Page): Promise<void> {
  await page.getByTestId('settings').click();
  await page.getByTestId('phone-send-open').click();
  await page.getByTestId('phone-send-start').click();
  const dialog = page.getByTestId('reauth-dialog');
  if (await dialog.isVisible().catch(() => false)) {
    await page.getByTestId('reauth-passphrase').fill(PASSPHRASE);
    await page.getByTestId('reauth-submit').click();
  }
}

test('moves a whole vault from one phone to another by QR codes, with a third of the frames lost', async () => {
  test.setTimeout(240_000);
  const oldPhone = await phone('phone-old');
  const newPhone = await phone('phone-new');
  try {
    const old = oldPhone.page;
    const fresh = newPhone.page;
    await restoreNewVault(old, ACCOUNTS);

    const pairing = await showPairing(fresh);
    await expectNoViolations(fresh, 'new phone: pairing code');
    await fresh.setViewportSize({ width: 360, height: 740 });
    expect(await fresh.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await fresh.setViewportSize({ width: 1280, height: 800 });
    await writeClip(`${CLIPS}/phone-old.y4m`, [await pairing.screenshot()], 20);

    // The old phone reads it and asks whether the check codes match.
    await startSending(old);
    await expect(old.getByTestId('phone-send-check')).toBeVisible({ timeout: 30_000 });
    await expectNoViolations(old, 'old phone: check code');
    const check = (await old.getByTestId('phone-send-check').textContent())?.trim() ?? '';
    expect(check).toMatch(/^[0-9]{3} [0-9]{3}$/);
    const hello = await old.getByTestId('phone-hello-qr').screenshot();

    // Yes, send: capture the animated code frame by frame, keep about two thirds of them.
    await old.getByTestId('phone-send-yes').click();
    const frames = old.getByTestId('phone-send-frames');
    await expect(frames.locator('svg')).toBeVisible();
    await expectNoViolations(old, 'old phone: animated code');
    let seed = 15;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const shots: Buffer[] = [];
    for (let i = 0; i < 20; i++) {
      const shot = await frames.screenshot();
      if (random() >= 0.3) shots.push(shot);
    }
    await writeClip(`${CLIPS}/phone-new.y4m`, [hello, hello, hello, hello, ...shots], 5);

    // The new phone reads the answer (same check code), then the frames, then imports.
    await fresh.getByTestId('phone-receive-scan').click();
    await expect(fresh.getByTestId('phone-check-code')).toHaveText(check, { timeout: 30_000 });
    await expect(fresh.getByTestId('phone-receive-import')).toBeVisible({ timeout: 60_000 });
    await expectNoViolations(fresh, 'new phone: preview');
    await expect(fresh.getByTestId('phone-receive-new').locator('li')).toHaveCount(ACCOUNTS.length);
    await fresh.getByTestId('phone-receive-import').click();
    await expect(fresh.getByTestId('code-card')).toHaveCount(ACCOUNTS.length, { timeout: 15_000 });

    // Exactly the old vault: count and check over everything a backup carries; the same codes now.
    await old.getByTestId('phone-send-done').click();
    await old.getByTestId('phone-send-keep').click();
    const codes = (page: Page) => page.getByTestId('code-card').allTextContents();
    expect((await codes(fresh)).sort()).toEqual((await codes(old)).sort());
    expect(await vaultLine(fresh)).toBe(await vaultLine(old));

    // No at the check code: nothing is sent.
    await startSending(old);
    await expect(old.getByTestId('phone-send-check')).toBeVisible({ timeout: 30_000 });
    await old.getByTestId('phone-send-no').click();
    await expect(old.getByTestId('phone-send-mismatch')).toBeVisible();
    await expect(old.getByTestId('phone-send-frames')).toHaveCount(0);
  } finally {
    await oldPhone.browser.close();
    await newPhone.browser.close();
  }
});

test('a new phone without a camera opens the same move as a file from the old phone, checked by the same number', async ({ page: fresh }) => {
  test.setTimeout(240_000);
  const oldPhone = await phone('phone-old-file');
  try {
    const old = oldPhone.page;
    await fresh.clock.setFixedTime(RFC_TIME_MS);
    await restoreNewVault(old, ACCOUNTS);
    const pairing = await showPairing(fresh);
    await writeClip(oldPhone.clip, [await pairing.screenshot()], 20);

    await startSending(old);
    await expect(old.getByTestId('phone-send-check')).toBeVisible({ timeout: 30_000 });
    const check = (await old.getByTestId('phone-send-check').textContent())?.trim() ?? '';
    const [download] = await Promise.all([old.waitForEvent('download'), old.getByTestId('phone-send-file').click()]);
    await expect(old.getByTestId('phone-send-file-saved')).toBeVisible();
    const file = await download.path();
    expect(readFileSync(file, 'utf8')).not.toContain('Desk drawer');

    await fresh.getByTestId('phone-receive-file').setInputFiles(file);
    await expect(fresh.getByTestId('phone-preview-check')).toHaveText(check, { timeout: 30_000 });
    await expect(fresh.getByTestId('phone-receive-new').locator('li')).toHaveCount(ACCOUNTS.length);
    await fresh.getByTestId('phone-receive-import').click();
    await expect(fresh.getByTestId('code-card')).toHaveCount(ACCOUNTS.length, { timeout: 15_000 });
    const codes = (page: Page) => page.getByTestId('code-card').allTextContents();
    await old.getByTestId('phone-send-done').click();
    await old.getByTestId('phone-send-keep').click();
    expect((await codes(fresh)).sort()).toEqual((await codes(old)).sort());

    // The file belongs to that pairing only: a new session on the same phone refuses it, nothing imported.
    await fresh.getByTestId('settings').click();
    await fresh.getByTestId('phone-receive-open').click();
    await expect(fresh.getByTestId('phone-pairing-qr').locator('svg')).toBeVisible({ timeout: 30_000 });
    await fresh.getByTestId('phone-receive-file').setInputFiles(file);
    await expect(fresh.getByTestId('phone-receive-error')).toBeVisible();
    await fresh.getByTestId('phone-receive-back').click();
    await expect(fresh.getByTestId('code-card')).toHaveCount(ACCOUNTS.length);
  } finally {
    await oldPhone.browser.close();
  }
});
