/**
 * @file The one module that touches the QR decoders (lint enforces it). Both load lazily:
 * zxing-wasm reads every code in an image, dense 10-account transfer codes included; qr-scanner
 * (a jsQR worker) reads live video cheaply. The WASM comes from our own origin (zxing-wasm would
 * fetch it from jsDelivr by default) and is precached by the service worker.
 *
 * The camera stream is ours (camera-stream.ts), not QrScanner's: its class moves a <video> that is
 * inside a shadow root into <body> and reports every getUserMedia failure as "Camera not found.".
 * We drive its engine (one worker, reused) with `scanImage` per frame instead.
 */
import type { ReaderOptions } from 'zxing-wasm/reader';
import zxingWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { AppError } from '../../core/errors';
import { hasTorch, listCameras, openCameraStream, setTorch, stopStream, toCameraError, type Camera } from './camera-stream';

type QrScannerClass = (typeof import('qr-scanner'))['default'];
type QrEngine = Awaited<ReturnType<QrScannerClass['createQrEngine']>>;

const READER_OPTIONS: ReaderOptions = { formats: ['QRCode'], tryHarder: true, maxNumberOfSymbols: 20 };
/** Long side images are scaled to before decoding; photos beyond it only cost time. */
const MAX_IMAGE_SIDE = 2560;
const MAX_SCANS_PER_SECOND = 10;
const ZXING_FRAME_INTERVAL_MS = 700;
const DEDUPE_MS = 3000;

let zxingPromise: Promise<typeof import('zxing-wasm/reader')> | undefined;
let qrScannerPromise: Promise<QrScannerClass> | undefined;
let enginePromise: Promise<QrEngine> | undefined;

function loadZxing(): Promise<typeof import('zxing-wasm/reader')> {
  zxingPromise ??= import('zxing-wasm/reader').then((zxing) => {
    zxing.prepareZXingModule({ overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? zxingWasmUrl : prefix + path) } });
    return zxing;
  });
  zxingPromise.catch(() => (zxingPromise = undefined));
  return zxingPromise;
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

const unique = (texts: readonly string[]): string[] => [...new Set(texts.filter((s) => s.length > 0))];

function drawToImageData(source: CanvasImageSource, width: number, height: number, scale: number): ImageData {
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(w, h) : Object.assign(document.createElement('canvas'), { width: w, height: h });
  const ctx = canvas.getContext('2d', { willReadFrequently: true }) as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new AppError('unknown');
  ctx.drawImage(source, 0, 0, w, h);
  return ctx.getImageData(0, 0, w, h);
}

async function readWithZxing(data: ImageData): Promise<string[]> {
  const { readBarcodes } = await loadZxing();
  const results = await readBarcodes(data, READER_OPTIONS);
  return unique(results.filter((r) => r.isValid).map((r) => r.text));
}

/**
 * Every QR code in an image (several transfer codes in one screenshot included), in reading
 * order; `[]` when there is none. Throws `scan/not-image` for a file the browser cannot decode.
 */
export async function decodeImage(blob: Blob): Promise<string[]> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch (err) {
    throw new AppError('scan/not-image', { cause: err });
  }
  try {
    const { width, height } = bitmap;
    const scale = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
    // A failure to load zxing (say, its WASM missing from an old cache) falls through to qr-scanner.
    const texts = await readWithZxing(drawToImageData(bitmap, width, height, scale)).catch(() => []);
    if (texts.length > 0) return texts;
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

/** Scans the camera until `stop()`: qr-scanner on the central square, zxing on whole frames. */
export async function startCameraScan(video: HTMLVideoElement, onText: (text: string) => void, opts: CameraScanOptions = {}): Promise<CameraScan> {
  const [QrScanner] = await Promise.all([loadQrScanner(), loadZxing()]);
  if (opts.signal?.aborted) throw new AppError('aborted');
  let stream = await openCameraStream(opts.deviceId, opts.signal);
  const engine = getEngine(QrScanner);
  const canvas = document.createElement('canvas');
  // qr-scanner reads this canvas back every scan; the flag must be set by the first getContext.
  canvas.getContext('2d', { alpha: false, willReadFrequently: true });
  const lastSeen = new Map<string, number>();
  let stopped = false;
  let torch = false;
  let zxingBusy = false;

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

  void (async () => {
    for (let last = 0; !stopped;) {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / MAX_SCANS_PER_SECOND - (performance.now() - last))));
      last = performance.now();
      const { videoWidth: w, videoHeight: h } = video;
      if (stopped || video.readyState < 2 || w === 0) continue;
      const side = Math.round((2 / 3) * Math.min(w, h));
      const down = Math.min(side, 800); // 400 (the default) loses the modules of dense codes
      const scanRegion = {
        x: Math.round((w - side) / 2),
        y: Math.round((h - side) / 2),
        width: side,
        height: side,
        downScaledWidth: down,
        downScaledHeight: down,
      };
      const result = await QrScanner.scanImage(video, { scanRegion, qrEngine: engine, canvas, returnDetailedScanResult: true }).catch(() => null);
      if (result?.data) emit([result.data]);
    }
  })();

  // jsQR misses dense transfer codes and sees only the central square; zxing reads whole frames.
  const zxingTimer = setInterval(() => {
    if (stopped || zxingBusy || video.readyState < 2 || video.videoWidth === 0) return;
    zxingBusy = true;
    const scale = Math.min(1, 1920 / Math.max(video.videoWidth, video.videoHeight));
    readWithZxing(drawToImageData(video, video.videoWidth, video.videoHeight, scale))
      .then(emit, () => undefined)
      .finally(() => (zxingBusy = false));
  }, ZXING_FRAME_INTERVAL_MS);

  const track = (): MediaStreamTrack | undefined => stream.getVideoTracks()[0];
  const stop = (): void => {
    stopped = true;
    clearInterval(zxingTimer);
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
