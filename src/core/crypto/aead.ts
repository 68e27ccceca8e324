/**
 * @file AES-256-GCM envelope: a fresh random 96-bit IV per call, 128-bit tag, AAD always set.
 * Together with the other files in this folder, the only code that calls `crypto.subtle`.
 */
import { AppError } from '../errors';
import { asBytes, type Bytes } from './bytes';

export const IV_BYTES = 12;
export const AES_KEY_BYTES = 32;
const TAG_BITS = 128;

export interface Sealed {
  iv: Bytes;
  ct: Bytes;
}

export function randomBytes(n: number): Bytes {
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65,536 bytes per call.
  for (let offset = 0; offset < n; offset += 65_536) {
    crypto.getRandomValues(out.subarray(offset, Math.min(n, offset + 65_536)));
  }
  return out;
}

export async function importAesKey(raw: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  if (raw.length !== AES_KEY_BYTES) throw new AppError('crypto/integrity');
  return crypto.subtle.importKey('raw', asBytes(raw), { name: 'AES-GCM', length: 256 }, extractable, ['encrypt', 'decrypt']);
}

export function seal(key: CryptoKey, plain: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  return sealWithIv(key, randomBytes(IV_BYTES), plain, aad);
}

/**
 * For formats whose AAD must name the IV before encrypting (the export file's header holds the
 * payload IV and is itself the AAD). The caller passes a fresh `randomBytes(IV_BYTES)`.
 */
export async function sealWithIv(key: CryptoKey, iv: Uint8Array, plain: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  if (iv.length !== IV_BYTES) throw new AppError('crypto/integrity');
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: asBytes(iv), additionalData: asBytes(aad), tagLength: TAG_BITS }, key, asBytes(plain));
  return { iv: asBytes(iv), ct: new Uint8Array(ct) };
}

/** Throws `crypto/integrity` when the tag does not verify (wrong key, changed IV, CT or AAD). */
export async function open(key: CryptoKey, sealed: Sealed, aad: Uint8Array): Promise<Bytes> {
  if (!(sealed.iv instanceof Uint8Array) || !(sealed.ct instanceof Uint8Array)) throw new AppError('crypto/integrity');
  if (sealed.iv.length !== IV_BYTES || sealed.ct.length < TAG_BITS / 8) throw new AppError('crypto/integrity');
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: asBytes(sealed.iv), additionalData: asBytes(aad), tagLength: TAG_BITS },
      key,
      asBytes(sealed.ct),
    );
    return new Uint8Array(plain);
  } catch (err) {
    throw new AppError('crypto/integrity', { cause: err });
  }
}
