/**
 * @file The pixels of a camera frame, drawn in zxing's Worker (zxing-worker.ts): the page hands
 * over a VideoFrame, which costs it no copy, instead of drawing the frame and reading it back on
 * its own thread (issue 15: 50–500 ms a frame while a move's animated code was read, on a loaded
 * machine). Every frame is closed here once drawn, or when it cannot be: a camera reuses a small
 * pool of buffers and stalls while frames are held.
 */
import type { FrameCrop } from './decode-plan';

type Ctx = OffscreenCanvasRenderingContext2D;

/** Sizes kept at once: the scan region and the whole frame take turns; more means the camera changed. */
const MAX_CANVASES = 4;

/**
 * A drawer with one canvas per size, reused frame after frame. It answers null where it cannot
 * draw (no OffscreenCanvas in this Worker, no 2D context, a closed frame): the page then draws.
 */
export function framePixels(): (frame: VideoFrame, crop: FrameCrop | undefined, width: number, height: number) => ImageData | null {
  const canvases = new Map<string, Ctx>();
  const canvas = (width: number, height: number): Ctx | null => {
    const size = `${width}x${height}`;
    const known = canvases.get(size);
    if (known !== undefined) return known;
    if (typeof OffscreenCanvas !== 'function') return null;
    const made = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!made) return null;
    if (canvases.size >= MAX_CANVASES) canvases.clear();
    canvases.set(size, made);
    return made;
  };
  return (frame, crop, width, height) => {
    try {
      const ctx = canvas(width, height);
      if (ctx === null) return null;
      if (crop === undefined) ctx.drawImage(frame, 0, 0, width, height);
      else ctx.drawImage(frame, crop.x, crop.y, crop.width, crop.height, 0, 0, width, height);
      return ctx.getImageData(0, 0, width, height);
    } catch {
      return null;
    } finally {
      frame.close();
    }
  };
}
