/** @file Search over decrypted accounts (in memory only; nothing here is ever indexed at rest). */
import type { Account } from './account';

/** Case-, width- and compatibility-form-insensitive, so ｇｏｏｇｌｅ finds Google. */
function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

type Searchable = Pick<Account, 'issuer' | 'name'>;

/**
 * Folded issuer and name per account object, computed once: accounts are immutable snapshots
 * (a change delivers a new object), so a keystroke over 10,000 accounts only runs `includes`.
 */
const folded = new WeakMap<Searchable, readonly [string, string]>();

function foldedOf(a: Searchable): readonly [string, string] {
  let f = folded.get(a);
  if (f === undefined) {
    f = [fold(a.issuer), fold(a.name)];
    folded.set(a, f);
  }
  return f;
}

/** Warms the cache (e.g. when a new list arrives, before the first keystroke). */
export function prepareSearch(accounts: readonly Searchable[]): void {
  for (const a of accounts) foldedOf(a);
}

export function filterAccounts<T extends Searchable>(accounts: readonly T[], query: string): readonly T[] {
  const q = fold(query.trim());
  if (!q) return accounts;
  return accounts.filter((a) => {
    const [issuer, name] = foldedOf(a);
    return issuer.includes(q) || name.includes(q);
  });
}
