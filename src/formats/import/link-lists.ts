/**
 * @file Helpers shared by the family-B importers (family-b.ts): file-name and magic checks,
 * canonical base32 from raw secret bytes, otpauth lines as other apps write them, bounded
 * Argon2id through the caller's runner, and the plain-JSON gate every JSON format goes through.
 */
import { decodeBase32, encodeBase32 } from '../../core/base32';
import type { AccountData } from '../../core/account';
import { argon2idRaw, checkArgon2Params, type Argon2Params } from '../../core/crypto/kdf';
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import { parseOtpauthUri } from '../../core/otpauth-uri';
import { collectAccounts, decodeText, entryLabel, parseJson } from './input';
import type { ImportInput, ImportOptions, ImportResult } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

/** Bytes as the canonical base32 Omamori stores; throws 'account/invalid-secret' when empty. */
export function bytesToSecretB32(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new AppError('account/invalid-secret', { field: 'secret' });
  return encodeBase32(bytes);
}

/**
 * Re-encodes a base32 secret so that unused trailing bits are zero ('…STEAM' → '…STEAA'):
 * what the secret's bytes really are. Invalid text is returned unchanged for validation to refuse.
 */
export function canonicalB32(text: string): string {
  const compact = text.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  const bytes = decodeBase32(compact);
  return bytes === null || bytes.length === 0 ? compact : encodeBase32(bytes);
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

function rawLabel(uri: string): string | null {
  const m = /^otpauth:\/\/[a-z]+\/([^?]*)/i.exec(uri.trim());
  if (m === null) return null;
  try {
    return decodeURIComponent(m[1] ?? '');
  } catch {
    return null;
  }
}

/**
 * parseOtpauthUri plus two habits of the apps that write these lists (Ente, Stratum, WinAuth,
 * Authenticator Plus): a label without a colon that equals `issuer=` is also the account name
 * (`otpauth://totp/NoIssuer?…&issuer=NoIssuer`), and the secret is re-encoded canonically.
 */
export function parseForeignUri(uri: string): AccountData {
  const account = parseOtpauthUri(uri);
  if (account.name === '' && account.issuer !== '') {
    const label = rawLabel(uri);
    if (label !== null && !label.includes(':') && label.trim() === account.issuer) account.name = account.issuer;
  }
  return { ...account, secretB32: canonicalB32(account.secretB32) };
}

/** A list of otpauth lines (text) → result; blank and `#` lines are skipped. */
export function readUriList(format: string, text: string, maxLines = 100_000): ImportResult {
  const lines = text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  if (lines.length > maxLines) throw new AppError('import/damaged');
  return collectAccounts(format, lines, (line) => ({ data: parseForeignUri(line) }), uriEntryLabel);
}

/** Label for a URI line: its decoded label, without query, or the line number. */
export function uriEntryLabel(uri: string, index: number): string {
  const label = rawLabel(uri);
  if (label === null) return `#${index + 1}`;
  const colon = label.indexOf(':');
  return entryLabel(colon < 0 ? '' : label.slice(0, colon), colon < 0 ? label : label.slice(colon + 1), index);
}

export function hasExtension(input: ImportInput, ...exts: string[]): boolean {
  const name = (input.fileName ?? '').toLowerCase();
  return exts.some((e) => name.endsWith(e));
}

export function startsWithAscii(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

/** Parsed JSON when the bytes look like JSON (cheap first-byte check before parsing). */
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

export function requireText(bytes: Uint8Array): string {
  const text = decodeText(bytes);
  if (text === null) throw new AppError('import/damaged');
  return text;
}

/**
 * Argon2id with the caller's runner (a Worker in the app) or hash-wasm in-process. Other apps
 * hash the password's UTF-8 exactly as typed, while KdfRunner applies NFKC (Omamori's own
 * rule): a password that NFKC would change is hashed in-process from its raw bytes instead.
 */
export async function argon2idForImport(password: string, params: Argon2Params, options: ImportOptions): Promise<Uint8Array> {
  try {
    if (options.kdf !== undefined && password.normalize('NFKC') === password) {
      return await options.kdf.argon2id(password, params, options.signal === undefined ? {} : { signal: options.signal });
    }
    checkArgon2Params(params);
    throwIfAborted(options.signal);
    const bytes = utf8Encode(password);
    try {
      return await argon2idRaw(bytes, params);
    } finally {
      bytes.fill(0);
    }
  } catch (err) {
    if (isAppError(err) && err.code === 'crypto/kdf-params') throw new AppError('import/damaged', { cause: err });
    throw err;
  }
}

/** Any non-AppError escaping a decoder is a structure we did not expect. */
export async function typed<T>(op: () => Promise<T> | T): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('import/damaged');
  }
}
