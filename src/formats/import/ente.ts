/**
 * @file Ente Auth's encrypted export (docs/formats.md): JSON `{version, kdfParams{memLimit,
 * opsLimit, salt}, encryptedData, encryptionNonce}`; key = libsodium crypto_pwhash Argon2id13
 * with the file's limits (Ente asks for 1 GiB), payload = one XChaCha20-Poly1305 secretstream
 * message whose plaintext is Ente's plain text export (otpauth lines, Ente's own `codeDisplay`).
 */
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import { secretstreamPull, sodiumArgon2id } from '../../core/crypto/sodium';
import { base64ToBytes, collectAccounts, decodeText, int, isRecord, requirePassword, str } from './input';
import { jsonOf, parseForeignUri, requireJson, typed, uriEntryLabel } from './link-lists';
import type { ImportInput, ImportOptions, ImportResult, Importer } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

/** Ente encrypts files in 4 MiB chunks; an export is one of them. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** Ente's "sensitive" limits are 1 GiB × 4; on small devices it halves memory and doubles passes. */
const MAX_MEM = 1024 * 1024 * 1024;
const MIN_MEM = 8 * 1024;
const MAX_WORK = 4 * MAX_MEM;

function isEnteEncrypted(json: unknown): json is Record<string, unknown> & { kdfParams: Record<string, unknown>; encryptedData: string; encryptionNonce: string } {
  return isRecord(json) && isRecord(json.kdfParams) && typeof json.encryptedData === 'string' && typeof json.encryptionNonce === 'string';
}

/** Ente's per-code display data (`codeDisplay` query parameter, JSON). */
function displayOf(uri: string): { groups: string[]; notes: string; favourite: boolean; trashed: boolean } {
  const none = { groups: [], notes: '', favourite: false, trashed: false };
  const m = /[?&]codeDisplay=([^&]*)/i.exec(uri);
  if (m === null) return none;
  let json: unknown;
  try {
    json = JSON.parse(decodeURIComponent((m[1] ?? '').replace(/\+/g, ' ')));
  } catch {
    return none;
  }
  if (!isRecord(json)) return none;
  const tags = Array.isArray(json.tags) ? json.tags.filter((t): t is string => typeof t === 'string') : [];
  return { groups: tags, notes: str(json.note), favourite: json.pinned === true, trashed: json.trashed === true };
}

/** Ente's plain text (the decrypted payload): one URI per line; trashed codes are left out. */
export function readEnteText(text: string): ImportResult {
  const lines = text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !displayOf(l).trashed);
  if (lines.length > 100_000) throw new AppError('import/damaged');
  return collectAccounts(
    'ente-encrypted',
    lines,
    (line) => {
      const { groups, notes, favourite } = displayOf(line);
      return { data: parseForeignUri(line), extras: { groups, notes, favourite } };
    },
    uriEntryLabel,
  );
}

function kdfParams(json: { kdfParams: Record<string, unknown> }): { salt: Uint8Array; opsLimit: number; memLimit: number } {
  const { kdfParams: k } = json;
  const salt = typeof k.salt === 'string' ? base64ToBytes(k.salt) : null;
  const opsLimit = int(k.opsLimit, -1);
  const memLimit = int(k.memLimit, -1);
  if (salt === null || salt.length !== 16) throw new AppError('import/damaged');
  if (opsLimit < 1 || opsLimit > 1024 || memLimit < MIN_MEM || memLimit > MAX_MEM || opsLimit * memLimit > MAX_WORK) {
    throw new AppError('import/damaged');
  }
  return { salt, opsLimit, memLimit };
}

export const enteEncryptedImporter: Importer = {
  id: 'ente-encrypted',
  label: 'Ente Auth (encrypted)',
  sniff(input: ImportInput) {
    return isEnteEncrypted(jsonOf(input)) ? { encrypted: true } : null;
  },
  async read(input: ImportInput, options: ImportOptions) {
    const json = requireJson(input);
    if (!isEnteEncrypted(json)) throw new AppError('import/damaged');
    if (json.version !== undefined && int(json.version, -1) !== 1) throw new AppError('import/unsupported');
    const password = requirePassword(options.password);
    const { salt, opsLimit, memLimit } = kdfParams(json);
    const header = base64ToBytes(json.encryptionNonce);
    const data = base64ToBytes(json.encryptedData);
    if (header === null || data === null || header.length !== 24 || data.length < 17) throw new AppError('import/damaged');
    throwIfAborted(options.signal);
    const passwordBytes = utf8Encode(password);
    const key = await sodiumArgon2id(passwordBytes, salt, opsLimit, memLimit);
    passwordBytes.fill(0);
    throwIfAborted(options.signal);
    let plain: Uint8Array;
    try {
      plain = await secretstreamPull(key, header, data, CHUNK_BYTES);
    } catch (err) {
      if (isAppError(err) && err.code === 'crypto/integrity') throw new AppError('import/wrong-password');
      throw err;
    } finally {
      key.fill(0);
    }
    const text = decodeText(plain);
    if (text === null) throw new AppError('import/damaged');
    return typed(() => readEnteText(text));
  },
};
