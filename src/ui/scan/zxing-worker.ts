/**
 * @file Module Worker entry: zxing-wasm reads QR codes off the main thread (issues 15 and 19: a
 * thorough read of a camera frame or a dense screenshot takes tens of milliseconds on a desktop and
 * far more on a phone, which froze the page while scanning). The page (qr-decoder.ts) transfers an
 * image's pixels, or a camera frame as a VideoFrame that is drawn here (frame-pixels.ts: the page's
 * own drawing of frames was its longest task while scanning); this Worker compiles the WASM once
 * (from our own origin) and answers each request with the texts of the valid codes, `failed` when
 * zxing cannot load, or `cannotDraw` for a frame it cannot draw (the page then draws its frames).
 */
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { readerOptions, type FrameCrop } from './decode-plan';
import { framePixels } from './frame-pixels';

export type ZxingRequest =
  | { id: number; warm: true }
  | { id: number; image: ImageData; thorough: boolean }
  /** A camera frame (transferred; closed here), or its `crop`, read at `width`×`height`. */
  | { id: number; frame: VideoFrame; crop?: FrameCrop; width: number; height: number; thorough: boolean };
export type ZxingResponse = { id: number; texts: string[] } | { id: number; failed: true } | { id: number; cannotDraw: true };

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

const drawFrame = framePixels();

async function answer(request: ZxingRequest): Promise<ZxingResponse> {
  let image: ImageData | null = null;
  if ('frame' in request) {
    image = drawFrame(request.frame, request.crop, request.width, request.height);
    if (image === null) return { id: request.id, cannotDraw: true };
  } else if ('image' in request) image = request.image;
  try {
    const { readBarcodes } = await loadZxing();
    if ('warm' in request || image === null) return { id: request.id, texts: [] };
    const results = await readBarcodes(image, readerOptions(request.thorough));
    return { id: request.id, texts: results.filter((r) => r.isValid).map((r) => r.text) };
  } catch {
    return { id: request.id, failed: true };
  }
}

scope.addEventListener('message', (event) => {
  void answer(event.data).then((response) => scope.postMessage(response));
});
