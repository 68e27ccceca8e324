/**
 * @file What other apps' formats need when we *write* them (src/formats/export) beyond
 * foreign.ts: AES-GCM encryption over raw key bytes with the tag returned apart, as Aegis stores
 * it. WebCrypto, so browser and Node share it. (scrypt is foreign.ts' `scryptRaw`.)
 */
import { asBytes, type Bytes } from './bytes';

/** AES-GCM (128-bit tag, no AAD unless given): ciphertext and tag as separate arrays. */
export async function aesGcmSealRaw(key: Uint8Array, iv: Uint8Array, plain: Uint8Array, aad?: Uint8Array): Promise<{ ct: Bytes; tag: Bytes }> {
  const k = await crypto.subtle.importKey('raw', asBytes(key), 'AES-GCM', false, ['encrypt']);
  const params: AesGcmParams = { name: 'AES-GCM', iv: asBytes(iv), tagLength: 128 };
  if (aad !== undefined) params.additionalData = asBytes(aad);
  const sealed = new Uint8Array(await crypto.subtle.encrypt(params, k, asBytes(plain)));
  return { ct: sealed.slice(0, sealed.length - 16), tag: sealed.slice(sealed.length - 16) };
}
