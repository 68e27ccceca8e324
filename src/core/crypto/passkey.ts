/**
 * @file Passkey slots (docs/security.md, "Key hierarchy"): the WebAuthn PRF output is a high-entropy secret that only
 * the authenticator can produce; HKDF-SHA256 with a per-slot salt turns it into the slot's KEK.
 * Pure: the WebAuthn calls themselves live in src/services/vault/webauthn.ts.
 */
import { AppError } from '../errors';
import { hkdfSha256 } from './hkdf';
import { kekFromBytes } from './vault-keys';

/** PRF (hmac-secret) outputs are 32 bytes; anything shorter is not a key. */
export const PRF_MIN_BYTES = 32;
/** Size of both the PRF input salt and the HKDF salt of a passkey slot. */
export const PASSKEY_SALT_BYTES = 32;
export const PASSKEY_KEK_INFO = 'omamori/passkey-kek/v1';

/** Throws `passkey/prf-invalid` for an output that is too short or all zero (a broken authenticator). */
export function checkPrfOutput(bytes: Uint8Array): void {
  if (!(bytes instanceof Uint8Array) || bytes.length < PRF_MIN_BYTES) throw new AppError('passkey/prf-invalid');
  let any = 0;
  for (const b of bytes) any |= b;
  if (any === 0) throw new AppError('passkey/prf-invalid');
}

/** The slot KEK: HKDF-SHA256(prfOutput, hkdfSalt, PASSKEY_KEK_INFO) as a non-extractable AES key. */
export async function kekFromPrf(prfOutput: Uint8Array, hkdfSalt: Uint8Array): Promise<CryptoKey> {
  checkPrfOutput(prfOutput);
  if (!(hkdfSalt instanceof Uint8Array) || hkdfSalt.length !== PASSKEY_SALT_BYTES) throw new AppError('crypto/integrity');
  const bytes = await hkdfSha256(prfOutput, hkdfSalt, PASSKEY_KEK_INFO);
  try {
    return await kekFromBytes(bytes);
  } finally {
    bytes.fill(0);
  }
}
