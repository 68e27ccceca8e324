/**
 * @file Changing stored accounts safely while other tabs write too: read, decrypt, change, seal,
 * then write only if every row is still the one read (optimistic, retried a few times). This
 * tab's own changes to one account are queued, so its HOTP draws never race each other.
 */
import { bytesEqual } from '../../core/crypto/bytes';
import type { Account } from '../../core/account';
import { AppError } from '../../core/errors';
import type { AccountRow } from '../../storage/db';
import { openAccount, sealAccount, type OpenedRecords } from './records';
import type { VaultSession } from './session';
import type { VaultStore } from './store';

/** Optimistic retries when another tab writes the same row between our read and write. */
const MAX_ATTEMPTS = 8;

export type AccountChange = (current: Account) => Account;

/** Strictly increasing per row, so that updatedAt identifies the version a writer read. */
export function nextUpdatedAt(now: number, previous: number): number {
  return Math.max(now, previous + 1);
}

export class AccountRewriter {
  readonly #store: VaultStore;
  readonly #session: VaultSession;
  readonly #records: OpenedRecords;
  /** Per-id queue so that this tab's own HOTP draws never race each other. */
  readonly #rowQueues = new Map<string, Promise<unknown>>();

  constructor(store: VaultStore, session: VaultSession, records: OpenedRecords) {
    this.#store = store;
    this.#session = session;
    this.#records = records;
  }

  /** One account; `content` false = not a change a backup needs (e.g. "last used"). */
  rewrite(id: string, change: AccountChange, content = true): Promise<Account> {
    const previous = this.#rowQueues.get(id) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.#rewriteOne(id, change, content));
    this.#rowQueues.set(id, run);
    const cleanup = (): void => {
      if (this.#rowQueues.get(id) === run) this.#rowQueues.delete(id);
    };
    run.then(cleanup, cleanup);
    return run;
  }

  /** Several accounts changed together: all or none (e.g. a group change). */
  rewriteMany(ids: readonly string[], change: AccountChange): Promise<Account[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.#rewriteRows([...new Set(ids)], change, true);
  }

  async #rewriteOne(id: string, change: AccountChange, content: boolean): Promise<Account> {
    const [next] = await this.#rewriteRows([id], change, content);
    if (next === undefined) throw new AppError('vault/account-not-found');
    return next;
  }

  async #rewriteRows(ids: readonly string[], change: AccountChange, content: boolean): Promise<Account[]> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { vk, vaultId } = this.#session.requireUnlocked();
      const rows = await this.#store.read((db) => db.accounts.bulkGet([...ids]));
      const prepared = await Promise.all(
        rows.map(async (row) => {
          if (row === undefined) throw new AppError('vault/account-not-found');
          const current = await openAccount(vk, vaultId, row);
          const updatedAt = nextUpdatedAt(this.#session.now(), row.updatedAt);
          const changedAt = content ? updatedAt : current.changedAt;
          const next: Account = { ...change(current), id: row.id, createdAt: current.createdAt, updatedAt, changedAt };
          return { row, next, sealed: await sealAccount(vk, vaultId, next) };
        }),
      );
      const committed = await this.#store.write(['accounts'], async (db) => {
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
        for (const { next, sealed } of prepared) this.#records.cache.set(sealed, next);
        return prepared.map((p) => p.next);
      }
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * (attempt + 1)));
    }
    throw new AppError('storage/failed');
  }
}
