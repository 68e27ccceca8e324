/**
 * @file What every importer needs: safe JSON/text decoding, base64, account building with
 * per-entry problems, and the symmetric primitives other apps use (WebCrypto, so the same code
 * runs in the browser and in Node). A wrong key always surfaces as 'import/wrong-password'.
 */
import { DEFAULTS, HASH_ALGORITHMS, validateAccount, type AccountData, type HashAlgorithm, type OtpType } from '../../core/account';
import { type Bytes } from '../../core/crypto/bytes';
import { AppError, isAppError } from '../../core/errors';
import { aesCbcDecryptRaw, aesGcmOpenRaw, pbkdf2Raw } from '../../core/crypto/other-apps';
import type { ImportedAccount, ImportProblem, ImportResult } from './types';

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** UTF-8 text without a BOM, or null when the bytes are not UTF-8. */
export function decodeText(bytes: Uint8Array): string | null {
  try {
    return STRICT_UTF8.decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
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

/** 'SHA1', 'sha-256', 'HmacSHA512', 'SHA512' … → our name; null when unknown. */
export function hashAlgorithm(value: unknown): HashAlgorithm | null {
  const v = str(value).toUpperCase().replace(/^HMAC/, '').replace(/[-_\s]/g, '');
  return (HASH_ALGORITHMS as readonly string[]).includes(v) ? (v as HashAlgorithm) : null;
}

/** An account with the type's defaults for whatever the source did not say. */
export function accountDraft(type: OtpType, fields: Partial<AccountData>): AccountData {
  const d = DEFAULTS[type];
  return { type, issuer: '', name: '', secretB32: '', algorithm: d.algorithm, digits: d.digits, period: d.period, counter: 0, pin: '', ...fields };
}

export interface DraftExtras {
  groups?: readonly string[];
  notes?: string;
  favourite?: boolean;
}

/** What a user recognises an entry by, for the problem list. */
export function entryLabel(issuer: string, name: string, index: number): string {
  const i = issuer.trim();
  const n = name.trim();
  if (i !== '' && n !== '') return `${i} (${n})`;
  if (i !== '' || n !== '') return i || n;
  return `#${index + 1}`;
}

/**
 * Builds the result from raw entries: `toDraft` maps one entry (or throws an AppError for an
 * entry it cannot use); each draft is validated; failures become problems with the entry's label.
 */
export function collectAccounts<T>(
  format: string,
  entries: readonly T[],
  toDraft: (entry: T, index: number) => { data: AccountData; extras?: DraftExtras },
  labelOf: (entry: T, index: number) => string,
): ImportResult {
  const accounts: ImportedAccount[] = [];
  const problems: ImportProblem[] = [];
  entries.forEach((entry, index) => {
    try {
      const { data, extras } = toDraft(entry, index);
      const valid = validateAccount(data);
      accounts.push({
        ...valid,
        groups: [...new Set((extras?.groups ?? []).map((g) => g.trim()).filter((g) => g !== ''))],
        notes: extras?.notes ?? '',
        favourite: extras?.favourite ?? false,
      });
    } catch (err) {
      let label: string;
      try {
        label = labelOf(entry, index);
      } catch {
        label = `#${index + 1}`;
      }
      problems.push({ label, code: isAppError(err) ? err.code : 'import/damaged' });
    }
  });
  if (accounts.length === 0 && problems.length === 0) throw new AppError('import/no-accounts');
  return { format, accounts, problems };
}

export function requirePassword(password: string | undefined): string {
  if (password === undefined || password === '') throw new AppError('import/password-required');
  return password;
}


/** A failed tag or bad padding (the usual sign of a wrong key) is a wrong password. */
async function wrongPasswordOnFailure(op: () => Promise<Bytes>): Promise<Bytes> {
  try {
    return await op();
  } catch {
    throw new AppError('import/wrong-password');
  }
}

export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, ctAndTag: Uint8Array, aad?: Uint8Array): Promise<Bytes> {
  return wrongPasswordOnFailure(() => aesGcmOpenRaw(key, iv, ctAndTag, aad));
}

export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ct: Uint8Array): Promise<Bytes> {
  return wrongPasswordOnFailure(() => aesCbcDecryptRaw(key, iv, ct));
}

export async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, hash: 'SHA-1' | 'SHA-256' | 'SHA-512', bytes: number): Promise<Bytes> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000) throw new AppError('import/damaged');
  return pbkdf2Raw(password, salt, iterations, hash, bytes);
}

export { sha256Bytes as sha256, hmacSha256 } from '../../core/crypto/other-apps';
