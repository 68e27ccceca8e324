/**
 * @file andOTP backups. Plain: a JSON array of entries (`otp_accounts_*.json`). Encrypted
 * (`otp_accounts_*.json.aes`, often renamed `.bin`), two layouts without any magic:
 *   new (andOTP ≥ 0.6.3): [4-byte BE PBKDF2-HMAC-SHA1 iterations][12-byte salt][12-byte nonce][ct‖tag],
 *       key = PBKDF2(password, salt, iterations, 32 bytes), iterations 140,000–160,000;
 *   old: [12-byte nonce][ct‖tag], key = SHA-256(password).
 * Both are AES-256-GCM over the JSON array. With no magic, the encrypted importer only claims
 * files named *.bin / *.aes that no other known binary format claims (see registry.ts).
 */
import { aesGcmDecrypt, pbkdf2, requirePassword, sha256 } from './crypto';
import { accountDraft, collectAccounts, entryLabel } from './drafts';
import { hashAlgorithm, int, isRecord, jsonOfBytes, lookup, startsWithAscii, str } from './input';
import { ANDOTP_KDF } from './kdf-limits';
import type { OtpType } from '../../core/account';
import { AppError, isAppError, throwIfAborted } from '../../core/errors';
import type { Importer, ImportOptions, ImportResult, ParsedInput } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const TYPES: Readonly<Record<string, OtpType>> = { TOTP: 'totp', HOTP: 'hotp', STEAM: 'steam', MOTP: 'motp' };
const NONCE = 12;
const SALT = 12;
const TAG = 16;

function entriesOf(json: unknown): unknown[] | null {
  if (!Array.isArray(json) || json.length === 0) return null;
  const first: unknown = json[0];
  // andOTP always writes `label` (old versions had nothing else to name an entry); other apps'
  // JSON arrays of {secret, type, issuer, name} (extract_otp_secrets) are not andOTP.
  return isRecord(first) && typeof first.secret === 'string' && typeof first.type === 'string' && typeof first.label === 'string' ? json : null;
}

/** Maps the (decrypted) entry array. Exported for the fuzz tests. */
export function readAndotpEntries(entries: unknown, format = 'andotp'): ImportResult {
  if (!Array.isArray(entries)) throw new AppError('import/damaged');
  return collectAccounts(
    format,
    entries as unknown[],
    (raw) => {
      if (!isRecord(raw)) throw new AppError('import/damaged');
      const type = lookup(TYPES, str(raw.type).toUpperCase());
      if (type === undefined) throw new AppError('import/unsupported');
      const { issuer, name } = namesOf(raw);
      // andOTP asks for the mOTP PIN at every use and never stores it: the entry cannot be
      // completed here, so it becomes a problem (account/invalid-pin) the user re-adds by hand.
      const draft = accountDraft(type, { issuer, name, secretB32: str(raw.secret) });
      if (type !== 'steam' && type !== 'motp') {
        const algorithm = raw.algorithm === undefined || raw.algorithm === null ? 'SHA1' : hashAlgorithm(raw.algorithm);
        if (algorithm === null) throw new AppError('account/invalid-algorithm');
        draft.algorithm = algorithm;
      }
      if (type !== 'steam') draft.digits = int(raw.digits, draft.digits);
      if (type === 'totp' || type === 'steam') draft.period = int(raw.period, draft.period);
      if (type === 'hotp') draft.counter = int(raw.counter, 0);
      const tags = Array.isArray(raw.tags) ? raw.tags.filter((t): t is string => typeof t === 'string') : [];
      return { data: draft, extras: { groups: tags, notes: str(raw.note) } };
    },
    (raw, i) => {
      if (!isRecord(raw)) return `#${i + 1}`;
      const { issuer, name } = namesOf(raw);
      return entryLabel(issuer, name, i);
    },
  );
}

/** Old andOTP had only a label, which Aegis and andOTP itself wrote as "Issuer - name". */
function namesOf(raw: Record<string, unknown>): { issuer: string; name: string } {
  const label = str(raw.label);
  if ('issuer' in raw) return { issuer: str(raw.issuer), name: label };
  const dash = label.indexOf(' - ');
  return dash < 0 ? { issuer: '', name: label } : { issuer: label.slice(0, dash), name: label.slice(dash + 3) };
}

export const andotpImporter: Importer = {
  id: 'andotp',
  label: 'andOTP',
  sniff(input) {
    return entriesOf(input.json) === null ? null : { encrypted: false };
  },
  async read(input) {
    const entries = entriesOf(input.json);
    if (entries === null) throw new AppError('import/damaged');
    return readAndotpEntries(entries);
  },
};

// ---- encrypted ----

const OTHER_MAGICS: readonly string[] = ['AUTHENTICATORPRO', 'AuthenticatorPro', 'SQLite format 3', 'PK\u0003\u0004', '\u00ac\u00ed'];

function looksEncryptedAndotp(input: ParsedInput): boolean {
  const name = (input.fileName ?? '').toLowerCase();
  if (!name.endsWith('.bin') && !name.endsWith('.aes')) return false;
  const { bytes } = input;
  if (bytes.length < NONCE + TAG + 2) return false;
  if (OTHER_MAGICS.some((m) => startsWithAscii(bytes, m))) return false;
  // Ciphertext is never valid UTF-8 text of this length; base64 or JSON would be.
  return input.text === null;
}

function iterationsOf(bytes: Uint8Array): number {
  return (((bytes[0] ?? 0) << 24) >>> 0) + ((bytes[1] ?? 0) << 16) + ((bytes[2] ?? 0) << 8) + (bytes[3] ?? 0);
}

async function openNew(bytes: Uint8Array, password: string, signal: AbortSignal | undefined): Promise<Uint8Array | null> {
  const iterations = iterationsOf(bytes);
  // Outside what andOTP writes this is not a header of the new layout (kdf-limits.ts): it is not run.
  if (iterations < ANDOTP_KDF.minIterations || iterations > ANDOTP_KDF.maxIterations || bytes.length < 4 + SALT + NONCE + TAG) return null;
  const salt = bytes.subarray(4, 4 + SALT);
  const nonce = bytes.subarray(4 + SALT, 4 + SALT + NONCE);
  throwIfAborted(signal);
  const key = await pbkdf2(utf8Encode(password), salt, iterations, 'SHA-1', 32);
  throwIfAborted(signal);
  try {
    return await aesGcmDecrypt(key, nonce, bytes.subarray(4 + SALT + NONCE));
  } catch (err) {
    if (isAppError(err) && err.code === 'import/wrong-password') return null;
    throw err;
  } finally {
    key.fill(0);
  }
}

async function openOld(bytes: Uint8Array, password: string): Promise<Uint8Array | null> {
  const key = await sha256(utf8Encode(password));
  try {
    return await aesGcmDecrypt(key, bytes.subarray(0, NONCE), bytes.subarray(NONCE));
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}

/** Decrypts either layout. */
async function decryptAndotp(bytes: Uint8Array, options: ImportOptions): Promise<Uint8Array> {
  const password = requirePassword(options.password);
  const plain = (await openNew(bytes, password, options.signal)) ?? (await openOld(bytes, password));
  if (plain === null) throw new AppError('import/wrong-password');
  return plain;
}

export const andotpEncryptedImporter: Importer = {
  id: 'andotp-encrypted',
  label: 'andOTP (encrypted)',
  sniff(input) {
    return looksEncryptedAndotp(input) ? { encrypted: true } : null;
  },
  async read(input, options) {
    if (!looksEncryptedAndotp(input)) throw new AppError('import/damaged');
    const plain = await decryptAndotp(input.bytes, options);
    let json: unknown;
    try {
      json = jsonOfBytes(plain);
    } finally {
      plain.fill(0);
    }
    if (!Array.isArray(json)) throw new AppError('import/damaged');
    return readAndotpEntries(json, 'andotp-encrypted');
  },
};
