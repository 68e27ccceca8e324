/**
 * @file The first code's read, over raw IndexedDB: the vault row, the device key, the remembered
 * first screen and the account rows in `sortKey` order, in one read-only transaction, without Dexie
 * (≈ 30 KB gzip the start path then does not load; Dexie comes right after the first code and stays
 * the store for every write, live query and upgrade).
 *
 * A vault of more rows than a first screen holds, with a first screen remembered, is not read
 * whole here: structured-cloning 10,000 rows kept the page busy for about 200 ms before the first
 * code, which needs 60 of them. Its rows are counted instead, and `readRows` reads the first
 * screen's by id once the vault key has opened their ids (the rest come with the live query, after
 * the first code). The connection stays open for it, until it is used or for READ_ROWS_MS.
 *
 * It never creates or upgrades anything: it opens exactly the native version that Dexie's schema
 * makes (schema.ts) and aborts in `onupgradeneeded` — no database yet, or an older one — so the
 * caller falls back to Dexie, which creates or upgrades it as it always did. A newer database fails
 * the open (VersionError) and falls back the same way, where Dexie reports `storage/newer-version`.
 * Any failure here only means "read it with Dexie": the answer is then `null`, never an error.
 */
import {
  DB_NAME,
  FIRST_SCREEN_KEY,
  FIRST_SCREEN_SIZE,
  NATIVE_VERSION,
  START_STORES,
  type AccountRow,
  type DeviceKeyRow,
  type FirstScreenRow,
  type VaultRow,
} from './schema';

export interface StartRows {
  vault: VaultRow | undefined;
  device: DeviceKeyRow | undefined;
  /** Every account row in `sortKey` order; null when only counted (see the file's header). */
  accounts: AccountRow[] | null;
  /** How many account rows there are. */
  count: number;
  /** The sealed ids of the list's first screen (schema.ts), if the list was ever shown. */
  firstScreen: FirstScreenRow | undefined;
  /**
   * When `accounts` is null: the rows of `ids` that exist, in `sortKey` order (then id, as the
   * index orders them); null when the read fails. Once: the connection then closes.
   */
  readRows?: (ids: readonly string[]) => Promise<AccountRow[] | null>;
}

/** How long the connection waits for `readRows` before it closes (the start takes it within ms). */
const READ_ROWS_MS = 5000;

/** `a` before `b` as the `sortKey` index orders rows: by sortKey, then by primary key. */
function indexOrder(a: AccountRow, b: AccountRow): number {
  if (a.sortKey !== b.sortKey) return a.sortKey < b.sortKey ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function rowsById(db: IDBDatabase, ids: readonly string[]): Promise<AccountRow[] | null> {
  return new Promise((resolve) => {
    try {
      const tx = db.transaction(START_STORES.accounts, 'readonly');
      const store = tx.objectStore(START_STORES.accounts);
      const requests = ids.map((id) => store.get(id) as IDBRequest<AccountRow | undefined>);
      tx.oncomplete = () => resolve(requests.flatMap((r) => (r.result === undefined ? [] : [r.result])).sort(indexOrder));
      tx.onabort = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
}

export function readStartRows(factory: IDBFactory | undefined = globalThis.indexedDB, name = DB_NAME): Promise<StartRows | null> {
  return new Promise((resolve) => {
    let request: IDBOpenDBRequest;
    try {
      if (factory === undefined) throw new Error('no IndexedDB');
      request = factory.open(name, NATIVE_VERSION);
    } catch {
      resolve(null);
      return;
    }
    // Aborting the version change leaves a database that did not exist uncreated, and an older
    // one as it was; the open then fails (AbortError) and Dexie takes over.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Never in the way of another tab's upgrade or delete.
      db.onversionchange = () => db.close();
      try {
        const tx = db.transaction([START_STORES.vault, START_STORES.deviceKeys, START_STORES.accounts, START_STORES.meta], 'readonly');
        const accountStore = tx.objectStore(START_STORES.accounts);
        const vault = tx.objectStore(START_STORES.vault).get('vault') as IDBRequest<VaultRow | undefined>;
        const device = tx.objectStore(START_STORES.deviceKeys).get('device') as IDBRequest<DeviceKeyRow | undefined>;
        const firstScreen = tx.objectStore(START_STORES.meta).get(FIRST_SCREEN_KEY) as IDBRequest<FirstScreenRow | undefined>;
        const count = accountStore.count();
        let accounts: IDBRequest<AccountRow[]> | undefined;
        // Both answered: every row, unless there are more than a first screen and one is remembered.
        const decide = (): void => {
          if (firstScreen.readyState !== 'done' || count.readyState !== 'done' || accounts !== undefined) return;
          if (firstScreen.result === undefined || count.result <= FIRST_SCREEN_SIZE) {
            // Index order, then primary key: the order of Dexie's `orderBy('sortKey').toArray()`.
            accounts = accountStore.index(START_STORES.accountOrder).getAll() as IDBRequest<AccountRow[]>;
          }
        };
        firstScreen.onsuccess = decide;
        count.onsuccess = decide;
        tx.oncomplete = () => {
          const rows = { vault: vault.result, device: device.result, count: count.result, firstScreen: firstScreen.result };
          if (accounts !== undefined) {
            db.close();
            resolve({ ...rows, accounts: accounts.result });
            return;
          }
          const timer = setTimeout(() => db.close(), READ_ROWS_MS);
          const readRows = (ids: readonly string[]): Promise<AccountRow[] | null> => {
            clearTimeout(timer);
            return rowsById(db, ids).finally(() => db.close());
          };
          resolve({ ...rows, accounts: null, readRows });
        };
        tx.onabort = () => {
          db.close();
          resolve(null);
        };
      } catch {
        // A store or index missing (a database this code did not make): Dexie will say what it is.
        db.close();
        resolve(null);
      }
    };
  });
}
