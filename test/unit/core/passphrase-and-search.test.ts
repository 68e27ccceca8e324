import { describe, expect, it } from 'vitest';
import { filterAccounts } from '../../../src/core/account-search';
import { estimateEntropyBits, passphraseLength, passphraseStrength } from '../../../src/core/passphrase-strength';

describe('passphrase strength hint', () => {
  it('grows with length and variety', () => {
    expect(passphraseStrength('')).toBe('weak');
    expect(passphraseStrength('password')).toBe('weak');
    expect(passphraseStrength('aaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passphraseStrength('correct horse battery staple')).toBe('strong');
    expect(estimateEntropyBits('Tr0ub4dor&3x')).toBeGreaterThan(estimateEntropyBits('troubadorxx'));
  });

  it('counts Japanese passphrases by the characters typed, not bytes or UTF-16 units', () => {
    expect(passphraseLength('おまもり')).toBe(4);
    expect(passphraseLength('𠮷野家')).toBe(3);
    // Half-width katakana is folded to full width (NFKC) like the KDF input.
    expect(passphraseLength('ｵﾏﾓﾘ')).toBe(4);
    expect(passphraseStrength('おまもりのあいことば')).not.toBe('weak');
    expect(passphraseStrength('東京特許許可局長今日急遽休暇許可拒否')).toBe('strong');
  });
});

describe('account search', () => {
  const accounts = [
    { issuer: 'GitHub', name: 'octocat' },
    { issuer: 'Google', name: 'me@gmail.com' },
    { issuer: '楽天', name: 'taro' },
    { issuer: '', name: 'ＡＷＳ root' },
  ];

  it('matches issuer or name, ignoring case and full/half width', () => {
    expect(filterAccounts(accounts, 'git')).toEqual([accounts[0]]);
    expect(filterAccounts(accounts, 'GMAIL')).toEqual([accounts[1]]);
    expect(filterAccounts(accounts, 'ｇｏｏ')).toEqual([accounts[1]]);
    expect(filterAccounts(accounts, '楽天')).toEqual([accounts[2]]);
    expect(filterAccounts(accounts, 'aws')).toEqual([accounts[3]]);
  });

  it('finds katakana by hiragana and hiragana by katakana, half-width and long-vowel marks alike', () => {
    const kana = [
      { issuer: 'ヤフー', name: '' },
      { issuer: 'めるかり', name: '' },
      { issuer: 'Bank', name: 'ﾀﾛｳ' },
      { issuer: 'ヴィーガン', name: '' },
    ];
    expect(filterAccounts(kana, 'やふー')).toEqual([kana[0]]);
    expect(filterAccounts(kana, 'ﾔﾌｰ')).toEqual([kana[0]]);
    // The long-vowel mark typed as a dash, a minus sign or a box line.
    for (const q of ['やふ-', 'ヤフ―', 'やふ−', 'ヤフ─']) expect(filterAccounts(kana, q), q).toEqual([kana[0]]);
    expect(filterAccounts(kana, 'メルカリ')).toEqual([kana[1]]);
    expect(filterAccounts(kana, 'たろう')).toEqual([kana[2]]);
    expect(filterAccounts(kana, 'ゔぃーがん')).toEqual([kana[3]]);
    // A dash elsewhere stays a dash, and kana does not match unrelated kana.
    expect(filterAccounts([{ issuer: 'my-site', name: '' }], 'my-site')).toHaveLength(1);
    expect(filterAccounts([{ issuer: 'my-site', name: '' }], 'myーsite')).toHaveLength(0);
    expect(filterAccounts(kana, 'やふう')).toEqual([]);
  });

  it('returns everything for an empty query and nothing for a miss', () => {
    expect(filterAccounts(accounts, '  ')).toBe(accounts);
    expect(filterAccounts(accounts, 'zzz')).toEqual([]);
  });
});

describe('unlock back-off', () => {
  it('is free for five attempts, then doubles from 1 s and stops at 30 s', async () => {
    const { unlockDelayMs } = await import('../../../src/core/backoff');
    expect([0, 4, 5, 6, 7, 9, 10, 50].map(unlockDelayMs)).toEqual([0, 0, 1000, 2000, 4000, 16000, 30000, 30000]);
  });
});
