/**
 * @file *Recently deleted*: accounts the user deleted stay, still encrypted, in the `deleted`
 * table for 30 days (storage/db.ts, version 2). They can be put back (as a change, so the backup
 * reminder counts them again) or removed for good; expired ones are removed on unlock. Nothing
 * else reads this table, so the code list, every export and the backup reminder leave them out.
 */
import type { Account } from '../../core/account';
import { AppError } from '../../core/errors';
import { bytesEqual } from '../../core/crypto/bytes';
import type { DeletedRow } from '../../storage/db';
import { nextUpdatedAt } from './account-rewriter';
import { openAccount, sealAccount } from './records';
import type { VaultSession } from './session';
import type { VaultStore } from './store';

/** How long a deleted account can be put back. */
export const KEEP_DELETED_MS = 30 * 24 * 60 * 60 * 1000;

export interface DeletedAccount {
  account: Account;
  deletedAt: number;
  /** When it is removed for good (at the first unlock after this time). */
  removeAt: number;
}

export class RecentlyDeleted {
  readonly #store: VaultStore;
  readonly #session: VaultSession;

  constructor(store: VaultStore, session: VaultSession) {
    this.#store = store;
    this.#session = session;
  }

  /** Newest first, expired ones removed first. A row that does not open is left out (and kept), as in the code list. */
  async list(): Promise<DeletedAccount[]> {
    const { vk, vaultId } = this.#session.requireUnlocked();
    await this.purgeExpired();
    const rows = await this.#store.read((db) => db.deleted.orderBy('deletedAt').reverse().toArray());
    const opened = await Promise.all(
      rows.map(async (row) => {
        try {
          return { account: await openAccount(vk, vaultId, row), deletedAt: row.deletedAt, removeAt: row.deletedAt + KEEP_DELETED_MS };
        } catch {
          return null;
        }
      }),
    );
    return opened.filter((d): d is DeletedAccount => d !== null);
  }

  /**
   * Puts the account back at its old place. It is written as a change (`backedUpAt` 0): a backup
   * taken while it was deleted does not hold it. Only if the deleted row is still the one read
   * (another tab may have restored or removed it meanwhile): `vault/account-not-found` otherwise.
   */
  async restore(id: string): Promise<Account> {
    const { vk, vaultId } = this.#session.requireUnlocked();
    const row = await this.#store.read((db) => db.deleted.get(id));
    if (row === undefined) throw new AppError('vault/account-not-found');
    const account = await openAccount(vk, vaultId, row);
    const updatedAt = nextUpdatedAt(this.#session.now(), account.updatedAt);
    const restored: Account = { ...account, updatedAt, changedAt: updatedAt, backedUpAt: 0 };
    const { iv, ct } = await sealAccount(vk, vaultId, restored);
    await this.#store.write(['accounts', 'deleted'], async (db) => {
      const current = await db.deleted.get(id);
      if (current === undefined || !sameRow(current, row) || (await db.accounts.get(id)) !== undefined) {
        throw new AppError('vault/account-not-found');
      }
      const taken = (await db.accounts.where('sortKey').equals(row.sortKey).count()) > 0;
      const last = await db.accounts.orderBy('sortKey').last();
      const sortKey = taken ? (last?.sortKey ?? 0) + 1 : row.sortKey;
      await db.deleted.delete(id);
      await db.accounts.add({ id, sortKey, updatedAt, iv, ct });
    });
    return restored;
  }

  /** Removes it for good. */
  async remove(id: string): Promise<void> {
    this.#session.requireUnlocked();
    await this.#store.write(['deleted'], async (db) => {
      if ((await db.deleted.get(id)) === undefined) throw new AppError('vault/account-not-found');
      await db.deleted.delete(id);
    });
  }

  /** Removes what was deleted more than 30 days ago (VaultService runs it on every unlock); returns how many. */
  async purgeExpired(): Promise<number> {
    // Usually nothing is deleted: one read, and no write transaction at each unlock.
    const oldest = await this.#store.read((db) => db.deleted.orderBy('deletedAt').first());
    if (oldest === undefined) return 0;
    const before = this.#session.now() - KEEP_DELETED_MS;
    if (oldest.deletedAt >= before) return 0;
    return this.#store.write(['deleted'], (db) => db.deleted.where('deletedAt').below(before).delete());
  }
}

function sameRow(a: DeletedRow, b: DeletedRow): boolean {
  return a.deletedAt === b.deletedAt && bytesEqual(a.iv, b.iv) && bytesEqual(a.ct, b.ct);
}
