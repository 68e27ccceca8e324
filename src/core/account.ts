/**
 * @file The account model and its validation. Everything here lives inside the encrypted
 * record; nothing of it is ever stored or logged in clear.
 */
import { decodeBase32, encodeBase32 } from './base32';
import { AppError } from './errors';

export const OTP_TYPES = ['totp', 'hotp', 'steam', 'motp', 'yandex'] as const;
export type OtpType = (typeof OTP_TYPES)[number];

export const HASH_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** What defines an account's codes plus its names. */
export interface AccountData {
  type: OtpType;
  /** Service name; '' when the source had none. */
  issuer: string;
  /** Account name (label); '' when the source had none. */
  name: string;
  /** Canonical base32: upper case, no padding, no spaces. mOTP hex secrets are converted. */
  secretB32: string;
  /** SHA1/256/512; mOTP always uses MD5 and Yandex SHA256 regardless of this field. */
  algorithm: HashAlgorithm;
  digits: number;
  /** Seconds; TOTP, Steam, Yandex (30) and mOTP (10). Kept at 30 for HOTP. */
  period: number;
  /** HOTP moving factor; 0 for the other types. */
  counter: number;
  /** mOTP / Yandex PIN; '' for the other types. */
  pin: string;
}

export interface Account extends AccountData {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export const MAX_TEXT_LENGTH = 256;
export const MAX_SECRET_BYTES = 256;

export const DEFAULTS: Readonly<Record<OtpType, Pick<AccountData, 'algorithm' | 'digits' | 'period'>>> = {
  totp: { algorithm: 'SHA1', digits: 6, period: 30 },
  hotp: { algorithm: 'SHA1', digits: 6, period: 30 },
  steam: { algorithm: 'SHA1', digits: 5, period: 30 },
  motp: { algorithm: 'SHA1', digits: 6, period: 10 },
  yandex: { algorithm: 'SHA256', digits: 8, period: 30 },
};

/** Digits each type allows in the editor and in URIs. */
export function digitRange(type: OtpType): { min: number; max: number } {
  switch (type) {
    case 'steam':
      return { min: 5, max: 5 };
    case 'yandex':
      return { min: 8, max: 8 };
    case 'motp':
      return { min: 6, max: 6 };
    default:
      return { min: 5, max: 10 };
  }
}

/**
 * Accepts what people paste: spaces, dashes, lower case, `=` padding. Returns canonical base32
 * or throws `account/invalid-secret`.
 */
export function normalizeSecretB32(input: string): string {
  const compact = input.replace(/[\s-]/g, '').replace(/=+$/, '').toUpperCase();
  if (compact.length === 0) throw new AppError('account/invalid-secret', { field: 'secret' });
  const bytes = decodeBase32(compact);
  if (bytes === null || bytes.length === 0) throw new AppError('account/invalid-secret', { field: 'secret' });
  if (bytes.length > MAX_SECRET_BYTES) throw new AppError('account/too-long', { field: 'secret' });
  return compact;
}

/** mOTP secrets are written in hex; we store every secret as base32 bytes. */
export function hexSecretToB32(hex: string): string {
  const clean = hex.replace(/\s/g, '');
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) {
    throw new AppError('account/invalid-secret', { field: 'secret' });
  }
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return encodeBase32(bytes);
}

export function secretBytes(account: Pick<AccountData, 'secretB32'>): Uint8Array<ArrayBuffer> {
  const bytes = decodeBase32(account.secretB32);
  if (bytes === null) throw new AppError('account/invalid-secret', { field: 'secret' });
  return bytes;
}

function isIntIn(value: number, min: number, max: number): boolean {
  return Number.isSafeInteger(value) && value >= min && value <= max;
}

/**
 * Checks and canonicalises account fields. Throws an AppError naming the first bad field.
 * Returns a fresh object holding only the AccountData keys.
 */
export function validateAccount(data: AccountData): AccountData {
  if (!(OTP_TYPES as readonly string[]).includes(data.type)) throw new AppError('account/invalid-algorithm', { field: 'type' });
  const issuer = String(data.issuer ?? '').trim();
  const name = String(data.name ?? '').trim();
  if (issuer.length > MAX_TEXT_LENGTH) throw new AppError('account/too-long', { field: 'issuer' });
  if (name.length > MAX_TEXT_LENGTH) throw new AppError('account/too-long', { field: 'name' });
  if (issuer === '' && name === '') throw new AppError('account/missing-name', { field: 'name' });
  const secretB32 = normalizeSecretB32(data.secretB32);
  if (!(HASH_ALGORITHMS as readonly string[]).includes(data.algorithm)) {
    throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  }
  const range = digitRange(data.type);
  if (!isIntIn(data.digits, range.min, range.max)) throw new AppError('account/invalid-digits', { field: 'digits' });
  const period = data.type === 'hotp' ? 30 : data.period;
  if (!isIntIn(period, 1, 86_400)) throw new AppError('account/invalid-period', { field: 'period' });
  const counter = data.type === 'hotp' ? data.counter : 0;
  if (!isIntIn(counter, 0, Number.MAX_SAFE_INTEGER)) throw new AppError('account/invalid-counter', { field: 'counter' });
  const needsPin = data.type === 'motp' || data.type === 'yandex';
  const pin = needsPin ? String(data.pin ?? '') : '';
  if (needsPin && !/^\d{4,16}$/.test(pin)) throw new AppError('account/invalid-pin', { field: 'pin' });
  const algorithm = data.type === 'steam' ? 'SHA1' : data.type === 'yandex' ? 'SHA256' : data.algorithm;
  return { type: data.type, issuer, name, secretB32, algorithm, digits: data.digits, period, counter, pin };
}

/** Same secret and parameters = the same account, whatever it is called. */
export function sameCredential(a: AccountData, b: AccountData): boolean {
  return (
    a.type === b.type &&
    a.secretB32 === b.secretB32 &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    (a.type === 'hotp' || a.period === b.period) &&
    a.pin === b.pin
  );
}

export function accountTitle(a: Pick<AccountData, 'issuer' | 'name'>): string {
  return a.issuer !== '' ? a.issuer : a.name;
}
