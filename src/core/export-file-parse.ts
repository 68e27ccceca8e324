/**
 * @file The export file's structure (docs/export-format.md): the envelope, the header and the
 * payload as types, and the strict checks that run before and after decryption. No key material
 * is handled here. Every refusal is typed: `file/too-large`, `file/not-omamori`,
 * `file/unsupported-version`, `file/damaged`.
 */
import { validateAccount, validateExtras, type AccountData, type AccountExtras } from './account';
import { b64UrlToBytes, utf8Encode, type Bytes } from './crypto/bytes';
import { sha256Hex } from './crypto/digest';
import { AppError } from './errors';

export const EXPORT_FORMAT = 'omamori-export';
/**
 * The version written. 2 names the version inside the authenticated header and binds each slot's
 * KDF parameters into its wrap AAD; 1 (no version in the header) is still read.
 */
export const EXPORT_VERSION = 2;
/**
 * Version 3 is version 2 plus a `recovery-key` slot (the recovery kit, docs/export-format.md),
 * written only when the vault has a kit: a reader that predates the kit then says "made by a newer
 * version" instead of calling the file damaged, and files without a kit stay version 2.
 */
export const EXPORT_VERSION_RECOVERY = 3;
/** The newest version this reader opens. */
export const LATEST_EXPORT_VERSION = 3;
export const PAYLOAD_SCHEMA = 1;
/** Far above any real vault (10,000 accounts ≈ 3 MiB), low enough to parse safely on a phone. */
export const MAX_EXPORT_FILE_BYTES = 32 * 1024 * 1024;
export const MAX_EXPORT_ACCOUNTS = 10_000;
export const MAX_SLOTS = 4;
export const TRANSFER_SALT_BYTES = 32;
export const RECOVERY_SALT_BYTES = 32;
/** The kit id as 8 upper-case hex digits, as printed (without the dash) on the kit's sheets. */
const KIT_HEX = /^[0-9A-F]{8}$/u;
const IV_BYTES = 12;
/** A 32-byte payload key sealed with AES-GCM: 32 + 16 tag bytes. */
const WRAPPED_KEY_BYTES = 48;
const EXPORT_ID_BYTES = 16;

export type SlotType = 'passphrase' | 'transfer-code' | 'recovery-key';

export interface PassphraseSlotV1 {
  type: 'passphrase';
  kdf: { alg: 'argon2id'; m: number; t: number; p: number; salt: Bytes };
  iv: Bytes;
  wrappedKey: Bytes;
}
export interface TransferCodeSlotV1 {
  type: 'transfer-code';
  kdf: { alg: 'hkdf-sha256'; salt: Bytes };
  iv: Bytes;
  wrappedKey: Bytes;
}
/** Version 3 only: the payload key sealed under the recovery kit's file KEK (HKDF, `kit` names the kit). */
export interface RecoveryKeySlot {
  type: 'recovery-key';
  kdf: { alg: 'hkdf-sha256'; salt: Bytes; kit: string };
  iv: Bytes;
  wrappedKey: Bytes;
}
export type ExportSlot = PassphraseSlotV1 | TransferCodeSlotV1 | RecoveryKeySlot;

export type ExportVersion = 1 | 2 | 3;

export interface ExportHeader {
  /** From the header itself in v2; for v1 (no version in the header) from the envelope. */
  version: ExportVersion;
  alg: 'A256GCM';
  iv: Bytes;
  exportId: string;
  slots: ExportSlot[];
}

export interface ExportPayload {
  schema: 1;
  /** ISO 8601 (UTC). */
  exportedAt: string;
  /** Name and version of the app that wrote the file, e.g. 'Omamori 0.1.0'. */
  app: string;
  count: number;
  entriesDigest: string;
  accounts: BackupAccount[];
}

/**
 * An account in a backup: its code fields and its extras. Extras travel in an `extras` object
 * beside the code fields (absent in files from before extras existed: then they are empty);
 * lastUsedAt is per device and not exported.
 */
export type BackupAccount = AccountData & Omit<AccountExtras, 'lastUsedAt'>;

/** The envelope after its checks: the exact header bytes (AAD) and the ciphertext. */
export interface ParsedEnvelope {
  version: ExportVersion;
  headerBytes: Bytes;
  header: ExportHeader;
  ciphertext: Bytes;
}

const damaged = (): AppError => new AppError('file/damaged');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bytesField(value: unknown, length?: number): Bytes {
  const bytes = typeof value === 'string' ? b64UrlToBytes(value) : null;
  if (bytes === null || (length !== undefined && bytes.length !== length)) throw damaged();
  return bytes;
}

function hasOnlyKeys(obj: Record<string, unknown>, keys: readonly string[]): boolean {
  return Object.keys(obj).every((k) => keys.includes(k)) && keys.every((k) => k in obj);
}

/**
 * Size cap → JSON parse → format/version → checksum → header structure. A file that is not JSON
 * but names our format (a truncated download) is damaged; anything else is not ours.
 */
export function parseEnvelope(bytes: Uint8Array): ParsedEnvelope {
  if (!(bytes instanceof Uint8Array)) throw new AppError('file/not-omamori');
  if (bytes.length > MAX_EXPORT_FILE_BYTES) throw new AppError('file/too-large');
  if (bytes.length === 0) throw damaged();
  // A file that fails to decode or parse but names our format (a cut-off download, a flipped
  // bit) is damaged; anything else is not ours.
  const notOurs = (): AppError =>
    new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).includes(EXPORT_FORMAT) ? damaged() : new AppError('file/not-omamori');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw notOurs();
  }
  if (!isRecord(json) || json.format !== EXPORT_FORMAT) throw new AppError('file/not-omamori');
  const { version } = json;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) throw damaged();
  // Refused before anything else of the file is read: a newer writer may have changed it all.
  if (version > LATEST_EXPORT_VERSION) throw new AppError('file/unsupported-version');
  if (!hasOnlyKeys(json, ['format', 'version', 'header', 'ciphertext', 'checksum'])) throw damaged();
  const headerBytes = bytesField(json.header);
  const ciphertext = bytesField(json.ciphertext);
  if (typeof json.checksum !== 'string' || json.checksum !== `sha256:${checksumHex(headerBytes, ciphertext)}`) throw damaged();
  if (ciphertext.length < 16) throw damaged();
  return { version: version as ExportVersion, headerBytes, header: parseHeader(headerBytes, version as ExportVersion), ciphertext };
}

export function checksumHex(headerBytes: Uint8Array, ciphertext: Uint8Array): string {
  const joined = new Uint8Array(headerBytes.length + ciphertext.length);
  joined.set(headerBytes, 0);
  joined.set(ciphertext, headerBytes.length);
  return sha256Hex(joined);
}

const HEADER_KEYS = ['alg', 'iv', 'exportId', 'slots'] as const;

function parseHeader(headerBytes: Bytes, version: ExportVersion): ExportHeader {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
  } catch {
    throw damaged();
  }
  // v2 repeats the envelope's version inside the header (the payload's AAD), where it is
  // authenticated; the two must agree, and a v1 header has no version at all.
  const keys = version === 1 ? HEADER_KEYS : ['version', ...HEADER_KEYS];
  if (!isRecord(json) || !hasOnlyKeys(json, keys)) throw damaged();
  if (version !== 1 && json.version !== version) throw damaged();
  if (json.alg !== 'A256GCM') throw damaged();
  const iv = bytesField(json.iv, IV_BYTES);
  if (typeof json.exportId !== 'string') throw damaged();
  bytesField(json.exportId, EXPORT_ID_BYTES);
  const { slots } = json;
  if (!Array.isArray(slots) || slots.length === 0 || slots.length > MAX_SLOTS) throw damaged();
  const parsed = slots.map(parseSlot);
  // A recovery slot needs version 3, and version 3 a recovery slot: nothing else writes either.
  if (parsed.some((slot) => slot.type === 'recovery-key') !== (version === EXPORT_VERSION_RECOVERY)) throw damaged();
  return { version, alg: 'A256GCM', iv, exportId: json.exportId, slots: parsed };
}

/** Integer-shaped KDF numbers; their bounds are checked by checkArgon2Params before any KDF runs. */
function kdfNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw damaged();
  return value;
}

function parseSlot(value: unknown): ExportSlot {
  if (!isRecord(value) || !hasOnlyKeys(value, ['type', 'kdf', 'iv', 'wrappedKey']) || !isRecord(value.kdf)) throw damaged();
  const iv = bytesField(value.iv, IV_BYTES);
  const wrappedKey = bytesField(value.wrappedKey, WRAPPED_KEY_BYTES);
  const { kdf } = value;
  if (value.type === 'passphrase') {
    if (kdf.alg !== 'argon2id' || !hasOnlyKeys(kdf, ['alg', 'm', 't', 'p', 'salt'])) throw damaged();
    // Salt length is a KDF bound (checked with the others); only its encoding is checked here.
    const salt = bytesField(kdf.salt);
    return { type: 'passphrase', kdf: { alg: 'argon2id', m: kdfNumber(kdf.m), t: kdfNumber(kdf.t), p: kdfNumber(kdf.p), salt }, iv, wrappedKey };
  }
  if (value.type === 'transfer-code') {
    if (kdf.alg !== 'hkdf-sha256' || !hasOnlyKeys(kdf, ['alg', 'salt'])) throw damaged();
    return { type: 'transfer-code', kdf: { alg: 'hkdf-sha256', salt: bytesField(kdf.salt, TRANSFER_SALT_BYTES) }, iv, wrappedKey };
  }
  if (value.type === 'recovery-key') {
    if (kdf.alg !== 'hkdf-sha256' || !hasOnlyKeys(kdf, ['alg', 'salt', 'kit']) || typeof kdf.kit !== 'string' || !KIT_HEX.test(kdf.kit)) throw damaged();
    return { type: 'recovery-key', kdf: { alg: 'hkdf-sha256', salt: bytesField(kdf.salt, RECOVERY_SALT_BYTES), kit: kdf.kit }, iv, wrappedKey };
  }
  throw damaged();
}

/** A slot's `kdf` object as the header writes it (key order fixed, salt in base64url). */
export function slotKdfJson(kdf: ExportSlot['kdf'], toB64: (b: Uint8Array) => string): Record<string, unknown> {
  if (kdf.alg === 'argon2id') return { alg: kdf.alg, m: kdf.m, t: kdf.t, p: kdf.p, salt: toB64(kdf.salt) };
  return 'kit' in kdf ? { alg: kdf.alg, salt: toB64(kdf.salt), kit: kdf.kit } : { alg: kdf.alg, salt: toB64(kdf.salt) };
}

/** The header as JSON text, key order fixed; its UTF-8 bytes are the payload's AAD. */
export function serializeHeader(header: ExportHeader, toB64: (b: Uint8Array) => string): Bytes {
  const slots = header.slots.map((s) => ({ type: s.type, kdf: slotKdfJson(s.kdf, toB64), iv: toB64(s.iv), wrappedKey: toB64(s.wrappedKey) }));
  const fields = { alg: header.alg, iv: toB64(header.iv), exportId: header.exportId, slots };
  return utf8Encode(JSON.stringify(header.version === 1 ? fields : { version: header.version, ...fields }));
}

/** Canonical form of one account for the digest: a fixed-order array of its AccountData fields. */
function canonicalEntry(a: AccountData): unknown[] {
  return [a.type, a.issuer, a.name, a.secretB32, a.algorithm, a.digits, a.period, a.counter, a.pin];
}

/** sha256 hex of UTF-8(JSON.stringify(accounts.map(canonicalEntry))). */
export function entriesDigest(accounts: readonly AccountData[]): string {
  return sha256Hex(utf8Encode(JSON.stringify(accounts.map(canonicalEntry))));
}

function accountShape(value: unknown): AccountData {
  if (!isRecord(value)) throw damaged();
  const { type, issuer, name, secretB32, algorithm, digits, period, counter, pin } = value;
  if (
    typeof type !== 'string' ||
    typeof issuer !== 'string' ||
    typeof name !== 'string' ||
    typeof secretB32 !== 'string' ||
    typeof algorithm !== 'string' ||
    typeof digits !== 'number' ||
    typeof period !== 'number' ||
    typeof counter !== 'number' ||
    typeof pin !== 'string'
  ) {
    throw damaged();
  }
  return { type, issuer, name, secretB32, algorithm, digits, period, counter, pin } as AccountData;
}

/** Schema validation, then count and digest. Anything wrong after a good tag is `file/damaged`. */
export function validatePayload(json: unknown): ExportPayload {
  if (!isRecord(json) || json.schema !== PAYLOAD_SCHEMA) throw damaged();
  const { exportedAt, app, count, accounts } = json;
  if (typeof exportedAt !== 'string' || Number.isNaN(Date.parse(exportedAt)) || typeof app !== 'string') throw damaged();
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0 || count > MAX_EXPORT_ACCOUNTS) throw damaged();
  if (typeof json.entriesDigest !== 'string' || !Array.isArray(accounts) || accounts.length > MAX_EXPORT_ACCOUNTS) throw damaged();
  // The digest covers the entries as written, so files of older versions keep their digest.
  const written: AccountData[] = [];
  const valid = accounts.map((entry) => {
    const shaped = accountShape(entry);
    written.push(shaped);
    let checked: AccountData;
    try {
      checked = validateAccount(shaped);
    } catch (err) {
      throw new AppError('file/damaged', { cause: err });
    }
    // A writer stores canonical accounts; one that differs after validation was not written by one.
    // Versions before mOTP became MD5 wrote it as SHA1, which was canonical for them.
    const legacyMotp = shaped.type === 'motp' && shaped.algorithm === 'SHA1';
    if (JSON.stringify(canonicalEntry(checked)) !== JSON.stringify(canonicalEntry(legacyMotp ? { ...shaped, algorithm: checked.algorithm } : shaped)))
      throw damaged();
    let extras: AccountExtras;
    try {
      extras = validateExtras(isRecord(entry) && isRecord(entry.extras) ? (entry.extras as Partial<AccountExtras>) : {});
    } catch (err) {
      throw new AppError('file/damaged', { cause: err });
    }
    const { lastUsedAt: _unused, ...kept } = extras;
    return { ...checked, ...kept };
  });
  if (valid.length !== count || entriesDigest(written) !== json.entriesDigest) throw damaged();
  return { schema: PAYLOAD_SCHEMA, exportedAt, app, count, entriesDigest: json.entriesDigest, accounts: valid };
}
