/**
 * @file Live account lists for every tab: Dexie's liveQuery observes the ciphertext rows, and each
 * delivery decrypts in the subscriber (through the record cache), never inside a transaction.
 * While locked a listener gets `[]`; after an unlock, the decrypted list again.
 *
 * Unlock at 10,000 accounts (#19): the rows are read while the passphrase's Argon2id runs
 * (`readAhead`), and the first list after the unlock opens those instead of waiting for its live
 * query's own first read; that read, when it finds the same rows, is not delivered a second time.
 * The list is always delivered whole: its order (favourites, sort by name or use) is inside the
 * ciphertext, so no first screen can be right before every row is open.
 */
import type { Account } from '../../core/account';
import { bytesEqual } from '../../core/crypto/bytes';
import type { AccountRow } from '../../storage/schema';
import { openRows, type OpenedRecords } from './records';
import type { VaultSession } from './session';
import type { VaultStore } from './store';

export interface AccountsInfo {
  /** Rows that did not decrypt; they are left out of the list, never deleted. */
  damagedCount: number;
}
export type AccountsListener = (accounts: Account[], info: AccountsInfo) => void;

interface Subscription {
  listener: AccountsListener;
  rows: AccountRow[] | null;
  seq: number;
}

/** Same rows, same versions (a record's IV is new at every write), in the same order. */
export function sameRows(a: readonly AccountRow[], b: readonly AccountRow[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as AccountRow;
    const y = b[i] as AccountRow;
    if (x.id !== y.id || x.sortKey !== y.sortKey || !bytesEqual(x.iv, y.iv) || !bytesEqual(x.ct, y.ct)) return false;
  }
  return true;
}

export class AccountFeed {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #records: OpenedRecords;
  readonly #subscriptions = new Set<Subscription>();
  /** Rows read during an unlock, for the first list after it; dropped at every lock. */
  #ahead: Promise<AccountRow[] | null> | undefined;

  constructor(store: VaultStore, session: VaultSession, records: OpenedRecords) {
    this.#store = store;
    this.#session = session;
    this.#records = records;
    session.onKeysChange(() => {
      if (session.keys === null) this.#ahead = undefined;
      this.#redeliver();
    });
  }

  /** Starts reading the rows now (while a key is derived), or takes rows just read; the next subscription starts from them. */
  readAhead(rows?: AccountRow[]): void {
    // A failed read only means the live query's own read is awaited instead.
    this.#ahead = rows !== undefined ? Promise.resolve(rows) : this.#store.read((db) => db.accounts.orderBy('sortKey').toArray()).catch(() => null);
  }

  /** The unlock failed: rows read for it are not kept for a later one. */
  dropAhead(): void {
    this.#ahead = undefined;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: AccountsListener): () => void {
    const sub: Subscription = { listener, rows: null, seq: 0 };
    const ahead = this.#ahead;
    this.#ahead = undefined;
    if (ahead !== undefined && this.#session.keys !== null) {
      void ahead.then((rows) => {
        // Only if the live query has not answered meanwhile (its rows are the newer ones).
        if (rows === null || sub.rows !== null || !this.#subscriptions.has(sub)) return;
        sub.rows = rows;
        void this.#deliver(sub);
      });
    }
    // Dexie (and so the live query) may still be loading: at start it comes after the first code,
    // which the rows read ahead already show.
    let handle: { unsubscribe(): void } | undefined;
    void this.#store
      .db()
      .then((db) => {
        if (!this.#subscriptions.has(sub)) return;
        handle = db
          .observe(() => db.accounts.orderBy('sortKey').toArray())
          .subscribe({
            next: (rows) => {
              const same = sub.rows !== null && sameRows(sub.rows, rows);
              sub.rows = rows;
              if (!same) void this.#deliver(sub);
            },
            // The database was closed under us (version change); `subscribeStorage` reports that.
            error: () => undefined,
          });
      })
      // The database did not load: the lock screen or a toast reports storage failures elsewhere.
      .catch(() => undefined);
    this.#subscriptions.add(sub);
    return () => {
      this.#subscriptions.delete(sub);
      handle?.unsubscribe();
    };
  }

  #redeliver(): void {
    for (const sub of this.#subscriptions) void this.#deliver(sub);
  }

  async #deliver(sub: Subscription): Promise<void> {
    const seq = ++sub.seq;
    const keys = this.#session.keys;
    if (keys === null) {
      sub.listener([], { damagedCount: 0 });
      return;
    }
    if (sub.rows === null) return;
    const { cache } = this.#records;
    const { accounts, damagedCount } = await openRows(keys.vk, keys.vaultId, sub.rows, cache);
    cache.retain(sub.rows);
    // A newer emission, a lock or an unsubscribe happened while decrypting: drop this result.
    if (seq !== sub.seq || this.#session.keys !== keys || !this.#subscriptions.has(sub)) return;
    this.#records.damagedCount = damagedCount;
    sub.listener(accounts, { damagedCount });
  }
}
