/**
 * @file A rough strength hint for a new passphrase. It estimates entropy from length and the
 * character classes used; it is a nudge, not a guarantee. Counted in code points, so Japanese
 * passphrases are judged by the characters a person typed, not by UTF-16 units or bytes.
 */

export type StrengthLevel = 'weak' | 'fair' | 'good' | 'strong';

export const MIN_PASSPHRASE_LENGTH = 8;

export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFKC')].length;
}

export function estimateEntropyBits(passphrase: string): number {
  const chars = [...passphrase.normalize('NFKC')];
  if (chars.length === 0) return 0;
  let pool = 0;
  if (chars.some((c) => /[a-z]/.test(c))) pool += 26;
  if (chars.some((c) => /[A-Z]/.test(c))) pool += 26;
  if (chars.some((c) => /[0-9]/.test(c))) pool += 10;
  if (chars.some((c) => /[\x20-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/.test(c))) pool += 33;
  // Kana alone is ~90 symbols; any kanji or other script widens the pool far more.
  if (chars.some((c) => /[\u3040-\u30ff]/.test(c))) pool += 90;
  if (chars.some((c) => c.codePointAt(0)! > 0x7f && !/[\u3040-\u30ff]/.test(c))) pool += 1000;
  // Repeated characters add little: count distinct characters at full weight, repeats at a quarter.
  const distinct = new Set(chars).size;
  const effective = distinct + (chars.length - distinct) / 4;
  return Math.round(effective * Math.log2(Math.max(pool, 2)));
}

export function passphraseStrength(passphrase: string): StrengthLevel {
  const bits = estimateEntropyBits(passphrase);
  if (bits < 40) return 'weak';
  if (bits < 60) return 'fair';
  if (bits < 80) return 'good';
  return 'strong';
}
