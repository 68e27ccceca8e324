/**
 * @file Primitives other apps' formats need when we *write* them (src/formats/export): scrypt
 * (Aegis' password slot) and AES-GCM encryption over raw key bytes with the tag returned apart,
 * as Aegis stores it. WebCrypto for AES, @noble/hashes for scrypt, so browser and Node share them.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { asBytes, type Bytes } from './bytes';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  salt: Uint8Array;
}

/** scrypt → 32-byte key. `password` is the exact bytes the target app hashes. */
export async function scryptRaw(password: Uint8Array, params: ScryptParams, dkLen = 32): Promise<Bytes> {
  const out = await scryptAsync(password, params.salt, { N: params.N, r: params.r, p: params.p, dkLen, maxmem: 256 * 1024 * 1024 });
  return asBytes(out);
}

/** AES-GCM (128-bit tag, no AAD unless given): ciphertext and tag as separate arrays. */
export async function aesGcmSealRaw(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Promise<{ ct: Bytes; tag: Bytes }> {
  const k = await crypto.subtle.importKey('raw', asBytes(key), 'AES-GCM', false, ['encrypt']);
  const params: AesGcmParams = { name: 'AES-GCM', iv: asBytes(iv), tagLength: 128 };
  if (aad !== undefined) params.additionalData = asBytes(aad);
  const sealed = new Uint8Array(await crypto.subtle.encrypt(params, k, asBytes(plain)));
  return { ct: sealed.slice(0, sealed.length - 16), tag: sealed.slice(sealed.length - 16) };
}
