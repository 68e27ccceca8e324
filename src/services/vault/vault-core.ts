/**
 * @file The vault core: create, unlock (passphrase or device slot), lock, re-authentication,
 * the passphrase and device slots, and the missing-vault guard. Account CRUD lives in
 * `AccountStore` (vault-accounts.ts), which this class extends; passkeys in VaultService
 * (vault-service.ts), which extends this. VK is held only as a non-extractable CryptoKey.
 */
import { importAesKey, type Sealed } from '../../core/crypto/aead';
import { bytesEqual } from '../../core/crypto/bytes';
import { DEFAULT_ARGON2, type Argon2Cost, type KdfOptions, type KdfRunner } from '../../core/crypto/kdf';
import { generateDeviceKey, generateVaultKeyBytes, slotAad, wrapKey } from '../../core/crypto/vault-keys';
import { unlockDelayMs } from '../../core/backoff';
import { AppError, throwIfAborted } from '../../core/errors';
import { databaseExists, type OmamoriDb, type PassphraseSlot, type StorageEvent, type VaultRow } from '../../storage/db';
import { AccountStore } from './accounts';
import { createMemoryMarker, type VaultMarker } from './marker';
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
} from './key-slots';

/** 'missing': no vault in the database although this browser had one (see vault-marker.ts). */
export type VaultState = 'none' | 'missing' | 'locked' | 'unlocked';

export interface VaultServiceOptions {
  db: OmamoriDb;
  kdf: KdfRunner;
  now?: () => number;
  /** Argon2id cost for new passphrase slots; tests pass small values. */
  argon2?: Argon2Cost;
  /** Remembers outside the database that a vault exists; defaults to one that forgets. */
  marker?: VaultMarker;
}

export class VaultCore extends AccountStore {
  protected readonly kdfRunner: KdfRunner;
  readonly #cost: Argon2Cost;
  readonly #marker: VaultMarker;
  readonly #stateListeners = new Set<(state: VaultState) => void>();
  /** When the user last proved who they are (passphrase or passkey); 0 = not this session. */
  #lastAuthAt = 0;
  /** Wrong passphrases in a row on the lock screen, and when the next attempt is allowed. */
  #failures = 0;
  #retryAt = 0;

  constructor(options: VaultServiceOptions) {
    super(options.db, options.now ?? Date.now);
    this.kdfRunner = options.kdf;
    this.#cost = options.argon2 ?? DEFAULT_ARGON2;
    this.#marker = options.marker ?? createMemoryMarker();
  }

  async getStatus(): Promise<VaultState> {
    if (this.keys !== null) return 'unlocked';
    return (await this.readVault()) === undefined ? this.#noVaultState() : 'locked';
  }

  /** The user chose to start over although the old vault is missing: forget the marker. */
  forgetMissingVault(): void {
    this.#marker.clear();
    this.#emitState('none');
  }

  /**
   * After the database was closed under us ('version-change'): when it was deleted (the marker
   * says a vault existed), drop the keys and report 'missing' instead of running on empty.
   */
  async detectMissingVault(): Promise<boolean> {
    if (this.#marker.read() === null) return false;
    // A deletion completes only after every connection closed: give it a moment to finish.
    for (let attempt = 0; attempt < 10; attempt++) {
      if (!(await databaseExists(this.db))) {
        this.#lastAuthAt = 0;
        this.dropKeys();
        this.#emitState('missing');
        return true;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return false;
  }

  #noVaultState(): VaultState {
    return this.#marker.read() === null ? 'none' : 'missing';
  }

  async hasDeviceSlot(): Promise<boolean> {
    const row = await this.readVault();
    if (row === undefined || findSlot(row, 'device') === undefined) return false;
    return (await this.read(() => this.db.deviceKeys.get('device'))) !== undefined;
  }

  async create(passphrase: string, options: { deviceSlot: boolean }, opts: KdfOptions = {}): Promise<void> {
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    if ((await this.readVault()) !== undefined) throw new AppError('vault/exists');
    const vaultId = crypto.randomUUID();
    const vkBytes = generateVaultKeyBytes();
    try {
      const passSlot = await createPassphraseSlot(this.kdfRunner, passphrase, this.#cost, vaultId, vkBytes, opts);
      const slots: VaultRow['slots'] = [passSlot];
      let deviceKey: CryptoKey | null = null;
      if (options.deviceSlot) {
        deviceKey = await generateDeviceKey();
        slots.push(deviceSlotFromSealed(await wrapKey(deviceKey, vkBytes, slotAad(vaultId, 'device'))));
      }
      const vk = await importAesKey(vkBytes, false);
      throwIfAborted(opts.signal);
      const row: VaultRow = { key: 'vault', vaultId, formatVersion: 1, createdAt: this.now(), slots };
      const { db } = this;
      await this.write([db.vault, db.accounts, db.deviceKeys], async () => {
        // Refuse rather than overwrite: a second tab may have created a vault meanwhile, and
        // rows without a vault row are never deleted silently.
        if ((await db.vault.get('vault')) !== undefined || (await db.accounts.count()) > 0) {
          throw new AppError('vault/exists');
        }
        await db.vault.add(row);
        if (deviceKey !== null) await db.deviceKeys.put({ key: 'device', cryptoKey: deviceKey });
        else await db.deviceKeys.delete('device');
      });
      this.#marker.write(vaultId);
      this.markAuthenticated();
      this.unlocked(vk, vaultId);
    } finally {
      vkBytes.fill(0);
    }
  }

  /** Throws `vault/wrong-passphrase` on a bad tag; writes nothing. */
  async unlockWithPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<void> {
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    if (this.now() < this.#retryAt) throw new AppError('vault/retry-later', { field: 'passphrase' });
    const row = await this.requireVault();
    let vk: CryptoKey;
    try {
      vk = await openPassphraseSlot(this.kdfRunner, passphrase, row.vaultId, requirePassphraseSlot(row), opts);
    } catch (err) {
      if (err instanceof AppError && err.code === 'vault/wrong-passphrase') {
        this.#failures += 1;
        this.#retryAt = this.now() + unlockDelayMs(this.#failures);
      }
      throw err;
    }
    this.resetBackoff();
    throwIfAborted(opts.signal);
    this.markAuthenticated();
    this.unlocked(vk, row.vaultId);
  }

  /** Milliseconds until the lock screen accepts another passphrase (0 = now). */
  retryDelayMs(): number {
    return Math.max(0, this.#retryAt - this.now());
  }

  /**
   * Re-authentication: proves the passphrase without changing any state (throws
   * `vault/wrong-passphrase`). Sensitive actions ask for it when `authenticatedWithin` is false.
   */
  async verifyPassphrase(passphrase: string, opts: KdfOptions = {}): Promise<void> {
    this.requireUnlocked();
    if (passphrase === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.requireVault();
    await openPassphraseSlot(this.kdfRunner, passphrase, row.vaultId, requirePassphraseSlot(row), opts);
    this.markAuthenticated();
  }

  /** True when the passphrase or a passkey was given within `ms` (device-slot opens do not count). */
  authenticatedWithin(ms: number): boolean {
    return this.keys !== null && this.#lastAuthAt > 0 && this.now() - this.#lastAuthAt <= ms;
  }

  protected resetBackoff(): void {
    this.#failures = 0;
    this.#retryAt = 0;
  }

  protected markAuthenticated(): void {
    this.#lastAuthAt = this.now();
  }

  /**
   * App start in one read: the vault row and the device key together, and the vault opened when
   * the device slot can open it. A device key that no longer fits leaves the vault locked.
   */
  async openOnStart(): Promise<VaultState> {
    if (this.keys !== null) return 'unlocked';
    const { db } = this;
    const [row, stored, rows] = await this.read(() =>
      db.transaction('r', [db.vault, db.deviceKeys, db.accounts], () =>
        Promise.all([db.vault.get('vault'), db.deviceKeys.get('device'), db.accounts.orderBy('sortKey').toArray()]),
      ),
    );
    if (row === undefined) return this.#noVaultState();
    // A vault that predates the marker (or a marker lost with cleared site data): remember it now.
    if (this.#marker.read() !== row.vaultId) this.#marker.write(row.vaultId);
    const slot = findSlot(row, 'device');
    if (slot === undefined || stored === undefined) return 'locked';
    let vk: CryptoKey;
    try {
      vk = await openDeviceSlot(stored.cryptoKey, row.vaultId, slot);
    } catch {
      return 'locked';
    }
    // Decrypt the rows read above now, so the first live-list delivery comes from the cache.
    await this.primeRecords(vk, row.vaultId, rows);
    this.unlocked(vk, row.vaultId);
    return 'unlocked';
  }

  /** False when there is no device slot (or its key is gone); then ask for the passphrase. */
  async unlockWithDevice(): Promise<boolean> {
    const row = await this.readVault();
    const slot = row === undefined ? undefined : findSlot(row, 'device');
    if (row === undefined || slot === undefined) return false;
    const stored = await this.read(() => this.db.deviceKeys.get('device'));
    if (stored === undefined) return false;
    this.unlocked(await openDeviceSlot(stored.cryptoKey, row.vaultId, slot), row.vaultId);
    return true;
  }

  /** Turns the device slot on or off; both need the passphrase (re-authentication). Idempotent. */
  async setDeviceSlot(enabled: boolean, passphrase: string, opts: KdfOptions = {}): Promise<void> {
    this.requireUnlocked();
    const row = await this.requireVault();
    const passSlot = requirePassphraseSlot(row);
    let sealed: Sealed | null = null;
    const deviceKey = enabled ? await generateDeviceKey() : null;
    if (deviceKey !== null) {
      const target = { kek: deviceKey, aad: slotAad(row.vaultId, 'device') };
      sealed = await rewrapFromPassphrase(this.kdfRunner, passphrase, row.vaultId, passSlot, target, opts);
    } else {
      await openPassphraseSlot(this.kdfRunner, passphrase, row.vaultId, passSlot, opts);
    }
    throwIfAborted(opts.signal);
    const { db } = this;
    this.markAuthenticated();
    await this.write([db.vault, db.deviceKeys], async () => {
      const current = await db.vault.get('vault');
      if (current === undefined || current.vaultId !== row.vaultId) throw new AppError('vault/not-found');
      const slots = replaceSlot(current, 'device', sealed === null ? null : deviceSlotFromSealed(sealed));
      await db.vault.put({ ...current, slots });
      if (deviceKey === null) await db.deviceKeys.delete('device');
      else await db.deviceKeys.put({ key: 'device', cryptoKey: deviceKey });
    });
  }

  /** Rewraps VK under a new passphrase (new salt); no record is re-encrypted. */
  async changePassphrase(current: string, next: string, opts: KdfOptions = {}): Promise<void> {
    this.requireUnlocked();
    if (next === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
    const row = await this.requireVault();
    const oldSlot = requirePassphraseSlot(row);
    let params: PassphraseSlot['kdf'] | undefined;
    const sealed = await rewrapFromPassphrase(this.kdfRunner, current, row.vaultId, oldSlot, async () => {
      const derived = await deriveNewPassphraseTarget(this.kdfRunner, next, this.#cost, row.vaultId, opts);
      params = derived.params;
      return derived.target;
    }, opts);
    if (params === undefined) throw new AppError('unknown');
    throwIfAborted(opts.signal);
    this.markAuthenticated();
    const newSlot = passphraseSlotFrom(params, sealed);
    const { db } = this;
    await this.write([db.vault], async () => {
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
  }

  /** Drops VK and every decrypted account; subscribers get an empty list. */
  lock(): void {
    if (this.keys === null) return;
    this.#lastAuthAt = 0;
    this.dropKeys();
    this.#emitState('locked');
  }

  subscribeState(listener: (state: VaultState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** Another tab upgrades/deletes the database ('version-change': reload) or waits for us ('blocked'). */
  subscribeStorage(listener: (event: StorageEvent) => void): () => void {
    return this.db.onStorageEvent(listener);
  }

  protected unlocked(vk: CryptoKey, vaultId: string): void {
    this.setKeys({ vk, vaultId });
    this.#emitState('unlocked');
  }

  #emitState(state: VaultState): void {
    for (const listener of [...this.#stateListeners]) listener(state);
  }

  protected async requireVault(): Promise<VaultRow> {
    const row = await this.readVault();
    if (row === undefined) throw new AppError('vault/not-found');
    return row;
  }
}
