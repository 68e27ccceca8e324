import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOrder, chunkRows, filterByGroup, groupNames, moveItem, sortAccounts, splitFavourites, type SortMode } from '../../../src/core/account-order';
import { filterAccounts, prepareSearch } from '../../../src/core/account-search';

interface Item {
  id: string;
  issuer: string;
  name: string;
  favourite: boolean;
  lastUsedAt: number;
  groups: string[];
}

let seq = 0;
function item(issuer: string, extra: Partial<Item> = {}): Item {
  return { id: `id${seq++}`, issuer, name: '', favourite: false, lastUsedAt: 0, groups: [], ...extra };
}
const issuers = (xs: readonly Item[]): string[] => xs.map((x) => x.issuer || x.name);

describe('sortAccounts', () => {
  const list = [
    item('Zoom'),
    item('github', { lastUsedAt: 50 }),
    item('Amazon', { favourite: true }),
    item('Bank', { lastUsedAt: 90 }),
    item('apple', { favourite: true, lastUsedAt: 10 }),
  ];

  it('custom order keeps the vault order, favourites first', () => {
    expect(issuers(sortAccounts(list, 'custom', 'en'))).toEqual(['Amazon', 'apple', 'Zoom', 'github', 'Bank']);
  });

  it('issuer A–Z compares with the locale collation (case-insensitive), favourites first', () => {
    expect(issuers(sortAccounts(list, 'issuer', 'en'))).toEqual(['Amazon', 'apple', 'Bank', 'github', 'Zoom']);
  });

  it('recently used puts the newest first and never-used last, in custom order', () => {
    const more = [...list, item('Never2'), item('Never1')];
    expect(issuers(sortAccounts(more, 'recent', 'en'))).toEqual(['apple', 'Amazon', 'Bank', 'github', 'Zoom', 'Never2', 'Never1']);
  });

  it('uses the account name when there is no issuer, and numbers in numeric order', () => {
    const xs = [item('Server 10'), item('', { name: 'mail' }), item('Server 9'), item('Bank')];
    expect(issuers(sortAccounts(xs, 'issuer', 'en'))).toEqual(['Bank', 'mail', 'Server 9', 'Server 10']);
  });

  it('sorts Japanese issuers in gojūon order, hiragana and katakana together', () => {
    const xs = ['さくら銀行', 'アマゾン', 'かめ', 'カメラ', 'あおぞら'].map((s) => item(s));
    expect(issuers(sortAccounts(xs, 'issuer', 'ja'))).toEqual(['あおぞら', 'アマゾン', 'かめ', 'カメラ', 'さくら銀行']);
  });

  it('breaks ties by name, then keeps the custom order (stable)', () => {
    const xs = [item('Google', { name: 'work' }), item('Google', { name: 'home' }), item('google', { name: 'home' })];
    const sorted = sortAccounts(xs, 'issuer', 'en');
    expect(sorted.map((x) => x.id)).toEqual([xs[1]!.id, xs[2]!.id, xs[0]!.id]);
  });

  it('is a permutation with favourites first, and stable, for any input and mode', () => {
    const arb = fc.array(
      fc.record({
        issuer: fc.constantFrom('', 'a', 'B', 'あ', 'ア', 'z', 'Z 2', 'Z 10'),
        name: fc.constantFrom('', 'x', 'Y'),
        favourite: fc.boolean(),
        lastUsedAt: fc.constantFrom(0, 1, 5, 9),
      }),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(arb, fc.constantFrom<SortMode>('custom', 'issuer', 'recent'), fc.constantFrom('en', 'ja'), (raw, mode, locale) => {
        const xs = raw.map((r, i) => ({ ...r, id: String(i), groups: [] }));
        const sorted = sortAccounts(xs, mode, locale);
        expect([...sorted].map((x) => x.id).sort()).toEqual(xs.map((x) => x.id).sort());
        const firstOther = sorted.findIndex((x) => !x.favourite);
        if (firstOther >= 0) expect(sorted.slice(firstOther).every((x) => !x.favourite)).toBe(true);
        // Sorting again gives the same order (the comparator is consistent).
        expect(sortAccounts(sorted, mode, locale).map((x) => x.id)).toEqual(sorted.map((x) => x.id));
        if (mode === 'custom') expect(sorted.filter((x) => !x.favourite).map((x) => x.id)).toEqual(xs.filter((x) => !x.favourite).map((x) => x.id));
        if (mode === 'recent') {
          const used = sorted.filter((x) => !x.favourite).map((x) => x.lastUsedAt);
          expect(used).toEqual([...used].sort((a, b) => b - a));
        }
      }),
    );
  });
});

describe('groups', () => {
  const xs = [item('A', { groups: ['Work', '家族'] }), item('B', { groups: ['banking'] }), item('C'), item('D', { groups: ['Work'] })];

  it('lists each group name once, in the locale collation', () => {
    expect(groupNames(xs, 'en')).toEqual(['banking', 'Work', '家族']);
    expect(groupNames([item('x', { groups: ['さ', 'あ', 'カ'] })], 'ja')).toEqual(['あ', 'カ', 'さ']);
    expect(groupNames([], 'en')).toEqual([]);
  });

  it('filters by group (null = all), keeping the order', () => {
    expect(issuers(filterByGroup(xs, 'Work'))).toEqual(['A', 'D']);
    expect(filterByGroup(xs, null)).toBe(xs);
    expect(filterByGroup(xs, 'missing')).toEqual([]);
  });

  it('splits favourites from the others', () => {
    const { favourites, others } = splitFavourites([item('F', { favourite: true }), item('O')]);
    expect(issuers(favourites)).toEqual(['F']);
    expect(issuers(others)).toEqual(['O']);
  });
});

describe('custom order helpers', () => {
  it('moveItem moves one item and clamps the target', () => {
    expect(moveItem(['a', 'b', 'c', 'd'], 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, 9)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b'], 5, 0)).toEqual(['a', 'b']);
  });

  it('applyOrder permutes a subset among its own places, like vault.setOrder', () => {
    const xs = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id }));
    expect(applyOrder(xs, ['d', 'b']).map((x) => x.id)).toEqual(['a', 'd', 'c', 'b', 'e']);
    expect(applyOrder(xs, ['e', 'a', 'c']).map((x) => x.id)).toEqual(['e', 'b', 'a', 'd', 'c']);
    // Unknown or repeated ids change nothing.
    expect(applyOrder(xs, ['zz', 'a']).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(applyOrder(xs, ['a', 'a']).map((x) => x.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('chunkRows cuts whole rows', () => {
    expect(chunkRows([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunkRows([1, 2], 0)).toEqual([[1], [2]]);
    expect(chunkRows([], 3)).toEqual([]);
  });
});

describe('search at scale', () => {
  it('finds one account among 10,000 and folds each name only once, not per keystroke', () => {
    let reads = 0;
    const xs = Array.from({ length: 10_000 }, (_, i) => {
      const a = item(`Service ${i}`, { name: `user${i}@example.com` });
      const issuer = a.issuer;
      Object.defineProperty(a, 'issuer', { get: () => (reads++, issuer) });
      return a;
    });
    prepareSearch(xs);
    expect(reads).toBe(10_000);
    expect(filterAccounts(xs, 'user9876@')).toEqual([xs[9876]]);
    expect(filterAccounts(xs, 'ＳＥＲＶＩＣＥ 4321')).toEqual([xs[4321]]);
    for (let i = 0; i < 10; i++) filterAccounts(xs, `service ${i}9`);
    expect(reads).toBe(10_000);
  });
});
