/**
 * @file The vault's door to IndexedDB: reads, one-transaction writes and the vault row, with
 * Dexie's failures turned into typed storage errors. Callers seal and open records before and
 * after a transaction, never inside one (a transaction may only await Dexie).
 */
import { AppError } from '../../core/errors';
import { databaseExists, toStorageError, type OmamoriDb, type StorageEvent, type Table, type VaultRow } from '../../storage/db';

export class VaultStore {
  readonly db: OmamoriDb;

  constructor(db: OmamoriDb) {
    this.db = db;
  }

  async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err);
    }
  }

  /** One read-write transaction. `fn` may only await Dexie calls. */
  async write<T>(tables: Table[], fn: () => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction('rw', tables, fn);
    } catch (err) {
      throw toStorageError(err);
    }
  }

  readVault(): Promise<VaultRow | undefined> {
    return this.read(() => this.db.vault.get('vault'));
  }

  async requireVault(): Promise<VaultRow> {
    const row = await this.readVault();
    if (row === undefined) throw new AppError('vault/not-found');
    return row;
  }

  /** False once the database was deleted (eviction, or by hand) under the running app. */
  exists(): Promise<boolean> {
    return databaseExists(this.db);
  }

  /** Another tab upgrades/deletes the database ('version-change': reload) or waits for us ('blocked'). */
  onStorageEvent(listener: (event: StorageEvent) => void): () => void {
    return this.db.onStorageEvent(listener);
  }
}
