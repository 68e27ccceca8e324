/**
 * @file Bitwarden's "password protected" JSON export (`encrypted: true, passwordProtected: true`).
 * key = PBKDF2-HMAC-SHA256(password, UTF-8(salt), kdfIterations) when kdfType 0, or
 * Argon2id(password, SHA-256(UTF-8(salt)), t = kdfIterations, m = kdfMemory MiB, p = kdfParallelism)
 * when kdfType 1; then HKDF-Expand-SHA256 stretches it into an AES key (info "enc") and a MAC key
 * (info "mac"). `encKeyValidation_DO_NOT_EDIT` and `data` are EncStrings "2.iv|ct|mac" (AES-256-CBC,
 * HMAC-SHA256 over iv‖ct). The MAC is checked before decrypting: a wrong password shows there.
 * The password is used as UTF-8 exactly as typed (Bitwarden applies no normalisation).
 */
import { aesCbcDecrypt, argon2idForImport, hmacSha256, pbkdf2, requirePassword, sha256 } from './crypto';
import { base64ToBytes, decryptedJson, int, str } from './input';
import { bytesEqual, utf8Encode } from '../../core/crypto/bytes';
import { checkArgon2Params, type Argon2Params } from '../../core/crypto/kdf';
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import { BITWARDEN_KDF, kdfNumber, refuseOver } from './kdf-limits';
import type { ImportOptions } from './types';

const PBKDF2 = 0;
const ARGON2ID = 1;
/** Below Bitwarden's own minimum (5,000 for old accounts), so that test files stay cheap; the maximum is BITWARDEN_KDF's. */
const PBKDF2_MIN = 1_000;

interface EncString {
  iv: Uint8Array;
  ct: Uint8Array;
  mac: Uint8Array;
}

function parseEncString(value: unknown): EncString {
  const text = str(value);
  const dot = text.indexOf('.');
  if (dot < 0 || text.slice(0, dot) !== '2') throw new AppError('import/unsupported');
  const parts = text
    .slice(dot + 1)
    .split('|')
    .map((p) => base64ToBytes(p));
  const [iv, ct, mac] = parts;
  if (parts.length !== 3 || iv == null || ct == null || mac == null || iv.length !== 16 || mac.length !== 32 || ct.length === 0 || ct.length % 16 !== 0) {
    throw new AppError('import/damaged');
  }
  return { iv, ct, mac };
}

/**
 * The KDF budget (kdf-limits.ts), before any KDF runs and before the password is asked for:
 * the file's PBKDF2 iterations, or Argon2id memory, iterations and parallelism, at most what
 * Bitwarden lets an account choose. One derivation per file.
 */
export function checkBitwardenKdf(json: Record<string, unknown>): void {
  const kdfType = int(json.kdfType, PBKDF2);
  const iterations = kdfNumber(json.kdfIterations);
  if (kdfType === PBKDF2) refuseOver(iterations > BITWARDEN_KDF.pbkdf2Iterations, 'import/kdf-bitwarden');
  if (kdfType !== ARGON2ID) return;
  refuseOver(
    kdfNumber(json.kdfMemory) > BITWARDEN_KDF.argon2MemoryMiB ||
      iterations > BITWARDEN_KDF.argon2Iterations ||
      kdfNumber(json.kdfParallelism) > BITWARDEN_KDF.argon2Parallelism,
    'import/kdf-bitwarden',
  );
}

async function deriveMasterKey(json: Record<string, unknown>, password: string, options: ImportOptions): Promise<Uint8Array> {
  const saltText = str(json.salt);
  if (saltText === '') throw new AppError('import/damaged');
  const kdfType = int(json.kdfType, PBKDF2);
  const iterations = int(json.kdfIterations, 0);
  if (kdfType === PBKDF2) {
    if (iterations < PBKDF2_MIN) throw new AppError('import/unsupported');
    return pbkdf2(utf8Encode(password), utf8Encode(saltText), iterations, 'SHA-256', 32);
  }
  if (kdfType !== ARGON2ID) throw new AppError('import/unsupported');
  const memoryMiB = int(json.kdfMemory, 0);
  const params: Argon2Params = { m: memoryMiB * 1024, t: iterations, p: int(json.kdfParallelism, 0), salt: await sha256(utf8Encode(saltText)) };
  try {
    checkArgon2Params(params);
  } catch {
    throw new AppError('import/unsupported');
  }
  // Bitwarden hashes the password bytes as typed, which the app's NFKC runner may not.
  return argon2idForImport(password, params, options);
}

async function expand(prk: Uint8Array, info: string): Promise<Uint8Array> {
  const label = utf8Encode(`${info}\u0001`);
  return hmacSha256(prk, label);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function macOk(macKey: Uint8Array, enc: EncString): Promise<boolean> {
  return bytesEqual(await hmacSha256(macKey, concat(enc.iv, enc.ct)), enc.mac);
}

/** Decrypts the export to the plain Bitwarden JSON object it wraps. */
export async function decryptBitwardenExport(json: Record<string, unknown>, options: ImportOptions): Promise<unknown> {
  checkBitwardenKdf(json);
  const password = requirePassword(options.password);
  const validation = parseEncString(json.encKeyValidation_DO_NOT_EDIT);
  const data = parseEncString(json.data);
  throwIfAborted(options.signal);
  const master = await deriveMasterKey(json, password, options);
  throwIfAborted(options.signal);
  const encKey = await expand(master, 'enc');
  const macKey = await expand(master, 'mac');
  master.fill(0);
  try {
    if (!(await macOk(macKey, validation))) throw new AppError('import/wrong-password');
    // The password is right from here on: any failure means the file was altered.
    if (!(await macOk(macKey, data))) throw new AppError('import/damaged');
    let plain: Uint8Array;
    try {
      plain = await aesCbcDecrypt(encKey, data.iv, data.ct);
    } catch (err) {
      throw isAppError(err) ? new AppError('import/damaged') : err;
    }
    return decryptedJson(plain);
  } finally {
    encKey.fill(0);
    macKey.fill(0);
  }
}
