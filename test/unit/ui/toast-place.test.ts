import { describe, expect, it } from 'vitest';
import { CONTROL_WEIGHT, QR_WEIGHT, placeToast, type Avoid } from '../../../src/ui/shared/toast-place';

/** A 390×844 phone; the toast is the screen's width less 8 px each side, one line high. */
const PHONE = { width: 390, height: 844 };
const TOAST = { width: 374, height: 48 };
const box = (left: number, top: number, width: number, height: number) => ({ left, top, right: left + width, bottom: top + height });
const qr = (top: number): Avoid => ({ box: box(20, top, 350, 350), weight: QR_WEIGHT });
const row = (top: number): Avoid => ({ box: box(16, top, 358, 44), weight: CONTROL_WEIGHT });
const hits = (at: { left: number; top: number }, size: { width: number; height: number }, a: Avoid): boolean =>
  at.left < a.box.right && at.left + size.width > a.box.left && at.top < a.box.bottom && at.top + size.height > a.box.top;

describe('placeToast', () => {
  it('sits at the bottom, 8 px from the edges, when nothing is in the way', () => {
    expect(placeToast(PHONE, TOAST, [])).toEqual({ left: 8, top: 844 - 8 - 48 });
  });

  it('moves to the top when the bottom holds the form buttons it follows', () => {
    expect(placeToast(PHONE, TOAST, [row(780)])).toEqual({ left: 8, top: 8 });
  });

  it('on a long form with controls at both ends, sits in the gap next to them instead of over either', () => {
    const avoid = [row(4), row(780), { box: box(16, 300, 200, 40), weight: CONTROL_WEIGHT }];
    const at = placeToast(PHONE, TOAST, avoid);
    for (const a of avoid) expect(hits(at, TOAST, a)).toBe(false);
    // Nearest the bottom of the free places: just above the bottom row.
    expect(at.top).toBe(780 - 8 - 48);
  });

  it('never covers a QR code at the bottom of the screen, whatever else is at the top', () => {
    const avoid = [qr(480), row(0)];
    const at = placeToast(PHONE, TOAST, avoid);
    expect(hits(at, TOAST, avoid[0]!)).toBe(false);
  });

  it('when every place covers something, covers a control rather than a sliver of a QR code', () => {
    // 320×640: a QR code fills the middle, a row of buttons the top; the bottom place would take
    // 2 px off the QR code, far less area than the buttons it covers at the top.
    const view = { width: 320, height: 640 };
    const size = { width: 304, height: 64 };
    const code = { box: box(16, 90, 288, 480), weight: QR_WEIGHT };
    const at = placeToast(view, size, [code, { box: box(8, 0, 304, 80), weight: CONTROL_WEIGHT }]);
    expect(hits(at, size, code)).toBe(false);
  });

  it('on a wide screen, stays at the bottom beside a centred QR code rather than over it or at the top', () => {
    const view = { width: 1280, height: 800 };
    const size = { width: 360, height: 48 };
    const centred = { box: box(440, 400, 400, 400), weight: QR_WEIGHT };
    const at = placeToast(view, size, [centred]);
    expect(at.top).toBe(800 - 8 - 48);
    expect(hits(at, size, centred)).toBe(false);
  });

  it('keeps a toast taller than the screen on it from the top', () => {
    expect(placeToast({ width: 320, height: 100 }, { width: 304, height: 200 }, [])).toEqual({ left: 8, top: 8 });
  });
});
