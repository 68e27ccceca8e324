/**
 * @file Recovery-key slots (docs/security.md, "Recovery kit"; bytes in docs/vault-format.md and
 * docs/export-format.md). The recovery key is 256 random bits, so HKDF-SHA256 with a per-slot salt
 * is enough to turn it into a KEK: Argon2id would only slow the owner down.
 *
 * Two labels keep the two uses apart: the vault's slot KEK (which opens VK on this device) and
 * the file KEK, which seals each backup's payload key. The vault keeps the file KEK's bytes
 * sealed under VK (the recovery key itself is never stored), so exports made while a kit exists
 * carry a recovery slot without the key being typed.
 */
import { AppError } from '../errors';
import { AES_KEY_BYTES, importAesKey, open, randomBytes, seal, type Sealed } from './aead';
import { utf8Encode, type Bytes } from './bytes';
import { hkdfSha256 } from './hkdf';
import { kekFromBytes } from './vault-keys';

export const RECOVERY_SALT_BYTES = 32;
export const RECOVERY_SLOT_INFO = 'omamori/recovery-kek/v1';
export const RECOVERY_FILE_INFO = 'omamori/recovery-file-kek/v1';

function checkInputs(key: Uint8Array, salt: Uint8Array): void {
  if (!(key instanceof Uint8Array) || key.length !== 32) throw new AppError('recovery/invalid');
  if (!(salt instanceof Uint8Array) || salt.length !== RECOVERY_SALT_BYTES) throw new AppError('crypto/integrity');
}

export function newRecoverySalt(): Bytes {
  return randomBytes(RECOVERY_SALT_BYTES);
}

/** The vault slot's KEK: HKDF-SHA256(recovery key, salt, RECOVERY_SLOT_INFO), non-extractable. */
export async function kekFromRecoveryKey(key: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  checkInputs(key, salt);
  const bytes = await hkdfSha256(key, salt, RECOVERY_SLOT_INFO);
  try {
    return await kekFromBytes(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** The file KEK's bytes (HKDF with RECOVERY_FILE_INFO); the caller zeroes them. */
export function fileKekBytes(key: Uint8Array, salt: Uint8Array): Promise<Bytes> {
  checkInputs(key, salt);
  return hkdfSha256(key, salt, RECOVERY_FILE_INFO);
}

/** The file KEK as a key, from the recovery key (reading a backup) . */
export async function fileKekFromRecoveryKey(key: Uint8Array, salt: Uint8Array): Promise<CryptoKey> {
  const bytes = await fileKekBytes(key, salt);
  try {
    return await kekFromBytes(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** AAD of the file KEK sealed under VK in the vault: names the vault and the kit. */
export function fileKekAad(vaultId: string, kitIdHex: string): Bytes {
  return utf8Encode(`omamori/recovery-file-kek/v1\0${vaultId}\0${kitIdHex}`);
}

export function sealFileKek(vk: CryptoKey, bytes: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  return seal(vk, bytes, aad);
}

/** The stored file KEK, opened with VK, as a non-extractable key (for sealing an export's payload key). */
export async function openFileKek(vk: CryptoKey, sealed: Sealed, aad: Uint8Array): Promise<CryptoKey> {
  const raw = await open(vk, sealed, aad);
  try {
    if (raw.length !== AES_KEY_BYTES) throw new AppError('crypto/integrity');
    return await importAesKey(raw, false);
  } finally {
    raw.fill(0);
  }
}
