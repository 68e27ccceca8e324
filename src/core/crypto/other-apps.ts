/**
 * @file Primitives other apps' files use (src/formats): PBKDF2, scrypt, SHA-256, HMAC-SHA-256,
 * AES-GCM (both ways, the tag apart as Aegis stores it) and AES-CBC decryption over raw key
 * bytes. WebCrypto, so browser and Node share them. Failures are thrown as they come; importers
 * turn them into their own errors.
 */
import { asBytes, type Bytes } from './bytes';

export async function pbkdf2Raw(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  hash: 'SHA-1' | 'SHA-256' | 'SHA-512',
  bytes: number,
): Promise<Bytes> {
  const base = await crypto.subtle.importKey('raw', asBytes(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', salt: asBytes(salt), iterations, hash }, base, bytes * 8);
  return new Uint8Array(bits);
}

export async function sha256Bytes(data: Uint8Array): Promise<Bytes> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', asBytes(data)));
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Bytes> {
  const k = await crypto.subtle.importKey('raw', asBytes(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, asBytes(data)));
}

/** AES-GCM with the 128-bit tag appended to the ciphertext. */
export async function aesGcmOpenRaw(key: Uint8Array, iv: Uint8Array, ctAndTag: Uint8Array, aad?: Uint8Array): Promise<Bytes> {
  const k = await crypto.subtle.importKey('raw', asBytes(key), 'AES-GCM', false, ['decrypt']);
  const params: AesGcmParams = { name: 'AES-GCM', iv: asBytes(iv) };
  if (aad !== undefined) params.additionalData = asBytes(aad);
  return new Uint8Array(await crypto.subtle.decrypt(params, k, asBytes(ctAndTag)));
}

/** AES-GCM (128-bit tag, no AAD unless given): ciphertext and tag as separate arrays. */
export async function aesGcmSealRaw(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Promise<{ ct: Bytes; tag: Bytes }> {
  const k = await crypto.subtle.importKey('raw', asBytes(key), 'AES-GCM', false, ['encrypt']);
  const params: AesGcmParams = { name: 'AES-GCM', iv: asBytes(iv), tagLength: 128 };
  if (aad !== undefined) params.additionalData = asBytes(aad);
  const sealed = new Uint8Array(await crypto.subtle.encrypt(params, k, asBytes(plain)));
  return { ct: sealed.slice(0, sealed.length - 16), tag: sealed.slice(sealed.length - 16) };
}

/** AES-CBC with PKCS#7 padding. */
export async function aesCbcDecryptRaw(key: Uint8Array, iv: Uint8Array, ct: Uint8Array): Promise<Bytes> {
  const k = await crypto.subtle.importKey('raw', asBytes(key), 'AES-CBC', false, ['decrypt']);
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv: asBytes(iv) }, k, asBytes(ct)));
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * scrypt (RFC 7914) via @noble/hashes, 32-byte output. Callers bound N/r/p first; `maxmem` is a
 * second fence so that a file can never make this allocate more than 256 MiB.
 */
export async function scryptRaw(password: Uint8Array, salt: Uint8Array, params: ScryptParams, onTick?: () => void): Promise<Bytes> {
  const { scryptAsync } = await import('@noble/hashes/scrypt.js');
  const out = await scryptAsync(password, salt, {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: 32,
    maxmem: 256 * 1024 * 1024 + 4096,
    ...(onTick === undefined ? {} : { onProgress: () => onTick() }),
  });
  return asBytes(out);
}

/**
 * Argon2d or Argon2id v1.3 as KeePass databases name them (KDBX 4), with every parameter from
 * the caller: formats/kdbx bounds them against its budget before calling. hash-wasm is loaded on
 * first use, as for the vault's own KDF. `memoryKiB` is in KiB; the output is `length` bytes.
 */
export async function argon2Raw(
  type: 'd' | 'id',
  password: Uint8Array,
  salt: Uint8Array,
  params: { memoryKiB: number; iterations: number; parallelism: number; length: number },
): Promise<Bytes> {
  const { argon2d, argon2id } = await import('hash-wasm');
  const run = type === 'd' ? argon2d : argon2id;
  const out = await run({
    password,
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: params.length,
    outputType: 'binary',
  });
  return asBytes(out);
}
