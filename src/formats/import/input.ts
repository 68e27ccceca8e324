/**
 * @file Reading what a file holds, before any app-specific meaning: the one reading of a file
 * (size, text, JSON with a nesting limit) that detection hands to every importer, JSON inside
 * decrypted bytes, magic bytes and file extensions, and readers of single values that other
 * apps spell loosely (numbers as strings, base64 of any kind, hex, Java's signed bytes, hash
 * names).
 */
import { HASH_ALGORITHMS, type HashAlgorithm } from '../../core/account';
import { type Bytes } from '../../core/crypto/bytes';
import { AppError, isAppError } from '../../core/errors';
import type { ImportInput, ParsedInput } from './types';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text without a BOM, or null when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** Largest file detection reads: a 10,000-account vault with notes is a few MiB. */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
/**
 * Deepest array/object nesting a file may have. Real exports nest fewer than 10 levels; the
 * limit stops a file of millions of brackets before JSON.parse spends seconds and gigabytes.
 */
export const MAX_JSON_DEPTH = 256;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Whether `text` nests arrays and objects deeper than `limit`, in one pass without recursion.
 * Brackets inside strings do not count (a string ends at a quote not escaped by an odd run of
 * backslashes). It stops at a closing bracket with nothing open: JSON.parse fails there anyway,
 * before it reaches anything that follows.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // Jump to the closing quote: long strings (base64 blobs, notes) cost one indexOf each.
      for (;;) {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return false; // an unterminated string: not JSON
        let slashes = 0;
        while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
        i = end;
        if (slashes % 2 === 0) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      if (--depth < 0) return false;
    }
  }
  return false;
}

/** Whether the first significant character opens an object or an array. */
export function looksLikeJson(text: string): boolean {
  const first = text.charAt(text.search(/\S/));
  return first === '{' || first === '[';
}

/**
 * JSON.parse behind the nesting limit (`import/too-deep` beyond MAX_JSON_DEPTH); undefined when
 * the text is not JSON. The parsed value is plain data (`__proto__` stays a key).
 */
export function parseJsonText(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new AppError('import/too-deep');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** JSON (an object or array) inside bytes, such as a decrypted payload or a ZIP member; undefined otherwise. */
export function jsonOfBytes(bytes: Uint8Array): unknown {
  const text = decodeText(bytes);
  return text === null || !looksLikeJson(text) ? undefined : parseJsonText(text);
}

/**
 * The one reading of a file: size limit (`import/too-large`), UTF-8 decoding, and JSON parsing
 * with the nesting limit (`import/too-deep`) when it looks like JSON. Every sniffer and read()
 * then work on the result, so a file is decoded and parsed once per import.
 */
export function prepareInput(input: ImportInput): ParsedInput {
  if (isParsed(input)) return input;
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new AppError('import/too-large');
  const text = decodeText(input.bytes);
  const json = text !== null && looksLikeJson(text) ? parseJsonText(text) : undefined;
  const parsed: ParsedInput = { bytes: input.bytes, text, json };
  if (input.fileName !== undefined) parsed.fileName = input.fileName;
  return parsed;
}

export function isParsed(input: ImportInput): input is ParsedInput {
  return 'text' in input && 'json' in input;
}

/** Text or 'import/damaged' (for read(), after sniff said yes). */
export function requireText(input: ParsedInput): string {
  if (input.text === null) throw new AppError('import/damaged');
  return input.text;
}

/** JSON or 'import/damaged' (for read(), after sniff said yes). */
export function requireJson(input: ParsedInput): unknown {
  if (input.json === undefined || input.json === null) throw new AppError('import/damaged');
  return input.json;
}

/** JSON inside decrypted bytes (which are wiped here); anything but JSON is 'import/damaged'. */
export function decryptedJson(plain: Uint8Array): unknown {
  const text = decodeText(plain);
  plain.fill(0);
  const json = text === null ? undefined : parseJsonText(text);
  if (json === undefined) throw new AppError('import/damaged');
  return json;
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
