/**
 * @file The vault row and its passphrase and device slots: creating a vault, unlocking it (by
 * passphrase, or by the device slot at start), proving the passphrase again, turning the device
 * slot on or off, and changing the passphrase (a rewrap; no record is re-encrypted). The slot
 * crypto is in slot-crypto.ts; VK only ever leaves here as a non-extractable CryptoKey. Unlocking
 * and proving the passphrase wait out the wrong-passphrase backoff (backoff.ts) and feed it.
 */
import { importAesKey, type Sealed } from '../../core/crypto/aead';
import { bytesEqual } from '../../core/crypto/bytes';
import { DEFAULT_ARGON2, type Argon2Cost, type KdfOptions, type KdfRunner } from '../../core/crypto/kdf';
import { generateDeviceKey, generateVaultKeyBytes, slotAad, wrapKey } from '../../core/crypto/vault-keys';
import { AppError, throwIfAborted } from '../../core/errors';
import type { PassphraseSlot, VaultRow } from '../../storage/db';
import type { StartList } from './first-screen';
import type { PassphraseBackoff } from './backoff';
import { recordPassphraseTyped } from './passphrase-typed';
import type { VaultPresence } from './marker';
import type { VaultKeys, VaultSession } from './session';
import {
  createPassphraseSlot,
  deriveNewPassphraseTarget,
  deviceSlotFromSealed,
  findSlot,
  openDeviceSlot,
  openPassphraseSlot,
  passphraseSlotFrom,
  replaceSlot,
  requirePassphraseSlot,
  rewrapFromPassphrase,
} from './slot-crypto';
import type { VaultStore } from './store';

/** What the start-up read found: no vault, a locked one, or one the device slot opened. */
export type StartResult =
  | { state: 'none' | 'missing' }
  /** `passkey`: the vault has a passkey slot (the lock screen then offers more than the passphrase form). */
  | { state: 'locked'; passkey: boolean }
  | { state: 'unlocked'; keys: VaultKeys; start: StartList };

export class KeySlots {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #presence: VaultPresence;
  readonly #kdf: KdfRunner;
  readonly #cost: Argon2Cost;
  readonly #backoff: PassphraseBackoff;

  constructor(
    store: VaultStore,
    session: VaultSession,
    presence: VaultPresence,
    backoff: PassphraseBackoff,
    kdf: KdfRunner,
    cost: Argon2Cost = DEFAULT_ARGON2,
  ) {
    this.#store = store;
    this.#session = session;
    this.#presence = presence;
    this.#backoff = backoff;
    this.#kdf = kdf;
    this.#cost = cost;
  }

  /**
   * Opens the passphrase slot under the backoff: refused while the wait runs (`vault/retry-later`,
   * before any KDF work), a wrong passphrase counted, a right one clearing the count.
   */
  async #openUnderBackoff(passphrase: string, row: VaultRow, opts: KdfOptions): Promise<CryptoKey> {
    await this.#backoff.check();
    let vk: CryptoKey;
    try {
      vk = await openPassphraseSlot(this.#kdf, passphrase, row.vaultId, requirePassphraseSlot(row), opts);
    } catch (err) {
      if (err instanceof AppError && err.code === 'vault/wrong-passphrase') await this.#backoff.recordFailure();
      throw err;
    }
    await this.#backoff.reset();
    await this.#typed();
    return vk;
  }

  /** Notes that the passphrase was just typed and right ("Ready to recover?"); never throws. */
  #typed(): Promise<void> {
    return recordPassphraseTyped(this.#store, this.#session.now());
  }

  /**
   * "Do you still know your passphrase?": true when `passphrase` opens the passphrase slot. Outside
   * the backoff on purpose (a practice run must never lock anyone out) and therefore no proof for
   * sensitive operations either: it does not mark the session authenticated. Needs an unlocked vault.
   */
  async checkPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<boolean> {
    this.#session.requireUnlocked();
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.#store.requireVault();
    try {
      await openPassphraseSlot(this.#kdf, passphrase, row.vaultId, requirePassphraseSlot(row), opts);
    } catch (err) {
      if (err instanceof AppError && err.code === 'vault/wrong-passphrase') return false;
      throw err;
    }
    await this.#typed();
    return true;
  }

  async hasDeviceSlot(): Promise<boolean> {
    const row = await this.#store.readVault();
    if (row === undefined || findSlot(row, 'device') === undefined) return false;
    return (await this.#store.read((db) => db.deviceKeys.get('device'))) !== undefined;
  }

  async create(passphrase: string, options: { deviceSlot: boolean }, opts: KdfOptions = {}): Promise<void> {
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    if ((await this.#store.readVault()) !== undefined) throw new AppError('vault/exists');
    const vaultId = crypto.randomUUID();
    const vkBytes = generateVaultKeyBytes();
    try {
      const passSlot = await createPassphraseSlot(this.#kdf, passphrase, this.#cost, vaultId, vkBytes, opts);
      const slots: VaultRow['slots'] = [passSlot];
      let deviceKey: CryptoKey | null = null;
      if (options.deviceSlot) {
        deviceKey = await generateDeviceKey();
        slots.push(deviceSlotFromSealed(await wrapKey(deviceKey, vkBytes, slotAad(vaultId, 'device'))));
      }
      const vk = await importAesKey(vkBytes, false);
      throwIfAborted(opts.signal);
      const row: VaultRow = { key: 'vault', vaultId, formatVersion: 1, createdAt: this.#session.now(), slots };
      await this.#store.write(['vault', 'accounts', 'deleted', 'deviceKeys'], async (db) => {
        // Refuse rather than overwrite: a second tab may have created a vault meanwhile, and
        // rows without a vault row (deleted ones included) are never deleted silently.
        if ((await db.vault.get('vault')) !== undefined || (await db.accounts.count()) > 0 || (await db.deleted.count()) > 0) {
          throw new AppError('vault/exists');
        }
        await db.vault.add(row);
        if (deviceKey !== null) await db.deviceKeys.put({ key: 'device', cryptoKey: deviceKey });
        else await db.deviceKeys.delete('device');
      });
      this.#presence.remember(vaultId);
      await this.#typed();
      this.#session.markAuthenticated();
      this.#session.open({ vk, vaultId });
    } finally {
      vkBytes.fill(0);
    }
  }

  /** Throws `vault/wrong-passphrase` on a bad tag (and counts it for the backoff); writes nothing. */
  async unlockWithPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<void> {
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.#store.requireVault();
    const vk = await this.#openUnderBackoff(passphrase, row, opts);
    throwIfAborted(opts.signal);
    this.#session.markAuthenticated();
    this.#session.open({ vk, vaultId: row.vaultId });
  }

  /**
   * Re-authentication: proves the passphrase without changing the vault (throws
   * `vault/wrong-passphrase`, and `vault/retry-later` during the backoff, which it shares with the
   * lock screen). Sensitive operations ask for it when the session says a proof is needed.
   */
  async verifyPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<void> {
    this.#session.requireUnlocked();
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.#store.requireVault();
    await this.#openUnderBackoff(passphrase, row, opts);
    this.#session.markAuthenticated();
  }

  /**
   * App start in one read: the vault row, the device key and the account rows together, and VK
   * when the device slot opens it. A device key that no longer fits leaves the vault locked.
   */
  async openOnStart(): Promise<StartResult> {
    const read = await this.#store.readStart();
    const { vault: row, device: stored } = read;
    if (row === undefined) return { state: this.#presence.stateWithoutVault() };
    // A vault that predates the marker (or a marker lost with cleared site data): remember it now.
    this.#presence.remember(row.vaultId);
    const slot = findSlot(row, 'device');
    const locked = { state: 'locked', passkey: findSlot(row, 'passkey') !== undefined } as const;
    if (slot === undefined || stored === undefined) return locked;
    try {
      return {
        state: 'unlocked',
        keys: { vk: await openDeviceSlot(stored.cryptoKey, row.vaultId, slot), vaultId: row.vaultId },
        start: { rows: read.accounts, count: read.count, firstScreen: read.firstScreen, readRows: read.readRows },
      };
    } catch {
      return locked;
    }
  }

  /** False when there is no device slot (or its key is gone); then ask for the passphrase. */
  async unlockWithDevice(): Promise<boolean> {
    const row = await this.#store.readVault();
    const slot = row === undefined ? undefined : findSlot(row, 'device');
    if (row === undefined || slot === undefined) return false;
    const stored = await this.#store.read((db) => db.deviceKeys.get('device'));
    if (stored === undefined) return false;
    this.#session.open({ vk: await openDeviceSlot(stored.cryptoKey, row.vaultId, slot), vaultId: row.vaultId });
    return true;
  }

  /** Turns the device slot on or off; both need the passphrase (re-authentication). Idempotent. */
  async setDeviceSlot(enabled: boolean, passphrase: string, opts: KdfOptions = {}): Promise<void> {
    this.#session.requireUnlocked();
    const row = await this.#store.requireVault();
    const passSlot = requirePassphraseSlot(row);
    let sealed: Sealed | null = null;
    const deviceKey = enabled ? await generateDeviceKey() : null;
    if (deviceKey !== null) {
      const target = { kek: deviceKey, aad: slotAad(row.vaultId, 'device') };
      sealed = await rewrapFromPassphrase(this.#kdf, passphrase, row.vaultId, passSlot, target, opts);
    } else {
      await openPassphraseSlot(this.#kdf, passphrase, row.vaultId, passSlot, opts);
    }
    throwIfAborted(opts.signal);
    this.#session.markAuthenticated();
    await this.#store.write(['vault', 'deviceKeys'], async (db) => {
      const current = await db.vault.get('vault');
      if (current === undefined || current.vaultId !== row.vaultId) throw new AppError('vault/not-found');
      const slots = replaceSlot(current, 'device', sealed === null ? null : deviceSlotFromSealed(sealed));
      await db.vault.put({ ...current, slots });
      if (deviceKey === null) await db.deviceKeys.delete('device');
      else await db.deviceKeys.put({ key: 'device', cryptoKey: deviceKey });
    });
    await this.#typed();
  }

  /** Rewraps VK under a new passphrase (new salt); no record is re-encrypted. */
  async changePassphrase(current: string, next: string, opts: KdfOptions = {}): Promise<void> {
    this.#session.requireUnlocked();
    if (next === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.#store.requireVault();
    const oldSlot = requirePassphraseSlot(row);
    let params: PassphraseSlot['kdf'] | undefined;
    const sealed = await rewrapFromPassphrase(
      this.#kdf,
      current,
      row.vaultId,
      oldSlot,
      async () => {
        const derived = await deriveNewPassphraseTarget(this.#kdf, next, this.#cost, row.vaultId, opts);
        params = derived.params;
        return derived.target;
      },
      opts,
    );
    if (params === undefined) throw new AppError('unknown');
    throwIfAborted(opts.signal);
    this.#session.markAuthenticated();
    const newSlot = passphraseSlotFrom(params, sealed);
    await this.#store.write(['vault'], async (db) => {
      const stored = await db.vault.get('vault');
      if (stored === undefined || stored.vaultId !== row.vaultId) throw new AppError('vault/not-found');
      // Another tab changed the passphrase meanwhile: `current` no longer opens the vault, and
      // its new slot must not be overwritten.
      const storedSlot = findSlot(stored, 'passphrase');
      if (storedSlot === undefined || !bytesEqual(storedSlot.wrapped, oldSlot.wrapped)) {
        throw new AppError('vault/wrong-passphrase', { field: 'passphrase' });
      }
      await db.vault.put({ ...stored, slots: replaceSlot(stored, 'passphrase', newSlot) });
    });
    await this.#typed();
  }
}
