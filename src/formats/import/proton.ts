/**
 * @file Proton Authenticator exports (docs/formats.md): plain `{version, entries[]}` whose
 * entries hold an otpauth URI (or `steam://<base32>`), and the password-protected
 * `{version, salt, content}`: Argon2id (t=2, m=19 MiB, p=1) → AES-256-GCM, 12-byte nonce
 * prefix, AAD `proton.authenticator.export.v1`; its plaintext is the plain export.
 */
import { aesGcmDecrypt, argon2idForImport, requirePassword } from './crypto';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { base64ToBytes, isRecord, jsonOfBytes, requireJson, str, typed } from './input';
import { parseForeignUri } from './link-lists';
import { AppError, throwIfAborted } from '../../core/errors';
import type { AccountData } from '../../core/account';
import type { ImportOptions, ImportResult, Importer } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const AAD = 'proton.authenticator.export.v1';
const KDF = { m: 19_456, t: 2, p: 1 } as const;
const NONCE_BYTES = 12;

function isPlain(json: unknown): json is { entries: unknown[] } {
  return (
    isRecord(json) &&
    Array.isArray(json.entries) &&
    'version' in json &&
    json.entries.every((e) => isRecord(e) && isRecord(e.content) && typeof e.content.uri === 'string')
  );
}

function isEncrypted(json: unknown): json is { salt: string; content: string; version: unknown } {
  return isRecord(json) && typeof json.salt === 'string' && typeof json.content === 'string' && 'version' in json && !('entries' in json);
}

function entryToDraft(entry: unknown): { data: AccountData; extras: { notes: string } } {
  if (!isRecord(entry) || !isRecord(entry.content)) throw new AppError('import/damaged');
  const uri = str(entry.content.uri).trim();
  const name = str(entry.content.name);
  const notes = str(entry.note);
  const steam = /^steam:\/\/(.*)$/i.exec(uri);
  if (steam !== null) {
    // Proton keeps only the secret; the name is the entry's, the issuer is Steam's.
    const data = accountDraft('steam', { issuer: 'Steam', name, secretB32: canonicalB32(decodeURIComponentSafe(steam[1] ?? '')) });
    return { data, extras: { notes } };
  }
  const data = parseForeignUri(uri);
  if (data.name === '' && data.issuer === '') data.name = name;
  return { data, extras: { notes } };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new AppError('account/invalid-secret', { field: 'secret' });
  }
}

function labelOf(entry: unknown, index: number): string {
  if (!isRecord(entry) || !isRecord(entry.content)) return `#${index + 1}`;
  return entryLabel('', str(entry.content.name), index);
}

/** The plain export's JSON → accounts (also the decrypted content of the encrypted one). */
export function readProtonPlain(json: unknown): ImportResult {
  if (!isRecord(json) || !Array.isArray(json.entries)) throw new AppError('import/damaged');
  return collectAccounts('proton-authenticator', json.entries, entryToDraft, labelOf);
}

export const protonImporter: Importer = {
  id: 'proton-authenticator',
  label: 'Proton Authenticator',
  sniff(input) {
    const { json } = input;
    if (isPlain(json)) return { encrypted: false };
    if (isEncrypted(json)) return { encrypted: true };
    return null;
  },
  async read(input, options: ImportOptions) {
    const json = requireJson(input);
    if (!isEncrypted(json)) return typed(() => readProtonPlain(json));
    if (json.version !== 1) throw new AppError('import/unsupported');
    const password = requirePassword(options.password);
    const salt = base64ToBytes(json.salt);
    const content = base64ToBytes(json.content);
    if (salt === null || content === null || salt.length < 16 || salt.length > 64 || content.length < NONCE_BYTES + 16) {
      throw new AppError('import/damaged');
    }
    throwIfAborted(options.signal);
    const key = await argon2idForImport(password, { ...KDF, salt }, options);
    const plain = await aesGcmDecrypt(key, content.subarray(0, NONCE_BYTES), content.subarray(NONCE_BYTES), utf8Encode(AAD));
    key.fill(0);
    const inner = jsonOfBytes(plain);
    return typed(() => readProtonPlain(inner));
  },
};
