/** @file Search over decrypted accounts (in memory only; nothing here is ever indexed at rest). */
import type { Account } from './account';

/** Katakana that have a hiragana twin, 0x60 code points below (ァ–ヶ, and the marks ヽ ヾ). */
const KATAKANA = /[\u30a1-\u30f6\u30fd\u30fe]/g;
/**
 * A dash typed after kana is a long-vowel mark typed with the wrong key (ヤフ-, ヤフ―, ヤフ−):
 * hyphen-minus, the Unicode hyphens and dashes, the minus sign and box-drawing lines.
 */
const DASHES_AFTER_KANA = /([\u3041-\u3096\u309d\u309e\u30fc])([-\u2010-\u2015\u2212\u2500\u2501]+)/g;

/**
 * Case-, width- and compatibility-form-insensitive, so ｇｏｏｇｌｅ finds Google; and kana-insensitive,
 * so やふー, ヤフー and ﾔﾌｰ find one another (katakana read as hiragana, long-vowel marks as ー).
 */
function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(KATAKANA, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(DASHES_AFTER_KANA, (_whole, kana: string, dashes: string) => kana + 'ー'.repeat(dashes.length));
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
    f = [foldForSearch(a.issuer), foldForSearch(a.name)];
    folded.set(a, f);
  }
  return f;
}

/** Warms the cache (e.g. when a new list arrives, before the first keystroke). */
export function prepareSearch(accounts: readonly Searchable[]): void {
  for (const a of accounts) foldedOf(a);
}

export function filterAccounts<T extends Searchable>(accounts: readonly T[], query: string): readonly T[] {
  const q = foldForSearch(query.trim());
  if (!q) return accounts;
  return accounts.filter((a) => {
    const [issuer, name] = foldedOf(a);
    return issuer.includes(q) || name.includes(q);
  });
}
