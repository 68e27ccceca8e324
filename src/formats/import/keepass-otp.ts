/**
 * @file The one-time-password fields a KeePass entry can carry, as the apps that write them
 * spell them (docs/formats.md, "KeePass"), to one account draft. Shared by the KDBX reader and
 * KeePassXC's CSV export (whose TOTP column holds the `otp` value). An entry's password, URL
 * and other fields are never asked for: the reader hands over a lookup, and only the names
 * below are looked up.
 *
 * - `otp` (KeePassXC 2.6+): an otpauth:// link, or KeeOtp's `key=…&step=…&size=…` form.
 * - `TOTP Seed` + `TOTP Settings` (older KeePassXC, TrayTOTP): base32 and "period;digits", with
 *   digits `S` for Steam ("30;S"), optionally a third part naming the hash.
 * - KeePass 2.47+: `TimeOtp-Secret` (UTF-8 text), `-Hex`, `-Base32`, `-Base64`, with
 *   `TimeOtp-Length`, `-Period`, `-Algorithm` (HMAC-SHA-1/-256/-512); `HmacOtp-Secret*` with
 *   `HmacOtp-Counter` (KeePass's HOTP codes have 6 digits).
 */
import type { AccountData, HashAlgorithm } from '../../core/account';
import { utf8Encode } from '../../core/crypto/bytes';
import { AppError } from '../../core/errors';
import { accountDraft, bytesToSecretB32, canonicalB32 } from './drafts';
import { base64ToBytes, hashAlgorithm, hexToBytes, int } from './input';
import { parseForeignUri } from './link-lists';

/** An entry's fields by name ('' and absent alike are undefined). */
export type FieldLookup = (name: string) => string | undefined;

/** The fields this file reads, for readers that copy only these out of an entry. */
export const OTP_FIELD_NAMES: readonly string[] = Object.freeze([
  'otp',
  'TOTP Seed',
  'TOTP Settings',
  ...['TimeOtp', 'HmacOtp'].flatMap((p) => [`${p}-Secret`, `${p}-Secret-Hex`, `${p}-Secret-Base32`, `${p}-Secret-Base64`]),
  'TimeOtp-Length',
  'TimeOtp-Period',
  'TimeOtp-Algorithm',
  'HmacOtp-Counter',
]);

const invalid = (): AppError => new AppError('account/invalid-secret', { field: 'secret' });

function algorithmOf(value: string | undefined): HashAlgorithm {
  if (value === undefined) return 'SHA1';
  const algorithm = hashAlgorithm(value);
  if (algorithm === null) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  return algorithm;
}

/** KeeOtp's `key=BASE32&step=30&size=6&otpHashMode=Sha256&type=Totp&counter=0`, which KeePassXC also reads. */
function keeOtpDraft(value: string, issuer: string, name: string): AccountData {
  const params = new URLSearchParams(value);
  const key = params.get('key');
  if (key === null || key.trim() === '') throw invalid();
  const hotp = params.get('type')?.toLowerCase() === 'hotp';
  return accountDraft(hotp ? 'hotp' : 'totp', {
    issuer,
    name,
    secretB32: canonicalB32(key),
    algorithm: algorithmOf(params.get('otpHashMode') ?? undefined),
    digits: int(params.get('size'), 6),
    ...(hotp ? { counter: int(params.get('counter'), 0) } : { period: int(params.get('step'), 30) }),
  });
}

/**
 * The secret of KeePass 2.47's `<prefix>-Secret*` fields as base32, from whichever encoding is
 * present (KeePass writes one); null when none is. A malformed value throws.
 */
function keepassSecretB32(field: FieldLookup, prefix: 'TimeOtp' | 'HmacOtp'): string | null {
  const text = field(`${prefix}-Secret`);
  if (text !== undefined) return bytesToSecretB32(utf8Encode(text));
  const b32 = field(`${prefix}-Secret-Base32`);
  if (b32 !== undefined) return canonicalB32(b32);
  const hex = field(`${prefix}-Secret-Hex`);
  const b64 = field(`${prefix}-Secret-Base64`);
  const bytes = hex !== undefined ? hexToBytes(hex) : b64 !== undefined ? base64ToBytes(b64) : undefined;
  if (bytes === undefined) return null;
  if (bytes === null) throw invalid();
  return bytesToSecretB32(bytes);
}

/** "30;6", "30;S" (Steam), "60;8;SHA256": older KeePassXC's and TrayTOTP's `TOTP Settings`. */
function seedDraft(seed: string, settings: string | undefined, issuer: string, name: string): AccountData {
  const [period, digits, hash] = (settings ?? '30;6').split(';').map((p) => p.trim());
  const steam = digits?.toUpperCase() === 'S';
  return accountDraft(steam ? 'steam' : 'totp', {
    issuer,
    name,
    secretB32: canonicalB32(seed),
    period: int(period, Number.NaN),
    ...(steam ? {} : { digits: int(digits ?? '6', Number.NaN), algorithm: algorithmOf(hash === '' ? undefined : hash) }),
  });
}

/**
 * The account an entry's OTP fields describe, or null when it has none (a password-only entry,
 * which is not an account). `title` and `username` name the account when the fields do not.
 * Malformed values throw AppError (the caller turns them into a problem for this entry).
 */
export function keepassOtpDraft(field: FieldLookup, title: string, username: string): AccountData | null {
  const otp = field('otp')?.trim();
  if (otp !== undefined && otp !== '') {
    if (!/^otpauth:/i.test(otp)) return keeOtpDraft(otp, title, username);
    const account = parseForeignUri(otp);
    // KeePassXC writes the entry's title and user name into the link. A link that names the
    // account is taken as it is (so our own export, whose title is the name when there is no
    // issuer, reads back unchanged); one that names nothing takes the entry's.
    return account.issuer === '' && account.name === '' ? { ...account, issuer: title, name: username } : account;
  }
  const time = keepassSecretB32(field, 'TimeOtp');
  if (time !== null) {
    return accountDraft('totp', {
      issuer: title,
      name: username,
      secretB32: time,
      digits: int(field('TimeOtp-Length') ?? '6', Number.NaN),
      period: int(field('TimeOtp-Period') ?? '30', Number.NaN),
      algorithm: algorithmOf(field('TimeOtp-Algorithm')),
    });
  }
  const seed = field('TOTP Seed');
  if (seed !== undefined && seed.trim() !== '') return seedDraft(seed, field('TOTP Settings'), title, username);
  const hmac = keepassSecretB32(field, 'HmacOtp');
  if (hmac !== null) return accountDraft('hotp', { issuer: title, name: username, secretB32: hmac, counter: int(field('HmacOtp-Counter') ?? '0', Number.NaN) });
  return null;
}
