/**
 * @file Live account lists for every tab: Dexie's liveQuery observes the ciphertext rows, and each
 * delivery decrypts in the subscriber (through the record cache), never inside a transaction.
 * While locked a listener gets `[]`; after an unlock, the decrypted list again.
 */
import type { Account } from '../../core/account';
import { liveQuery, type AccountRow } from '../../storage/db';
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

export class AccountFeed {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #records: OpenedRecords;
  readonly #subscriptions = new Set<Subscription>();

  constructor(store: VaultStore, session: VaultSession, records: OpenedRecords) {
    this.#store = store;
    this.#session = session;
    this.#records = records;
    session.onKeysChange(() => this.#redeliver());
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: AccountsListener): () => void {
    const sub: Subscription = { listener, rows: null, seq: 0 };
    const { db } = this.#store;
    const handle = liveQuery(() => db.accounts.orderBy('sortKey').toArray()).subscribe({
      next: (rows) => {
        sub.rows = rows;
        void this.#deliver(sub);
      },
      // The database was closed under us (version change); `subscribeStorage` reports that.
      error: () => undefined,
    });
    this.#subscriptions.add(sub);
    return () => {
      this.#subscriptions.delete(sub);
      handle.unsubscribe();
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
