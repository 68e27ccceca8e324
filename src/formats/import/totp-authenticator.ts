/**
 * @file TOTP Authenticator (BinaryBoot, Android) backups (docs/formats.md): base64 text of
 * AES-256-CBC (PKCS#7, zero IV, key = SHA-256 of the password; the app's default password is
 * "TotpAuthenticator"). The plaintext is a JSON object whose first *key* is the JSON text of
 * the entry array. Keys are hex (`"base": 16`). The app's codes are SHA-1/6 digits/30 s:
 * like Aegis we ignore the `digits`/`period` strings some entries carry.
 */
import { AppError, throwIfAborted } from '../../core/errors';
import { aesCbcDecrypt, requirePassword, sha256 } from './crypto';
import { accountDraft, bytesToSecretB32, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { base64ToBytes, hasExtension, hexToBytes, int, isRecord, jsonOfBytes, parseJsonText, str, typed } from './input';
import type { ImportOptions, ImportResult, Importer, ParsedInput } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const MAX_BYTES = 16 * 1024 * 1024;

function cipherBytes(input: ParsedInput): Uint8Array | null {
  if (input.bytes.length < 24 || input.bytes.length > MAX_BYTES) return null;
  const text = input.text?.trim();
  if (text === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return null;
  const raw = base64ToBytes(text);
  return raw !== null && raw.length >= 16 && raw.length % 16 === 0 ? raw : null;
}

function secretOf(e: Record<string, unknown>): string {
  const key = str(e.key).trim();
  const base = int(e.base, 16);
  if (base === 32) return canonicalB32(key);
  const bytes = base === 16 ? hexToBytes(key) : null;
  if (bytes === null || bytes.length === 0) throw new AppError('account/invalid-secret', { field: 'secret' });
  return bytesToSecretB32(bytes);
}

/** The decrypted JSON: `{"<JSON array of entries>": "<timestamp>"}`. */
export function readTotpAuthenticatorPlain(plain: Uint8Array): ImportResult {
  const outer = jsonOfBytes(plain);
  if (!isRecord(outer)) throw new AppError('import/damaged');
  const first = Object.keys(outer)[0];
  const entries = first === undefined ? null : parseJsonText(first);
  if (!Array.isArray(entries)) throw new AppError('import/damaged');
  return readTotpAuthenticatorEntries('totp-authenticator', entries);
}

/** The app's entry list: in its backups, and as STATIC_TOTP_CODES_LIST in its preferences (android-prefs.ts). */
export function readTotpAuthenticatorEntries(format: string, entries: readonly unknown[]): ImportResult {
  return collectAccounts(
    format,
    entries,
    (e) => {
      if (!isRecord(e)) throw new AppError('import/damaged');
      const data = accountDraft('totp', { issuer: str(e.issuer), name: str(e.name), secretB32: secretOf(e) });
      return { data, extras: { groups: [str(e.accountHeaderLabel)], favourite: e.isFavorite === true } };
    },
    (e, i) => (isRecord(e) ? entryLabel(str(e.issuer), str(e.name), i) : `#${i + 1}`),
  );
}

export const totpAuthenticatorImporter: Importer = {
  id: 'totp-authenticator',
  label: 'TOTP Authenticator',
  sniff(input) {
    // No magic: base64 text of whole AES blocks, with one of the app's extensions or none.
    const name = input.fileName ?? '';
    if (name.includes('.') && !hasExtension(input, '.bin', '.encrypt', '.txt', '.backup')) return null;
    return cipherBytes(input) === null ? null : { encrypted: true };
  },
  async read(input, options: ImportOptions) {
    const ct = cipherBytes(input);
    if (ct === null) throw new AppError('import/damaged');
    const password = requirePassword(options.password);
    throwIfAborted(options.signal);
    const key = await sha256(utf8Encode(password));
    const plain = await aesCbcDecrypt(key, new Uint8Array(16), ct);
    key.fill(0);
    // Padding can survive a wrong key (about 1 in 256): garbage that is not our JSON.
    const outer = jsonOfBytes(plain);
    if (!isRecord(outer)) throw new AppError('import/wrong-password');
    return typed(() => readTotpAuthenticatorPlain(plain));
  },
};
