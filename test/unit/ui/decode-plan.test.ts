import { describe, expect, it } from 'vitest';
import { centralRegion, frameScale, imagePasses, MAX_IMAGE_SIDE, QUICK_PASS_PIXELS, scaledSize, videoRead } from '../../../src/ui/scan/decode-plan';

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
