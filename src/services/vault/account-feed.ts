/**
 * @file Live account lists for every tab: Dexie's liveQuery observes the ciphertext rows, and each
 * delivery decrypts in the subscriber (through the record cache), never inside a transaction.
 * While locked a listener gets `[]`; after an unlock, the decrypted list again.
 *
 * Unlock at 10,000 accounts (#19): the rows are read while the passphrase's Argon2id runs
 * (`readAhead`), and the first list after the unlock opens those instead of waiting for its live
 * query's own first read; that read, when it finds the same rows, is not delivered a second time.
 * Which accounts come first (favourites, sort by name or use, the chosen group) is inside the
 * ciphertext or the page's preferences, so the list remembers its first screen's ids
 * (first-screen.ts, `rememberFirstScreen`): the first list after an unlock or a start is those
 * accounts alone (`partial`), opened from about 60 rows, and the whole list follows at once.
 */
import type { Account } from '../../core/account';
import { bytesEqual } from '../../core/crypto/bytes';
import { FIRST_SCREEN_KEY, FIRST_SCREEN_SIZE, type AccountRow, type FirstScreenRow } from '../../storage/schema';
import { firstScreenRows, openFirstScreen, sealFirstScreen, type StartList } from './first-screen';
import { openRows, type OpenedRecords } from './records';
import type { VaultKeys, VaultSession } from './session';
import type { VaultStore } from './store';

export interface AccountsInfo {
  /** Rows that did not decrypt; they are left out of the list, never deleted. */
  damagedCount: number;
  /** Only the remembered first screen's accounts; the whole list (`total` rows) comes next. */
  partial?: { total: number };
}
export type AccountsListener = (accounts: Account[], info: AccountsInfo) => void;

interface Subscription {
  listener: AccountsListener;
  rows: AccountRow[] | null;
  seq: number;
  /**
   * The remembered first screen's delivery (first-screen.ts): settles once it was delivered and
   * painted, or found not to be there. Every whole list waits for it, so it always comes first.
   */
  first?: Promise<void>;
}

/** The longest the whole list waits for the first screen's paint (a hidden page paints no frame). */
const PAINT_WAIT_MS = 200;
/**
 * Frames the first screen gets: a list of over 200 is windowed, and the virtualizer lays it out
 * over a few. Measured at 10,000 accounts (median of 5 unlocks, two runs each): 1 frame 246 ms
 * from the key to the first code, 3 frames 124-160 ms, 5 frames 122-131 ms.
 */
const PAINT_FRAMES = 5;

/**
 * Settles after the page has painted PAINT_FRAMES frames, or after PAINT_WAIT_MS. Opening the whole
 * list right after the first screen's delivery took every frame until it was done (a slice of 500
 * records, then the next), so the first screen was never painted on its own: measured at 1,000
 * accounts, its codes showed 150 ms after they were in the DOM.
 */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, PAINT_WAIT_MS);
    if (typeof requestAnimationFrame !== 'function') return;
    let frames = 0;
    const frame = (): void => {
      if (++frames < PAINT_FRAMES) requestAnimationFrame(frame);
      else setTimeout(resolve, 0);
    };
    requestAnimationFrame(frame);
  });
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
  #ahead: Promise<StartList | null> | undefined;
  /** The first screen's ids as last read or written (this unlock), so an unchanged one is not written again. */
  #firstScreen: string[] | null = null;

  constructor(store: VaultStore, session: VaultSession, records: OpenedRecords) {
    this.#store = store;
    this.#session = session;
    this.#records = records;
    session.onKeysChange(() => {
      if (session.keys === null) {
        this.#ahead = undefined;
        this.#firstScreen = null;
      }
      this.#redeliver();
    });
  }

  /**
   * Starts reading the rows and the first screen's ids now (while a key is derived), or takes
   * those just read; the next subscription starts from them. Every row, even of a large vault: read
   * while Argon2id runs in its Worker they cost the unlock nothing, where reading only the first
   * screen's by id after the key measured 30–70 ms slower at 1,000 and 10,000 accounts.
   */
  readAhead(start?: StartList): void {
    // A failed read only means the live query's own read is awaited instead. Two transactions: a
    // write of `meta` right after the key (the passphrase-typed date) need not wait for every row.
    const read = async (): Promise<StartList> => {
      const [rows, firstScreen] = await Promise.all([
        this.#store.read((db) => db.accounts.orderBy('sortKey').toArray()),
        this.#store.read((db) => db.meta.get(FIRST_SCREEN_KEY) as Promise<FirstScreenRow | undefined>),
      ]);
      return { rows, count: rows.length, firstScreen };
    };
    this.#ahead = start !== undefined ? Promise.resolve(start) : read().catch(() => null);
  }

  /**
   * Before the vault opens at start: the first screen's rows (all rows when none is remembered)
   * opened into the cache, so that the first list is there as soon as the list asks. When the start
   * only counted the rows, the first screen's are read now, by id; should that fail, the live
   * query's list is the first.
   */
  async openFirst(keys: VaultKeys, start: StartList): Promise<StartList> {
    const first = await this.#firstScreenRows(keys, start);
    const rows = first ?? start.rows;
    if (rows !== null) await openRows(keys.vk, keys.vaultId, rows, this.#records.cache);
    return { ...start, first };
  }

  /** The remembered first screen's rows, in vault order; null when there is none to show alone. */
  async #firstScreenRows(keys: VaultKeys, start: StartList): Promise<AccountRow[] | null> {
    const ids = await openFirstScreen(keys.vk, keys.vaultId, start.firstScreen);
    this.#firstScreen = ids;
    if (start.rows !== null) return firstScreenRows(start.rows, ids);
    const found = ids === null ? null : ((await start.readRows?.(ids).catch(() => null)) ?? null);
    return found !== null && found.length > 0 ? found : null;
  }

  /**
   * The ids of the list's first `FIRST_SCREEN_SIZE` accounts in the order it shows them now: sealed
   * into the vault when they changed, for the next unlock. Never throws (a hint that is not
   * written only costs the next unlock its head start). An empty list is not remembered: the list
   * draws one before its first rows arrive, which overwrote the first screen with nothing, so that
   * the next start opened every row (10,000 accounts: first code ~200 ms later); an empty vault
   * has no first screen to gain.
   */
  async rememberFirstScreen(shown: readonly { id: string }[]): Promise<void> {
    const keys = this.#session.keys;
    const head = shown.slice(0, FIRST_SCREEN_SIZE).map((a) => a.id);
    const known = this.#firstScreen;
    if (keys === null || head.length === 0 || (known !== null && known.length === head.length && known.every((id, i) => id === head[i]))) return;
    this.#firstScreen = head;
    try {
      const value = await sealFirstScreen(keys.vk, keys.vaultId, head);
      if (this.#session.keys !== keys) return;
      await this.#store.write(['meta'], (db) => db.meta.put({ key: FIRST_SCREEN_KEY, value }));
    } catch {
      this.#firstScreen = known;
    }
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
      void ahead.then((start) => {
        // Only if the live query has not answered meanwhile (its rows are the newer ones).
        if (start === null || sub.rows !== null || !this.#subscriptions.has(sub)) return;
        if (start.firstScreen !== undefined && start.first !== null) sub.first = this.#deliverFirstScreen(sub, start).catch(() => undefined);
        sub.rows = start.rows;
        void this.#deliver(sub);
      });
    }
    // Dexie (and so the live query) may still be loading: at start it comes after the first code,
    // which the rows read ahead already show. After a first screen, once it is painted: the live
    // query's own first read of every row held the page while the first codes were being laid out.
    let handle: { unsubscribe(): void } | undefined;
    void (async () => {
      await ahead;
      await sub.first;
    })()
      .then(() => this.#store.db())
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

  /** The remembered first screen's accounts alone, when there is one and nothing newer came meanwhile. */
  async #deliverFirstScreen(sub: Subscription, start: StartList): Promise<void> {
    const keys = this.#session.keys;
    if (keys === null) return;
    const rows = start.first !== undefined ? start.first : await this.#firstScreenRows(keys, start);
    if (rows === null || this.#session.keys !== keys) return;
    const { accounts } = await openRows(keys.vk, keys.vaultId, rows, this.#records.cache);
    if (!this.#subscriptions.has(sub) || this.#session.keys !== keys || accounts.length === 0) return;
    sub.listener(accounts, { damagedCount: 0, partial: { total: start.count } });
    await nextPaint();
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
    // The first screen comes first, with a frame of its own (a newer delivery supersedes this one meanwhile).
    if (sub.first !== undefined) {
      await sub.first;
      if (seq !== sub.seq) return;
    }
    const { cache } = this.#records;
    const { accounts, damagedCount } = await openRows(keys.vk, keys.vaultId, sub.rows, cache);
    cache.retain(sub.rows);
    // A newer emission, a lock or an unsubscribe happened while decrypting: drop this result.
    if (seq !== sub.seq || this.#session.keys !== keys || !this.#subscriptions.has(sub)) return;
    this.#records.damagedCount = damagedCount;
    sub.listener(accounts, { damagedCount });
  }
}
