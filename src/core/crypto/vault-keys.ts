/**
 * @file The vault key hierarchy (docs/security.md, "Key hierarchy"; bytes in docs/vault-format.md): a random VK encrypts records;
 * each slot holds VK sealed under a key-encryption key (KEK). AAD strings bind every
 * ciphertext to its vault, its slot kind or record id, and its schema.
 */
import { AppError } from '../errors';
import { AES_KEY_BYTES, importAesKey, open, randomBytes, seal, type Sealed } from './aead';
import { utf8Encode, type Bytes } from './bytes';

export const RECORD_SCHEMA = 1;
export type SlotKind = 'passphrase' | 'device' | 'passkey' | 'recovery';

export function generateVaultKeyBytes(): Bytes {
  return randomBytes(AES_KEY_BYTES);
}

/** A KEK from derived bytes (Argon2id, HKDF); never extractable. */
export function kekFromBytes(bytes: Uint8Array): Promise<CryptoKey> {
  return importAesKey(bytes, false);
}

/** The device slot's KEK: kept as a CryptoKey object in IndexedDB, its bytes never exposed. */
export function generateDeviceKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export function recordAad(vaultId: string, recordId: string, schema: number): Bytes {
  return utf8Encode(`omamori/record/v1\0${vaultId}\0${recordId}\0${schema}`);
}

/**
 * The passphrase and device strings are frozen (existing vaults depend on them byte for byte); a
 * passkey slot also binds its credential id (base64url), so its sealed VK cannot be moved to
 * another passkey's slot; a recovery slot binds its kit id (hex) the same way.
 */
export function slotAad(vaultId: string, slotKind: 'passphrase' | 'device'): Bytes;
export function slotAad(vaultId: string, slotKind: 'passkey' | 'recovery', credentialIdB64: string): Bytes;
export function slotAad(vaultId: string, slotKind: SlotKind, credentialIdB64?: string): Bytes;
export function slotAad(vaultId: string, slotKind: SlotKind, credentialIdB64?: string): Bytes {
  const base = `omamori/slot/v1\0${vaultId}\0${slotKind}`;
  if (slotKind !== 'passkey' && slotKind !== 'recovery') {
    if (credentialIdB64 !== undefined) throw new AppError('crypto/integrity');
    return utf8Encode(base);
  }
  if (credentialIdB64 === undefined || credentialIdB64 === '') throw new AppError('crypto/integrity');
  return utf8Encode(`${base}\0${credentialIdB64}`);
}

export function wrapKey(kek: CryptoKey, vkBytes: Uint8Array, aad: Uint8Array): Promise<Sealed> {
  return seal(kek, vkBytes, aad);
}

/** Throws `crypto/integrity` on a bad tag; a passphrase slot's caller maps that to a wrong passphrase. */
export async function unwrapVaultKey(kek: CryptoKey, sealed: Sealed, aad: Uint8Array, extractable = false): Promise<CryptoKey> {
  const raw = await open(kek, sealed, aad);
  try {
    return await importAesKey(raw, extractable);
  } finally {
    raw.fill(0);
  }
}

export interface KekTarget {
  kek: CryptoKey;
  aad: Uint8Array;
}

/**
 * Moves VK from one slot to another without it leaving this module (raw bytes zeroed). `to` may
 * be a thunk so that an expensive new KEK (Argon2id) is only derived once `from` has opened.
 */
export async function rewrapVaultKey(from: { kek: CryptoKey; sealed: Sealed; aad: Uint8Array }, to: KekTarget | (() => Promise<KekTarget>)): Promise<Sealed> {
  const raw = await open(from.kek, from.sealed, from.aad);
  try {
    if (raw.length !== AES_KEY_BYTES) throw new AppError('crypto/integrity');
    const target = typeof to === 'function' ? await to() : to;
    return await seal(target.kek, raw, target.aad);
  } finally {
    raw.fill(0);
  }
}

export async function sealRecord(vk: CryptoKey, vaultId: string, id: string, account: object): Promise<Sealed> {
  const plain = utf8Encode(JSON.stringify(account));
  try {
    return await seal(vk, plain, recordAad(vaultId, id, RECORD_SCHEMA));
  } finally {
    plain.fill(0);
  }
}

/** Returns the parsed JSON; the caller checks its shape. Throws `crypto/integrity`. */
export async function openRecord(vk: CryptoKey, vaultId: string, id: string, sealed: Sealed): Promise<unknown> {
  const plain = await open(vk, sealed, recordAad(vaultId, id, RECORD_SCHEMA));
  try {
    return JSON.parse(new TextDecoder().decode(plain)) as unknown;
  } finally {
    plain.fill(0);
  }
}
