/** @file HKDF-SHA256 for high-entropy inputs (passkey PRF output, generated transfer codes). */
import { asBytes, utf8Encode, type Bytes } from './bytes';

export async function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: string, length = 32): Promise<Bytes> {
  const base = await crypto.subtle.importKey('raw', asBytes(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: asBytes(salt), info: utf8Encode(info) }, base, length * 8);
  return new Uint8Array(bits);
}
