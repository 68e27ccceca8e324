/**
 * @file The one module the screens read QR codes through (lint enforces it). Both decoders load
 * lazily: zxing-wasm reads every code in an image, dense 10-account transfer codes included, in its
 * own Worker (zxing-worker.ts; the page only draws the pixels and hands them over, so a thorough
 * read never freezes the page); qr-scanner (a jsQR worker) reads live video cheaply. The WASM comes
 * from our own origin (zxing-wasm would fetch it from jsDelivr by default) and is precached by the
 * service worker.
 *
 * The camera stream is ours (camera-stream.ts), not QrScanner's: its class moves a <video> that is
 * inside a shadow root into <body> and reports every getUserMedia failure as "Camera not found.".
 * We drive its engine (one worker, reused) with `scanImage` per frame instead.
 *
 * Speed (issue 19): zxing's time grows with the pixels it is handed, so images are read at a
 * small size first (decode-plan.ts); its WASM is compiled when the scanner opens, not at the first
 * paste; the camera's first zxing read is on the first video frame, into one reused canvas.
 */
import { AppError } from '../../core/errors';
import { hasTorch, listCameras, openCameraStream, setTorch, stopStream, toCameraError, type Camera } from './camera-stream';
import { centralRegion, frameScale, imagePasses, scaledSize, videoRead, type ScanRegion } from './decode-plan';
import type { ZxingRequest, ZxingResponse } from './zxing-worker';

type QrScannerClass = (typeof import('qr-scanner'))['default'];
type QrEngine = Awaited<ReturnType<QrScannerClass['createQrEngine']>>;

const MAX_SCANS_PER_SECOND = 10;
const ZXING_FRAME_INTERVAL_MS = 700;
const DEDUPE_MS = 3000;

let zxingWorker: Worker | undefined;
let nextRequest = 1;
const pending = new Map<number, (reply: ZxingResponse | null) => void>();
let qrScannerPromise: Promise<QrScannerClass> | undefined;
let enginePromise: Promise<QrEngine> | undefined;

/**
 * The zxing Worker (zxing-worker.ts), started once per page: it compiles the WASM (about 300 ms on
 * a slow phone) and then reads each image handed to it, so a thorough read never blocks the page.
 * A Worker that dies answers every open request with null (the caller falls back to qr-scanner)
 * and is started afresh at the next request.
 */
function askZxing(request: ZxingRequest, transfer: Transferable[] = []): Promise<ZxingResponse | null> {
  if (zxingWorker === undefined) {
    const worker = new Worker(new URL('./zxing-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ZxingResponse>) => {
      const reply = event.data;
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    };
    worker.onerror = () => {
      worker.terminate();
      if (zxingWorker === worker) zxingWorker = undefined;
      for (const settle of pending.values()) settle(null);
      pending.clear();
    };
    zxingWorker = worker;
  }
  const worker = zxingWorker;
  return new Promise((resolve) => {
    pending.set(request.id, resolve);
    worker.postMessage(request, transfer);
  });
}

function loadQrScanner(): Promise<QrScannerClass> {
  qrScannerPromise ??= import('qr-scanner').then((m) => m.default);
  qrScannerPromise.catch(() => (qrScannerPromise = undefined));
  return qrScannerPromise;
}

/** One engine for the page's lifetime: a new worker per call costs 90–280 ms. */
async function getEngine(QrScanner: QrScannerClass): Promise<QrEngine> {
  enginePromise ??= QrScanner.createQrEngine();
  return enginePromise;
}

/**
 * Starts compiling the decoder's WASM so that the first image or frame does not wait for it; the
 * scanner calls it when it opens. A failure is forgotten here: the first read tries again.
 */
export function warmDecoder(): void {
  void askZxing({ id: nextRequest++, warm: true });
}

const unique = (texts: readonly string[]): string[] => [...new Set(texts.filter((s) => s.length > 0))];

type Ctx2d = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** One canvas reused for every drawing (a camera frame 10 times a second would otherwise allocate one each). */
function pixelReader(): (source: CanvasImageSource, width: number, height: number, scale: number) => ImageData {
  let ctx: Ctx2d | null = null;
  return (source, width, height, scale) => {
    const { width: w, height: h } = scaledSize(width, height, scale);
    if (!ctx || ctx.canvas.width !== w || ctx.canvas.height !== h) {
      const canvas =
        typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
      ctx = canvas.getContext('2d', { willReadFrequently: true }) as Ctx2d | null;
      if (!ctx) throw new AppError('unknown');
    }
    ctx.drawImage(source, 0, 0, w, h);
    return ctx.getImageData(0, 0, w, h);
  };
}

/** The codes zxing finds in the pixels (handed over to its Worker); throws when zxing cannot load. */
async function readWithZxing(image: ImageData, thorough: boolean): Promise<string[]> {
  const reply = await askZxing({ id: nextRequest++, image, thorough }, [image.data.buffer]);
  if (reply === null || !('texts' in reply)) throw new AppError('unknown');
  return unique(reply.texts);
}

/**
 * The codes zxing finds in the video's current frame (its `region` only, when given), or null when
 * the page must draw the frame itself. The frame goes to the Worker as a VideoFrame (no pixels are
 * copied here) and is drawn there: drawing camera frames on this page and reading them back was its
 * longest task while the new phone read a move's animated code, 50–500 ms on a loaded machine
 * (issue 15). Where VideoFrame is missing, or the Worker cannot draw it or load zxing
 * (`inWorker.ok` then turns false for the rest of the scan), the caller draws as before.
 */
async function readVideoInWorker(
  video: HTMLVideoElement,
  thorough: boolean,
  region: ScanRegion | undefined,
  inWorker: { ok: boolean },
): Promise<string[] | null> {
  if (!inWorker.ok || typeof VideoFrame !== 'function') return null;
  let frame: VideoFrame;
  try {
    frame = new VideoFrame(video);
  } catch {
    return null; // no frame at hand (the video is between streams): this read is drawn on the page
  }
  const reply = await askZxing({ id: nextRequest++, frame, ...videoRead(video.videoWidth, video.videoHeight, region), thorough }, [frame]);
  if (reply !== null && 'texts' in reply) return unique(reply.texts);
  inWorker.ok = false;
  return null;
}

/**
 * Every QR code in an image (several transfer codes in one screenshot included), in reading
 * order; `[]` when there is none. Throws `scan/not-image` for a file the browser cannot decode.
 * A quick small read that finds codes ends the search, unless `everyCode` (a photo of a printed
 * page of many codes, where the small read may see only some): then every pass runs.
 */
export async function decodeImage(blob: Blob, opts: { everyCode?: boolean } = {}): Promise<string[]> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (err) {
    throw new AppError('scan/not-image', { cause: err });
  }
  try {
    const { width, height } = bitmap;
    const read = pixelReader();
    const found: string[] = [];
    for (const { scale, thorough } of imagePasses(width, height)) {
      // A failure to load zxing (say, its WASM missing from an old cache) falls through to qr-scanner.
      found.push(...(await readWithZxing(read(bitmap, width, height, scale), thorough).catch(() => [])));
      if (found.length > 0 && opts.everyCode !== true) break;
    }
    if (found.length > 0) return unique(found);
    const QrScanner = await loadQrScanner();
    const result = await QrScanner.scanImage(bitmap, { qrEngine: getEngine(QrScanner), returnDetailedScanResult: true }).catch(() => null);
    return result ? unique([result.data]) : [];
  } finally {
    bitmap.close();
  }
}

export interface CameraScan {
  /** Stops every track of the stream; idempotent. */
  stop(): void;
  listCameras(): Promise<Camera[]>;
  /** The device id of the camera in use ('' when the browser does not say). */
  currentCamera(): string;
  /** Switches camera; on failure every track is stopped and the typed error thrown. */
  setCamera(id: string): Promise<void>;
  hasFlash(): Promise<boolean>;
  /** Turns the torch on or off; resolves to the new state. */
  toggleFlash(): Promise<boolean>;
}

export interface CameraScanOptions {
  /** Aborting while the camera opens stops it at once and rejects with `aborted`. */
  signal?: AbortSignal;
  deviceId?: string;
}

/** A canvas qr-scanner draws on and reads back; the flag must be set by the first getContext. */
function readBackCanvas(): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.getContext('2d', { alpha: false, willReadFrequently: true });
  return canvas;
}

/**
 * Scans the camera until `stop()`: zxing's Worker reads the central square ten times a second and
 * whole frames every 700 ms; qr-scanner reads the central square where the Worker cannot.
 */
export async function startCameraScan(video: HTMLVideoElement, onText: (text: string) => void, opts: CameraScanOptions = {}): Promise<CameraScan> {
  if (opts.signal?.aborted) throw new AppError('aborted');
  warmDecoder(); // compiles while the camera opens; the first frame waits for it if need be
  let stream = await openCameraStream(opts.deviceId, opts.signal);
  const readFrame = pixelReader();
  const inWorker = { ok: true };
  // qr-scanner (its chunk and jsQR Worker, both kept for the page: loadQrScanner, getEngine) only
  // where zxing's Worker cannot read the frames: loading it at every camera start cost the first
  // frame's read its CPU. Its canvas, read back every scan, is this scan's own.
  let canvas: HTMLCanvasElement | undefined;
  const lastSeen = new Map<string, number>();
  let stopped = false;
  let torch = false;
  let zxingBusy = false;
  let lastZxing = -Infinity;
  let zxingReads = 0;

  // A code in view is read ~10 times a second: report it once, again only after DEDUPE_MS unseen.
  const emit = (texts: readonly string[]): void => {
    const now = performance.now();
    for (const text of texts) {
      const previous = lastSeen.get(text);
      lastSeen.set(text, now);
      if (!stopped && (previous === undefined || now - previous > DEDUPE_MS)) onText(text);
    }
  };
  const attach = async (next: MediaStream): Promise<void> => {
    stream = next;
    torch = false;
    Object.assign(video, { muted: true, playsInline: true, srcObject: next });
    video.classList.toggle('mirrored', next.getVideoTracks()[0]?.getSettings().facingMode === 'user');
    try {
      await video.play();
    } catch (err) {
      if (stopped) return;
      stopStream(next);
      throw toCameraError(err);
    }
  };
  await attach(stream);

  // The central square in zxing's Worker (quick read); qr-scanner, which draws on the page, where that cannot run.
  const readCentre = async (): Promise<void> => {
    const { videoWidth: w, videoHeight: h } = video;
    if (stopped || video.readyState < 2 || w === 0) return;
    const scanRegion = centralRegion(w, h);
    const texts = await readVideoInWorker(video, false, scanRegion, inWorker);
    if (texts !== null) return emit(texts);
    const QrScanner = await loadQrScanner().catch(() => null);
    if (stopped || QrScanner === null) return;
    canvas ??= readBackCanvas();
    const result = await QrScanner.scanImage(video, { scanRegion, qrEngine: getEngine(QrScanner), canvas, returnDetailedScanResult: true }).catch(() => null);
    if (result?.data) emit([result.data]);
  };
  // The first read is of the frame at hand and the central square's, posted before the whole
  // frame's (the Worker answers in turn): a code held where the preview's frame shows is read in
  // a third of the whole frame's time (about 8 against 20 ms for a dense code at 1280×720).
  void (async () => {
    while (!stopped) {
      const started = performance.now();
      await readCentre();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / MAX_SCANS_PER_SECOND - (performance.now() - started))));
    }
  })();

  // jsQR misses dense transfer codes and sees only the central square; zxing reads whole frames:
  // the frame at hand (a code already in view is read at once), then one every 700 ms, quick and
  // thorough reads in turn.
  const onFrame = (): void => {
    if (stopped) return;
    nextFrame();
    if (zxingBusy || performance.now() - lastZxing < ZXING_FRAME_INTERVAL_MS || video.readyState < 2 || video.videoWidth === 0) return;
    zxingBusy = true;
    lastZxing = performance.now();
    const thorough = zxingReads++ % 2 === 1;
    Promise.resolve()
      .then(
        async () =>
          (await readVideoInWorker(video, thorough, undefined, inWorker)) ??
          readWithZxing(readFrame(video, video.videoWidth, video.videoHeight, frameScale(video.videoWidth, video.videoHeight)), thorough),
      )
      .then(emit, () => undefined)
      .finally(() => (zxingBusy = false));
  };
  // requestVideoFrameCallback runs once per new frame; a browser without it polls.
  const nextFrame = (): void => void ('requestVideoFrameCallback' in video ? video.requestVideoFrameCallback(onFrame) : setTimeout(onFrame, 100));
  onFrame();

  const track = (): MediaStreamTrack | undefined => stream.getVideoTracks()[0];
  const stop = (): void => {
    stopped = true;
    stopStream(stream);
    video.pause();
    video.srcObject = null;
  };
  return {
    stop,
    listCameras,
    currentCamera: () => track()?.getSettings().deviceId ?? '',
    async setCamera(id) {
      if (stopped) return;
      // Many phones cannot open a second camera while one is open: close first.
      stopStream(stream);
      try {
        await attach(await openCameraStream(id));
        if (stopped) stop(); // stopped while the new camera opened
      } catch (err) {
        stop();
        throw err;
      }
    },
    hasFlash: async () => hasTorch(track()),
    async toggleFlash() {
      const t = track();
      if (!t) return false;
      await setTorch(t, !torch);
      torch = !torch;
      return torch;
    },
  };
}
