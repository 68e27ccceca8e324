/**
 * @file The crypto of the vault row's key slots: building them and getting VK out of them. A bad tag on the
 * passphrase slot means a wrong passphrase; on the device slot, an unusable device key.
 */
import { type Sealed } from '../../core/crypto/aead';
import { deriveNewPassphraseKey, type Argon2Cost, type KdfOptions, type KdfRunner } from '../../core/crypto/kdf';
import { kekFromBytes, rewrapVaultKey, type KekTarget, slotAad, unwrapVaultKey, wrapKey } from '../../core/crypto/vault-keys';
import { AppError } from '../../core/errors';
import type { DeviceSlot, PassphraseSlot, Slot, VaultRow } from '../../storage/db';

export function findSlot<K extends Slot['kind']>(row: VaultRow, kind: K): Extract<Slot, { kind: K }> | undefined {
  return row.slots.find((slot): slot is Extract<Slot, { kind: K }> => slot.kind === kind);
}

export function requirePassphraseSlot(row: VaultRow): PassphraseSlot {
  const slot = findSlot(row, 'passphrase');
  if (slot === undefined) throw new AppError('vault/record-damaged');
  return slot;
}

export function replaceSlot(row: VaultRow, kind: Slot['kind'], slot: Slot | null): Slot[] {
  const others = row.slots.filter((s) => s.kind !== kind);
  return slot === null ? others : [...others, slot];
}

function sealedOf(slot: { iv: Uint8Array<ArrayBuffer>; wrapped: Uint8Array<ArrayBuffer> }): Sealed {
  return { iv: slot.iv, ct: slot.wrapped };
}

export function asWrongPassphrase(err: unknown): unknown {
  return err instanceof AppError && err.code === 'crypto/integrity' ? new AppError('vault/wrong-passphrase', { field: 'passphrase' }) : err;
}

export async function kekFromPassphrase(kdf: KdfRunner, passphrase: string, slot: PassphraseSlot, opts?: KdfOptions): Promise<CryptoKey> {
  const { m, t, p, salt } = slot.kdf;
  const bytes = await kdf.argon2id(passphrase, { m, t, p, salt }, opts);
  try {
    return await kekFromBytes(bytes);
  } finally {
    bytes.fill(0);
  }
}

/** A KEK for a new passphrase slot (fresh salt, fallback cost if memory is short). */
export async function deriveNewPassphraseTarget(
  kdf: KdfRunner,
  passphrase: string,
  cost: Argon2Cost,
  vaultId: string,
  opts?: KdfOptions,
): Promise<{ target: KekTarget; params: PassphraseSlot['kdf'] }> {
  const { key, params } = await deriveNewPassphraseKey(kdf, passphrase, cost, opts);
  try {
    const kek = await kekFromBytes(key);
    const salt = new Uint8Array(params.salt);
    return { target: { kek, aad: slotAad(vaultId, 'passphrase') }, params: { alg: 'argon2id', m: params.m, t: params.t, p: params.p, salt } };
  } finally {
    key.fill(0);
  }
}

export function passphraseSlotFrom(params: PassphraseSlot['kdf'], sealed: Sealed): PassphraseSlot {
  return { kind: 'passphrase', kdf: params, iv: sealed.iv, wrapped: sealed.ct };
}

/** A new passphrase slot holding `vkBytes`. */
export async function createPassphraseSlot(
  kdf: KdfRunner,
  passphrase: string,
  cost: Argon2Cost,
  vaultId: string,
  vkBytes: Uint8Array,
  opts?: KdfOptions,
): Promise<PassphraseSlot> {
  const { target, params } = await deriveNewPassphraseTarget(kdf, passphrase, cost, vaultId, opts);
  return passphraseSlotFrom(params, await wrapKey(target.kek, vkBytes, target.aad));
}

export function deviceSlotFromSealed(sealed: Sealed): DeviceSlot {
  return { kind: 'device', iv: sealed.iv, wrapped: sealed.ct };
}

/** VK as a non-extractable key. Throws `vault/wrong-passphrase` on a bad tag. */
export async function openPassphraseSlot(kdf: KdfRunner, passphrase: string, vaultId: string, slot: PassphraseSlot, opts?: KdfOptions): Promise<CryptoKey> {
  if (slot.kdf.alg !== 'argon2id') throw new AppError('crypto/kdf-params');
  const kek = await kekFromPassphrase(kdf, passphrase, slot, opts);
  return unwrapVaultKey(kek, sealedOf(slot), slotAad(vaultId, 'passphrase')).catch((err: unknown) => {
    throw asWrongPassphrase(err);
  });
}

/** Re-seals VK from the passphrase slot under `to` (device key or a new passphrase KEK). */
export async function rewrapFromPassphrase(
  kdf: KdfRunner,
  passphrase: string,
  vaultId: string,
  slot: PassphraseSlot,
  to: KekTarget | (() => Promise<KekTarget>),
  opts?: KdfOptions,
): Promise<Sealed> {
  if (slot.kdf.alg !== 'argon2id') throw new AppError('crypto/kdf-params');
  const kek = await kekFromPassphrase(kdf, passphrase, slot, opts);
  const from = { kek, sealed: sealedOf(slot), aad: slotAad(vaultId, 'passphrase') };
  // Only a bad tag on `from` means a wrong passphrase; failures after it has opened pass through.
  let opened = false;
  const target = async (): Promise<KekTarget> => {
    opened = true;
    return typeof to === 'function' ? to() : to;
  };
  return rewrapVaultKey(from, target).catch((err: unknown) => {
    throw opened ? err : asWrongPassphrase(err);
  });
}

/** VK from the device slot. Throws `vault/device-slot-unavailable` when the device key does not fit. */
export async function openDeviceSlot(deviceKey: CryptoKey, vaultId: string, slot: DeviceSlot): Promise<CryptoKey> {
  return unwrapVaultKey(deviceKey, sealedOf(slot), slotAad(vaultId, 'device')).catch((err: unknown) => {
    throw new AppError('vault/device-slot-unavailable', { cause: err });
  });
}
