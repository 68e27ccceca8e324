/**
 * @file English indefinite articles before a name we do not control (an app's name in "Read as
 * an Aegis export"): chosen by the sound the name starts with, not its first letter, so that
 * "a 2FAS", "an andOTP", "a TOTP Authenticator" and "an HOTP" all read right. Used by `t()` for
 * a `{name:a}` placeholder; Japanese templates have no articles and never use the modifier.
 */

/** Letters whose spoken name starts with a vowel sound (eff, aitch, ell…), for initialisms. */
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');

/** Words that start with a vowel letter but a consonant sound (a unique, a one-time, a European). */
const CONSONANT_SOUND_START = /^(?:uni|use|usa|usu|ura|ure|uri|uro|uti|ubi|eu|ewe|one\b|once\b)/i;

/** Words that start with a silent h (an hour, an honest). */
const SILENT_H = /^(?:hour|honest|honou?r|heir)/i;

/** Numbers said with a vowel first: eight, eighty…, eleven, eighteen (and their thousands). */
const VOWEL_NUMBER = /^(?:8|1[18](?:,?\d{3})*(?!\d))/;

export function indefiniteArticle(name: string): 'a' | 'an' {
  const text = name.trim();
  const word = /^[^\s/(]+/.exec(text)?.[0] ?? '';
  if (word === '') return 'a';
  if (/^\d/.test(word)) return VOWEL_NUMBER.test(word) ? 'an' : 'a';
  // An initialism (HOTP, TOTP, FIDO2, 2FA aside) is read letter by letter: its first letter's name decides.
  const letters = word.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 2 && letters === letters.toUpperCase()) return VOWEL_SOUND_LETTERS.has(letters[0]!) ? 'an' : 'a';
  if (SILENT_H.test(word)) return 'an';
  if (CONSONANT_SOUND_START.test(word)) return 'a';
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

/** "an Aegis", "a 2FAS": the name with its article. */
export function withArticle(name: string): string {
  return `${indefiniteArticle(name)} ${name}`;
}
