/**
 * @file QR codes in an image file (a photo or screenshot of Google Authenticator's transfer
 * screen, a site's setup code): sharp decodes PNG/JPEG/WebP to RGBA, zxing-wasm finds every QR
 * code in it. The WASM binary is handed over from node_modules: nothing is fetched.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AppError } from '../core/errors';

/** PNG, JPEG, WebP and GIF magic numbers. */
export function looksLikeImage(bytes: Uint8Array): boolean {
  const at = (i: number): number => bytes[i] ?? -1;
  const png = at(0) === 0x89 && at(1) === 0x50 && at(2) === 0x4e && at(3) === 0x47;
  const jpeg = at(0) === 0xff && at(1) === 0xd8 && at(2) === 0xff;
  const riff = String.fromCharCode(...bytes.subarray(0, 4)) === 'RIFF' && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP';
  const gif = String.fromCharCode(...bytes.subarray(0, 4)) === 'GIF8';
  return png || jpeg || riff || gif;
}

type ZxingReader = typeof import('zxing-wasm/reader');
let reader: Promise<ZxingReader> | undefined;

function loadReader(): Promise<ZxingReader> {
  reader ??= (async () => {
    const zxing = await import('zxing-wasm/reader');
    const wasmPath = createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
    const wasm = await readFile(wasmPath);
    const wasmBinary = wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength);
    await zxing.prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
    return zxing;
  })();
  return reader;
}

/** The text of every QR code in the image, in the order zxing reports them (duplicates dropped). */
export async function readQrTexts(bytes: Uint8Array): Promise<string[]> {
  const { default: sharp } = await import('sharp');
  let raw: { data: Buffer; info: { width: number; height: number } };
  try {
    raw = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new AppError('scan/not-image', { cause: err });
  }
  const zxing = await loadReader();
  const image = { data: new Uint8ClampedArray(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height };
  const results = await zxing.readBarcodes(image as unknown as ImageData, { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 255 });
  const texts = [...new Set(results.filter((r) => r.isValid && r.text !== '').map((r) => r.text))];
  if (texts.length === 0) throw new AppError('scan/no-code');
  return texts;
}
