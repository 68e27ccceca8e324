/**
 * @file The cryptography importers ask for, on top of src/core/crypto: the password check, the
 * ciphers and KDFs other apps use (WebCrypto, so the same code runs in the browser and in Node)
 * with their failures mapped to import errors, and Argon2id bounded and run on the password as
 * typed. A failed tag or bad padding always surfaces as 'import/wrong-password'.
 */
import { utf8Encode, type Bytes } from '../../core/crypto/bytes';
import { argon2idRaw, checkArgon2Params, type Argon2Params } from '../../core/crypto/kdf';
import { aesCbcDecryptRaw, aesGcmOpenRaw, pbkdf2Raw } from '../../core/crypto/other-apps';
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import type { ImportOptions } from './types';

export { sha256Bytes as sha256, hmacSha256 } from '../../core/crypto/other-apps';

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

/** PBKDF2 with an iteration count read from a file, refused beyond 10 million before it runs. */
export async function pbkdf2(password: Uint8Array, salt: Uint8Array, iterations: number, hash: 'SHA-1' | 'SHA-256' | 'SHA-512', bytes: number): Promise<Bytes> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > 10_000_000) throw new AppError('import/damaged');
  return pbkdf2Raw(password, salt, iterations, hash, bytes);
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
