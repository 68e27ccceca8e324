/**
 * @file Account CRUD and live lists over the encrypted rows; the base of VaultService. Every
 * ciphertext is prepared before its transaction opens; live queries observe ciphertext rows and
 * decrypt in the subscriber, never inside a transaction.
 */
import { bytesEqual } from '../core/crypto/bytes';
import { validateAccount, type Account, type AccountData } from '../core/account';
import { AppError } from '../core/errors';
import { liveQuery, toStorageError, type AccountRow, type OmamoriDb, type Table, type VaultRow } from '../storage/db';
import { openAccount, openRows, RecordCache, sealAccount } from './vault-records';

export interface VaultKeys {
  vk: CryptoKey;
  vaultId: string;
}

export interface AccountsInfo {
  /** Rows that did not decrypt; they are left out of the list, never deleted. */
  damagedCount: number;
}
export type AccountsListener = (accounts: Account[], info: AccountsInfo) => void;

interface AccountsSubscription {
  listener: AccountsListener;
  rows: AccountRow[] | null;
  seq: number;
}

/** Optimistic retries when another tab writes the same row between our read and write. */
const MAX_ATTEMPTS = 8;

type DexieTables = Table[];

export class AccountStore {
  protected readonly db: OmamoriDb;
  protected readonly now: () => number;
  protected keys: VaultKeys | null = null;
  #cache = new RecordCache();
  #damagedCount = 0;
  readonly #subscriptions = new Set<AccountsSubscription>();
  /** Per-id queue so that this tab's own HOTP draws never race each other. */
  readonly #rowQueues = new Map<string, Promise<unknown>>();
  /** Sort positions of deleted rows, so that undo puts them back where they were. */
  readonly #deletedSortKeys = new Map<string, number>();

  constructor(db: OmamoriDb, now: () => number) {
    this.db = db;
    this.now = now;
  }

  async addAccount(data: AccountData): Promise<Account> {
    const [account] = await this.addAccounts([data]);
    if (account === undefined) throw new AppError('unknown');
    return account;
  }

  /**
   * Adds all of them or none: every entry is validated (the first bad one throws before anything
   * is written) and sealed first, then one transaction appends them in order.
   */
  async addAccounts(list: readonly AccountData[]): Promise<Account[]> {
    const valid = list.map((data) => validateAccount(data));
    const { vk, vaultId } = this.requireUnlocked();
    if (valid.length === 0) return [];
    const at = this.now();
    const accounts = valid.map((v): Account => ({ ...v, id: crypto.randomUUID(), createdAt: at, updatedAt: at }));
    const rows = await Promise.all(
      accounts.map(async (a) => {
        const { iv, ct } = await sealAccount(vk, vaultId, a);
        return { id: a.id, updatedAt: at, iv, ct };
      }),
    );
    const { db } = this;
    await this.write([db.accounts], async () => {
      const first = ((await db.accounts.orderBy('sortKey').last())?.sortKey ?? 0) + 1;
      await db.accounts.bulkAdd(rows.map((row, i) => ({ ...row, sortKey: first + i })));
    });
    return accounts;
  }

  /**
   * A restore in one transaction: appends `added` and, optionally, replaces the details of
   * existing accounts. Each update names the version it was previewed from (`updatedAt`); when
   * another tab changed or deleted one meanwhile, nothing at all is written (`storage/failed`).
   */
  async importAccounts(added: readonly AccountData[], updates: readonly { existing: Account; data: AccountData }[] = []): Promise<number> {
    const valid = added.map((data) => validateAccount(data));
    const changed = updates.map((u) => ({ existing: u.existing, data: validateAccount(u.data) }));
    const { vk, vaultId } = this.requireUnlocked();
    if (valid.length === 0 && changed.length === 0) return 0;
    const at = this.now();
    const accounts = valid.map((v): Account => ({ ...v, id: crypto.randomUUID(), createdAt: at, updatedAt: at }));
    const newRows = await Promise.all(accounts.map(async (a) => ({ id: a.id, updatedAt: at, ...(await sealAccount(vk, vaultId, a)) })));
    const replaced = changed.map(({ existing, data }): Account => ({
      ...data,
      id: existing.id,
      createdAt: existing.createdAt,
      updatedAt: this.#nextUpdatedAt(existing.updatedAt),
    }));
    const replacedRows = await Promise.all(replaced.map(async (a) => ({ account: a, sealed: await sealAccount(vk, vaultId, a) })));
    const { db } = this;
    await this.write([db.accounts], async () => {
      for (const [i, { account, sealed }] of replacedRows.entries()) {
        const stored = await db.accounts.get(account.id);
        if (stored === undefined || stored.updatedAt !== changed[i]?.existing.updatedAt) throw new AppError('storage/failed');
        await db.accounts.put({ ...stored, updatedAt: account.updatedAt, iv: sealed.iv, ct: sealed.ct });
      }
      const first = ((await db.accounts.orderBy('sortKey').last())?.sortKey ?? 0) + 1;
      await db.accounts.bulkAdd(newRows.map((row, i) => ({ ...row, sortKey: first + i })));
    });
    for (const { account, sealed } of replacedRows) this.#cache.set(sealed, account);
    return accounts.length + replaced.length;
  }

  updateAccount(id: string, data: AccountData): Promise<Account> {
    const valid = validateAccount(data);
    return this.#rewrite(id, (current) => ({ ...current, ...valid }));
  }

  /** Draws the next HOTP counter. Resolves only after the new counter is committed. */
  advanceHotp(id: string): Promise<Account> {
    return this.#rewrite(id, (current) => {
      if (current.type !== 'hotp' || current.counter >= Number.MAX_SAFE_INTEGER) {
        throw new AppError('account/invalid-counter', { field: 'counter' });
      }
      return { ...current, counter: current.counter + 1 };
    });
  }

  async deleteAccount(id: string): Promise<void> {
    this.requireUnlocked();
    const { db } = this;
    const sortKey = await this.write([db.accounts], async () => {
      const row = await db.accounts.get(id);
      if (row === undefined) throw new AppError('vault/account-not-found');
      await db.accounts.delete(id);
      return row.sortKey;
    });
    this.#deletedSortKeys.set(id, sortKey);
    this.#cache.delete(id);
  }

  /** Undo of a delete: puts the account back under its own id (and position, if known). */
  async restoreAccount(account: Account): Promise<Account> {
    const valid = validateAccount(account);
    if (typeof account.id !== 'string' || account.id === '') throw new AppError('vault/account-not-found');
    const { vk, vaultId } = this.requireUnlocked();
    const { db } = this;
    const existing = await this.read(() => db.accounts.get(account.id));
    const restored: Account = {
      ...valid,
      id: account.id,
      createdAt: Number.isSafeInteger(account.createdAt) ? account.createdAt : this.now(),
      updatedAt: this.#nextUpdatedAt(existing?.updatedAt ?? 0),
    };
    const { iv, ct } = await sealAccount(vk, vaultId, restored);
    await this.write([db.accounts], async () => {
      const current = await db.accounts.get(restored.id);
      const last = await db.accounts.orderBy('sortKey').last();
      const sortKey = current?.sortKey ?? this.#deletedSortKeys.get(restored.id) ?? (last?.sortKey ?? 0) + 1;
      await db.accounts.put({ id: restored.id, sortKey, updatedAt: restored.updatedAt, iv, ct });
    });
    this.#deletedSortKeys.delete(restored.id);
    return restored;
  }

  async listAccounts(): Promise<Account[]> {
    const keys = this.requireUnlocked();
    const rows = await this.read(() => this.db.accounts.orderBy('sortKey').toArray());
    const { accounts, damagedCount } = await openRows(keys.vk, keys.vaultId, rows, this.#cache);
    this.#damagedCount = damagedCount;
    return accounts;
  }

  /** Number of rows the last list or live update could not decrypt. */
  getDamagedCount(): number {
    return this.#damagedCount;
  }

  /**
   * Live list (all tabs, via Dexie liveQuery). While locked the listener gets `[]`; after an
   * unlock it gets the decrypted list again. Returns the unsubscribe function.
   */
  subscribeAccounts(listener: AccountsListener): () => void {
    const sub: AccountsSubscription = { listener, rows: null, seq: 0 };
    const observable = liveQuery(() => this.db.accounts.orderBy('sortKey').toArray());
    const handle = observable.subscribe({
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

  protected requireUnlocked(): VaultKeys {
    if (this.keys === null) throw new AppError('vault/locked');
    return this.keys;
  }

  /** Opens rows into the record cache ahead of the first live-list delivery. */
  protected async primeRecords(vk: CryptoKey, vaultId: string, rows: readonly AccountRow[]): Promise<void> {
    await openRows(vk, vaultId, rows, this.#cache);
  }

  protected setKeys(keys: VaultKeys): void {
    this.keys = keys;
    this.#redeliver();
  }

  protected dropKeys(): void {
    this.keys = null;
    this.#cache = new RecordCache();
    this.#deletedSortKeys.clear();
    this.#damagedCount = 0;
    this.#redeliver();
  }

  protected readVault(): Promise<VaultRow | undefined> {
    return this.read(() => this.db.vault.get('vault'));
  }

  protected async read<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toStorageError(err);
    }
  }

  /** One read-write transaction. `fn` may only await Dexie calls. */
  protected async write<T>(tables: DexieTables, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction('rw', tables, fn);
    } catch (err) {
      throw toStorageError(err);
    }
  }

  #nextUpdatedAt(previous: number): number {
    // Strictly increasing per row, so that updatedAt identifies the version a writer read.
    return Math.max(this.now(), previous + 1);
  }

  #rewrite(id: string, change: (current: Account) => Account): Promise<Account> {
    const previous = this.#rowQueues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.#rewriteOnce(id, change));
    this.#rowQueues.set(id, run);
    const cleanup = (): void => {
      if (this.#rowQueues.get(id) === run) this.#rowQueues.delete(id);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  /** Read, decrypt, change, seal, then write only if the row is still the one read. */
  async #rewriteOnce(id: string, change: (current: Account) => Account): Promise<Account> {
    const { db } = this;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { vk, vaultId } = this.requireUnlocked();
      const row = await this.read(() => db.accounts.get(id));
      if (row === undefined) throw new AppError('vault/account-not-found');
      const current = await openAccount(vk, vaultId, row);
      const next: Account = { ...change(current), id, createdAt: current.createdAt, updatedAt: this.#nextUpdatedAt(row.updatedAt) };
      const { iv, ct } = await sealAccount(vk, vaultId, next);
      const committed = await this.write([db.accounts], async () => {
        const stored = await db.accounts.get(id);
        if (stored === undefined) throw new AppError('vault/account-not-found');
        if (stored.updatedAt !== row.updatedAt || !bytesEqual(stored.iv, row.iv)) return false;
        await db.accounts.put({ ...stored, updatedAt: next.updatedAt, iv, ct });
        return true;
      });
      if (committed) {
        this.#cache.set({ iv, ct }, next);
        return next;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
    }
    throw new AppError('storage/failed');
  }

  #redeliver(): void {
    for (const sub of this.#subscriptions) void this.#deliver(sub);
  }

  async #deliver(sub: AccountsSubscription): Promise<void> {
    const seq = ++sub.seq;
    const keys = this.keys;
    if (keys === null) {
      sub.listener([], { damagedCount: 0 });
      return;
    }
    if (sub.rows === null) return;
    const cache = this.#cache;
    const { accounts, damagedCount } = await openRows(keys.vk, keys.vaultId, sub.rows, cache);
    cache.retain(sub.rows);
    // A newer emission, a lock or an unsubscribe happened while decrypting: drop this result.
    if (seq !== sub.seq || this.keys !== keys || !this.#subscriptions.has(sub)) return;
    this.#damagedCount = damagedCount;
    sub.listener(accounts, { damagedCount });
  }
}
