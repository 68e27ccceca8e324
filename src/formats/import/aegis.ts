/**
 * @file Aegis vault export (`aegis-export-*.json`, format in Aegis' docs/vault.md): a `header`
 * with password slots and GCM params, and a `db` that is either the plain content object or,
 * when encrypted, base64 of its AES-256-GCM ciphertext under the master key. Each password slot
 * wraps the master key with AES-256-GCM under scrypt(password, salt, N, r, p).
 */
import { aesGcmDecrypt, requirePassword } from './crypto';
import { accountDraft, collectAccounts, entryLabel } from './drafts';
import { base64ToBytes, decryptedJson, hashAlgorithm, hexToBytes, int, isRecord, lookup, str } from './input';
import type { OtpType } from '../../core/account';
import { scryptRaw } from '../../core/crypto/other-apps';
import { AppError, throwIfAborted } from '../../core/errors';
import type { Importer, ImportOptions, ImportResult } from './types';
import { utf8Encode } from '../../core/crypto/bytes';
import { AEGIS_KDF, budgetRefusal, kdfNumber, refuseOver } from './kdf-limits';

const TYPES: Readonly<Record<string, OtpType>> = { totp: 'totp', hotp: 'hotp', steam: 'steam', motp: 'motp', yandex: 'yandex' };
const PASSWORD_SLOT = 1;
const MAX_DB_VERSION = 3;

function vaultOf(json: unknown): Record<string, unknown> | null {
  if (!isRecord(json) || !isRecord(json.header) || !('db' in json)) return null;
  if (!isRecord(json.db) && typeof json.db !== 'string') return null;
  return json;
}

/**
 * Aegis writes `{"version": 1, "header": {"slots": …` at the top of every export, plain or
 * encrypted: text that starts so but does not parse is an Aegis file cut off or damaged.
 */
function looksLikeAegis(text: string): boolean {
  return /^\s*\{[^]{0,200}?"header"\s*:\s*\{\s*"slots"\s*:/.test(text.slice(0, 4096));
}

function isEncrypted(vault: Record<string, unknown>): boolean {
  return typeof vault.db === 'string';
}

/** Parameters scrypt can run at all; their maximum is the KDF budget's (checkAegisKdf). */
function scryptValid(n: number, r: number, p: number): boolean {
  return Number.isSafeInteger(n) && n >= 2 && (n & (n - 1)) === 0 && Number.isSafeInteger(r) && r >= 1 && Number.isSafeInteger(p) && p >= 1;
}

function passwordSlots(header: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(header.slots) ? header.slots.filter((s): s is Record<string, unknown> => isRecord(s) && int(s.type, -1) === PASSWORD_SLOT) : [];
}

/**
 * The KDF budget (kdf-limits.ts), on the whole header before any scrypt runs: at most
 * AEGIS_KDF.passwordSlots password slots, none above Aegis's own N, r and p, so that a file costs
 * at most that many of Aegis's derivations (200 slots at the scrypt maximum would take hours).
 * Biometric and raw slots are never derived and do not count.
 */
function checkAegisKdf(header: Record<string, unknown>): void {
  const slots = passwordSlots(header);
  refuseOver(slots.length > AEGIS_KDF.passwordSlots, 'import/kdf-aegis');
  for (const slot of slots) {
    refuseOver(kdfNumber(slot.n) > AEGIS_KDF.N || kdfNumber(slot.r) > AEGIS_KDF.r || kdfNumber(slot.p) > AEGIS_KDF.p, 'import/kdf-aegis');
  }
}

function hexField(value: unknown): Uint8Array {
  const bytes = hexToBytes(str(value));
  if (bytes === null) throw new AppError('import/damaged');
  return bytes;
}

async function unwrapMasterKey(header: Record<string, unknown>, password: string, signal: AbortSignal | undefined): Promise<Uint8Array> {
  const slots = passwordSlots(header);
  // Biometric (2) and raw (0) slots need a key that never leaves the phone.
  if (slots.length === 0) throw new AppError('import/unsupported');
  let tried = 0;
  let invalid = 0;
  for (const slot of slots) {
    const n = int(slot.n, 0);
    const r = int(slot.r, 0);
    const p = int(slot.p, 0);
    if (!scryptValid(n, r, p)) {
      invalid++;
      continue;
    }
    const params = isRecord(slot.key_params) ? slot.key_params : {};
    const salt = hexToBytes(str(slot.salt));
    const wrapped = hexToBytes(str(slot.key));
    const nonce = hexToBytes(str(params.nonce));
    const tag = hexToBytes(str(params.tag));
    if (salt === null || wrapped === null || nonce?.length !== 12 || tag?.length !== 16 || wrapped.length !== 32) continue;
    tried++;
    throwIfAborted(signal);
    const kek = await scryptRaw(utf8Encode(password), salt, { N: n, r, p }, () => throwIfAborted(signal));
    throwIfAborted(signal);
    try {
      return await aesGcmDecrypt(kek, nonce, concat(wrapped, tag));
    } catch {
      // another password slot may match
    } finally {
      kek.fill(0);
    }
  }
  // No slot we could even try: parameters scrypt cannot run, or slot fields missing.
  if (tried === 0) throw new AppError(invalid > 0 ? 'import/unsupported' : 'import/damaged');
  throw new AppError('import/wrong-password');
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

async function decryptDb(vault: Record<string, unknown>, options: ImportOptions): Promise<unknown> {
  const header = vault.header as Record<string, unknown>;
  checkAegisKdf(header);
  const password = requirePassword(options.password);
  const params = isRecord(header.params) ? header.params : null;
  const ct = base64ToBytes(str(vault.db));
  if (params === null || ct === null) throw new AppError('import/damaged');
  const nonce = hexField(params.nonce);
  const tag = hexField(params.tag);
  if (nonce.length !== 12 || tag.length !== 16) throw new AppError('import/damaged');
  const masterKey = await unwrapMasterKey(header, password, options.signal);
  let plain: Uint8Array;
  try {
    plain = await aesGcmDecrypt(masterKey, nonce, concat(ct, tag));
  } catch {
    // The slot opened, so the password is right: the content itself was altered.
    throw new AppError('import/damaged');
  } finally {
    masterKey.fill(0);
  }
  return decryptedJson(plain);
}

function groupNames(db: Record<string, unknown>): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(db.groups)) return names;
  for (const g of db.groups) if (isRecord(g) && typeof g.uuid === 'string') names.set(g.uuid, str(g.name));
  return names;
}

function entryGroups(entry: Record<string, unknown>, names: Map<string, string>): string[] {
  // db v3: uuids into db.groups; v1/v2: one group name.
  if (Array.isArray(entry.groups)) return entry.groups.map((id) => (typeof id === 'string' ? (names.get(id) ?? '') : ''));
  return typeof entry.group === 'string' ? [entry.group] : [];
}

/** Reads the plain content object (`db`) of a vault. Exported for the fuzz tests. */
export function readAegisDb(db: unknown): ImportResult {
  if (!isRecord(db) || !Array.isArray(db.entries)) throw new AppError('import/damaged');
  const version = int(db.version, 1);
  if (version > MAX_DB_VERSION) throw new AppError('import/unsupported');
  const names = groupNames(db);
  return collectAccounts(
    'aegis',
    db.entries as unknown[],
    (raw) => {
      if (!isRecord(raw)) throw new AppError('import/damaged');
      const type = lookup(TYPES, str(raw.type).toLowerCase());
      if (type === undefined) throw new AppError('import/unsupported');
      const info = isRecord(raw.info) ? raw.info : {};
      const draft = accountDraft(type, { issuer: str(raw.issuer), name: str(raw.name), secretB32: str(info.secret) });
      if (type === 'totp' || type === 'hotp') {
        const algorithm = info.algo === undefined || info.algo === null ? 'SHA1' : hashAlgorithm(info.algo);
        if (algorithm === null) throw new AppError('account/invalid-algorithm');
        draft.algorithm = algorithm;
      }
      if (type !== 'steam' && type !== 'yandex') draft.digits = int(info.digits, draft.digits);
      if (type !== 'hotp') draft.period = int(info.period, draft.period);
      if (type === 'hotp') draft.counter = int(info.counter, 0);
      if (type === 'motp' || type === 'yandex') draft.pin = str(info.pin);
      return {
        data: draft,
        extras: { groups: entryGroups(raw, names), notes: str(raw.note), favourite: raw.favorite === true },
      };
    },
    (raw, i) => (isRecord(raw) ? entryLabel(str(raw.issuer), str(raw.name), i) : `#${i + 1}`),
  );
}

export const aegisImporter: Importer = {
  id: 'aegis',
  label: 'Aegis',
  sniff(input) {
    const vault = vaultOf(input.json);
    if (vault === null) return null;
    if (!isEncrypted(vault)) return { encrypted: false };
    // A file over the KDF budget is refused at once, before the import screen asks for a password.
    return { encrypted: true, ...budgetRefusal(() => checkAegisKdf(vault.header as Record<string, unknown>)) };
  },
  async read(input, options) {
    const vault = vaultOf(input.json);
    if (vault === null) throw new AppError('import/damaged');
    if (int(vault.version, 1) > 1) throw new AppError('import/unsupported');
    const db = isEncrypted(vault) ? await decryptDb(vault, options) : vault.db;
    return readAegisDb(db);
  },
  damagedText: { code: 'import/truncated-aegis', matches: looksLikeAegis },
};
