/**
 * @file Reading what a file holds, before any app-specific meaning: bytes → text or JSON (never
 * throwing in a sniffer, `import/damaged` in a reader), magic bytes and file extensions, and
 * readers of single values that other apps spell loosely (numbers as strings, base64 of any
 * kind, hex, Java's signed bytes, hash names).
 */
import { HASH_ALGORITHMS, type HashAlgorithm } from '../../core/account';
import { type Bytes } from '../../core/crypto/bytes';
import { AppError, isAppError } from '../../core/errors';
import type { ImportInput } from './types';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text without a BOM, or null when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Text or 'import/damaged' (for read(), after sniff said yes). */
export function requireText(bytes: Uint8Array): string {
  const text = decodeText(bytes);
  if (text === null) throw new AppError('import/damaged');
  return text;
}

/** JSON.parse of UTF-8 bytes, or null. The parsed value is plain data (`__proto__` stays a key). */
export function parseJson(bytes: Uint8Array): unknown {
  const text = decodeText(bytes);
  if (text === null) return null;
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Parsed JSON when the bytes look like JSON (a cheap first-byte check before decoding it all). */
export function jsonOf(input: ImportInput): unknown {
  const bytes = input.bytes;
  let i = 0;
  // BOM and whitespace.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] !== 0x7b && bytes[i] !== 0x5b) return null;
  return parseJson(bytes);
}

/** JSON or 'import/damaged' (for read(), after sniff said yes). */
export function requireJson(input: ImportInput): unknown {
  const json = jsonOf(input);
  if (json === null) throw new AppError('import/damaged');
  return json;
}

/** JSON inside decrypted bytes (which are wiped here); anything but JSON is 'import/damaged'. */
export function decryptedJson(plain: Uint8Array): unknown {
  const text = decodeText(plain);
  plain.fill(0);
  if (text === null) throw new AppError('import/damaged');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('import/damaged');
  }
}

export function startsWithAscii(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

export function hasExtension(input: ImportInput, ...exts: string[]): boolean {
  const name = (input.fileName ?? '').toLowerCase();
  return exts.some((e) => name.endsWith(e));
}

/** Any non-AppError escaping a decoder is a structure we did not expect: 'import/damaged'. */
export async function typed<T>(op: () => Promise<T> | T): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('import/damaged');
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string field or the fallback (numbers are turned into text; anything else is the fallback). */
export function str(value: unknown, fallback = ''): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fallback;
}

/** A safe integer (numbers or numeric strings), or the fallback. */
export function int(value: unknown, fallback: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : fallback;
}

/** `table[key]` for a key read from a file: own entries only ("constructor" is not a type). */
export function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** 'SHA1', 'sha-256', 'HmacSHA512', 'SHA512' … → our name; null when unknown. */
export function hashAlgorithm(value: unknown): HashAlgorithm | null {
  const v = str(value)
    .toUpperCase()
    .replace(/^HMAC/, '')
    .replace(/[-_\s]/g, '');
  return (HASH_ALGORITHMS as readonly string[]).includes(v) ? (v as HashAlgorithm) : null;
}

/** Standard or URL-safe base64 with or without padding; null when malformed. */
export function base64ToBytes(text: string): Bytes | null {
  const clean = text.replace(/\s/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.replace(/=+$/, '').length % 4 === 1) return null;
  try {
    const bin = atob(clean.replace(/=+$/, '').padEnd(Math.ceil(clean.replace(/=+$/, '').length / 4) * 4, '='));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

export function hexToBytes(hex: string): Bytes | null {
  const clean = hex.replace(/\s/g, '');
  if (clean.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** Java's signed bytes ([-128, 127], as FreeOTP writes them) → bytes; null when not that. */
export function signedBytes(value: unknown, maxLength = 4096): Uint8Array | null {
  if (!Array.isArray(value) || value.length > maxLength) return null;
  const out = new Uint8Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v: unknown = value[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -128 || v > 255) return null;
    out[i] = v & 0xff;
  }
  return out;
}
