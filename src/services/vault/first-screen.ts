/**
 * @file The list's first screen, remembered so that an unlock or a start opens only its rows
 * before the first code (#19): at 10,000 accounts opening every record took about 420 ms of a
 * 2-core machine after the key was ready, and the first screen needs about 60 of them.
 *
 * The list itself says which accounts it showed first, in its order (the order depends on the sort
 * mode, favourites and the chosen group, all inside the ciphertext or the page's preferences): their
 * ids, sealed under the vault key like a record (id `FIRST_SCREEN_RECORD`, never an account's), are
 * one row of `meta` (storage/schema.ts, FIRST_SCREEN_KEY). It is a hint only: ids no longer in the
 * vault are passed over, an account that should now be on the first screen comes with the rest a
 * moment later, and a row that does not open (damaged, another vault key) means "open them all",
 * as before. The whole list always follows the first screen's.
 */
import type { Sealed } from '../../core/crypto/aead';
import { openRecord, sealRecord } from '../../core/crypto/vault-keys';
import { FIRST_SCREEN_SIZE, type AccountRow, type FirstScreenRow } from '../../storage/schema';

/** The record id in the AAD: not a UUID, so never an account's. */
const FIRST_SCREEN_RECORD = 'list:first-screen';

/** The start's rows and the first screen's sealed ids read with them. */
export interface StartList {
  /**
   * Every row in vault order; null when the start only counted them (a vault of more rows than a
   * first screen, with one remembered: `readRows` reads the first screen's, the live query the rest).
   */
  rows: AccountRow[] | null;
  /** How many rows the vault holds. */
  count: number;
  firstScreen: FirstScreenRow | undefined;
  /** With `rows` null: the rows of these ids that exist, in vault order (null: the read failed). */
  readRows?: (ids: readonly string[]) => Promise<AccountRow[] | null>;
  /** Once the start has opened `firstScreen`: its rows, or null when none is to be shown alone. */
  first?: AccountRow[] | null;
}

export function sealFirstScreen(vk: CryptoKey, vaultId: string, ids: readonly string[]): Promise<Sealed> {
  return sealRecord(vk, vaultId, FIRST_SCREEN_RECORD, ids.slice(0, FIRST_SCREEN_SIZE));
}

/** The remembered ids, or null when there are none or they do not open. */
export async function openFirstScreen(vk: CryptoKey, vaultId: string, row: FirstScreenRow | undefined): Promise<string[] | null> {
  const sealed = row?.value;
  if (!(sealed?.iv instanceof Uint8Array) || !(sealed.ct instanceof Uint8Array)) return null;
  try {
    const ids = await openRecord(vk, vaultId, FIRST_SCREEN_RECORD, sealed);
    return Array.isArray(ids) && ids.length <= FIRST_SCREEN_SIZE && ids.every((id) => typeof id === 'string') ? (ids as string[]) : null;
  } catch {
    return null;
  }
}

/**
 * The rows of `ids` that still exist, in the rows' own (vault) order; null when none does, or when
 * they are every row (a vault whose first screen is all of it gets the whole list at once).
 */
export function firstScreenRows(rows: readonly AccountRow[], ids: readonly string[] | null): AccountRow[] | null {
  if (ids === null) return null;
  const wanted = new Set(ids);
  const found = rows.filter((row) => wanted.has(row.id));
  return found.length === 0 || found.length === rows.length ? null : found;
}
