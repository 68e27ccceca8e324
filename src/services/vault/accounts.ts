/**
 * @file Account CRUD and live lists over the encrypted rows; the base of VaultService. Every
 * ciphertext is prepared before its transaction opens; live queries observe ciphertext rows and
 * decrypt in the subscriber, never inside a transaction.
 */
import { bytesEqual } from '../../core/crypto/bytes';
import { normalizeGroups, validateAccount, validateExtras, type Account, type AccountData, type AccountExtras } from '../../core/account';
import { AppError } from '../../core/errors';
import { liveQuery, toStorageError, type AccountRow, type OmamoriDb, type Table, type VaultRow } from '../../storage/db';
import { openAccount, openRows, RecordCache, sealAccount } from './records';

/** A new account: its code fields, and whatever extras the source had (the rest start empty). */
export type NewAccount = AccountData & Partial<AccountExtras>;

function validateNew(data: NewAccount): AccountData & AccountExtras {
  return { ...validateAccount(data), ...validateExtras(data) };
}

/** Only the extras a source actually gave, validated; for merging into an existing account. */
function givenExtras(data: Partial<AccountExtras>): Partial<AccountExtras> {
  const checked = validateExtras(data);
  const out: Partial<AccountExtras> = {};
  for (const key of Object.keys(checked) as (keyof AccountExtras)[]) {
    if (data[key] !== undefined) Object.assign(out, { [key]: checked[key] });
  }
  return out;
}

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

  async addAccount(data: NewAccount): Promise<Account> {
    const [account] = await this.addAccounts([data]);
    if (account === undefined) throw new AppError('unknown');
    return account;
  }

  /**
   * Adds all of them or none: every entry is validated (the first bad one throws before anything
   * is written) and sealed first, then one transaction appends them in order.
   */
  async addAccounts(list: readonly NewAccount[]): Promise<Account[]> {
    const valid = list.map(validateNew);
    const { vk, vaultId } = this.requireUnlocked();
    if (valid.length === 0) return [];
    const at = this.now();
    const accounts = valid.map((v): Account => ({ ...v, id: crypto.randomUUID(), createdAt: at, updatedAt: at, changedAt: at }));
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
  async importAccounts(added: readonly NewAccount[], updates: readonly { existing: Account; data: NewAccount }[] = []): Promise<number> {
    const valid = added.map(validateNew);
    // An update replaces the code fields; extras the source carries replace ours, the rest stay.
    const changed = updates.map((u) => ({ existing: u.existing, data: validateAccount(u.data), extras: givenExtras(u.data) }));
    const { vk, vaultId } = this.requireUnlocked();
    if (valid.length === 0 && changed.length === 0) return 0;
    const at = this.now();
    const accounts = valid.map((v): Account => ({ ...v, id: crypto.randomUUID(), createdAt: at, updatedAt: at, changedAt: at }));
    const newRows = await Promise.all(accounts.map(async (a) => ({ id: a.id, updatedAt: at, ...(await sealAccount(vk, vaultId, a)) })));
    const replaced = changed.map(({ existing, data, extras }): Account => {
      const updatedAt = this.#nextUpdatedAt(existing.updatedAt);
      return { ...existing, ...data, ...extras, id: existing.id, createdAt: existing.createdAt, updatedAt, changedAt: updatedAt };
    });
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

  /** New code fields (and, optionally, extras) for one account. */
  updateAccount(id: string, data: AccountData, extras: Partial<AccountExtras> = {}): Promise<Account> {
    const valid = validateAccount(data);
    const patch = givenExtras(extras);
    return this.#rewrite(id, (current) => ({ ...current, ...valid, ...patch }));
  }

  /** Favourite, groups, notes, recovery codes or icon of one account. */
  async updateExtras(id: string, extras: Partial<AccountExtras>): Promise<Account> {
    const patch = givenExtras(extras);
    return this.#rewrite(id, (current) => ({ ...current, ...patch }));
  }

  /** Records a copy or reveal, for "recently used" order; not a change a backup needs. */
  markUsed(id: string): Promise<Account> {
    const at = this.now();
    return this.#rewrite(id, (current) => ({ ...current, lastUsedAt: Math.max(at, current.lastUsedAt) }), false);
  }

  /** Puts these accounts in `group` (or takes them out), all in one transaction. */
  async setGroupMembership(ids: readonly string[], group: string, member: boolean): Promise<Account[]> {
    const [name] = normalizeGroups([group]);
    if (name === undefined) throw new AppError('account/missing-name', { field: 'groups' });
    return this.#rewriteMany(ids, (current) => {
      const without = current.groups.filter((g) => g !== name);
      return { ...current, ...validateExtras({ ...current, groups: member ? [...without, name] : without }) };
    });
  }

  /** Renames a group on every account in it (merging into `to` if that exists); one transaction. */
  async renameGroup(from: string, to: string): Promise<number> {
    const [target] = normalizeGroups([to]);
    if (target === undefined) throw new AppError('account/missing-name', { field: 'groups' });
    const ids = (await this.listAccounts()).filter((a) => a.groups.includes(from)).map((a) => a.id);
    const done = await this.#rewriteMany(ids, (current) => ({
      ...current,
      ...validateExtras({ ...current, groups: current.groups.map((g) => (g === from ? target : g)) }),
    }));
    return done.length;
  }

  /** Deletes a group: its accounts stay, only the group name goes. */
  async deleteGroup(name: string): Promise<number> {
    const ids = (await this.listAccounts()).filter((a) => a.groups.includes(name)).map((a) => a.id);
    const done = await this.#rewriteMany(ids, (current) => ({ ...current, groups: current.groups.filter((g) => g !== name) }));
    return done.length;
  }

  /**
   * Custom order: `ids` in their new order (a subset moves among its own positions, e.g. after a
   * drag within a filtered view). Only the clear sort keys change; nothing is re-encrypted.
   */
  async setOrder(ids: readonly string[]): Promise<void> {
    this.requireUnlocked();
    const { db } = this;
    await this.write([db.accounts], async () => {
      const rows = await db.accounts.bulkGet([...ids]);
      if (rows.some((r) => r === undefined)) throw new AppError('vault/account-not-found');
      const keys = rows.map((r) => r?.sortKey ?? 0).sort((a, b) => a - b);
      await Promise.all(ids.map((id, i) => db.accounts.update(id, { sortKey: keys[i] ?? 0 })));
    });
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
    const updatedAt = this.#nextUpdatedAt(existing?.updatedAt ?? 0);
    const restored: Account = {
      ...valid,
      ...validateExtras(account),
      id: account.id,
      createdAt: Number.isSafeInteger(account.createdAt) ? account.createdAt : this.now(),
      updatedAt,
      changedAt: updatedAt,
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

  #rewrite(id: string, change: (current: Account) => Account, content = true): Promise<Account> {
    const previous = this.#rowQueues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.#rewriteOnce(id, change, content));
    this.#rowQueues.set(id, run);
    const cleanup = (): void => {
      if (this.#rowQueues.get(id) === run) this.#rowQueues.delete(id);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  /** Read, decrypt, change, seal, then write only if the row is still the one read. */
  async #rewriteOnce(id: string, change: (current: Account) => Account, content: boolean): Promise<Account> {
    const [next] = await this.#rewriteRows([id], change, content);
    if (next === undefined) throw new AppError('vault/account-not-found');
    return next;
  }

  /** Several accounts changed together: all or none (e.g. a group change). */
  #rewriteMany(ids: readonly string[], change: (current: Account) => Account): Promise<Account[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.#rewriteRows([...new Set(ids)], change, true);
  }

  /** Read, decrypt, change, seal, then write only if every row is still the one read. */
  async #rewriteRows(ids: readonly string[], change: (current: Account) => Account, content: boolean): Promise<Account[]> {
    const { db } = this;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { vk, vaultId } = this.requireUnlocked();
      const rows = await this.read(() => db.accounts.bulkGet([...ids]));
      const prepared = await Promise.all(
        rows.map(async (row) => {
          if (row === undefined) throw new AppError('vault/account-not-found');
          const current = await openAccount(vk, vaultId, row);
          const updatedAt = this.#nextUpdatedAt(row.updatedAt);
          const changedAt = content ? updatedAt : current.changedAt;
          const next: Account = { ...change(current), id: row.id, createdAt: current.createdAt, updatedAt, changedAt };
          return { row, next, sealed: await sealAccount(vk, vaultId, next) };
        }),
      );
      const committed = await this.write([db.accounts], async () => {
        const stored = await db.accounts.bulkGet([...ids]);
        const puts: AccountRow[] = [];
        for (const [i, { row, next, sealed }] of prepared.entries()) {
          const now = stored[i];
          if (now === undefined) throw new AppError('vault/account-not-found');
          if (now.updatedAt !== row.updatedAt || !bytesEqual(now.iv, row.iv)) return false;
          // From the stored row, so a sort key moved meanwhile (setOrder) is kept.
          puts.push({ ...now, updatedAt: next.updatedAt, iv: sealed.iv, ct: sealed.ct });
        }
        await db.accounts.bulkPut(puts);
        return true;
      });
      if (committed) {
        for (const { next, sealed } of prepared) this.#cache.set(sealed, next);
        return prepared.map((p) => p.next);
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
