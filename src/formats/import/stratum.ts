/**
 * @file Stratum / Authenticator Pro backups (docs/formats.md): the plain JSON
 * (`Authenticators`, `Categories`, `AuthenticatorCategories`), the strong encrypted `.authpro`
 * ("AUTHENTICATORPRO" + 16-byte salt + 12-byte IV, Argon2id t=3 m=64 MiB p=4 → AES-256-GCM) and
 * the legacy one ("AuthenticatorPro" + 20-byte salt + 16-byte IV, PBKDF2-SHA1 64000 → AES-CBC).
 */
import { hexSecretToB32, type AccountData, type HashAlgorithm, type OtpType } from '../../core/account';
import { AppError, throwIfAborted } from '../../core/errors';
import { aesCbcDecrypt, aesGcmDecrypt, argon2idForImport, pbkdf2, requirePassword } from './crypto';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { int, isRecord, jsonOfBytes, requireJson, startsWithAscii, str, typed } from './input';
import type { ImportOptions, ImportResult, Importer } from './types';
import { utf8Encode } from '../../core/crypto/bytes';

const STRONG = 'AUTHENTICATORPRO';
const LEGACY = 'AuthenticatorPro';
const STRONG_KDF = { m: 65_536, t: 3, p: 4 } as const;
const LEGACY_ITERATIONS = 64_000;

const TYPES: Readonly<Record<string, OtpType>> = {
  '1': 'hotp',
  '2': 'totp',
  '3': 'motp',
  '4': 'steam',
  '5': 'yandex',
  hotp: 'hotp',
  totp: 'totp',
  mobileotp: 'motp',
  steamotp: 'steam',
  yandexotp: 'yandex',
};
const ALGORITHMS: Readonly<Record<string, HashAlgorithm>> = { '0': 'SHA1', '1': 'SHA256', '2': 'SHA512', sha1: 'SHA1', sha256: 'SHA256', sha512: 'SHA512' };

function isStratumJson(json: unknown): json is Record<string, unknown> & { Authenticators: unknown[] } {
  return isRecord(json) && Array.isArray(json.Authenticators);
}

/** Category names per authenticator secret, as AuthenticatorCategories links them. */
function groupsBySecret(json: Record<string, unknown>): Map<string, string[]> {
  const names = new Map<string, string>();
  if (Array.isArray(json.Categories)) {
    for (const c of json.Categories) if (isRecord(c)) names.set(str(c.Id), str(c.Name));
  }
  const out = new Map<string, string[]>();
  if (Array.isArray(json.AuthenticatorCategories)) {
    for (const link of json.AuthenticatorCategories) {
      if (!isRecord(link)) continue;
      const name = names.get(str(link.CategoryId));
      const secret = str(link.AuthenticatorSecret);
      if (name === undefined || secret === '') continue;
      out.set(secret, [...(out.get(secret) ?? []), name]);
    }
  }
  return out;
}

function toDraft(entry: unknown, groups: Map<string, string[]>): { data: AccountData; extras: { groups: string[] } } {
  if (!isRecord(entry)) throw new AppError('import/damaged');
  const type = TYPES[str(entry.Type).toLowerCase()];
  if (type === undefined) throw new AppError('import/unsupported');
  const algorithm = ALGORITHMS[str(entry.Algorithm, '0').toLowerCase()];
  if (algorithm === undefined) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  const secret = str(entry.Secret);
  const data = accountDraft(type, {
    issuer: str(entry.Issuer),
    name: str(entry.Username),
    // Stratum keeps mOTP secrets as the hex text the user typed.
    secretB32: type === 'motp' ? hexSecretToB32(secret) : canonicalB32(secret),
    algorithm,
    digits: int(entry.Digits, accountDraft(type, {}).digits),
    period: int(entry.Period, accountDraft(type, {}).period),
    counter: int(entry.Counter, 0),
    pin: str(entry.Pin),
  });
  return { data, extras: { groups: groups.get(secret) ?? [] } };
}

/** The plain backup's JSON (also what both encrypted forms decrypt to). */
export function readStratumJson(json: unknown): ImportResult {
  if (!isStratumJson(json)) throw new AppError('import/damaged');
  const groups = groupsBySecret(json);
  return collectAccounts(
    'stratum',
    json.Authenticators,
    (e) => toDraft(e, groups),
    (e, i) => (isRecord(e) ? entryLabel(str(e.Issuer), str(e.Username), i) : `#${i + 1}`),
  );
}

async function decrypt(bytes: Uint8Array, password: string, options: ImportOptions): Promise<Uint8Array> {
  if (startsWithAscii(bytes, STRONG)) {
    const salt = bytes.subarray(16, 32);
    const iv = bytes.subarray(32, 44);
    const ct = bytes.subarray(44);
    if (ct.length < 16) throw new AppError('import/damaged');
    const key = await argon2idForImport(password, { ...STRONG_KDF, salt: new Uint8Array(salt) }, options);
    try {
      return await aesGcmDecrypt(key, iv, ct);
    } finally {
      key.fill(0);
    }
  }
  const salt = bytes.subarray(16, 36);
  const iv = bytes.subarray(36, 52);
  const ct = bytes.subarray(52);
  if (ct.length === 0 || ct.length % 16 !== 0) throw new AppError('import/damaged');
  const key = await pbkdf2(utf8Encode(password), salt, LEGACY_ITERATIONS, 'SHA-1', 32);
  try {
    return await aesCbcDecrypt(key, iv, ct);
  } finally {
    key.fill(0);
  }
}

export const stratumImporter: Importer = {
  id: 'stratum',
  label: 'Stratum / Authenticator Pro',
  sniff(input) {
    if (startsWithAscii(input.bytes, STRONG) || startsWithAscii(input.bytes, LEGACY)) return { encrypted: true };
    return isStratumJson(input.json) ? { encrypted: false } : null;
  },
  async read(input, options: ImportOptions) {
    const { bytes } = input;
    if (!startsWithAscii(bytes, STRONG) && !startsWithAscii(bytes, LEGACY)) {
      const json = requireJson(input);
      return typed(() => readStratumJson(json));
    }
    const password = requirePassword(options.password);
    throwIfAborted(options.signal);
    const plain = await decrypt(bytes, password, options);
    // A good tag (GCM) or padding (CBC) that decrypts to something else is a damaged file.
    const json = jsonOfBytes(plain);
    if (!isStratumJson(json)) throw new AppError(startsWithAscii(bytes, STRONG) ? 'import/damaged' : 'import/wrong-password');
    return typed(() => readStratumJson(json));
  },
};
