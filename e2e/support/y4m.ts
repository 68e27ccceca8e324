/**
 * @file Fake-camera clips for Chromium's `--use-file-for-fake-video-capture`: Y4M (4:2:0) frames
 * showing QR codes one after another, drawn from `qrcode`'s module matrix. Chromium loops the file.
 * Clips are large, so tests generate them under `.tmp/` (gitignored) and never commit them.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import QRCode from 'qrcode';

export interface ClipOptions {
  width?: number;
  height?: number;
  /** Frames each code is held for (at 10 fps). */
  framesPerCode?: number;
  /** Blank frames between codes, so that a code reappearing reads as a new sighting. */
  gapFrames?: number;
  /** Side of the QR code incl. quiet zone, as a fraction of min(width, height); qr-scanner reads the central 2/3. */
  fill?: number;
}

const BLACK = 16;
const WHITE = 235;
const BACKGROUND = 128;
const QUIET_MODULES = 4;

/** One luma plane: the code centred on a grey background. */
function drawLuma(text: string | null, width: number, height: number, fill: number): Buffer {
  const y = Buffer.alloc(width * height, BACKGROUND);
  if (text === null) return y;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = modules.size + 2 * QUIET_MODULES;
  const px = Math.floor((fill * Math.min(width, height)) / size);
  if (px < 2) throw new Error(`QR code of ${modules.size} modules does not fit ${width}x${height} at fill ${fill}`);
  const left = Math.floor((width - size * px) / 2);
  const top = Math.floor((height - size * px) / 2);
  for (let row = 0; row < size * px; row++) {
    const my = Math.floor(row / px) - QUIET_MODULES;
    for (let col = 0; col < size * px; col++) {
      const mx = Math.floor(col / px) - QUIET_MODULES;
      const inside = mx >= 0 && my >= 0 && mx < modules.size && my < modules.size;
      y[(top + row) * width + left + col] = inside && modules.get(my, mx) ? BLACK : WHITE;
    }
  }
  return y;
}

/** Writes the clip (overwriting) and returns its absolute path. */
export function writeQrClip(path: string, texts: readonly string[], options: ClipOptions = {}): string {
  const { width = 640, height = 480, framesPerCode = 15, gapFrames = 0, fill = 2 / 3 } = options;
  if (width % 2 || height % 2) throw new Error('Y4M 4:2:0 needs even dimensions');
  const abs = resolve(path);
  mkdirSync(dirname(abs), { recursive: true });
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128); // U and V: grey
  const fd = openSync(abs, 'w');
  try {
    writeSync(fd, `YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
    const blank = drawLuma(null, width, height, fill);
    for (const text of texts) {
      const luma = drawLuma(text, width, height, fill);
      for (let f = 0; f < framesPerCode + gapFrames; f++) {
        writeSync(fd, 'FRAME\n');
        writeSync(fd, f < framesPerCode ? luma : blank);
        writeSync(fd, chroma);
      }
    }
  } finally {
    closeSync(fd);
  }
  return abs;
}
