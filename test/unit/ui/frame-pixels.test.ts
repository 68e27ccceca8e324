import { afterEach, describe, expect, it, vi } from 'vitest';
import { framePixels } from '../../../src/ui/scan/frame-pixels';

/** A VideoFrame stand-in: only close() matters here. */
function fakeFrame() {
  return { close: vi.fn() } as unknown as VideoFrame & { close: ReturnType<typeof vi.fn> };
}

/** OffscreenCanvas stand-in that records what is drawn on each canvas made. */
class FakeCanvas {
  static made: FakeCanvas[] = [];
  static failDraw = false;
  readonly draws: unknown[][] = [];
  readonly ctx: unknown;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    FakeCanvas.made.push(this);
    this.ctx = {
      canvas: this,
      drawImage: (...args: unknown[]) => {
        if (FakeCanvas.failDraw) throw new DOMException('closed', 'InvalidStateError');
        this.draws.push(args.slice(1));
      },
      getImageData: (x: number, y: number, w: number, h: number) => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    };
  }
  getContext(): unknown {
    return this.ctx;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeCanvas.made = [];
  FakeCanvas.failDraw = false;
});

describe('camera frames drawn in the Worker', () => {
  it('draw the whole frame, or only its crop, at the size asked, and close every frame', () => {
    vi.stubGlobal('OffscreenCanvas', FakeCanvas);
    const draw = framePixels();
    const whole = fakeFrame();
    expect(draw(whole, undefined, 1280, 720)).toMatchObject({ width: 1280, height: 720 });
    const region = fakeFrame();
    expect(draw(region, { x: 400, y: 120, width: 480, height: 480 }, 480, 480)).toMatchObject({ width: 480, height: 480 });
    expect(FakeCanvas.made.map((c) => c.draws)).toEqual([[[0, 0, 1280, 720]], [[400, 120, 480, 480, 0, 0, 480, 480]]]);
    expect(whole.close).toHaveBeenCalledOnce();
    expect(region.close).toHaveBeenCalledOnce();
  });

  it('reuse one canvas per size while the scan region and the whole frame take turns', () => {
    vi.stubGlobal('OffscreenCanvas', FakeCanvas);
    const draw = framePixels();
    for (let i = 0; i < 5; i++) {
      draw(fakeFrame(), { x: 0, y: 0, width: 480, height: 480 }, 480, 480);
      draw(fakeFrame(), undefined, 1280, 720);
    }
    expect(FakeCanvas.made).toHaveLength(2);
  });

  it('answer null, so that the page draws, without OffscreenCanvas or when drawing fails; the frame is closed either way', () => {
    vi.stubGlobal('OffscreenCanvas', undefined);
    const none = fakeFrame();
    expect(framePixels()(none, undefined, 640, 480)).toBeNull();
    expect(none.close).toHaveBeenCalledOnce();

    vi.stubGlobal('OffscreenCanvas', FakeCanvas);
    FakeCanvas.failDraw = true;
    const closed = fakeFrame();
    expect(framePixels()(closed, undefined, 640, 480)).toBeNull();
    expect(closed.close).toHaveBeenCalledOnce();
  });
});
