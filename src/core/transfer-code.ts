/**
 * @file Transfer codes: a one-time, high-entropy secret the app generates for an export file,
 * shown as 6 groups of 5 base32 characters (150 bits). Typed on the other device; HKDF-SHA256
 * turns it into the slot's key (export-file.ts), no Argon2 needed at this entropy.
 */
import { AppError } from './errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TRANSFER_CODE_GROUPS = 6;
export const TRANSFER_CODE_GROUP_LENGTH = 5;
export const TRANSFER_CODE_LENGTH = TRANSFER_CODE_GROUPS * TRANSFER_CODE_GROUP_LENGTH;

/** 30 base32 characters from crypto.getRandomValues (256 is a multiple of 32: no modulo bias). */
export function generateTransferCode(): string {
  const random = crypto.getRandomValues(new Uint8Array(TRANSFER_CODE_LENGTH));
  let raw = '';
  for (const byte of random) raw += ALPHABET[byte & 31];
  random.fill(0);
  return formatTransferCode(raw);
}

/** 'ABCDE-FGHIJ-…' for display. */
export function formatTransferCode(code: string): string {
  const raw = normalizeTransferCode(code);
  const groups: string[] = [];
  for (let i = 0; i < raw.length; i += TRANSFER_CODE_GROUP_LENGTH) groups.push(raw.slice(i, i + TRANSFER_CODE_GROUP_LENGTH));
  return groups.join('-');
}

/**
 * What people type: any spaces, dashes and case. Digits 0, 1 and 8 are read as the letters
 * O, I and B, which base32 uses instead. Throws `file/invalid-transfer-code` when what remains
 * is not 30 base32 characters.
 */
export function normalizeTransferCode(input: string): string {
  const raw = input
    .normalize('NFKC')
    .replace(/[\s\-‐‑‒–—―ー・.]/g, '')
    .toUpperCase()
    .replace(/0/g, 'O')
    .replace(/1/g, 'I')
    .replace(/8/g, 'B');
  if (raw.length !== TRANSFER_CODE_LENGTH || ![...raw].every((ch) => ALPHABET.includes(ch))) {
    throw new AppError('file/invalid-transfer-code');
  }
  return raw;
}
