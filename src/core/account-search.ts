/** @file Search over decrypted accounts (in memory only; nothing here is ever indexed at rest). */
import type { Account } from './account';

/** Case-, width- and compatibility-form-insensitive, so ｇｏｏｇｌｅ finds Google. */
function fold(text: string): string {
  return text.normalize('NFKC').toLocaleLowerCase();
}

export function filterAccounts<T extends Pick<Account, 'issuer' | 'name'>>(accounts: readonly T[], query: string): readonly T[] {
  const q = fold(query.trim());
  if (!q) return accounts;
  return accounts.filter((a) => fold(a.issuer).includes(q) || fold(a.name).includes(q));
}
