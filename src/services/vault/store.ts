/**
 * @file The vault's door to IndexedDB: reads, one-transaction writes and the vault row, with
 * Dexie's failures turned into typed storage errors. Callers seal and open records before and
 * after a transaction, never inside one (a transaction may only await Dexie).
 *
 * The Dexie database may be given as a loader (the app's: services/browser/vault.ts), so that the
 * first code never waits for Dexie: `readStart` then reads through the raw start path
 * (storage/start-read.ts) and everything else awaits the database, loaded on first use.
 */
import { AppError } from '../../core/errors';
import type { OmamoriDb, StorageEvent } from '../../storage/db';
import { FIRST_SCREEN_KEY, type FirstScreenRow, type VaultRow } from '../../storage/schema';
import type { StartRows } from '../../storage/start-read';
import { toStorageError } from '../../storage/storage-error';

export type TableName = 'vault' | 'accounts' | 'deviceKeys' | 'meta' | 'deleted';

/** The database itself (tests), or a loader and the start path's raw read (the app). */
export type DbSource = OmamoriDb | { load: () => Promise<OmamoriDb>; readStart?: () => Promise<StartRows | null> };

export class VaultStore {
  readonly #load: () => Promise<OmamoriDb>;
  readonly #readStart: (() => Promise<StartRows | null>) | undefined;
  #db: Promise<OmamoriDb> | undefined;
  readonly #listeners = new Set<(event: StorageEvent) => void>();

  constructor(source: DbSource) {
    if ('load' in source) {
      this.#load = source.load;
      this.#readStart = source.readStart;
    } else {
      this.#load = () => Promise.resolve(source);
      this.#readStart = undefined;
    }
  }

  /** The Dexie database, loaded (once) on first use. */
  db(): Promise<OmamoriDb> {
    this.#db ??= this.#load().then((db) => {
      db.onStorageEvent((event) => {
        for (const listener of [...this.#listeners]) listener(event);
      });
      return db;
    });
    return this.#db;
  }

  async read<T>(fn: (db: OmamoriDb) => Promise<T>): Promise<T> {
    try {
      return await fn(await this.db());
    } catch (err) {
      throw toStorageError(err);
    }
  }

  /** One read-write transaction over `tables`. `fn` may only await Dexie calls. */
  async write<T>(tables: readonly TableName[], fn: (db: OmamoriDb) => Promise<T>): Promise<T> {
    try {
      const db = await this.db();
      return await db.transaction('rw', [...tables], () => fn(db));
    } catch (err) {
      throw toStorageError(err);
    }
  }

  /**
   * App start in one read: the vault row, the device key, the account rows in order and the first
   * screen's sealed ids. Through the raw start path when there is one and it could read (it may
   * only count a large vault's rows); otherwise one Dexie transaction, of every row.
   */
  async readStart(): Promise<StartRows> {
    const raw = (await this.#readStart?.()) ?? null;
    if (raw !== null) return raw;
    const [vault, device, accounts, firstScreen] = await this.read((db) =>
      db.transaction('r', [db.vault, db.deviceKeys, db.accounts, db.meta], () =>
        Promise.all([
          db.vault.get('vault'),
          db.deviceKeys.get('device'),
          db.accounts.orderBy('sortKey').toArray(),
          db.meta.get(FIRST_SCREEN_KEY) as Promise<FirstScreenRow | undefined>,
        ]),
      ),
    );
    return { vault, device, accounts, count: accounts.length, firstScreen };
  }

  readVault(): Promise<VaultRow | undefined> {
    return this.read((db) => db.vault.get('vault'));
  }

  async requireVault(): Promise<VaultRow> {
    const row = await this.readVault();
    if (row === undefined) throw new AppError('vault/not-found');
    return row;
  }

  /** False once the database was deleted (eviction, or by hand) under the running app. */
  async exists(): Promise<boolean> {
    return (await this.db()).exists();
  }

  /** Another tab upgrades/deletes the database ('version-change': reload) or waits for us ('blocked'). */
  onStorageEvent(listener: (event: StorageEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
