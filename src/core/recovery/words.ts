/**
 * @file Recovery-kit bytes as BIP-39 words (docs/security.md, "Recovery kit"), through the audited
 * `@scure/bip39` lists in English and Japanese. A sheet's bytes are cut into groups of 16–32 bytes
 * (BIP-39's entropy sizes), each written as one mnemonic with its own checksum, so that a word
 * typed wrong is caught and its group named. Reading accepts either list (told apart by the
 * words), any whitespace (Japanese mnemonics use U+3000), any case, and an English word by its
 * first four letters, which BIP-39 makes unique.
 */
import { entropyToMnemonic, mnemonicToEntropy } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { AppError } from '../errors';

export type WordLanguage = 'en' | 'ja';

const LISTS: Record<WordLanguage, readonly string[]> = { en: english, ja: japanese };

/**
 * A typed word that is not in the list (`recovery/unknown-word`), or a group whose checksum fails
 * (`recovery/checksum`). `from`/`to` are 1-based word positions, never the words themselves: the
 * words are the secret.
 */
export class RecoveryWordError extends AppError {
  readonly from: number;
  readonly to: number;

  constructor(code: 'recovery/unknown-word' | 'recovery/checksum', from: number, to: number) {
    super(code);
    this.from = from;
    this.to = to;
  }
}

/** NFKD (as BIP-39 compares words) → word index, per list; built on first use. */
let lookups: Record<WordLanguage, Map<string, number>> | undefined;

function lookup(): Record<WordLanguage, Map<string, number>> {
  lookups ??= {
    en: new Map(english.map((w, i) => [w.normalize('NFKD'), i])),
    ja: new Map(japanese.map((w, i) => [w.normalize('NFKD'), i])),
  };
  return lookups;
}

/** Group sizes in bytes for a sheet of `length` bytes: 32 → [32], 40 → [16, 24]. */
export function wordGroups(length: number): number[] {
  if (length === 32) return [32];
  if (length === 40) return [16, 24];
  throw new AppError('recovery/invalid');
}

/** Words per group: 3 words per 4 bytes (BIP-39: 11 bits a word, 1 checksum bit per 4 bytes). */
function wordsFor(bytes: number): number {
  return (bytes / 4) * 3;
}

/** The words for `bytes` (32 or 40 bytes), as NFC text ready to print. */
export function bytesToWords(bytes: Uint8Array, language: WordLanguage): string[] {
  const words: string[] = [];
  let offset = 0;
  for (const size of wordGroups(bytes.length)) {
    const mnemonic = entropyToMnemonic(bytes.slice(offset, offset + size), LISTS[language] as string[]);
    words.push(...mnemonic.normalize('NFC').split(/[\s\u3000]+/u));
    offset += size;
  }
  return words;
}

/** Splits what someone typed into words: spaces, ideographic spaces, commas, new lines, numbering like "1." . */
export function splitWords(text: string): string[] {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .split(/[\s\u3000,、，;]+/u)
    .filter((w) => w !== '' && !/^\d+[.)]?$/u.test(w));
}

function indexOfWord(word: string): { language: WordLanguage; index: number } | undefined {
  const maps = lookup();
  for (const language of ['en', 'ja'] as const) {
    const index = maps[language].get(word);
    if (index !== undefined) return { language, index };
  }
  // BIP-39 English words are unique by their first four letters.
  if (/^[a-z]{4,}$/u.test(word)) {
    const index = english.findIndex((w) => w.startsWith(word.slice(0, 4)));
    if (index >= 0 && english[index]!.startsWith(word)) return { language: 'en', index };
  }
  return undefined;
}

/**
 * The bytes of a 24- or 30-word sheet. Throws `RecoveryWordError` naming the first unknown word or
 * the group whose checksum fails, `recovery/invalid` for another number of words or a mix of
 * languages.
 */
export function wordsToBytes(text: string): { bytes: Uint8Array; language: WordLanguage } {
  const typed = splitWords(text);
  const found = typed.map((word, i) => {
    const hit = indexOfWord(word);
    if (hit === undefined) throw new RecoveryWordError('recovery/unknown-word', i + 1, i + 1);
    return hit;
  });
  const length = found.length === 24 ? 32 : found.length === 30 ? 40 : 0;
  if (length === 0) throw new AppError('recovery/invalid');
  const language = found[0]!.language;
  if (found.some((f) => f.language !== language)) throw new AppError('recovery/invalid');
  const list = LISTS[language] as string[];
  const out = new Uint8Array(length);
  let offset = 0;
  let word = 0;
  for (const size of wordGroups(length)) {
    const count = wordsFor(size);
    const group = found.slice(word, word + count).map((f) => list[f.index]!);
    try {
      out.set(mnemonicToEntropy(group.join(' '), list), offset);
    } catch {
      throw new RecoveryWordError('recovery/checksum', word + 1, word + count);
    }
    offset += size;
    word += count;
  }
  return { bytes: out, language };
}
