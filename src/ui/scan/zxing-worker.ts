/**
 * @file Module Worker entry: zxing-wasm reads QR codes off the main thread (issues 15 and 19: a
 * thorough read of a camera frame or a dense screenshot takes tens of milliseconds on a desktop and
 * far more on a phone, which froze the page while scanning). The page (qr-decoder.ts) draws the
 * pixels and transfers them here; this Worker compiles the WASM once (from our own origin) and
 * answers each request with the texts of the valid codes, or `failed` when zxing cannot load.
 * A camera frame comes as a VideoFrame, drawn here: drawing a 1280×720 frame and reading its pixels
 * back took the page's thread 50–500 ms on a loaded machine while a move's animated code was read
 * (issue 15). A Worker that cannot draw one (no OffscreenCanvas) answers `cannotDraw`, and the page
 * draws its frames itself from then on.
 */
import type { ReaderOptions } from 'zxing-wasm/reader';
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export type ZxingRequest =
  | { id: number; warm: true }
  | { id: number; image: ImageData; thorough: boolean }
  /** A camera frame (transferred; closed here), read at `width`×`height`. */
  | { id: number; frame: VideoFrame; width: number; height: number; thorough: boolean };
export type ZxingResponse = { id: number; texts: string[] } | { id: number; failed: true } | { id: number; cannotDraw: true };

const READER_OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 20 };
/** Without these two, a read that finds a code no longer repeats itself on the inverted image and on smaller copies. */
const QUICK_OPTIONS: ReaderOptions = { ...READER_OPTIONS, tryInvert: false, tryDownscale: false };

/** What this file uses of DedicatedWorkerGlobalScope (compiled with the DOM library, which lacks it). */
interface WorkerScope {
  postMessage(message: ZxingResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ZxingRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;
let zxingPromise: Promise<typeof import('zxing-wasm/reader')> | undefined;

function loadZxing(): Promise<typeof import('zxing-wasm/reader')> {
  zxingPromise ??= import('zxing-wasm/reader').then(async (zxing) => {
    await zxing.prepareZXingModule({
      overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? zxingWasmUrl : prefix + path) },
      fireImmediately: true,
    });
    return zxing;
  });
  // A failed load (its WASM missing from an old cache, say) is tried again at the next request.
  zxingPromise.catch(() => (zxingPromise = undefined));
  return zxingPromise;
}

let frameCanvas: OffscreenCanvasRenderingContext2D | null = null;

/** The frame's pixels at `width`×`height`, on one canvas reused for every frame; the frame is closed (the camera reuses its buffers). */
function drawFrame(frame: VideoFrame, width: number, height: number): ImageData | null {
  try {
    if (typeof OffscreenCanvas !== 'function') return null;
    if (!frameCanvas || frameCanvas.canvas.width !== width || frameCanvas.canvas.height !== height) {
      frameCanvas = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
      if (!frameCanvas) return null;
    }
    frameCanvas.drawImage(frame, 0, 0, width, height);
    return frameCanvas.getImageData(0, 0, width, height);
  } catch {
    return null;
  } finally {
    frame.close();
  }
}

async function answer(request: ZxingRequest): Promise<ZxingResponse> {
  let image: ImageData | null = null;
  if ('frame' in request) {
    image = drawFrame(request.frame, request.width, request.height);
    if (image === null) return { id: request.id, cannotDraw: true };
  } else if ('image' in request) image = request.image;
  try {
    const { readBarcodes } = await loadZxing();
    if ('warm' in request || image === null) return { id: request.id, texts: [] };
    const results = await readBarcodes(image, request.thorough ? READER_OPTIONS : QUICK_OPTIONS);
    return { id: request.id, texts: results.filter((r) => r.isValid).map((r) => r.text) };
  } catch {
    return { id: request.id, failed: true };
  }
}

scope.addEventListener('message', (event) => {
  void answer(event.data).then((response) => scope.postMessage(response));
});
