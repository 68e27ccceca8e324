/**
 * @file The recovery kit (docs/security.md, "Recovery kit"): a random 256-bit recovery key, kept
 * whole or split k of n (2 ≤ k ≤ n ≤ 5) with the audited `shamir-secret-sharing`, and the sheets
 * that carry it as words (words.ts) or QR text. Pure: no storage, no DOM.
 *
 * Share bytes (40): version (1) · kit id (4) · k << 4 | n (1) · index 1..n (1) · Shamir x (1) ·
 * Shamir y (32). The library puts x last and draws it at random, so the printed "share 2 of 3" is
 * the separate index. The kit id is the first 4 bytes of SHA-256 over a label and the key: the
 * fingerprint printed on each sheet, and after combining it proves the shares were right
 * (Shamir itself cannot tell a wrong share from a right one).
 */
import { combine, split } from 'shamir-secret-sharing';
import { decodeBase32, encodeBase32 } from '../base32';
import { AppError } from '../errors';
import { checkKey, kitIdOf, RECOVERY_KEY_BYTES } from './kit-id';
import { bytesToWords, wordsToBytes, type WordLanguage } from './words';

export { formatFingerprint, KIT_ID_BYTES, kitIdOf, RECOVERY_KEY_BYTES } from './kit-id';

export const SHARE_VERSION = 1;
export const SHARE_BYTES = 40;
export const MIN_SHARES = 2;
export const MAX_SHARES = 5;
/** QR text: a prefix naming the format and version, then base32 (QR alphanumeric mode). */
export const KEY_QR_PREFIX = 'OMAMORI-RK1:';
export const SHARE_QR_PREFIX = 'OMAMORI-RS1:';

export interface RecoveryShare {
  kitId: Uint8Array;
  k: number;
  n: number;
  /** 1..n, as printed on the sheet. */
  index: number;
  /** The library's share: y (32 bytes) then x. */
  data: Uint8Array;
}

export type RecoverySheet = { kind: 'key'; key: Uint8Array } | { kind: 'share'; share: RecoveryShare };

export function generateRecoveryKey(): Uint8Array {
  return crypto.getRandomValues(new Uint8Array(RECOVERY_KEY_BYTES));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function checkThreshold(k: number, n: number): void {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < MIN_SHARES || n > MAX_SHARES || k > n) throw new AppError('recovery/invalid');
}

/** n shares of `key`, any k of which recover it. */
export async function splitRecoveryKey(key: Uint8Array, k: number, n: number): Promise<RecoveryShare[]> {
  checkKey(key);
  checkThreshold(k, n);
  const kitId = kitIdOf(key);
  const parts = await split(key, n, k);
  return parts.map((data, i) => ({ kitId, k, n, index: i + 1, data }));
}

export function encodeShare(share: RecoveryShare): Uint8Array {
  const out = new Uint8Array(SHARE_BYTES);
  out[0] = SHARE_VERSION;
  out.set(share.kitId, 1);
  out[5] = (share.k << 4) | share.n;
  out[6] = share.index;
  // The library's order is y then x; ours puts x first so that the header stays together.
  out[7] = share.data[RECOVERY_KEY_BYTES]!;
  out.set(share.data.subarray(0, RECOVERY_KEY_BYTES), 8);
  return out;
}

/** Throws `recovery/invalid` for another version, impossible k/n/index or x = 0. */
export function decodeShare(bytes: Uint8Array): RecoveryShare {
  if (bytes.length !== SHARE_BYTES || bytes[0] !== SHARE_VERSION) throw new AppError('recovery/invalid');
  const k = bytes[5]! >> 4;
  const n = bytes[5]! & 15;
  const index = bytes[6]!;
  checkThreshold(k, n);
  if (index < 1 || index > n || bytes[7] === 0) throw new AppError('recovery/invalid');
  const data = new Uint8Array(RECOVERY_KEY_BYTES + 1);
  data.set(bytes.subarray(8));
  data[RECOVERY_KEY_BYTES] = bytes[7]!;
  return { kitId: bytes.slice(1, 5), k, n, index, data };
}

function sheetBytes(sheet: RecoverySheet): Uint8Array {
  return sheet.kind === 'key' ? sheet.key : encodeShare(sheet.share);
}

export function sheetWords(sheet: RecoverySheet, language: WordLanguage): string[] {
  return bytesToWords(sheetBytes(sheet), language);
}

export function sheetQrText(sheet: RecoverySheet): string {
  return (sheet.kind === 'key' ? KEY_QR_PREFIX : SHARE_QR_PREFIX) + encodeBase32(sheetBytes(sheet));
}

function sheetFromBytes(bytes: Uint8Array): RecoverySheet {
  if (bytes.length === RECOVERY_KEY_BYTES) return { kind: 'key', key: bytes };
  return { kind: 'share', share: decodeShare(bytes) };
}

/**
 * A sheet from a scanned QR text or typed words. Throws `recovery/invalid`, or a RecoveryWordError
 * (words.ts) naming the word or group that is wrong.
 */
export function readSheet(text: string): RecoverySheet {
  const trimmed = text.trim();
  const upper = trimmed.toUpperCase();
  for (const [prefix, length] of [
    [KEY_QR_PREFIX, RECOVERY_KEY_BYTES],
    [SHARE_QR_PREFIX, SHARE_BYTES],
  ] as const) {
    if (!upper.startsWith(prefix)) continue;
    const bytes = decodeBase32(upper.slice(prefix.length));
    if (bytes === null || bytes.length !== length) throw new AppError('recovery/invalid');
    return sheetFromBytes(bytes);
  }
  return sheetFromBytes(wordsToBytes(trimmed).bytes);
}

/**
 * The recovery key from sheets: a whole-key sheet, or at least k shares of one kit. Throws
 * `recovery/mixed-kits` (different kit ids, or a key sheet of another kit), `recovery/duplicate-share`
 * (the same index twice), `recovery/not-enough-shares`, and `recovery/wrong-key` when the combined
 * key does not match the kit id (a damaged share).
 */
export async function recoverKey(sheets: readonly RecoverySheet[]): Promise<Uint8Array> {
  const keys = sheets.flatMap((s) => (s.kind === 'key' ? [s.key] : []));
  const shares = sheets.flatMap((s) => (s.kind === 'share' ? [s.share] : []));
  const first = keys[0];
  if (first !== undefined) {
    const id = kitIdOf(first);
    if (keys.some((k) => !sameBytes(k, first)) || shares.some((s) => !sameBytes(s.kitId, id))) throw new AppError('recovery/mixed-kits');
    return new Uint8Array(first);
  }
  const head = shares[0];
  if (head === undefined) throw new AppError('recovery/not-enough-shares');
  if (shares.some((s) => !sameBytes(s.kitId, head.kitId) || s.k !== head.k || s.n !== head.n)) throw new AppError('recovery/mixed-kits');
  const indexes = new Set(shares.map((s) => s.index));
  if (indexes.size !== shares.length) throw new AppError('recovery/duplicate-share');
  if (shares.length < head.k) throw new AppError('recovery/not-enough-shares');
  let key: Uint8Array;
  try {
    key = await combine(shares.slice(0, head.k).map((s) => s.data));
  } catch (err) {
    // Two sheets with different indexes but the same x: a damaged or forged share.
    throw new AppError('recovery/wrong-key', { cause: err });
  }
  if (key.length !== RECOVERY_KEY_BYTES || !sameBytes(kitIdOf(key), head.kitId)) {
    key.fill(0);
    throw new AppError('recovery/wrong-key');
  }
  return key;
}
