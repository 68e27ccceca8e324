/**
 * @file Ente Auth's two exports (docs/formats.md). The plain one is a list of otpauth:// links
 * whose `codeDisplay=<JSON>` parameter carries Ente's own fields (tags, note, pinned, trashed).
 * The encrypted one is JSON `{version, kdfParams{memLimit, opsLimit, salt}, encryptedData,
 * encryptionNonce}`; key = libsodium's crypto_pwhash Argon2id13 with the file's limits (Ente asks
 * for 1 GiB), payload = one XChaCha20-Poly1305 secretstream message whose plaintext is the plain
 * export.
 */
import { utf8Encode } from '../../core/crypto/bytes';
import { secretstreamPull, sodiumArgon2id } from '../../core/crypto/sodium';
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import { requirePassword } from './crypto';
import type { DraftExtras } from './drafts';
import { base64ToBytes, decodeText, int, isRecord, parseJsonText, requireJson, requireText, str, typed } from './input';
import { budgetRefusal, ENTE_KDF, kdfNumber, refuseOver } from './kdf-limits';
import { linkListLines, readLinkList } from './link-lists';
import type { ImportOptions, ImportResult, Importer } from './types';

/** Ente encrypts files in 4 MiB chunks; an export is one of them. */
const CHUNK_BYTES = 4 * 1024 * 1024;
/** libsodium's crypto_pwhash_MEMLIMIT_MIN: below it the file is damaged (the maximum is ENTE_KDF's). */
const MIN_MEM = 8 * 1024;

function isEnteEncrypted(
  json: unknown,
): json is Record<string, unknown> & { kdfParams: Record<string, unknown>; encryptedData: string; encryptionNonce: string } {
  return isRecord(json) && isRecord(json.kdfParams) && typeof json.encryptedData === 'string' && typeof json.encryptionNonce === 'string';
}

/** Ente's own fields in each link's `codeDisplay` parameter (JSON); null when absent or unreadable. */
function codeDisplayOf(link: string): { trashed: boolean; extras: DraftExtras } | null {
  const q = link.indexOf('?');
  if (q < 0) return null;
  for (const part of link.slice(q + 1).split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).toLowerCase() !== 'codedisplay') continue;
    let json: unknown;
    try {
      json = parseJsonText(decodeURIComponent(part.slice(eq + 1).replace(/\+/g, ' ')));
    } catch {
      return null; // unreadable display data never costs the account
    }
    if (!isRecord(json)) return null;
    const tags = Array.isArray(json.tags) ? json.tags.filter((t): t is string => typeof t === 'string') : [];
    return { trashed: json.trashed === true, extras: { groups: tags, notes: str(json.note), favourite: json.pinned === true } };
  }
  return null;
}

const isTrashed = (link: string): boolean => codeDisplayOf(link)?.trashed === true;

/**
 * The text inside the encrypted export. Codes in Ente's trash are left out here, while the plain
 * importer lists them as problems (both as docs/formats.md describes).
 */
export function readEnteText(text: string): ImportResult {
  return readLinkList('ente-encrypted', text, { leaveOut: isTrashed, extrasOf: (link) => codeDisplayOf(link)?.extras ?? null });
}

export const enteImporter: Importer = {
  id: 'ente-auth',
  label: 'Ente Auth',
  sniff(input) {
    const lines = linkListLines(input);
    return lines !== null && lines.some((l) => /[?&]codeDisplay=/i.test(l.text)) ? { encrypted: false } : null;
  },
  async read(input) {
    if (linkListLines(input) === null) throw new AppError('import/damaged');
    return readLinkList('ente-auth', requireText(input), {
      extrasOf(link) {
        const display = codeDisplayOf(link);
        // Ente's trash holds codes the user deleted; importing them would resurrect them.
        if (display?.trashed === true) throw new AppError('import/unsupported');
        return display?.extras ?? null;
      },
    });
  },
};

/**
 * The KDF budget (kdf-limits.ts), before any KDF runs and before the password is asked for: at
 * most the memory, passes and memory × passes Ente ever asks for. One derivation per file.
 */
function checkEnteKdf(json: { kdfParams: Record<string, unknown> }): void {
  const memLimit = kdfNumber(json.kdfParams.memLimit);
  const opsLimit = kdfNumber(json.kdfParams.opsLimit);
  refuseOver(memLimit > ENTE_KDF.memLimit || opsLimit > ENTE_KDF.opsLimit || memLimit * opsLimit > ENTE_KDF.work, 'import/kdf-ente');
}

function kdfParams(json: { kdfParams: Record<string, unknown> }): { salt: Uint8Array; opsLimit: number; memLimit: number } {
  const { kdfParams: k } = json;
  const salt = typeof k.salt === 'string' ? base64ToBytes(k.salt) : null;
  const opsLimit = int(k.opsLimit, -1);
  const memLimit = int(k.memLimit, -1);
  if (salt === null || salt.length !== 16) throw new AppError('import/damaged');
  if (opsLimit < 1 || memLimit < MIN_MEM) throw new AppError('import/damaged');
  return { salt, opsLimit, memLimit };
}

export const enteEncryptedImporter: Importer = {
  id: 'ente-encrypted',
  label: 'Ente Auth (encrypted)',
  sniff(input) {
    const { json } = input;
    // Over the KDF budget: refused at once, before the import screen asks for a password.
    return isEnteEncrypted(json) ? { encrypted: true, ...budgetRefusal(() => checkEnteKdf(json)) } : null;
  },
  async read(input, options: ImportOptions) {
    const json = requireJson(input);
    if (!isEnteEncrypted(json)) throw new AppError('import/damaged');
    if (json.version !== undefined && int(json.version, -1) !== 1) throw new AppError('import/unsupported');
    checkEnteKdf(json);
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
