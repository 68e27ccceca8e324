/**
 * @file Turns an image file the user chose into a small custom account icon: decoded by the
 * browser (createImageBitmap), drawn into a 96×96 canvas (the whole picture, centred, transparent
 * around it) and re-encoded as WebP (PNG where the browser cannot write WebP). Re-encoding means
 * only pixels are stored — never the file's metadata, never script-capable SVG.
 */
import { MAX_ICON_LENGTH } from '../../core/account';

export const ICON_SIZE = 96;
/** Larger files are refused before decoding (a decompression bomb would still be bounded by this). */
export const MAX_ICON_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPTED = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const ICON_ACCEPT = ACCEPTED.join(',');

export type IconProblem = 'type' | 'svg' | 'size' | 'decode' | 'result';
export type IconResult = { kind: 'ok'; dataUrl: string } | { kind: 'error'; problem: IconProblem };

/** Magic numbers: the declared type of a file can be missing or wrong. */
function sniff(head: Uint8Array): string | null {
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && head[8] === 0x57 && head[9] === 0x45 && head[10] === 0x42 && head[11] === 0x50) return 'image/webp';
  return null;
}

function looksLikeSvg(file: File, head: Uint8Array): boolean {
  if (file.type === 'image/svg+xml' || /\.svgz?$/i.test(file.name)) return true;
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head).trimStart().toLowerCase();
  return text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'));
}

async function encode(bitmap: ImageBitmap, size: number, type: string, quality: number): Promise<Blob | null> {
  const scale = Math.min(size / bitmap.width, size / bitmap.height);
  const w = Math.max(1, Math.round(bitmap.width * scale));
  const h = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx === null) return null;
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(bitmap, Math.floor((size - w) / 2), Math.floor((size - h) / 2), w, h);
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

function toDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}

/** Smaller sizes and lower quality are tried in turn until the data URL fits MAX_ICON_LENGTH. */
const ATTEMPTS: readonly { size: number; quality: number }[] = [
  { size: ICON_SIZE, quality: 0.9 },
  { size: ICON_SIZE, quality: 0.7 },
  { size: 64, quality: 0.7 },
  { size: 48, quality: 0.6 },
];

export async function resizeIconFile(file: File): Promise<IconResult> {
  const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
  if (looksLikeSvg(file, head)) return { kind: 'error', problem: 'svg' };
  if (sniff(head) === null) return { kind: 'error', problem: 'type' };
  if (file.size > MAX_ICON_FILE_BYTES) return { kind: 'error', problem: 'size' };
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    return { kind: 'error', problem: 'decode' };
  }
  try {
    if (bitmap.width === 0 || bitmap.height === 0) return { kind: 'error', problem: 'decode' };
    for (const { size, quality } of ATTEMPTS) {
      let blob = await encode(bitmap, size, 'image/webp', quality);
      // A browser that cannot write WebP silently returns PNG; accept either.
      if (blob !== null && blob.type !== 'image/webp' && blob.type !== 'image/png') blob = await encode(bitmap, size, 'image/png', 1);
      if (blob === null) continue;
      const dataUrl = await toDataUrl(blob);
      if (/^data:image\/(png|webp);base64,/.test(dataUrl) && dataUrl.length <= MAX_ICON_LENGTH) return { kind: 'ok', dataUrl };
    }
    return { kind: 'error', problem: 'result' };
  } finally {
    bitmap.close();
  }
}
