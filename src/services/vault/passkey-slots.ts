/**
 * @file Passkey slots of the vault row (docs/security.md, "Key hierarchy"): VK sealed under HKDF(WebAuthn PRF output,
 * per-slot salt), with an AAD that binds the vault id and the credential id. Passkeys
 * (passkeys.ts) calls these; the WebAuthn adapter is passed in so that tests can fake the authenticator.
 */
import { randomBytes, type Sealed } from '../../core/crypto/aead';
import { type KdfOptions, type KdfRunner } from '../../core/crypto/kdf';
import { kekFromPrf, PASSKEY_SALT_BYTES } from '../../core/crypto/passkey';
import { rewrapVaultKey, slotAad, unwrapVaultKey } from '../../core/crypto/vault-keys';
import { AppError, throwIfAborted } from '../../core/errors';
import type { PasskeySlot, PassphraseSlot, VaultRow } from '../../storage/db';
import { asWrongPassphrase, kekFromPassphrase, requirePassphraseSlot } from './slot-crypto';
import type { WebAuthnAdapter } from './webauthn';
import { bytesToB64Url } from '../../core/crypto/bytes';

export const MAX_PASSKEYS = 5;
export const MAX_PASSKEY_LABEL = 64;
const RP_NAME = 'Omamori';
const USER_NAME = 'Omamori vault';

export interface PasskeyInfo {
  /** base64url of the credential id. */
  id: string;
  label: string;
  createdAt: number;
}

const isBytes = (v: unknown): v is Uint8Array => v instanceof Uint8Array;

/** Well-formed passkey slots only; a damaged one is ignored rather than breaking the lock screen. */
export function passkeySlots(row: VaultRow): PasskeySlot[] {
  return row.slots.filter(
    (s): s is PasskeySlot => s.kind === 'passkey' && isBytes(s.credentialId) && s.credentialId.length > 0 && isBytes(s.prfSalt) && isBytes(s.hkdfSalt),
  );
}

export function passkeyInfos(row: VaultRow): PasskeyInfo[] {
  return passkeySlots(row).map((s) => ({ id: bytesToB64Url(s.credentialId), label: s.label, createdAt: s.createdAt }));
}

function normalizeLabel(label: string): string {
  return label.normalize('NFC').trim().slice(0, MAX_PASSKEY_LABEL) || RP_NAME;
}

function sealedOf(slot: PasskeySlot): Sealed {
  return { iv: slot.iv, ct: slot.wrapped };
}

/**
 * The passphrase slot's KEK, proven by opening the slot (throws `vault/wrong-passphrase`). One
 * Argon2id run; VK's raw bytes are not held while the user answers the passkey prompt.
 */
async function passphraseSource(kdf: KdfRunner, passphrase: string, vaultId: string, slot: PassphraseSlot, opts: KdfOptions) {
  if (slot.kdf.alg !== 'argon2id') throw new AppError('crypto/kdf-params');
  const kek = await kekFromPassphrase(kdf, passphrase, slot, opts);
  const from = { kek, sealed: { iv: slot.iv, ct: slot.wrapped }, aad: slotAad(vaultId, 'passphrase') };
  await unwrapVaultKey(kek, from.sealed, from.aad).catch((err: unknown) => {
    throw asWrongPassphrase(err);
  });
  return from;
}

export interface EnrolOptions {
  kdf: KdfRunner;
  passphrase: string;
  row: VaultRow;
  label: string;
  createdAt: number;
  webauthn: WebAuthnAdapter;
  opts: KdfOptions;
}

/**
 * A new passkey slot holding VK: passphrase first (nothing is created on the authenticator when
 * it is wrong), then the credential, then VK rewrapped under the PRF-derived KEK. Writes nothing.
 */
export async function enrolPasskey({ kdf, passphrase, row, label, createdAt, webauthn, opts }: EnrolOptions): Promise<PasskeySlot> {
  if (passkeySlots(row).length >= MAX_PASSKEYS) throw new AppError('passkey/limit');
  if (!webauthn.isAvailable()) throw new AppError('passkey/unsupported');
  const from = await passphraseSource(kdf, passphrase, row.vaultId, requirePassphraseSlot(row), opts);
  throwIfAborted(opts.signal);
  const prfSalt = randomBytes(PASSKEY_SALT_BYTES);
  const hkdfSalt = randomBytes(PASSKEY_SALT_BYTES);
  const { credentialId, prfOutput } = await webauthn.createPrfCredential({ rpName: RP_NAME, userName: USER_NAME, prfSalt });
  try {
    if (prfOutput === null) throw new AppError('passkey/prf-unsupported');
    const kek = await kekFromPrf(prfOutput, hkdfSalt);
    const sealed = await rewrapVaultKey(from, { kek, aad: slotAad(row.vaultId, 'passkey', bytesToB64Url(credentialId)) });
    return { kind: 'passkey', credentialId, prfSalt, hkdfSalt, iv: sealed.iv, wrapped: sealed.ct, createdAt, label: normalizeLabel(label) };
  } catch (err) {
    // The credential exists on the authenticator but cannot open the vault: ask for its removal.
    webauthn.forgetCredential?.(credentialId);
    throw err;
  } finally {
    prfOutput?.fill(0);
  }
}

/** The row's slots plus `slot`; checked again inside the write (another tab may have added some). */
export function slotsWithPasskey(row: VaultRow, slot: PasskeySlot): VaultRow['slots'] {
  const existing = passkeySlots(row);
  if (existing.length >= MAX_PASSKEYS) throw new AppError('passkey/limit');
  const id = bytesToB64Url(slot.credentialId);
  if (existing.some((s) => bytesToB64Url(s.credentialId) === id)) throw new AppError('passkey/failed');
  return [...row.slots, slot];
}

/** The row's slots without passkey `id`; throws `passkey/not-found`. */
export function slotsWithoutPasskey(row: VaultRow, id: string): { slots: VaultRow['slots']; removed: PasskeySlot } {
  const removed = passkeySlots(row).find((s) => bytesToB64Url(s.credentialId) === id);
  if (removed === undefined) throw new AppError('passkey/not-found');
  return { slots: row.slots.filter((s) => s !== removed), removed };
}

/**
 * VK from whichever passkey the user presents. Throws `passkey/not-found` (no slot, or a
 * credential this vault does not know), `passkey/prf-unsupported`, `passkey/prf-invalid` (an
 * unusable output, or one that does not open the slot).
 */
export async function openPasskeySlot(webauthn: WebAuthnAdapter, row: VaultRow): Promise<CryptoKey> {
  const slots = passkeySlots(row);
  if (slots.length === 0) throw new AppError('passkey/not-found');
  if (!webauthn.isAvailable()) throw new AppError('passkey/unsupported');
  const prfSaltsById = new Map(slots.map((s) => [bytesToB64Url(s.credentialId), s.prfSalt] as const));
  const { credentialId, prfOutput } = await webauthn.getPrfOutput({ credentialIds: slots.map((s) => s.credentialId), prfSaltsById });
  try {
    const id = bytesToB64Url(credentialId);
    const slot = slots.find((s) => bytesToB64Url(s.credentialId) === id);
    if (slot === undefined) throw new AppError('passkey/not-found');
    if (prfOutput === null) throw new AppError('passkey/prf-unsupported');
    const kek = await kekFromPrf(prfOutput, slot.hkdfSalt);
    return await unwrapVaultKey(kek, sealedOf(slot), slotAad(row.vaultId, 'passkey', id)).catch((err: unknown) => {
      throw new AppError('passkey/prf-invalid', { cause: err });
    });
  } finally {
    prfOutput?.fill(0);
  }
}
