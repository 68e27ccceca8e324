/**
 * @file How big an image the QR decoder is handed (pure, unit-tested). zxing's time grows with the
 * pixels it scans, not with the code: a 1080×2340 screenshot costs it ten times what the same code
 * costs at a quarter of the pixels, where a version-29 code still has over 3 pixels per module.
 * Half of the rest goes to looking again for inverted codes and in zxing's own smaller copies,
 * which only a rare image needs. So an image is read first small and plainly, and at full size
 * and thoroughly only when that finds nothing.
 */

/** Long side of the full pass: photos beyond it only cost time. */
export const MAX_IMAGE_SIDE = 2560;
/** Pixels of the quick first pass (a 1080×2340 screenshot → 607×1315). */
export const QUICK_PASS_PIXELS = 800_000;
/** Long side camera frames are scaled to before zxing reads them. */
export const MAX_FRAME_SIDE = 1920;
/** qr-scanner's default 400 px downscale loses the modules of dense codes. */
const MAX_REGION_DOWNSCALE = 800;

/** One read of an image: at `scale`, and `thorough` (inverted colours, zxing's own downscaled copies) or not. */
export interface DecodePass {
  scale: number;
  thorough: boolean;
}

/**
 * The reads of a `width`×`height` image, in order, until one finds a code: a quick one (about
 * QUICK_PASS_PIXELS, plain dark-on-light codes), then the thorough one at full size (long side
 * ≤ MAX_IMAGE_SIDE). A small image is read quickly then thoroughly at its own size.
 */
export function imagePasses(width: number, height: number): DecodePass[] {
  if (!(width > 0 && height > 0)) return [{ scale: 1, thorough: true }];
  const full = Math.min(1, MAX_IMAGE_SIDE / Math.max(width, height));
  const quick = Math.min(full, Math.sqrt(QUICK_PASS_PIXELS / (width * height)));
  // Under ~25 % fewer pixels a smaller copy saves too little to be worth drawing.
  return [
    { scale: quick < full * 0.87 ? quick : full, thorough: false },
    { scale: full, thorough: true },
  ];
}

/** Scale of a camera frame for zxing. */
export function frameScale(width: number, height: number): number {
  return width > 0 && height > 0 ? Math.min(1, MAX_FRAME_SIDE / Math.max(width, height)) : 1;
}

export interface ScanRegion {
  x: number;
  y: number;
  width: number;
  height: number;
  downScaledWidth: number;
  downScaledHeight: number;
}

/** qr-scanner's region: the central square of 2/3 × the short side, downscaled to at most 800 px. */
export function centralRegion(width: number, height: number): ScanRegion {
  const side = Math.round((2 / 3) * Math.min(width, height));
  const down = Math.min(side, MAX_REGION_DOWNSCALE);
  return { x: Math.round((width - side) / 2), y: Math.round((height - side) / 2), width: side, height: side, downScaledWidth: down, downScaledHeight: down };
}

/** The part of zxing-wasm's ReaderOptions used here (only its Worker imports zxing-wasm). */
export interface ZxingOptions {
  formats: ['QRCode'];
  tryHarder: boolean;
  tryRotate: boolean;
  tryInvert?: boolean;
  tryDownscale?: boolean;
  maxNumberOfSymbols: number;
}

/**
 * zxing's settings for a quick or a thorough read. Never tryRotate: a QR code's finder patterns
 * are found at any angle without it, and with up to 20 codes wanted zxing would scan three more
 * rotated copies of every image looking for others (a third of a quick read's time). A quick read
 * skips the inverted image and zxing's own smaller copies.
 */
export function readerOptions(thorough: boolean): ZxingOptions {
  const options: ZxingOptions = { formats: ['QRCode'], tryHarder: true, tryRotate: false, maxNumberOfSymbols: 20 };
  return thorough ? options : { ...options, tryInvert: false, tryDownscale: false };
}

/** Pixel size of `width`×`height` at `scale`, never 0. */
export function scaledSize(width: number, height: number, scale: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** The part of a video frame to draw (source pixels): a scan region without its downscaled size. */
export type FrameCrop = Pick<ScanRegion, 'x' | 'y' | 'width' | 'height'>;

/**
 * What of a `width`×`height` camera frame a Worker draws, and at what size: the scan region
 * downscaled as qr-scanner would, or the whole frame at frameScale.
 */
export function videoRead(width: number, height: number, region?: ScanRegion): { crop?: FrameCrop; width: number; height: number } {
  if (region === undefined) return scaledSize(width, height, frameScale(width, height));
  const { downScaledWidth, downScaledHeight, ...crop } = region;
  return { crop, width: downScaledWidth, height: downScaledHeight };
}
