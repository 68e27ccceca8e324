/**
 * @file The recovery kit's slot in the vault row (docs/security.md, "Recovery kit"): making a kit
 * (the passphrase proves the user and opens VK for the rewrap, as for a passkey), checking its
 * sheets once, revoking it, and the way back in for someone who forgot the passphrase: k sheets
 * and a new passphrase. Exports ask it for the file KEK (fileKey), so that backups made while the
 * kit exists open with it too. The recovery key is never stored; only the sheets carry it.
 * Loaded on first use, like the passkeys: the start-up path never needs it.
 */
import { type Sealed } from '../../core/crypto/aead';
import { bytesToHex } from '../../core/hex';
import { DEFAULT_ARGON2, type Argon2Cost, type KdfOptions, type KdfRunner } from '../../core/crypto/kdf';
import { fileKekAad, fileKekBytes, kekFromRecoveryKey, newRecoverySalt, openFileKek, sealFileKek } from '../../core/crypto/recovery';
import { rewrapVaultKey, slotAad, unwrapVaultKey, type KekTarget } from '../../core/crypto/vault-keys';
import { AppError, throwIfAborted } from '../../core/errors';
import {
  formatFingerprint,
  generateRecoveryKey,
  kitIdOf,
  readSheet,
  recoverKey,
  sameBytes,
  splitRecoveryKey,
  type RecoverySheet,
} from '../../core/recovery/kit';
import type { RecoverySlot, VaultRow } from '../../storage/db';
import type { PassphraseBackoff } from './backoff';
import { recordPassphraseTyped } from './passphrase-typed';
import type { VaultSession } from './session';
import { deriveNewPassphraseTarget, findSlot, passphraseSlotFrom, replaceSlot, requirePassphraseSlot, rewrapFromPassphrase } from './slot-crypto';
import type { VaultStore } from './store';

export interface RecoveryKitInfo {
  /** The kit id as printed on every sheet: 'A1B2-C3D4'. */
  fingerprint: string;
  /** 1 and 1 for a kit kept whole. */
  k: number;
  n: number;
  createdAt: number;
  /** 0 until the sheets were entered back once ("Check your kit"). */
  checkedAt: number;
}

export interface NewRecoveryKit extends RecoveryKitInfo {
  /** Shown once, printed, never stored. */
  sheets: RecoverySheet[];
}

/** What an export needs to add a recovery slot to a backup file. */
export interface RecoveryFileKey {
  kitId: Uint8Array;
  fileSalt: Uint8Array;
  kek: CryptoKey;
}

const hex = (bytes: Uint8Array): string => bytesToHex(bytes).toUpperCase();

function sealedOf(slot: RecoverySlot): Sealed {
  return { iv: slot.iv, ct: slot.wrapped };
}

export function recoverySlotOf(row: VaultRow): RecoverySlot | undefined {
  return findSlot(row, 'recovery');
}

function infoOf(slot: RecoverySlot): RecoveryKitInfo {
  return { fingerprint: formatFingerprint(slot.kitId), k: slot.k, n: slot.n, createdAt: slot.createdAt, checkedAt: slot.checkedAt };
}

/** The recovery key from sheets' texts (QR text or words); typed errors from core/recovery. */
async function keyFromTexts(texts: readonly string[]): Promise<Uint8Array> {
  return recoverKey(texts.map(readSheet));
}

/** The slot of this kit, or `recovery/no-kit` / `recovery/wrong-key` (the sheets of an older kit). */
function slotFor(row: VaultRow, key: Uint8Array): RecoverySlot {
  const slot = recoverySlotOf(row);
  if (slot === undefined) throw new AppError('recovery/no-kit');
  if (!sameBytes(slot.kitId, kitIdOf(key))) throw new AppError('recovery/wrong-key');
  return slot;
}

function aadOf(row: VaultRow, slot: RecoverySlot): Uint8Array {
  return slotAad(row.vaultId, 'recovery', hex(slot.kitId));
}

export class RecoveryKits {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #backoff: PassphraseBackoff;
  readonly #kdf: KdfRunner;
  readonly #cost: Argon2Cost;

  constructor(store: VaultStore, session: VaultSession, backoff: PassphraseBackoff, kdf: KdfRunner, cost: Argon2Cost = DEFAULT_ARGON2) {
    this.#store = store;
    this.#session = session;
    this.#backoff = backoff;
    this.#kdf = kdf;
    this.#cost = cost;
  }

  /** The kit this vault has, if any; works while locked (the lock screen offers the kit only then). */
  async info(): Promise<RecoveryKitInfo | null> {
    const row = await this.#store.readVault();
    const slot = row === undefined ? undefined : recoverySlotOf(row);
    return slot === undefined ? null : infoOf(slot);
  }

  /**
   * Makes a kit, whole (`split` null) or k of n, replacing any earlier one: the old sheets stop
   * opening this vault (files exported before keep their old slot). Needs the passphrase itself,
   * like adding a passkey. Throws `vault/wrong-passphrase`, `vault/retry-later`, `recovery/invalid`.
   */
  async create(passphrase: string, split: { k: number; n: number } | null, opts: KdfOptions = {}): Promise<NewRecoveryKit> {
    const { vk, vaultId } = this.#session.requireUnlocked();
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const key = generateRecoveryKey();
    try {
      const shares = split === null ? null : await splitRecoveryKey(key, split.k, split.n);
      const row = await this.#store.requireVault();
      if (row.vaultId !== vaultId) throw new AppError('vault/not-found');
      const kitId = kitIdOf(key);
      const salt = newRecoverySalt();
      const fileSalt = newRecoverySalt();
      const aad = slotAad(vaultId, 'recovery', hex(kitId));
      await this.#backoff.check();
      const target: KekTarget = { kek: await kekFromRecoveryKey(key, salt), aad };
      let sealed: Sealed;
      try {
        sealed = await rewrapFromPassphrase(this.#kdf, passphrase, vaultId, requirePassphraseSlot(row), target, opts);
      } catch (err) {
        if (err instanceof AppError && err.code === 'vault/wrong-passphrase') await this.#backoff.recordFailure();
        throw err;
      }
      await this.#backoff.reset();
      const fileBytes = await fileKekBytes(key, fileSalt);
      let file: Sealed;
      try {
        file = await sealFileKek(vk, fileBytes, fileKekAad(vaultId, hex(kitId)));
      } finally {
        fileBytes.fill(0);
      }
      throwIfAborted(opts.signal);
      this.#session.markAuthenticated();
      const createdAt = this.#session.now();
      const slot: RecoverySlot = {
        kind: 'recovery',
        kitId,
        k: split?.k ?? 1,
        n: split?.n ?? 1,
        salt,
        iv: sealed.iv,
        wrapped: sealed.ct,
        fileSalt,
        fileIv: file.iv,
        fileWrapped: file.ct,
        createdAt,
        checkedAt: 0,
      };
      await this.#putSlot(vaultId, slot);
      await recordPassphraseTyped(this.#store, createdAt);
      const sheets: RecoverySheet[] = shares === null ? [{ kind: 'key', key: new Uint8Array(key) }] : shares.map((share) => ({ kind: 'share', share }));
      return { ...infoOf(slot), sheets };
    } finally {
      key.fill(0);
    }
  }

  /**
   * "Check your kit": the sheets, typed or scanned back, must open this vault's recovery slot;
   * then the kit counts as made. Throws the sheets' typed errors, `recovery/wrong-key`.
   */
  async check(texts: readonly string[]): Promise<void> {
    const { vaultId } = this.#session.requireUnlocked();
    const key = await keyFromTexts(texts);
    try {
      const row = await this.#store.requireVault();
      const slot = slotFor(row, key);
      await this.#open(row, slot, key);
      await this.#store.write(['vault'], async (db) => {
        const current = await db.vault.get('vault');
        const stored = current === undefined ? undefined : recoverySlotOf(current);
        if (current === undefined || current.vaultId !== vaultId) throw new AppError('vault/not-found');
        // Another tab replaced the kit meanwhile: these sheets are no longer the kit.
        if (stored === undefined || !sameBytes(stored.kitId, slot.kitId)) throw new AppError('recovery/wrong-key');
        await db.vault.put({ ...current, slots: replaceSlot(current, 'recovery', { ...stored, checkedAt: this.#session.now() }) });
      });
    } finally {
      key.fill(0);
    }
  }

  /** Removes the kit's slot: its sheets no longer open this vault. Needs a recent proof. */
  async revoke(): Promise<void> {
    this.#session.requireRecentProof();
    const { vaultId } = this.#session.requireUnlocked();
    await this.#store.write(['vault'], async (db) => {
      const current = await db.vault.get('vault');
      if (current === undefined || current.vaultId !== vaultId) throw new AppError('vault/not-found');
      await db.vault.put({ ...current, slots: replaceSlot(current, 'recovery', null) });
    });
  }

  /**
   * The passphrase is forgotten: k sheets open the recovery slot, VK is sealed under `next` (new
   * salt; passkeys, the device slot and the kit keep working) and the vault opens. Works locked or
   * unlocked. Throws the sheets' errors, `recovery/no-kit`, `recovery/wrong-key`, `vault/passphrase-empty`.
   */
  async recover(texts: readonly string[], next: string, opts: KdfOptions = {}): Promise<void> {
    if (next === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const key = await keyFromTexts(texts);
    try {
      const row = await this.#store.requireVault();
      const slot = slotFor(row, key);
      const kek = await kekFromRecoveryKey(key, slot.salt);
      const aad = aadOf(row, slot);
      const vk = await unwrapVaultKey(kek, sealedOf(slot), aad).catch((err: unknown) => {
        throw new AppError('recovery/wrong-key', { cause: err });
      });
      const oldPass = requirePassphraseSlot(row);
      let params: ReturnType<typeof passphraseSlotFrom>['kdf'] | undefined;
      const sealed = await rewrapVaultKey({ kek, sealed: sealedOf(slot), aad }, async () => {
        const derived = await deriveNewPassphraseTarget(this.#kdf, next, this.#cost, row.vaultId, opts);
        params = derived.params;
        return derived.target;
      });
      if (params === undefined) throw new AppError('unknown');
      throwIfAborted(opts.signal);
      const newSlot = passphraseSlotFrom(params, sealed);
      await this.#store.write(['vault'], async (db) => {
        const current = await db.vault.get('vault');
        if (current === undefined || current.vaultId !== row.vaultId) throw new AppError('vault/not-found');
        const stored = recoverySlotOf(current);
        if (stored === undefined || !sameBytes(stored.kitId, slot.kitId)) throw new AppError('recovery/wrong-key');
        // Another tab changed the passphrase meanwhile: the newer slot wins, nothing is overwritten.
        if (!sameBytes(requirePassphraseSlot(current).wrapped, oldPass.wrapped)) throw new AppError('vault/wrong-passphrase');
        await db.vault.put({ ...current, slots: replaceSlot(current, 'passphrase', newSlot) });
      });
      await this.#backoff.reset();
      // The new passphrase was just chosen and typed: it counts as known from now.
      await recordPassphraseTyped(this.#store, this.#session.now());
      this.#session.markAuthenticated();
      if (this.#session.keys === null) this.#session.open({ vk, vaultId: row.vaultId });
    } finally {
      key.fill(0);
    }
  }

  /** For exports while unlocked: the kit's file KEK (opened with VK), or null without a kit. */
  async fileKey(): Promise<RecoveryFileKey | null> {
    const { vk, vaultId } = this.#session.requireUnlocked();
    const row = await this.#store.requireVault();
    const slot = recoverySlotOf(row);
    if (slot === undefined || row.vaultId !== vaultId) return null;
    const kek = await openFileKek(vk, { iv: slot.fileIv, ct: slot.fileWrapped }, fileKekAad(vaultId, hex(slot.kitId)));
    return { kitId: new Uint8Array(slot.kitId), fileSalt: new Uint8Array(slot.fileSalt), kek };
  }

  async #open(row: VaultRow, slot: RecoverySlot, key: Uint8Array): Promise<CryptoKey> {
    const kek = await kekFromRecoveryKey(key, slot.salt);
    return unwrapVaultKey(kek, sealedOf(slot), aadOf(row, slot)).catch((err: unknown) => {
      throw new AppError('recovery/wrong-key', { cause: err });
    });
  }

  async #putSlot(vaultId: string, slot: RecoverySlot): Promise<void> {
    await this.#store.write(['vault'], async (db) => {
      const current = await db.vault.get('vault');
      if (current === undefined || current.vaultId !== vaultId) throw new AppError('vault/not-found');
      await db.vault.put({ ...current, slots: replaceSlot(current, 'recovery', slot) });
    });
  }
}
