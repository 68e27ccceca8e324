/**
 * @file Aegis vault JSON (beemdevelopment/Aegis docs/vault.md), plain and encrypted, written the
 * way Aegis 3.x writes it: db version 3 with `groups`, entries with `note`, `favorite`,
 * `archived` (Aegis 3.4; Omamori has no archive, so always false), the custom icon (`icon`,
 * `icon_mime`, `icon_hash`: PNG or JPEG, as Aegis stores them; a WebP icon, which Aegis cannot
 * show, is left out) or `icon: null`, group UUIDs; the encrypted file has one password slot (scrypt N=2^15 r=8 p=1,
 * 32-byte salt, the master key wrapped with AES-256-GCM) and the db as base64 of its AES-256-GCM
 * ciphertext, nonces and tags in hex. Aegis hashes the password's UTF-8 bytes as typed.
 */
import { fixedAlgorithm, type AccountData } from '../../core/account';
import { randomBytes } from '../../core/crypto/aead';
import { scryptRaw } from '../../core/crypto/other-apps';
import { aesGcmSealRaw } from '../../core/crypto/other-apps';
import { checkAccounts, groupNames, noteWithRecoveryCodes, requireExportPassword } from './common';
import type { ExportAccount, ExportOptions, ExportResult, ExportSkip, Exporter } from './types';
import { throwIfAborted } from '../../core/errors';
import { utf8Encode } from '../../core/crypto/bytes';
import { bytesToHex } from '../../core/hex';
import { sha256Hex } from '../../core/crypto/digest';
import { base64ToBytes } from '../import/input';

/** The db version Aegis 3.x writes (it refuses higher ones, reads lower ones). */
const AEGIS_DB_VERSION = 3;
const AEGIS_SCRYPT = Object.freeze({ logN: 15, r: 8, p: 1 });

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

function entryInfo(a: AccountData): Record<string, unknown> {
  // The same table the account model uses: Aegis writes mOTP as "MD5", Steam "SHA1", Yandex "SHA256".
  const algo = fixedAlgorithm(a.type) ?? a.algorithm;
  const info: Record<string, unknown> = { secret: a.secretB32, algo, digits: a.digits };
  if (a.type === 'hotp') info.counter = a.counter;
  else info.period = a.period;
  if (a.type === 'motp' || a.type === 'yandex') info.pin = a.pin;
  return info;
}

/** Aegis's icon fields for a custom icon it can show (a data URL of PNG or JPEG); `icon: null` otherwise. */
function iconFields(icon: string | undefined): Record<string, unknown> {
  const m = /^data:(image\/(?:png|jpeg));base64,([A-Za-z0-9+/]+=*)$/.exec(icon ?? '');
  const bytes = m === null ? null : base64ToBytes(m[2] ?? '');
  if (m === null || bytes === null || bytes.length === 0) return { icon: null };
  // Aegis checks the hash against the bytes: SHA-256, lower-case hex (VaultEntryIcon).
  return { icon: m[2], icon_mime: m[1], icon_hash: sha256Hex(bytes) };
}

/** The vault content (`db`) object, and the accounts it could not hold. */
export function aegisDb(all: readonly ExportAccount[]): { db: Record<string, unknown>; skipped: ExportSkip[] } {
  const { ok, skipped } = checkAccounts(all);
  const groups = groupNames(ok.map((c) => c.account)).map((name) => ({ uuid: crypto.randomUUID(), name }));
  const uuidOf = new Map<string, string>(groups.map((g) => [g.name, g.uuid]));
  const entries = ok.map(({ account, data: a }) => {
    return {
      type: a.type,
      uuid: crypto.randomUUID(),
      name: a.name,
      issuer: a.issuer,
      note: noteWithRecoveryCodes(account.notes, account.recoveryCodes),
      favorite: account.favourite,
      ...iconFields(account.icon),
      info: entryInfo(a),
      groups: [...new Set(account.groups.map((g) => uuidOf.get(g.trim())).filter((u): u is string => u !== undefined))],
      archived: false,
    };
  });
  return { db: { version: AEGIS_DB_VERSION, entries, groups, icons_optimized: true }, skipped };
}

function file(json: unknown, skipped: ExportSkip[]): ExportResult {
  return {
    file: { bytes: utf8Encode(`${JSON.stringify(json, null, 4)}\n`), fileName: 'aegis-export.json', extension: 'json', mime: 'application/json' },
    skipped,
  };
}

async function writeAegisPlain(accounts: readonly ExportAccount[]): Promise<ExportResult> {
  const { db, skipped } = aegisDb(accounts);
  return file({ version: 1, header: { slots: null, params: null }, db }, skipped);
}

async function writeAegisEncrypted(accounts: readonly ExportAccount[], options: ExportOptions = {}): Promise<ExportResult> {
  const password = requireExportPassword(options.password);
  const { db, skipped } = aegisDb(accounts);
  const masterKey = randomBytes(32);
  const salt = randomBytes(32);
  const pw = utf8Encode(password);
  const logN = options.scryptLogN ?? AEGIS_SCRYPT.logN;
  throwIfAborted(options.signal);
  let kek: Uint8Array | undefined;
  try {
    kek = await scryptRaw(pw, salt, { N: 2 ** logN, r: AEGIS_SCRYPT.r, p: AEGIS_SCRYPT.p });
    throwIfAborted(options.signal);
    const slotNonce = randomBytes(12);
    const wrapped = await aesGcmSealRaw(kek, slotNonce, masterKey);
    const dbNonce = randomBytes(12);
    const plain = utf8Encode(JSON.stringify(db));
    const sealed = await aesGcmSealRaw(masterKey, dbNonce, plain);
    plain.fill(0);
    const slot = {
      type: 1,
      uuid: crypto.randomUUID(),
      key: bytesToHex(wrapped.ct),
      key_params: { nonce: bytesToHex(slotNonce), tag: bytesToHex(wrapped.tag) },
      n: 2 ** logN,
      r: AEGIS_SCRYPT.r,
      p: AEGIS_SCRYPT.p,
      salt: bytesToHex(salt),
      repaired: true,
      is_backup: false,
    };
    return file({ version: 1, header: { slots: [slot], params: { nonce: bytesToHex(dbNonce), tag: bytesToHex(sealed.tag) } }, db: base64(sealed.ct) }, skipped);
  } finally {
    masterKey.fill(0);
    pw.fill(0);
    kek?.fill(0);
  }
}

export const aegisExporter: Exporter = { id: 'aegis', label: 'Aegis (plain)', encrypted: false, write: (accounts) => writeAegisPlain(accounts) };
export const aegisEncryptedExporter: Exporter = { id: 'aegis-encrypted', label: 'Aegis (encrypted)', encrypted: true, write: writeAegisEncrypted };
