/**
 * @file The order and grouping of the code list (pure; no DOM, no storage): favourites first in
 * every sort mode, issuer A–Z by the locale's collation, recently used, custom order (the vault's
 * order), group filters and the group names shown as chips.
 */
import type { Account } from './account';

export type SortMode = 'custom' | 'issuer' | 'recent';

type Orderable = Pick<Account, 'issuer' | 'name' | 'favourite' | 'lastUsedAt'>;
type Grouped = Pick<Account, 'groups'>;

/** One collator per locale; creating them is the slow part of comparing strings. */
const collators = new Map<string, Intl.Collator>();
export function collatorFor(locale: string): Intl.Collator {
  let c = collators.get(locale);
  if (c === undefined) {
    c = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, c);
  }
  return c;
}

/** Every group name in use, unique, sorted by the locale's collation. */
export function groupNames(accounts: readonly Grouped[], locale: string): string[] {
  const names = new Set<string>();
  for (const a of accounts) for (const g of a.groups) names.add(g);
  const collator = collatorFor(locale);
  return [...names].sort((x, y) => collator.compare(x, y) || (x < y ? -1 : x > y ? 1 : 0));
}

/** The accounts of one group; `null` means all accounts. Keeps the order. */
export function filterByGroup<T extends Grouped>(accounts: readonly T[], group: string | null): readonly T[] {
  if (group === null) return accounts;
  return accounts.filter((a) => a.groups.includes(group));
}

/**
 * Accounts in display order. `accounts` comes in the custom order (the vault's order); every mode
 * is stable against it, and favourites always come first.
 */
export function sortAccounts<T extends Orderable>(accounts: readonly T[], mode: SortMode, locale: string): T[] {
  const indexed = accounts.map((account, index) => ({ account, index }));
  const byMode = modeComparator(mode, locale);
  indexed.sort((x, y) => Number(y.account.favourite) - Number(x.account.favourite) || byMode(x.account, y.account) || x.index - y.index);
  return indexed.map((e) => e.account);
}

function modeComparator(mode: SortMode, locale: string): (a: Orderable, b: Orderable) => number {
  if (mode === 'issuer') {
    const collator = collatorFor(locale);
    return (a, b) => collator.compare(a.issuer || a.name, b.issuer || b.name) || collator.compare(a.name, b.name);
  }
  // Most recent first; never used (0) last, in custom order among themselves.
  if (mode === 'recent') return (a, b) => b.lastUsedAt - a.lastUsedAt;
  return () => 0;
}

/** Favourites and the others, each in display order (the input is already sorted). */
export function splitFavourites<T extends Pick<Account, 'favourite'>>(sorted: readonly T[]): { favourites: T[]; others: T[] } {
  const favourites: T[] = [];
  const others: T[] = [];
  for (const a of sorted) (a.favourite ? favourites : others).push(a);
  return { favourites, others };
}

/** `ids` with the item at `from` moved to `to` (both clamped); a new array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}

/** Splits items into rows of `columns` (at least 1), for a windowed grid. */
export function chunkRows<T>(items: readonly T[], columns: number): T[][] {
  const n = Math.max(1, Math.floor(columns));
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += n) rows.push(items.slice(i, i + n));
  return rows;
}

/**
 * The custom order after `ids` (a subset, in their new order) moved among their own places, as
 * the vault's setOrder stores it: used to show a move at once, before the vault reports back.
 */
export function applyOrder<T extends Pick<Account, 'id'>>(accounts: readonly T[], ids: readonly string[]): T[] {
  const byId = new Map(accounts.map((a, i) => [a.id, i] as const));
  const slots = ids.map((id) => byId.get(id)).filter((i): i is number => i !== undefined);
  if (slots.length !== ids.length || new Set(slots).size !== slots.length) return [...accounts];
  const sortedSlots = [...slots].sort((a, b) => a - b);
  const out = [...accounts];
  sortedSlots.forEach((slot, k) => (out[slot] = accounts[slots[k] as number] as T));
  return out;
}
