/**
 * @file The wrong-passphrase backoff (core/backoff.ts decides the delays). Its state lives in the
 * database beside the vault (`meta`, BACKOFF_KEY), not in the tab's memory: reloading the page or
 * opening a second tab does not reset the wait, and two tabs count their wrong guesses together.
 * It covers every place that takes the vault passphrase as a proof on its own: the lock screen and
 * the re-authentication dialog. A successful unlock or proof (passphrase or passkey) resets it.
 *
 * Storage trouble never lifts the wait and never hides a wrong-passphrase error: when the row
 * cannot be read, the last state this tab knew stands in for it, and a count this tab could not
 * store keeps counting in this tab (as the backoff did before it was stored) until a success here.
 */
import { unlockDelayMs } from '../../core/backoff';
import { AppError } from '../../core/errors';
import { BACKOFF_KEY, type BackoffState } from '../../storage/schema';
import type { VaultStore } from './store';

const NONE: BackoffState = Object.freeze({ failures: 0, lastFailureAt: 0 });

function parseState(value: unknown): BackoffState {
  if (typeof value !== 'object' || value === null) return NONE;
  const { failures, lastFailureAt } = value as Partial<BackoffState>;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  return ok(failures) && ok(lastFailureAt) ? { failures, lastFailureAt } : NONE;
}

export class PassphraseBackoff {
  readonly #store: VaultStore;
  readonly #now: () => number;
  #known: BackoffState = NONE;
  /** A count whose write failed; it stands until this tab's next success. */
  #unsaved: BackoffState | null = null;

  constructor(store: VaultStore, now: () => number) {
    this.#store = store;
    this.#now = now;
  }

  async #read(): Promise<BackoffState> {
    try {
      this.#known = parseState((await this.#store.read((db) => db.meta.get(BACKOFF_KEY)))?.value);
    } catch {
      // Keep the last known state (see the file header).
    }
    if (this.#unsaved !== null && this.#unsaved.failures > this.#known.failures) this.#known = this.#unsaved;
    // A clock set back before the last failure would otherwise hold the full wait until it
    // caught up again: count the wait from now instead.
    const now = this.#now();
    if (this.#known.lastFailureAt > now) await this.#write({ ...this.#known, lastFailureAt: now });
    return this.#known;
  }

  async #write(next: BackoffState): Promise<void> {
    this.#known = next;
    try {
      await this.#store.write(['meta'], (db) => db.meta.put({ key: BACKOFF_KEY, value: next }));
    } catch {
      // The wait still holds in this tab; the wrong-passphrase error matters more than this row.
    }
  }

  #remaining(state: BackoffState): number {
    const delay = unlockDelayMs(state.failures);
    return Math.min(delay, Math.max(0, state.lastFailureAt + delay - this.#now()));
  }

  /** Milliseconds until another passphrase is accepted (0 = now). */
  async delayMs(): Promise<number> {
    return this.#remaining(await this.#read());
  }

  /** Throws `vault/retry-later` while the wait runs. */
  async check(): Promise<void> {
    if (this.#remaining(await this.#read()) > 0) throw new AppError('vault/retry-later', { field: 'passphrase' });
  }

  /** One more wrong passphrase, counted in one transaction so two tabs never lose one. */
  async recordFailure(): Promise<void> {
    const at = this.#now();
    try {
      this.#known = await this.#store.write(['meta'], async (db) => {
        const next = { failures: parseState((await db.meta.get(BACKOFF_KEY))?.value).failures + 1, lastFailureAt: at };
        await db.meta.put({ key: BACKOFF_KEY, value: next });
        return next;
      });
    } catch {
      this.#known = { failures: this.#known.failures + 1, lastFailureAt: at };
      this.#unsaved = this.#known;
    }
  }

  /** The passphrase or a passkey was right: no wait, and nothing written when there was none. */
  async reset(): Promise<void> {
    this.#known = NONE;
    this.#unsaved = null;
    try {
      await this.#store.write(['meta'], async (db) => {
        if ((await db.meta.get(BACKOFF_KEY)) !== undefined) await db.meta.delete(BACKOFF_KEY);
      });
    } catch {
      // A count left behind only makes a later wrong guess wait sooner; the user is in.
    }
  }
}
