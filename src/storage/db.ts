/**
 * @file The Dexie database: every write, live queries and upgrades. Its versions are declared from
 * `schema.ts` (the one description the raw start path shares), which is append-only: never edit a
 * released version, add version n + 1 there (with its upgrade here, by number) and a fixture test.
 * Rows hold ciphertext plus non-secret indexes only; no WebCrypto (or any other await) inside a
 * transaction. Loaded after the first code (services/browser/vault.ts), not on the start path.
 */
import Dexie, { liveQuery, type Observable, type Table } from 'dexie';
import { DB_NAME, SCHEMA_VERSIONS, type DeletedRow, type DeviceKeyRow, type MetaRow, type AccountRow, type VaultRow } from './schema';

export { liveQuery };
export type { Table };
export * from './schema';
export { toStorageError } from './storage-error';

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

  constructor(name = DB_NAME, options: OmamoriDbOptions = {}) {
    const ours = { nativeVersion: 0 };
    const factory = 'indexedDB' in options ? options.indexedDB : (Dexie.dependencies.indexedDB as IDBFactory | undefined);
    super(name, { ...options, indexedDB: refuseNewerDatabases(factory, ours), chromeTransactionDurability: 'strict' });
    // Version 2 (`deleted`) needs no upgrade: version 1 rows stay as they are and the new table
    // starts empty.
    for (const { version, stores } of SCHEMA_VERSIONS) this.version(version).stores(stores);
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

  /** Dexie's live query, for callers that load this module lazily (account-feed.ts). */
  observe<T>(query: () => Promise<T>): Observable<T> {
    return liveQuery(query);
  }

  /** Whether the database still exists (after another party closed it under us, e.g. deleted it). */
  async exists(): Promise<boolean> {
    return (await Dexie.getDatabaseNames()).includes(this.name);
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
export function databaseExists(db: OmamoriDb): Promise<boolean> {
  return db.exists();
}
