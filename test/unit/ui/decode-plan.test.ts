import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import {
  centralRegion,
  frameScale,
  imagePasses,
  MAX_IMAGE_SIDE,
  QUICK_PASS_PIXELS,
  readerOptions,
  scaledSize,
  videoRead,
} from '../../../src/ui/scan/decode-plan';

const scalesOf = (w: number, h: number): number[] => imagePasses(w, h).map((p) => p.scale);

const pixels = (w: number, h: number, scale: number): number => {
  const s = scaledSize(w, h, scale);
  return s.width * s.height;
};

describe('image passes', () => {
  it('read a phone screenshot small and plainly first, then at full size and thoroughly', () => {
    expect(imagePasses(1080, 2340).map((p) => p.thorough)).toEqual([false, true]);
    const [quick, full] = scalesOf(1080, 2340);
    expect(full).toBe(1);
    expect(pixels(1080, 2340, quick!)).toBeLessThanOrEqual(QUICK_PASS_PIXELS * 1.01);
    expect(pixels(1080, 2340, quick!)).toBeGreaterThan(QUICK_PASS_PIXELS * 0.95);
  });

  it('keep over 3 pixels per module of a version-29 code 900 px wide in that screenshot', () => {
    const [quick] = scalesOf(1080, 2340);
    const modules = 4 * 29 + 17 + 8; // with its quiet zone
    expect((900 * quick!) / modules).toBeGreaterThan(3);
  });

  it('cap the full pass of a large photo at MAX_IMAGE_SIDE, after a quick pass', () => {
    const scales = scalesOf(4032, 3024);
    expect(Math.max(...Object.values(scaledSize(4032, 3024, scales[1]!)))).toBe(MAX_IMAGE_SIDE);
    expect(scales[0]!).toBeLessThan(scales[1]!);
  });

  it('read a small image at its own size, plainly then thoroughly', () => {
    expect(imagePasses(640, 480)).toEqual([
      { scale: 1, thorough: false },
      { scale: 1, thorough: true },
    ]);
    expect(scalesOf(1000, 900)).toEqual([1, 1]); // 0.9 MP: a smaller copy would save too little
  });

  it('never scale up, and survive empty or broken sizes', () => {
    for (const [w, h] of [
      [1, 1],
      [0, 0],
      [Number.NaN, 10],
      [-5, 10],
      [100_000, 1],
    ] as const) {
      const scales = scalesOf(w, h);
      expect(imagePasses(w, h).at(-1)?.thorough).toBe(true); // the last read is always the thorough one
      for (const s of scales) expect(s > 0 && s <= 1).toBe(true);
    }
  });
});

describe('camera frames', () => {
  it('scale 1080p and up to 1920 on the long side, leave smaller frames alone', () => {
    expect(frameScale(3840, 2160)).toBe(0.5);
    expect(frameScale(1280, 720)).toBe(1);
    expect(frameScale(0, 0)).toBe(1);
  });

  it('give qr-scanner the central two-thirds square, downscaled to at most 800 px', () => {
    expect(centralRegion(1280, 720)).toEqual({ x: 400, y: 120, width: 480, height: 480, downScaledWidth: 480, downScaledHeight: 480 });
    const big = centralRegion(3840, 2160);
    expect(big.width).toBe(1440);
    expect(big.downScaledWidth).toBe(800);
  });

  it('have the Worker draw the scan region at its downscaled size, or the whole frame at frameScale', () => {
    expect(videoRead(1280, 720, centralRegion(1280, 720))).toEqual({ crop: { x: 400, y: 120, width: 480, height: 480 }, width: 480, height: 480 });
    expect(videoRead(3840, 2160, centralRegion(3840, 2160))).toMatchObject({ crop: { width: 1440, height: 1440 }, width: 800, height: 800 });
    expect(videoRead(3840, 2160)).toEqual({ width: 1920, height: 1080 });
    expect(videoRead(1280, 720)).toEqual({ width: 1280, height: 720 });
  });

  it('never give a zero-sized canvas', () => {
    expect(scaledSize(1, 1, 0.01)).toEqual({ width: 1, height: 1 });
  });
});

/** A `side`×`side` RGBA image with each text's QR code turned by `degrees` about its own centre (dark on light, or inverted). */
function qrImage(side: number, codes: { text: string; x: number; y: number; size: number }[], degrees: number, inverted = false) {
  const data = new Uint8ClampedArray(side * side * 4).fill(inverted ? 0 : 255);
  const dark = inverted ? 255 : 0;
  const [cos, sin] = [Math.cos((degrees * Math.PI) / 180), Math.sin((degrees * Math.PI) / 180)];
  for (const code of codes) {
    const { modules } = QRCode.create(code.text, { errorCorrectionLevel: 'M' });
    const px = code.size / modules.size;
    for (let y = Math.max(0, code.y - code.size); y < Math.min(side, code.y + code.size); y++)
      for (let x = Math.max(0, code.x - code.size); x < Math.min(side, code.x + code.size); x++) {
        const [dx, dy] = [x - code.x, y - code.y];
        const mx = Math.floor((cos * dx + sin * dy + code.size / 2) / px);
        const my = Math.floor((-sin * dx + cos * dy + code.size / 2) / px);
        if (mx >= 0 && my >= 0 && mx < modules.size && my < modules.size && modules.data[my * modules.size + mx])
          data.fill(dark, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
  }
  return { data, width: side, height: side, colorSpace: 'srgb' as const };
}

describe('reader options (the real zxing-wasm)', async () => {
  const zxing = await import('zxing-wasm/reader');
  const wasm = readFileSync(createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm'));
  await zxing.prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) }, fireImmediately: true });
  const read = async (image: ImageData, thorough: boolean) =>
    (await zxing.readBarcodes(image, readerOptions(thorough))).filter((r) => r.isValid).map((r) => r.text);
  const uri = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example';

  it.each([0, 33, 90, 180, 251])('read a code turned %i° in a quick read, without zxing trying rotations', async (degrees) => {
    expect(readerOptions(false).tryRotate).toBe(false);
    expect(await read(qrImage(400, [{ text: uri, x: 200, y: 200, size: 240 }], degrees) as ImageData, false)).toEqual([uri]);
  });

  it('read two codes in one image, and an inverted one only when thorough', async () => {
    const two = qrImage(
      600,
      [
        { text: `${uri}&n=1`, x: 150, y: 300, size: 220 },
        { text: `${uri}&n=2`, x: 450, y: 300, size: 220 },
      ],
      0,
    );
    expect((await read(two as ImageData, false)).sort()).toEqual([`${uri}&n=1`, `${uri}&n=2`]);
    const inverted = qrImage(400, [{ text: uri, x: 200, y: 200, size: 240 }], 0, true) as ImageData;
    expect(await read(inverted, false)).toEqual([]);
    expect(await read(inverted, true)).toEqual([uri]);
  });
});
