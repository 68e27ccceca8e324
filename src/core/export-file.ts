/**
 * @file The encrypted export file, format v2; v1 is still read (docs/export-format.md; the design in docs/security.md, "The export file").
 * A random payload key encrypts the accounts with the exact header bytes as AAD; each slot seals
 * that key under a key derived from a passphrase (Argon2id) or a generated transfer code (HKDF);
 * with a recovery kit in the vault, a second slot (format v3) seals it under the kit's file KEK;
 * a paper backup's file has that kit slot as its only one.
 * Crypto goes through src/core/crypto; structure checks live in export-file-parse.ts.
 */
import { validateAccount, validateExtras, type AccountData, type AccountExtras } from './account';
import { AES_KEY_BYTES, importAesKey, IV_BYTES, open, randomBytes, sealWithIv } from './crypto/aead';
import { asBytes, bytesToB64Url, utf8Encode, type Bytes } from './crypto/bytes';
import { hkdfSha256 } from './crypto/hkdf';
import { DEFAULT_ARGON2, deriveNewPassphraseKey, type Argon2Cost, type KdfOptions, type KdfRunner } from './crypto/kdf';
import { fileKekFromRecoveryKey } from './crypto/recovery';
import { kekFromBytes, unwrapVaultKey, wrapKey } from './crypto/vault-keys';
import { AppError, throwIfAborted } from './errors';
import { checkExportKdf, isWeakSlot } from './export-file-kdf';
import {
  checksumHex,
  entriesDigest,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  EXPORT_VERSION_RECOVERY,
  parseEnvelope,
  PAYLOAD_SCHEMA,
  serializeHeader,
  slotKdfJson,
  TRANSFER_SALT_BYTES,
  validatePayload,
  type ExportHeader,
  type ExportPayload,
  type ExportSlot,
  type ExportVersion,
  type SlotType,
} from './export-file-parse';
import { formatFingerprint, kitIdOf } from './recovery/kit-id';
import { normalizeTransferCode } from './transfer-code';

export type { BackupAccount, ExportPayload, ExportVersion, SlotType } from './export-file-parse';
export { MAX_EXPORT_FILE_BYTES } from './export-file-parse';

export const TRANSFER_CODE_INFO = 'omamori/transfer-code/v1';

/**
 * What opens a file: a passphrase, a transfer code, the recovery key (from the kit's sheets), or
 * the kit's file KEK itself (the writer's read-back check, which never sees the key).
 */
export type ExportSecret =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'transfer-code'; code: string }
  | { kind: 'recovery-key'; key: Uint8Array }
  | { kind: 'recovery-file-key'; file: RecoveryFileKek };

/**
 * What a backup file is written with: the secret someone types (the kit's slot is then a second
 * one). writeExportFile also takes the kit's file KEK alone: the paper backup, a file sealed to
 * the recovery kit only (docs/export-format.md, "Kit-only files").
 */
export type WriteSecret = Extract<ExportSecret, { kind: 'passphrase' | 'transfer-code' }>;

/** The vault's recovery kit, as an export needs it: its id, the file salt and the file KEK. */
export interface RecoveryFileKek {
  kitId: Uint8Array;
  fileSalt: Uint8Array;
  kek: CryptoKey;
}

/** The kit id as a file's slot names it: 8 upper-case hex digits. */
export function kitHex(kitId: Uint8Array): string {
  return formatFingerprint(kitId).replace('-', '');
}

export interface WriteExportDeps extends KdfOptions {
  kdf: KdfRunner;
  now: Date;
  app: string;
  /** Argon2id cost of a passphrase slot; the app uses DEFAULT_ARGON2, tests pass small values. */
  argon2?: Argon2Cost;
  /** The vault's recovery kit: the file then gets a second slot and is written as version 3. */
  recovery?: RecoveryFileKek | null;
}

export interface ReadExportDeps extends KdfOptions {
  kdf: KdfRunner;
}

/**
 * Binds a sealed payload key to its export and its place in the header; from v2 also to the
 * slot's KDF parameters, so that a changed one fails the tag even where it would not change the
 * derived key (docs/export-format.md, "Slot AAD").
 */
export function exportSlotAad(version: ExportVersion, exportId: string, index: number, type: SlotType, kdf: ExportSlot['kdf']): Bytes {
  if (version === 1) return utf8Encode(`omamori/export-slot/v1\0${exportId}\0${index}\0${type}`);
  const bound = JSON.stringify({ type, kdf: slotKdfJson(kdf, bytesToB64Url) });
  return utf8Encode(`omamori/export-slot/v${version}\0${exportId}\0${index}\0${bound}`);
}

async function transferKek(code: string, salt: Uint8Array): Promise<CryptoKey> {
  const ikm = utf8Encode(normalizeTransferCode(code));
  const bytes = await hkdfSha256(ikm, salt, TRANSFER_CODE_INFO);
  try {
    return await kekFromBytes(bytes);
  } finally {
    ikm.fill(0);
    bytes.fill(0);
  }
}

async function passphraseKek(
  kdf: KdfRunner,
  passphrase: string,
  params: { m: number; t: number; p: number; salt: Uint8Array },
  opts: KdfOptions,
): Promise<CryptoKey> {
  const bytes = await kdf.argon2id(passphrase, params, opts);
  try {
    return await kekFromBytes(bytes);
  } finally {
    bytes.fill(0);
  }
}

const WRONG_SECRET = {
  passphrase: 'file/wrong-passphrase',
  'transfer-code': 'file/wrong-transfer-code',
  // The sheets of another kit (replaced or revoked before this file was made, or never its kit).
  'recovery-key': 'recovery/wrong-key',
  'recovery-file-key': 'recovery/wrong-key',
} as const;

/** The kit's file KEK for a recovery slot, or undefined when the secret is of another kit. */
async function recoveryKek(secret: ExportSecret, kdf: { salt: Uint8Array; kit: string }): Promise<CryptoKey | undefined> {
  if (secret.kind === 'recovery-key') return kitHex(kitIdOf(secret.key)) === kdf.kit ? fileKekFromRecoveryKey(secret.key, kdf.salt) : undefined;
  if (secret.kind === 'recovery-file-key') return kitHex(secret.file.kitId) === kdf.kit ? secret.file.kek : undefined;
  return undefined;
}

function kdfOpts(deps: KdfOptions): KdfOptions {
  const opts: KdfOptions = {};
  if (deps.signal !== undefined) opts.signal = deps.signal;
  if (deps.onProgress !== undefined) opts.onProgress = deps.onProgress;
  return opts;
}

/**
 * One payload entry: the code fields, then the extras in their own object — left out when they
 * are all empty, as readers take a missing object for empty extras (lastUsedAt stays home).
 */
function payloadEntry(a: AccountData & Partial<AccountExtras>): AccountData & { extras?: Omit<AccountExtras, 'lastUsedAt'> } {
  const { lastUsedAt: _device, ...extras } = validateExtras(a);
  const empty = !extras.favourite && extras.groups.length === 0 && extras.notes === '' && extras.recoveryCodes.length === 0 && extras.icon === '';
  return empty ? validateAccount(a) : { ...validateAccount(a), extras };
}

/** As serialised: extras nested per entry (ExportPayload is the parsed, flattened form). */
type SerialPayload = Omit<ExportPayload, 'accounts'> & { accounts: ReturnType<typeof payloadEntry>[] };

function buildPayload(accounts: readonly (AccountData & Partial<AccountExtras>)[], now: Date, app: string): SerialPayload {
  // The payload is validated exactly as a reader will: a file we write must open.
  const payloadAccounts = accounts.map(payloadEntry);
  const payload: SerialPayload = {
    schema: PAYLOAD_SCHEMA,
    exportedAt: now.toISOString(),
    app,
    count: payloadAccounts.length,
    entriesDigest: entriesDigest(payloadAccounts),
    accounts: payloadAccounts,
  };
  validatePayload(JSON.parse(JSON.stringify(payload)));
  return payload;
}

/**
 * The plaintext an export file encrypts (UTF-8 JSON, validated as a reader will), for the move
 * between phones (move-protocol.ts), which seals the same payload under another key.
 */
export function exportPayloadBytes(accounts: readonly (AccountData & Partial<AccountExtras>)[], now: Date, app: string): Bytes {
  return utf8Encode(JSON.stringify(buildPayload(accounts, now, app)));
}

/** The inverse of exportPayloadBytes: schema, count and digest checked; `file/damaged` otherwise. */
export function readExportPayload(plain: Uint8Array): ExportPayload {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(plain));
  } catch (err) {
    throw new AppError('file/damaged', { cause: err });
  }
  return validatePayload(json);
}

export async function writeExportFile(
  accounts: readonly (AccountData & Partial<AccountExtras>)[],
  secret: ExportSecret,
  deps: WriteExportDeps,
): Promise<Bytes> {
  const payload = buildPayload(accounts, deps.now, deps.app);
  const exportId = bytesToB64Url(randomBytes(16));
  const keyBytes = randomBytes(AES_KEY_BYTES);
  let plain: Bytes | undefined;
  try {
    // Sealed to the kit only (the paper backup): its slot is the file's one slot, no passphrase.
    const kitOnly = secret.kind === 'recovery-file-key' ? secret.file : null;
    const recovery = kitOnly ?? deps.recovery ?? null;
    const version = recovery === null ? EXPORT_VERSION : EXPORT_VERSION_RECOVERY;
    const slots: ExportSlot[] = [];
    if (secret.kind === 'recovery-key') {
      // A programming error, not a user's: a file is written with the kit's file KEK, never the key.
      throw new AppError('unknown');
    } else if (secret.kind === 'passphrase') {
      const { key, params } = await deriveNewPassphraseKey(deps.kdf, secret.passphrase, deps.argon2 ?? DEFAULT_ARGON2, kdfOpts(deps));
      let kek: CryptoKey;
      try {
        kek = await kekFromBytes(key);
      } finally {
        key.fill(0);
      }
      const kdf = { alg: 'argon2id', m: params.m, t: params.t, p: params.p, salt: asBytes(params.salt) } as const;
      const sealed = await wrapKey(kek, keyBytes, exportSlotAad(version, exportId, 0, 'passphrase', kdf));
      slots.push({ type: 'passphrase', kdf, iv: sealed.iv, wrappedKey: sealed.ct });
    } else if (secret.kind === 'transfer-code') {
      const kdf = { alg: 'hkdf-sha256', salt: randomBytes(TRANSFER_SALT_BYTES) } as const;
      const sealed = await wrapKey(await transferKek(secret.code, kdf.salt), keyBytes, exportSlotAad(version, exportId, 0, 'transfer-code', kdf));
      slots.push({ type: 'transfer-code', kdf, iv: sealed.iv, wrappedKey: sealed.ct });
    }
    if (recovery !== null) {
      const kdf = { alg: 'hkdf-sha256', salt: asBytes(new Uint8Array(recovery.fileSalt)), kit: kitHex(recovery.kitId) } as const;
      const sealed = await wrapKey(recovery.kek, keyBytes, exportSlotAad(version, exportId, slots.length, 'recovery-key', kdf));
      slots.push({ type: 'recovery-key', kdf, iv: sealed.iv, wrappedKey: sealed.ct });
    }
    const header: ExportHeader = { version, alg: 'A256GCM', iv: randomBytes(IV_BYTES), exportId, slots };
    const headerBytes = serializeHeader(header, bytesToB64Url);
    const payloadKey = await importAesKey(keyBytes, false);
    plain = utf8Encode(JSON.stringify(payload));
    const { ct } = await sealWithIv(payloadKey, header.iv, plain, headerBytes);
    const envelope = {
      format: EXPORT_FORMAT,
      version,
      header: bytesToB64Url(headerBytes),
      ciphertext: bytesToB64Url(ct),
      checksum: `sha256:${checksumHex(headerBytes, ct)}`,
    };
    return utf8Encode(`${JSON.stringify(envelope, null, 2)}\n`);
  } finally {
    keyBytes.fill(0);
    plain?.fill(0);
  }
}

/**
 * Envelope checks (size, JSON, format/version, checksum, header structure) and the KDF limits of
 * every passphrase slot (export-file-kdf.ts); no KDF runs. A crafted file is refused here, before
 * the app asks for a passphrase.
 */
export function inspectExportFile(bytes: Uint8Array): { slots: SlotType[]; version: number } {
  const { version, header } = parseEnvelope(bytes);
  checkExportKdf(header.slots);
  return { version, slots: header.slots.map((s) => s.type) };
}

/** An opened file: its payload, and whether the slot that opened it was made with weak settings. */
export interface OpenedExport {
  payload: ExportPayload;
  version: ExportVersion;
  /** The passphrase slot that opened is below RECOMMENDED_ARGON2 (export-file-kdf.ts). */
  weakKdf: boolean;
}

/**
 * Reading order (docs/export-format.md, "Reading order"): envelope checks (parseEnvelope) → KDF
 * limits and budget before any KDF runs → unwrap, trying only the slots of the secret's kind
 * (bad tag: wrong passphrase / transfer code) → decrypt (bad tag after a good unwrap: damaged) →
 * schema, count and digest.
 */
export async function openExportFile(bytes: Uint8Array, secret: ExportSecret, deps: ReadExportDeps): Promise<OpenedExport> {
  const { version, headerBytes, header, ciphertext } = parseEnvelope(bytes);
  checkExportKdf(header.slots);
  const wrongSecret = WRONG_SECRET[secret.kind];
  const slotKind = secret.kind === 'recovery-file-key' ? 'recovery-key' : secret.kind;
  if (slotKind === 'recovery-key' && !header.slots.some((s) => s.type === 'recovery-key')) throw new AppError('recovery/no-kit');
  let opened: { key: CryptoKey; slot: ExportSlot } | undefined;
  for (const [index, slot] of header.slots.entries()) {
    if (slot.type !== slotKind) continue;
    throwIfAborted(deps.signal);
    const kek =
      slot.type === 'passphrase' && secret.kind === 'passphrase'
        ? await passphraseKek(deps.kdf, secret.passphrase, slot.kdf, kdfOpts(deps))
        : slot.type === 'transfer-code' && secret.kind === 'transfer-code'
          ? await transferKek(secret.code, slot.kdf.salt)
          : slot.type === 'recovery-key'
            ? await recoveryKek(secret, slot.kdf)
            : undefined;
    if (kek === undefined) continue;
    try {
      const key = await unwrapVaultKey(kek, { iv: slot.iv, ct: slot.wrappedKey }, exportSlotAad(version, header.exportId, index, slot.type, slot.kdf));
      opened = { key, slot };
      break;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'crypto/integrity')) throw err;
    }
  }
  if (opened === undefined) throw new AppError(wrongSecret);
  throwIfAborted(deps.signal);
  let plain: Bytes;
  try {
    plain = await open(opened.key, { iv: header.iv, ct: ciphertext }, headerBytes);
  } catch (err) {
    throw new AppError('file/damaged', { cause: err });
  }
  try {
    return { payload: readExportPayload(plain), version, weakKdf: isWeakSlot(opened.slot) };
  } finally {
    plain.fill(0);
  }
}

/** openExportFile, for callers that need only the accounts. */
export async function readExportFile(bytes: Uint8Array, secret: ExportSecret, deps: ReadExportDeps): Promise<ExportPayload> {
  return (await openExportFile(bytes, secret, deps)).payload;
}
