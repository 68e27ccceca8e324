/**
 * @file The Dexie database. Versions are append-only: never edit a released `version(n)` block,
 * add `version(n + 1)` with its upgrade and a fixture test. Rows hold ciphertext plus non-secret
 * indexes only; no WebCrypto (or any other await) inside a transaction.
 */
import Dexie, { liveQuery, type Table } from 'dexie';
import { AppError } from '../core/errors';

export { liveQuery };
export type { Table };

export type Bytes = Uint8Array<ArrayBuffer>;

export interface PassphraseSlot {
  kind: 'passphrase';
  kdf: { alg: 'argon2id'; m: number; t: number; p: number; salt: Bytes };
  iv: Bytes;
  wrapped: Bytes;
}

export interface DeviceSlot {
  kind: 'device';
  iv: Bytes;
  wrapped: Bytes;
}

export interface PasskeySlot {
  kind: 'passkey';
  credentialId: Bytes;
  prfSalt: Bytes;
  hkdfSalt: Bytes;
  iv: Bytes;
  wrapped: Bytes;
  createdAt: number;
  label: string;
}

export type Slot = PassphraseSlot | DeviceSlot | PasskeySlot;

export interface VaultRow {
  key: 'vault';
  vaultId: string;
  formatVersion: 1;
  createdAt: number;
  slots: Slot[];
}

export interface AccountRow {
  id: string;
  sortKey: number;
  updatedAt: number;
  iv: Bytes;
  ct: Bytes;
}

export interface DeviceKeyRow {
  key: 'device';
  cryptoKey: CryptoKey;
}

/** Non-secret settings only (language, last export date, …). */
export interface MetaRow {
  key: string;
  value: unknown;
}

/**
 * The wrong-passphrase backoff (services/vault/backoff.ts), a row of `meta` so that a reload or
 * another tab sees the same wait. `meta` exists since version 1: no schema change, no upgrade.
 */
export const BACKOFF_KEY = 'passphrase-backoff';
export interface BackoffState {
  /** Wrong passphrases in a row, in any tab. */
  failures: number;
  /** Wall-clock time (ms) of the last one. */
  lastFailureAt: number;
}

export interface OmamoriDbOptions {
  indexedDB?: { open: IDBFactory['open'] } | IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export type StorageEvent = 'version-change' | 'blocked';

export class OmamoriDb extends Dexie {
  declare vault: Table<VaultRow, 'vault'>;
  declare accounts: Table<AccountRow, string>;
  declare deviceKeys: Table<DeviceKeyRow, 'device'>;
  declare meta: Table<MetaRow, string>;

  private readonly storageListeners = new Set<(event: StorageEvent) => void>();

  constructor(name = 'omamori', options: OmamoriDbOptions = {}) {
    super(name, { ...options, chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      vault: 'key',
      accounts: 'id, sortKey',
      deviceKeys: 'key',
      meta: 'key',
    });
    // Another tab wants to upgrade or delete the database. Close for good (no silent auto-reopen,
    // which after a delete would create an empty vault) and let the app ask for a reload.
    this.on('versionchange', () => {
      this.close({ disableAutoOpen: true });
      this.emit('version-change');
      // Stops Dexie's default handler, which would close with auto-reopen enabled.
      return false;
    });
    this.on('blocked', () => this.emit('blocked'));
  }

  onVersionChange(cb: () => void): () => void {
    return this.onStorageEvent((event) => {
      if (event === 'version-change') cb();
    });
  }

  onBlocked(cb: () => void): () => void {
    return this.onStorageEvent((event) => {
      if (event === 'blocked') cb();
    });
  }

  onStorageEvent(cb: (event: StorageEvent) => void): () => void {
    this.storageListeners.add(cb);
    return () => this.storageListeners.delete(cb);
  }

  private emit(event: StorageEvent): void {
    for (const cb of [...this.storageListeners]) cb(event);
  }
}

/** Whether the database still exists (after another party closed it under us, e.g. deleted it). */
export async function databaseExists(db: OmamoriDb): Promise<boolean> {
  return (await Dexie.getDatabaseNames()).includes(db.name);
}

/** Maps Dexie/IndexedDB failures to AppErrors without copying their text. */
export function toStorageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError' || (err as { inner?: { name?: string } } | null)?.inner?.name === 'QuotaExceededError') {
    return new AppError('storage/quota', { cause: err });
  }
  if (name === 'DatabaseClosedError' || name === 'VersionError') return new AppError('storage/version-change', { cause: err });
  return new AppError('storage/failed', { cause: err });
}
