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

/**
 * The recovery kit's slot (at most one; docs/vault-format.md): VK sealed under HKDF(recovery key,
 * salt), and the file KEK (HKDF(recovery key, fileSalt), another label) sealed under VK, so that
 * backups made while the kit exists get a recovery slot without the key being typed. k = n = 1 for
 * a kit kept whole. `checkedAt` is 0 until the sheets were typed or scanned back once.
 */
export interface RecoverySlot {
  kind: 'recovery';
  kitId: Bytes;
  k: number;
  n: number;
  salt: Bytes;
  iv: Bytes;
  wrapped: Bytes;
  fileSalt: Bytes;
  fileIv: Bytes;
  fileWrapped: Bytes;
  createdAt: number;
  checkedAt: number;
}

export type Slot = PassphraseSlot | DeviceSlot | PasskeySlot | RecoverySlot;

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

/**
 * An account in *Recently deleted* (version 2): the account's row moved as it was — same id, so
 * its ciphertext and AAD are unchanged — with the time it was deleted, for the 30-day purge.
 */
export interface DeletedRow extends AccountRow {
  deletedAt: number;
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

/**
 * When the vault passphrase was last typed and found right (ms; services/vault/passphrase-typed.ts),
 * for "Ready to recover?". A date only, never anything about the passphrase. A row of `meta`.
 */
export const PASSPHRASE_TYPED_KEY = 'passphrase-typed';

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
  declare deleted: Table<DeletedRow, string>;

  private readonly storageListeners = new Set<(event: StorageEvent) => void>();

  constructor(name = 'omamori', options: OmamoriDbOptions = {}) {
    const ours = { nativeVersion: 0 };
    const factory = 'indexedDB' in options ? options.indexedDB : (Dexie.dependencies.indexedDB as IDBFactory | undefined);
    super(name, { ...options, indexedDB: refuseNewerDatabases(factory, ours), chromeTransactionDurability: 'strict' });
    this.version(1).stores({
      vault: 'key',
      accounts: 'id, sortKey',
      deviceKeys: 'key',
      meta: 'key',
    });
    // Version 2: *Recently deleted*, a table of its own, so that every reader of `accounts`
    // (the list, exports, the backup reminder) leaves deleted accounts out without a filter.
    // Nothing to convert: version 1 rows stay as they are and the new table starts empty.
    this.version(2).stores({ deleted: 'id, deletedAt' });
    // Dexie stores version(n) as the native version n × 10.
    ours.nativeVersion = Math.round(this.verno * 10);
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

/**
 * Dexie 4 answers a VersionError (the database was written by a newer Omamori) by opening it at
 * whatever version it has, and adds tables it misses by upgrading it: this older code would then
 * read and write a vault it does not understand. Its retry opens without a version; this factory
 * turns that into an open at our own version, so the VersionError stands (toStorageError:
 * storage/newer-version) and nothing is written. Our own database always opens with a version.
 */
function refuseNewerDatabases(factory: OmamoriDbOptions['indexedDB'], ours: { nativeVersion: number }): OmamoriDbOptions['indexedDB'] {
  if (factory === undefined || factory === null) return factory;
  return new Proxy(factory, {
    get(target, prop) {
      if (prop === 'open') return (dbName: string, version?: number) => target.open(dbName, version ?? ours.nativeVersion);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** Whether the database still exists (after another party closed it under us, e.g. deleted it). */
export async function databaseExists(db: OmamoriDb): Promise<boolean> {
  return (await Dexie.getDatabaseNames()).includes(db.name);
}

/** Why `indexedDB.open` fails when this browser will not store anything for us (private window, blocked site data). */
const OPEN_REFUSED = new Set(['InvalidStateError', 'SecurityError']);

/** The names along Dexie's chain of wrapped errors (`inner`), outermost first. */
function errorNames(err: unknown): string[] {
  const names: string[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') names.push(name);
    current = (current as { inner?: unknown }).inner;
  }
  return names;
}

/**
 * Maps Dexie/IndexedDB failures to AppErrors without copying their text. A failed open reaches
 * later calls as a DatabaseClosedError whose `inner` is the reason, so the whole chain is read:
 * no IndexedDB or a forbidden one (a private window, blocked site data) → storage/unavailable; a
 * database newer than this code → storage/newer-version; a full disk → storage/quota; closed
 * under us by another tab → storage/version-change.
 */
export function toStorageError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const names = errorNames(err);
  if (names.includes('QuotaExceededError')) return new AppError('storage/quota', { cause: err });
  if (names.includes('VersionError')) return new AppError('storage/newer-version', { cause: err });
  const openFailed = names[0] === 'DatabaseClosedError' || names[0] === 'OpenFailedError';
  if (names.includes('MissingAPIError') || (openFailed && names.slice(1).some((name) => OPEN_REFUSED.has(name)))) {
    return new AppError('storage/unavailable', { cause: err });
  }
  if (names[0] === 'DatabaseClosedError') return new AppError('storage/version-change', { cause: err });
  return new AppError('storage/failed', { cause: err });
}
