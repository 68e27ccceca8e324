import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import type { AccountData } from '../src/core/account';
import { parseOtpauthUri } from '../src/core/otpauth-uri';
import { accountNameFromGoogle, decodeMigrationUri, encodeMigrationUris } from '../src/formats/google-migration/codec';
import { createVault, E2E_ORIGIN, openScanner as openAddScanner, RFC_SECRET } from './support/helpers';

// Other projects' images in the interop corpus, read in place (never copied here). Found the way
// test/support/corpus.ts finds it (that module imports vitest, so Playwright cannot load it):
// OMAMORI_CORPUS, else ../shared/testdata beside the clone.
const CORPUS_DIR = path.resolve(process.env.OMAMORI_CORPUS ?? path.join(process.cwd(), '../shared/testdata'));
const CORPUS_PRESENT = existsSync(path.join(CORPUS_DIR, 'MANIFEST.json'));
const CORPUS_ABSENT_REASON = `no interop corpus at ${CORPUS_DIR} (set OMAMORI_CORPUS to a copy of it)`;
const corpusFile = (rel: string): string => path.join(CORPUS_DIR, rel);
const CORPUS_SUITE = 'the real images of the interop corpus';
// Said once, by the runner's process (workers load this file too); the list reporter shows a
// skipped test's name but not its reason.
if (!CORPUS_PRESENT && process.env.TEST_WORKER_INDEX === undefined) console.info(`skipped "${CORPUS_SUITE}": ${CORPUS_ABSENT_REASON}`);

interface ExpectedAccount {
  issuer: string;
  name: string;
  secret: string;
  algorithm: string;
  digits: number;
  period?: number;
}
interface ManifestImage {
  path: string;
  format: string;
  expected_qr_text?: string;
  expected_qr_texts?: string[];
  expected_error?: boolean;
  expected_accounts: ExpectedAccount[];
}

function manifestImages(): ManifestImage[] {
  const { files } = JSON.parse(readFileSync(corpusFile('MANIFEST.json'), 'utf8')) as { files: ManifestImage[] };
  return files.filter((f) => /^image\/(png|webp|jpeg)\b/.test(f.format));
}

type Probe = { __qrTexts: string[] };

/** Creates a vault (unless `page` shows one already) and opens the scanner, recording its `qr-codes` texts. */
async function openScanner(page: Page): Promise<void> {
  const record = () => {
    (window as unknown as Probe).__qrTexts = [];
    window.addEventListener('qr-codes', (e) => (window as unknown as Probe).__qrTexts.push(...(e as CustomEvent<{ texts: string[] }>).detail.texts), true);
  };
  if (page.url().startsWith('http')) await page.evaluate(record);
  else {
    await page.addInitScript(record);
    await createVault(page);
  }
  await openAddScanner(page);
  await expect(page.getByTestId('scanner')).toBeVisible();
}

/** Feeds one image to "Choose an image" and returns the texts of the `qr-codes` event it caused. */
async function decodeFile(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }): Promise<string[]> {
  await page.evaluate(() => ((window as unknown as Probe).__qrTexts = []));
  await page.getByTestId('scanner-file').setInputFiles(file);
  await expect.poll(() => page.evaluate(() => (window as unknown as Probe).__qrTexts.length), { timeout: 15_000 }).toBeGreaterThan(0);
  return page.evaluate(() => (window as unknown as Probe).__qrTexts);
}

/** What the importers would make of the texts, in the manifest's terms (names as Google splits them). */
function accountsOf(texts: readonly string[]): string[] {
  const accounts: AccountData[] = texts.flatMap((t) => (t.startsWith('otpauth-migration:') ? decodeMigrationUri(t).accounts : [parseOtpauthUri(t)]));
  return accounts.map((a) => `${a.issuer}|${a.name}|${a.secretB32}|${a.algorithm}|${a.digits}|${a.period}`).sort();
}
const expectedAccounts = (list: readonly ExpectedAccount[]): string[] =>
  list.map((a) => `${a.issuer}|${accountNameFromGoogle(a.name, a.issuer)}|${a.secret}|${a.algorithm}|${a.digits}|${a.period}`).sort();

/** Draws QR codes (with quiet zone) on a light canvas in the page and returns a PNG, like a phone screenshot. */
async function screenshotPng(page: Page, width: number, height: number, codes: { text: string; x: number; y: number; side: number }[]) {
  const matrices = codes.map((c) => {
    const { modules } = QRCode.create(c.text, { errorCorrectionLevel: 'M' });
    return { ...c, size: modules.size, bits: Array.from(modules.data, (b) => (b ? '1' : '0')).join('') };
  });
  const b64 = await page.evaluate(
    async ({ width, height, matrices }) => {
      const canvas = new OffscreenCanvas(width, height);
      const ctx = canvas.getContext('2d')!;
      ctx.fillStyle = '#f3f0ea';
      ctx.fillRect(0, 0, width, height);
      for (const m of matrices) {
        const px = m.side / (m.size + 8);
        ctx.fillStyle = '#fff';
        ctx.fillRect(m.x, m.y, m.side, m.side);
        ctx.fillStyle = '#000';
        for (let i = 0; i < m.bits.length; i++) {
          if (m.bits[i] === '1') ctx.fillRect(m.x + (4 + (i % m.size)) * px, m.y + (4 + Math.floor(i / m.size)) * px, Math.ceil(px), Math.ceil(px));
        }
      }
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer());
      return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
    },
    { width, height, matrices },
  );
  return { name: 'screenshot.png', mimeType: 'image/png', buffer: Buffer.from(b64, 'base64') };
}

// Where the corpus is absent these three tests are reported as skipped, by name, with the reason;
// the generated-image tests below run everywhere.
test.describe(CORPUS_SUITE, () => {
  test.skip(!CORPUS_PRESENT, CORPUS_ABSENT_REASON);
  const images = CORPUS_PRESENT ? manifestImages() : [];
  const readable = images.filter((i) => !i.expected_error);

  test('every readable image decodes to the texts and accounts the manifest lists', async ({ page }) => {
    expect(readable.length).toBeGreaterThanOrEqual(7);
    await openScanner(page);
    for (const image of readable) {
      await test.step(image.path, async () => {
        const texts = await decodeFile(page, corpusFile(image.path));
        const expectedTexts = image.expected_qr_texts ?? (image.expected_qr_text ? [image.expected_qr_text] : null);
        // The 300 px WebP lists accounts only (zbar cannot read it); we must get the same accounts.
        if (expectedTexts) expect(texts).toEqual(expectedTexts);
        expect(accountsOf(texts)).toEqual(expectedAccounts(image.expected_accounts));
      });
    }
  });

  test('an occluded QR code gives a clear "no QR code" message', async ({ page }) => {
    const occluded = images.find((i) => i.expected_error && i.path.includes('invalidQrcode'))!;
    await openScanner(page);
    await page.getByTestId('scanner-file').setInputFiles(corpusFile(occluded.path));
    await expect(page.getByTestId('scanner-message')).toHaveText('No QR code was found in this image. Try a sharper image that shows the whole code.');
    await expect(page.getByTestId('scan-preview')).toHaveCount(0);
  });

  test('a QR code without an account and a text file named .jpeg are explained, not added', async ({ page }) => {
    const noOtp = images.find((i) => i.expected_error && i.expected_qr_text)!;
    const notImage = images.find((i) => i.format.includes('actually text'))!;
    await openScanner(page);
    await page.getByTestId('scanner-file').setInputFiles(corpusFile(noOtp.path));
    await expect(page.getByTestId('scanner-message')).toContainText('This QR code is not for an authenticator.');
    await page.getByTestId('scanner-file').setInputFiles(corpusFile(notImage.path));
    await expect(page.getByTestId('scanner-message')).toContainText('This file is not an image Omamori can read.');
    expect(await page.evaluate(() => (window as unknown as Probe).__qrTexts)).toEqual([]);
  });
});

test.describe('images we generate', () => {
  const uri = `otpauth://totp/Example:alice?secret=${RFC_SECRET}&issuer=Example`;

  test('a PNG of one code, a screenshot with two transfer codes and a dense 10-account code', async ({ page }) => {
    await openScanner(page);
    const png = await QRCode.toBuffer(uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    expect(await decodeFile(page, { name: 'code.png', mimeType: 'image/png', buffer: png })).toEqual([uri]);

    const accounts = Array.from({ length: 20 }, (_, i): AccountData => ({
      type: 'totp',
      issuer: `Service ${i}`,
      name: `user.with.a.longer.name.${i}@example.com`,
      secretB32: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRST'[i]}MZXW6YTBOI`,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      pin: '',
    }));
    const { uris } = encodeMigrationUris(accounts, { perCode: 10, batchId: 5 });
    const two = await screenshotPng(page, 1080, 2340, [
      { text: uris[0]!, x: 90, y: 200, side: 900 },
      { text: uris[1]!, x: 90, y: 1250, side: 900 },
    ]);
    expect((await decodeFile(page, two)).sort()).toEqual([...uris].sort());

    const dense = await screenshotPng(page, 1080, 2340, [{ text: uris[1]!, x: 90, y: 700, side: 900 }]);
    expect(await decodeFile(page, dense)).toEqual([uris[1]]);
    // zxing read them in its own Worker, so that a thorough read never blocks the page.
    expect(page.workers().some((w) => /\/zxing-worker-[\w-]+\.js$/.test(new URL(w.url()).pathname))).toBe(true);
  });

  test('offline, from the service worker cache: the WASM decoder reads a two-code screenshot; no other origin is asked', async ({ page, context }) => {
    const foreign: string[] = [];
    context.on('request', (req) => {
      if (!req.url().startsWith(`${E2E_ORIGIN}/`) && !/^(data:|blob:)/.test(req.url())) foreign.push(req.url());
    });
    await createVault(page, { deviceSlot: true });
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
    });
    await context.setOffline(true);
    await openScanner(page);
    const uris = [`otpauth://totp/A:a?secret=${RFC_SECRET}&issuer=A`, `otpauth://totp/B:b?secret=${RFC_SECRET}&issuer=B`];
    const two = await screenshotPng(page, 1080, 1600, [
      { text: uris[0]!, x: 240, y: 100, side: 600 },
      { text: uris[1]!, x: 240, y: 900, side: 600 },
    ]);
    // Two codes at once: only zxing (WASM) reads several, qr-scanner would return one.
    expect((await decodeFile(page, two)).sort()).toEqual(uris);
    expect(foreign).toEqual([]);
  });

  test('an image can also be dropped on the scanner or pasted', async ({ page }) => {
    await openScanner(page);
    const b64 = (await QRCode.toBuffer(uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 })).toString('base64');
    const makeTransfer = (data: string) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'code.png', { type: 'image/png' }));
      return dt;
    };
    await page.getByTestId('scanner').dispatchEvent('drop', { dataTransfer: await page.evaluateHandle(makeTransfer, b64) });
    await expect.poll(() => page.evaluate(() => (window as unknown as Probe).__qrTexts)).toEqual([uri]);

    await page.evaluate(() => ((window as unknown as Probe).__qrTexts = []));
    await page.evaluate((data) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'code.png', { type: 'image/png' }));
      window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt }));
    }, b64);
    await expect.poll(() => page.evaluate(() => (window as unknown as Probe).__qrTexts)).toEqual([uri]);
  });
});
