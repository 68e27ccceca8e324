/**
 * @file The first code's read, over raw IndexedDB: the vault row, the device key and the account
 * rows in `sortKey` order, in one read-only transaction, without Dexie (≈ 30 KB gzip the start
 * path then does not load; Dexie comes right after the first code and stays the store for every
 * write, live query and upgrade).
 *
 * It never creates or upgrades anything: it opens exactly the native version that Dexie's schema
 * makes (schema.ts) and aborts in `onupgradeneeded` — no database yet, or an older one — so the
 * caller falls back to Dexie, which creates or upgrades it as it always did. A newer database fails
 * the open (VersionError) and falls back the same way, where Dexie reports `storage/newer-version`.
 * Any failure here only means "read it with Dexie": the answer is then `null`, never an error.
 */
import { DB_NAME, FIRST_SCREEN_KEY, NATIVE_VERSION, START_STORES, type AccountRow, type DeviceKeyRow, type FirstScreenRow, type VaultRow } from './schema';

export interface StartRows {
  vault: VaultRow | undefined;
  device: DeviceKeyRow | undefined;
  accounts: AccountRow[];
  /** The sealed ids of the list's first screen (schema.ts), if the list was ever shown. */
  firstScreen: FirstScreenRow | undefined;
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
        const vault = tx.objectStore(START_STORES.vault).get('vault') as IDBRequest<VaultRow | undefined>;
        const device = tx.objectStore(START_STORES.deviceKeys).get('device') as IDBRequest<DeviceKeyRow | undefined>;
        // Index order, then primary key: the order of Dexie's `orderBy('sortKey').toArray()`.
        const accounts = tx.objectStore(START_STORES.accounts).index(START_STORES.accountOrder).getAll() as IDBRequest<AccountRow[]>;
        const firstScreen = tx.objectStore(START_STORES.meta).get(FIRST_SCREEN_KEY) as IDBRequest<FirstScreenRow | undefined>;
        tx.oncomplete = () => {
          db.close();
          resolve({ vault: vault.result, device: device.result, accounts: accounts.result, firstScreen: firstScreen.result });
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
