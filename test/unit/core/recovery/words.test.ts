import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToWords, RecoveryWordError, wordsToBytes } from '../../../../src/core/recovery/words';
import { expectAppError } from '../../fixtures/expect-app-error';

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}

describe('recovery words', () => {
  it('matches the BIP-39 test vector for 32 bytes of 0x00 (English)', () => {
    const words = bytesToWords(new Uint8Array(32), 'en');
    expect(words).toHaveLength(24);
    expect(words.slice(0, 23).every((w) => w === 'abandon')).toBe(true);
    expect(words[23]).toBe('art');
  });

  it('round-trips 32- and 40-byte sheets in English and Japanese, typed with any spacing', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean(), fc.constantFrom('en' as const, 'ja' as const), (key, long, language) => {
        const bytes = long ? new Uint8Array([...key, 1, 2, 3, 4, 5, 6, 7, 8]) : key;
        const words = bytesToWords(bytes, language);
        expect(words).toHaveLength(long ? 30 : 24);
        const typed = language === 'ja' ? words.join('\u3000') : `  ${words.map((w, i) => `${i + 1}. ${w.toUpperCase()}`).join('\n')} `;
        const back = wordsToBytes(typed);
        expect(back.language).toBe(language);
        expect(back.bytes).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('reads Japanese words whatever their Unicode normalisation', () => {
    const bytes = new Uint8Array(32).fill(0xa5);
    const words = bytesToWords(bytes, 'ja');
    expect(wordsToBytes(words.join(' ').normalize('NFKD')).bytes).toEqual(bytes);
    expect(wordsToBytes(words.join(' ').normalize('NFC')).bytes).toEqual(bytes);
  });

  it('accepts an English word by its first four letters', () => {
    const bytes = new Uint8Array(32).fill(0x3c);
    const words = bytesToWords(bytes, 'en');
    expect(wordsToBytes(words.map((w) => w.slice(0, 4)).join(' ')).bytes).toEqual(bytes);
  });

  it('names the position of a word that is not in the list', () => {
    const words = bytesToWords(new Uint8Array(32).fill(7), 'en');
    words[6] = 'zzzzq';
    const err = thrownBy(() => wordsToBytes(words.join(' ')));
    expect(err).toBeInstanceOf(RecoveryWordError);
    expect((err as RecoveryWordError).code).toBe('recovery/unknown-word');
    expect([(err as RecoveryWordError).from, (err as RecoveryWordError).to]).toEqual([7, 7]);
  });

  it('names the group whose checksum fails when a word is swapped for another list word', () => {
    const words = bytesToWords(new Uint8Array([...new Uint8Array(32).fill(9), 1, 2, 3, 4, 5, 6, 7, 8]), 'en');
    // Every word stays a list word; only the second group's 6-bit checksum can notice (fixed input: it does).
    const changed = [...words];
    changed[20] = changed[20] === 'zoo' ? 'abandon' : 'zoo';
    const err = thrownBy(() => wordsToBytes(changed.join(' ')));
    expect(err).toBeInstanceOf(RecoveryWordError);
    expect((err as RecoveryWordError).code).toBe('recovery/checksum');
    expect([(err as RecoveryWordError).from, (err as RecoveryWordError).to]).toEqual([13, 30]);
  });

  it('refuses other word counts and a mix of English and Japanese words', () => {
    const en = bytesToWords(new Uint8Array(32), 'en');
    const ja = bytesToWords(new Uint8Array(32), 'ja');
    expectAppError(() => wordsToBytes(en.slice(0, 23).join(' ')), 'recovery/invalid');
    expectAppError(() => wordsToBytes([...ja.slice(0, 12), ...en.slice(12)].join(' ')), 'recovery/invalid');
    expectAppError(() => wordsToBytes(''), 'recovery/invalid');
  });
});
