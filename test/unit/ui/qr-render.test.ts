import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QR_QUIET_ZONE, qrPathData, qrViewSize } from '../../../src/core/qr-path';

/** Reads a path back into a set of dark "x,y" cells (module units). */
function cells(d: string): Set<string> {
  const out = new Set<string>();
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, run, back] = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])];
    expect(back).toBe(run);
    for (let i = 0; i < run; i++) out.add(`${x + i},${y}`);
  }
  return out;
}

describe('qrPathData', () => {
  it('draws one rectangle per run of dark modules, offset by the quiet zone', () => {
    // 3×3:  X X .
    //       . . .
    //       X . X
    const matrix = { size: 3, data: [1, 1, 0, 0, 0, 0, 1, 0, 1] };
    expect(qrPathData(matrix)).toBe('M4 4h2v1h-2zM4 6h1v1h-1zM6 6h1v1h-1z');
    expect(qrPathData(matrix, 0)).toBe('M0 0h2v1h-2zM0 2h1v1h-1zM2 2h1v1h-1z');
    expect(qrViewSize(matrix)).toBe(3 + 2 * QR_QUIET_ZONE);
  });

  it('joins a full row into one run and gives nothing for an empty matrix', () => {
    expect(qrPathData({ size: 2, data: [1, 1, 0, 0] })).toBe('M4 4h2v1h-2z');
    expect(qrPathData({ size: 2, data: [0, 0, 0, 0] })).toBe('');
  });

  it('rejects data shorter than size²', () => {
    expect(() => qrPathData({ size: 3, data: [1, 0] })).toThrow(RangeError);
  });

  it('covers exactly the dark modules of a real symbol', () => {
    const { modules } = QRCode.create('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example', { errorCorrectionLevel: 'M' });
    const drawn = cells(qrPathData(modules));
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) expected.add(`${col + QR_QUIET_ZONE},${row + QR_QUIET_ZONE}`);
    }
    expect(drawn).toEqual(expected);
  });
});
