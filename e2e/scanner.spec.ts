import { chromium, expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE_PATH } from '../playwright.config';
import type { AccountData } from '../src/core/account';
import { encodeMigrationUris } from '../src/formats/google-migration/codec';
import { createVault, E2E_ORIGIN, openScanner as openAddScanner, RFC_SECRET } from './support/helpers';
import QRCode from 'qrcode';
import { writeQrClip, type ClipOptions } from './support/y4m';

const BASE_URL = E2E_ORIGIN;
const CLIPS = '.tmp/clips';

type Probe = { __streams: MediaStream[]; __qrTexts: string[] };

/** Keeps every stream getUserMedia returns and every text the scanner emits (capture phase: nothing can hide it). */
function instrument(): void {
  const w = window as unknown as Probe;
  w.__streams = [];
  w.__qrTexts = [];
  const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    w.__streams.push(stream);
    return stream;
  };
  window.addEventListener('qr-codes', (e) => w.__qrTexts.push(...(e as CustomEvent<{ texts: string[] }>).detail.texts), true);
}

/** A browser of its own: the fake camera is a launch flag. Without `fakeUi` the permission is not granted. */
async function launchWithCamera(name: string, texts: readonly string[], opts: ClipOptions & { fakeUi?: boolean } = {}) {
  const clip = writeQrClip(`${CLIPS}/${name}.y4m`, texts, opts);
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE_PATH,
    args: [
      ...CHROMIUM_ARGS,
      ...(opts.fakeUi === false ? [] : ['--use-fake-ui-for-media-stream']),
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clip}`,
    ],
  });
  const context: BrowserContext = await browser.newContext({ baseURL: BASE_URL, locale: 'en-US', permissions: opts.fakeUi === false ? [] : ['camera'] });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  return { browser, context, page };
}

async function openScanner(page: Page): Promise<void> {
  await openAddScanner(page);
  await expect(page.getByTestId('scanner')).toBeVisible();
}

const trackStates = (page: Page): Promise<string[]> =>
  page.evaluate(() => (window as unknown as Probe).__streams.flatMap((s) => s.getTracks().map((t) => t.readyState)));

async function expectCameraLive(page: Page): Promise<void> {
  await expect.poll(() => trackStates(page)).toContain('live');
  await expect.poll(() => page.getByTestId('scanner-video').evaluate((v: HTMLVideoElement) => v.readyState >= 2 && !v.paused)).toBe(true);
}

async function expectAllTracksEnded(page: Page): Promise<void> {
  await expect
    .poll(async () => {
      const s = await trackStates(page);
      return s.length > 0 && s.every((x) => x === 'ended');
    })
    .toBe(true);
}

const totp = (issuer: string, name: string, secretB32: string): AccountData => ({
  type: 'totp',
  issuer,
  name,
  secretB32,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  pin: '',
});

/** The JavaScript files the page has requested whose names start with qr-scanner (its chunk and its decoder Worker). */
const qrScannerFiles = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname.split('/').pop() ?? '')
      .filter((f) => f.startsWith('qr-scanner') && f.endsWith('.js')),
  );

test('an otpauth QR in front of the camera is read and previewed; scanning continues', async () => {
  const uri = `otpauth://totp/Example:alice@example.com?secret=${RFC_SECRET}&issuer=Example`;
  const { browser, page } = await launchWithCamera('otpauth', [uri]);
  try {
    await createVault(page);
    await openScanner(page);
    await expect(page.getByTestId('scan-preview').getByTestId('preview-issuer')).toHaveText('Example', { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as Probe).__qrTexts)).toEqual([uri]);
    // Still scanning: transfers have several codes and the opener decides when to close.
    await expectCameraLive(page);
    // zxing's Worker read the frames: qr-scanner, the fallback, was never loaded.
    expect(await qrScannerFiles(page)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a browser without VideoFrame reads the camera with qr-scanner on the page', async () => {
  const uri = `otpauth://totp/Fallback:bob@example.com?secret=${RFC_SECRET}&issuer=Fallback`;
  const { browser, context, page } = await launchWithCamera('otpauth-fallback', [uri]);
  try {
    await context.addInitScript(() => Reflect.deleteProperty(window, 'VideoFrame'));
    await createVault(page);
    await openScanner(page);
    await expect(page.getByTestId('scan-preview').getByTestId('preview-issuer')).toHaveText('Fallback', { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as Probe).__qrTexts)).toEqual([uri]);
    await expect.poll(() => qrScannerFiles(page)).toContainEqual(expect.stringMatching(/^qr-scanner\.min-/));
  } finally {
    await browser.close();
  }
});

// Held close, the code overflows the central square that qr-scanner (jsQR) reads: only the
// zxing pass over whole frames can read it (the fallback for dense codes jsQR misses).
test('a dense 10-account transfer code filling a 1280x720 camera frame is read', async () => {
  const accounts = Array.from({ length: 10 }, (_, i) =>
    totp(`Service number ${i}`, `someone.with.a.long.name+${i}@example.com`, `JBSWY3DPEHPK3PX${'ABCDEFGHIJ'[i]}MZXW6YTBOI`),
  );
  const { uris } = encodeMigrationUris(accounts, { perCode: 10, batchId: 77 });
  const uri = uris[0]!;
  expect(uri.length).toBeGreaterThan(900);
  const { browser, page } = await launchWithCamera('dense', [uri], { width: 1280, height: 720, framesPerCode: 10, fill: 0.95 });
  try {
    await createVault(page);
    await openScanner(page);
    await expect.poll(() => page.evaluate(() => (window as unknown as Probe).__qrTexts), { timeout: 20_000 }).toEqual([uri]);
  } finally {
    await browser.close();
  }
});

test('camera permission denied: the scanner says how to allow it and images still work', async () => {
  const { browser, page } = await launchWithCamera('denied', ['not used'], { framesPerCode: 1, fakeUi: false });
  try {
    await createVault(page);
    await openScanner(page);
    const message = page.getByTestId('scanner-message');
    await expect(message).toContainText('not allowed to use the camera');
    await expect(message).toContainText('set Camera to Allow');
    await expect(page.getByTestId('scanner-start')).toBeVisible();
    await expect(page.getByTestId('scanner-file')).toBeAttached();
  } finally {
    await browser.close();
  }
});

test('a web-address QR code is named as such, not added', async () => {
  const { browser, page } = await launchWithCamera('web', ['https://example.com/login']);
  try {
    await createVault(page);
    await openScanner(page);
    await expect(page.getByTestId('scanner-message')).toHaveText('This QR code is a web address, not an account.', { timeout: 20_000 });
    await expect(page.getByTestId('scan-preview')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as Probe).__qrTexts)).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('every camera track stops when leaving the scanner, when the page is hidden and when the vault locks', async () => {
  const { browser, context, page } = await launchWithCamera('blank', ['hello'], { framesPerCode: 2 });
  try {
    await createVault(page, { deviceSlot: true });
    // Leaving the scanner.
    await openScanner(page);
    await expectCameraLive(page);
    await page.getByTestId('enroll-back').click();
    await expect(page.getByTestId('scanner')).toHaveCount(0);
    await expectAllTracksEnded(page);

    // The page becomes hidden: stopped, and it does not restart without a gesture.
    await openScanner(page);
    await expectCameraLive(page);
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expectAllTracksEnded(page);
    await page.evaluate(() => {
      delete (document as unknown as Record<string, unknown>).hidden;
      delete (document as unknown as Record<string, unknown>).visibilityState;
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect(page.getByTestId('scanner-start')).toBeVisible();
    await expectAllTracksEnded(page);

    // Locking in another tab locks this one: the scanner is unmounted and the camera stops.
    await page.getByTestId('scanner-start').click();
    await expectCameraLive(page);
    const other = await context.newPage();
    await other.goto('/');
    await other.getByTestId('lock').click();
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
    await expect(page.getByTestId('scanner')).toHaveCount(0);
    await expectAllTracksEnded(page);
  } finally {
    await browser.close();
  }
});

test('with two cameras, "Switch camera" moves to the other one and stops the first one\'s tracks', async () => {
  // Chromium's generated fake cameras (no clip): device-count gives two of them.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_EXECUTABLE_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream=device-count=2'],
  });
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'en-US', permissions: ['camera'] });
    await context.addInitScript(instrument);
    const page = await context.newPage();
    await createVault(page);
    await openScanner(page);
    await expectCameraLive(page);
    await page.getByTestId('scanner-switch').click();
    const devices = () =>
      page.evaluate(() =>
        (window as unknown as Probe).__streams.map((s) => `${s.getVideoTracks()[0]!.getSettings().deviceId} ${s.getVideoTracks()[0]!.readyState}`),
      );
    await expect.poll(async () => (await devices()).map((d) => d.split(' ')[1])).toEqual(['ended', 'live']);
    const [first, second] = await devices();
    expect(first!.split(' ')[0]).not.toBe(second!.split(' ')[0]);
    await expectCameraLive(page);
  } finally {
    await browser.close();
  }
});

test('camera: an otpauth code → preview → Add → the code is right at a fixed clock', async () => {
  const uri = `otpauth://totp/Example:alice@example.com?secret=${RFC_SECRET}&issuer=Example`;
  const { browser, page } = await launchWithCamera('otpauth-add', [uri]);
  try {
    await page.clock.setFixedTime(1111111109 * 1000);
    await createVault(page);
    await openScanner(page);
    const preview = page.getByTestId('scan-preview');
    // RFC 6238: 07081804 at T=1111111109 (SHA1); six digits → 081804.
    await expect(preview.getByTestId('preview-code')).toHaveText('081 804', { timeout: 20_000 });
    await preview.getByTestId('preview-add').click();
    await page.getByTestId('enroll-back').click();
    await expect(page.getByTestId('code-card').getByTestId('code')).toHaveText('081 804');
    await expectAllTracksEnded(page);
  } finally {
    await browser.close();
  }
});

test('camera: a clip cycling through three transfer codes reaches 3 of 3 and adds every account, Japanese names intact', async () => {
  const accounts = Array.from({ length: 12 }, (_, i) =>
    totp(i % 3 === 0 ? 'ヤフー' : `Service ${i}`, i % 2 ? `山田 太郎 ${i}` : `user${i}@example.jp`, `JBSWY3DPEHPK3PX${'ABCDEFGHIJKL'[i]}`),
  );
  const { uris } = encodeMigrationUris(accounts, { perCode: 4, batchId: 31337 });
  expect(uris).toHaveLength(3);
  const { browser, page } = await launchWithCamera('google-cycle', uris, { framesPerCode: 12, gapFrames: 4 });
  try {
    await createVault(page);
    await openScanner(page);
    await expect(page.getByTestId('google-import-progress')).toHaveText('3 of 3 codes scanned', { timeout: 30_000 });
    await expect(page.getByTestId('google-import-add')).toHaveText('Add 12 accounts');
    await page.getByTestId('google-import-add').click();
    await expect(page.getByTestId('code-card')).toHaveCount(12);
    await page.getByTestId('search').fill('ヤフー');
    await expect(page.getByTestId('code-card')).toHaveCount(4);
    await page.getByTestId('search').fill('山田 太郎 7');
    await expect(page.getByTestId('code-card').getByTestId('name')).toHaveText('山田 太郎 7');
    await expectAllTracksEnded(page);
  } finally {
    await browser.close();
  }
});

test("a camera that gives up after an image was chosen leaves the image's message on screen", async ({ page }) => {
  // No camera, found out slowly (as on a phone whose camera is busy): getUserMedia fails after 2 s.
  await page.addInitScript(() => {
    navigator.mediaDevices.getUserMedia = () =>
      new Promise((_, reject) => setTimeout(() => reject(new DOMException('Requested device not found', 'NotFoundError')), 2000));
  });
  await createVault(page);
  await openScanner(page);
  const qr = await QRCode.toBuffer('https://example.com/login', { width: 320 });
  await page.getByTestId('scanner-file').setInputFiles({ name: 'web.png', mimeType: 'image/png', buffer: qr });
  const message = page.getByTestId('scanner-message');
  await expect(message).toHaveText('This QR code is a web address, not an account.');
  // The camera has given up (its Start button is back); the image's message is still the one shown.
  await expect(page.getByTestId('scanner-start')).toBeVisible({ timeout: 15_000 });
  await expect(message).toHaveText('This QR code is a web address, not an account.');
  // Without an image, the same late failure is what the scanner says.
  await page.getByTestId('scanner-start').click();
  await expect(message).toContainText('No camera was found', { timeout: 15_000 });
});
