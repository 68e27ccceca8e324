/**
 * @file Account operations over the encrypted rows: add, import, update, group, order, HOTP
 * draws, delete (to *Recently deleted*) and undo, list. Every ciphertext is prepared before its transaction opens and
 * each write is one transaction; concurrent changes go through AccountRewriter.
 */
import { normalizeGroups, validateAccount, validateExtras, type Account, type AccountData, type AccountExtras } from '../../core/account';
import { AppError } from '../../core/errors';
import { AccountRewriter, nextUpdatedAt } from './account-rewriter';
import { openRows, sealAccount, type OpenedRecords } from './records';
import type { VaultSession } from './session';
import type { VaultStore } from './store';

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

export class Accounts {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #records: OpenedRecords;
  readonly #rewriter: AccountRewriter;

  constructor(store: VaultStore, session: VaultSession, records: OpenedRecords) {
    this.#store = store;
    this.#session = session;
    this.#records = records;
    this.#rewriter = new AccountRewriter(store, session, records);
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
    const { vk, vaultId } = this.#session.requireUnlocked();
    if (valid.length === 0) return [];
    const at = this.#session.now();
    const accounts = valid.map((v): Account => ({ ...v, id: crypto.randomUUID(), createdAt: at, updatedAt: at, changedAt: at, backedUpAt: 0 }));
    const rows = await Promise.all(
      accounts.map(async (a) => {
        const { iv, ct } = await sealAccount(vk, vaultId, a);
        return { id: a.id, updatedAt: at, iv, ct };
      }),
    );
    await this.#store.write(['accounts'], async (db) => {
      const first = ((await db.accounts.orderBy('sortKey').last())?.sortKey ?? 0) + 1;
      await db.accounts.bulkAdd(rows.map((row, i) => ({ ...row, sortKey: first + i })));
    });
    return accounts;
  }

  /**
   * A restore in one transaction: appends `added` and, optionally, replaces the details of
   * existing accounts. Each update names the version it was previewed from (`updatedAt`); when
   * another tab changed or deleted one meanwhile, nothing at all is written (`storage/failed`).
   * `fromBackup`: the accounts come from an Omamori backup file, so what is written is in that
   * file (`backedUpAt`) until it changes; not for other apps' exports, which hold less.
   */
  async importAccounts(
    added: readonly NewAccount[],
    updates: readonly { existing: Account; data: NewAccount }[] = [],
    opts: { fromBackup?: boolean } = {},
  ): Promise<number> {
    const valid = added.map(validateNew);
    // An update replaces the code fields; extras the source carries replace ours, the rest stay.
    const changed = updates.map((u) => ({ existing: u.existing, data: validateAccount(u.data), extras: givenExtras(u.data) }));
    const { vk, vaultId } = this.#session.requireUnlocked();
    if (valid.length === 0 && changed.length === 0) return 0;
    const at = this.#session.now();
    const inBackup = (changedAt: number): number => (opts.fromBackup === true ? changedAt : 0);
    const accounts = valid.map((v): Account => ({ ...v, id: crypto.randomUUID(), createdAt: at, updatedAt: at, changedAt: at, backedUpAt: inBackup(at) }));
    const newRows = await Promise.all(accounts.map(async (a) => ({ id: a.id, updatedAt: at, ...(await sealAccount(vk, vaultId, a)) })));
    const replaced = changed.map(({ existing, data, extras }): Account => {
      const updatedAt = nextUpdatedAt(this.#session.now(), existing.updatedAt);
      return {
        ...existing,
        ...data,
        ...extras,
        id: existing.id,
        createdAt: existing.createdAt,
        updatedAt,
        changedAt: updatedAt,
        backedUpAt: inBackup(updatedAt),
      };
    });
    const replacedRows = await Promise.all(replaced.map(async (a) => ({ account: a, sealed: await sealAccount(vk, vaultId, a) })));
    await this.#store.write(['accounts'], async (db) => {
      for (const [i, { account, sealed }] of replacedRows.entries()) {
        const stored = await db.accounts.get(account.id);
        if (stored === undefined || stored.updatedAt !== changed[i]?.existing.updatedAt) throw new AppError('storage/failed');
        await db.accounts.put({ ...stored, updatedAt: account.updatedAt, iv: sealed.iv, ct: sealed.ct });
      }
      const first = ((await db.accounts.orderBy('sortKey').last())?.sortKey ?? 0) + 1;
      await db.accounts.bulkAdd(newRows.map((row, i) => ({ ...row, sortKey: first + i })));
    });
    for (const { account, sealed } of replacedRows) this.#records.cache.set(sealed, account);
    return accounts.length + replaced.length;
  }

  /** New code fields (and, optionally, extras) for one account. */
  updateAccount(id: string, data: AccountData, extras: Partial<AccountExtras> = {}): Promise<Account> {
    const valid = validateAccount(data);
    const patch = givenExtras(extras);
    return this.#rewriter.rewrite(id, (current) => ({ ...current, ...valid, ...patch }));
  }

  /** Favourite, groups, notes, recovery codes or icon of one account. */
  async updateExtras(id: string, extras: Partial<AccountExtras>): Promise<Account> {
    const patch = givenExtras(extras);
    return this.#rewriter.rewrite(id, (current) => ({ ...current, ...patch }));
  }

  /** Records a copy or reveal, for "recently used" order; not a change a backup needs. */
  markUsed(id: string): Promise<Account> {
    const at = this.#session.now();
    return this.#rewriter.rewrite(id, (current) => ({ ...current, lastUsedAt: Math.max(at, current.lastUsedAt) }), false);
  }

  /** Puts these accounts in `group` (or takes them out), all in one transaction. */
  async setGroupMembership(ids: readonly string[], group: string, member: boolean): Promise<Account[]> {
    const [name] = normalizeGroups([group]);
    if (name === undefined) throw new AppError('account/missing-name', { field: 'groups' });
    return this.#rewriter.rewriteMany(ids, (current) => {
      const without = current.groups.filter((g) => g !== name);
      return { ...current, ...validateExtras({ ...current, groups: member ? [...without, name] : without }) };
    });
  }

  /** Renames a group on every account in it (merging into `to` if that exists); one transaction. */
  async renameGroup(from: string, to: string): Promise<number> {
    const [target] = normalizeGroups([to]);
    if (target === undefined) throw new AppError('account/missing-name', { field: 'groups' });
    const ids = (await this.listAccounts()).filter((a) => a.groups.includes(from)).map((a) => a.id);
    const done = await this.#rewriter.rewriteMany(ids, (current) => ({
      ...current,
      ...validateExtras({ ...current, groups: current.groups.map((g) => (g === from ? target : g)) }),
    }));
    return done.length;
  }

  /** Deletes a group: its accounts stay, only the group name goes. */
  async deleteGroup(name: string): Promise<number> {
    const ids = (await this.listAccounts()).filter((a) => a.groups.includes(name)).map((a) => a.id);
    const done = await this.#rewriter.rewriteMany(ids, (current) => ({ ...current, groups: current.groups.filter((g) => g !== name) }));
    return done.length;
  }

  /**
   * Custom order: `ids` in their new order (a subset moves among its own positions, e.g. after a
   * drag within a filtered view). Only the clear sort keys change; nothing is re-encrypted.
   */
  async setOrder(ids: readonly string[]): Promise<void> {
    this.#session.requireUnlocked();
    await this.#store.write(['accounts'], async (db) => {
      const rows = await db.accounts.bulkGet([...ids]);
      if (rows.some((r) => r === undefined)) throw new AppError('vault/account-not-found');
      const keys = rows.map((r) => r?.sortKey ?? 0).sort((a, b) => a - b);
      await Promise.all(ids.map((id, i) => db.accounts.update(id, { sortKey: keys[i] ?? 0 })));
    });
  }

  /** Draws the next HOTP counter. Resolves only after the new counter is committed. */
  advanceHotp(id: string): Promise<Account> {
    return this.#rewriter.rewrite(id, (current) => {
      if (current.type !== 'hotp' || current.counter >= Number.MAX_SAFE_INTEGER) {
        throw new AppError('account/invalid-counter', { field: 'counter' });
      }
      return { ...current, counter: current.counter + 1 };
    });
  }

  /**
   * Moves the account to *Recently deleted* (services/vault/recently-deleted.ts): its row, as it
   * is, goes from `accounts` to `deleted` in one transaction, so no reader of the account list
   * (the codes, exports, the backup reminder) sees it any more, and it can come back for 30 days.
   */
  async deleteAccount(id: string): Promise<void> {
    if ((await this.deleteAccounts([id])) === 0) throw new AppError('vault/account-not-found');
  }

  /**
   * Several accounts to *Recently deleted* in one transaction (the old phone's "Remove them from
   * this phone" after a move): all of them or, if anything fails, none. Ids no longer in the list
   * (deleted meanwhile in another tab) are passed over. Returns how many moved.
   */
  async deleteAccounts(ids: readonly string[]): Promise<number> {
    this.#session.requireUnlocked();
    const deletedAt = this.#session.now();
    const moved = await this.#store.write(['accounts', 'deleted'], async (db) => {
      const rows = (await db.accounts.bulkGet([...ids])).filter((row) => row !== undefined);
      await db.accounts.bulkDelete(rows.map((row) => row.id));
      await db.deleted.bulkPut(rows.map((row) => ({ ...row, deletedAt })));
      return rows.length;
    });
    for (const id of ids) this.#records.cache.delete(id);
    return moved;
  }

  /**
   * Undo of a delete: puts the account back under its own id (and position, if it is still in
   * *Recently deleted*, which it leaves).
   */
  async restoreAccount(account: Account): Promise<Account> {
    const valid = validateAccount(account);
    if (typeof account.id !== 'string' || account.id === '') throw new AppError('vault/account-not-found');
    const { vk, vaultId } = this.#session.requireUnlocked();
    const existing = await this.#store.read((db) => db.accounts.get(account.id));
    const updatedAt = nextUpdatedAt(this.#session.now(), existing?.updatedAt ?? 0);
    const restored: Account = {
      ...valid,
      ...validateExtras(account),
      id: account.id,
      createdAt: Number.isSafeInteger(account.createdAt) ? account.createdAt : this.#session.now(),
      updatedAt,
      changedAt: updatedAt,
      // Put back as a change, like any write: a backup taken before the delete is not trusted to hold it.
      backedUpAt: 0,
    };
    const { iv, ct } = await sealAccount(vk, vaultId, restored);
    await this.#store.write(['accounts', 'deleted'], async (db) => {
      const current = await db.accounts.get(restored.id);
      const deleted = await db.deleted.get(restored.id);
      const last = await db.accounts.orderBy('sortKey').last();
      const sortKey = current?.sortKey ?? deleted?.sortKey ?? (last?.sortKey ?? 0) + 1;
      await db.accounts.put({ id: restored.id, sortKey, updatedAt: restored.updatedAt, iv, ct });
      await db.deleted.delete(restored.id);
    });
    return restored;
  }

  async listAccounts(): Promise<Account[]> {
    const keys = this.#session.requireUnlocked();
    const rows = await this.#store.read((db) => db.accounts.orderBy('sortKey').toArray());
    const { accounts, damagedCount } = await openRows(keys.vk, keys.vaultId, rows, this.#records.cache);
    this.#records.damagedCount = damagedCount;
    return accounts;
  }

  /** One account, opened from its stored row. Throws `vault/account-not-found`. */
  async getAccount(id: string): Promise<Account> {
    const keys = this.#session.requireUnlocked();
    const row = await this.#store.read((db) => db.accounts.get(id));
    if (row === undefined) throw new AppError('vault/account-not-found');
    const [account] = (await openRows(keys.vk, keys.vaultId, [row], this.#records.cache)).accounts;
    if (account === undefined) throw new AppError('vault/record-damaged');
    return account;
  }
}
