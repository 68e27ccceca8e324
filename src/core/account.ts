/**
 * @file The account model and its validation. Everything here lives inside the encrypted
 * record; nothing of it is ever stored or logged in clear.
 */
import { decodeBase32, encodeBase32 } from './base32';
import { AppError } from './errors';

export const OTP_TYPES = ['totp', 'hotp', 'steam', 'motp', 'yandex'] as const;
export type OtpType = (typeof OTP_TYPES)[number];

/** The HMAC hashes a TOTP or HOTP account may choose (the editor's and the links' choices). */
export const HASH_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];
/**
 * Every value the `algorithm` field holds: the HMAC hashes, plus MD5 for mOTP, whose code is an
 * MD5 digest (Aegis writes `"algo": "MD5"` for it). Versions before this one stored mOTP as SHA1;
 * validateAccount reads any of these for mOTP as MD5.
 */
export const ACCOUNT_ALGORITHMS = [...HASH_ALGORITHMS, 'MD5'] as const;
export type AccountAlgorithm = (typeof ACCOUNT_ALGORITHMS)[number];

/** What defines an account's codes plus its names. */
export interface AccountData {
  type: OtpType;
  /** Service name; '' when the source had none. */
  issuer: string;
  /** Account name (label); '' when the source had none. */
  name: string;
  /** Canonical base32: upper case, no padding, no spaces. mOTP hex secrets are converted. */
  secretB32: string;
  /** SHA1/256/512 for TOTP and HOTP; fixed by the type otherwise (Steam SHA1, mOTP MD5, Yandex SHA256). */
  algorithm: AccountAlgorithm;
  digits: number;
  /** Seconds; TOTP, Steam, Yandex (30) and mOTP (10). Kept at 30 for HOTP. */
  period: number;
  /** HOTP moving factor; 0 for the other types. */
  counter: number;
  /** mOTP / Yandex PIN; '' for the other types. */
  pin: string;
}

/** One recovery (backup) code a site handed out with 2FA; usedAt is ms since epoch, 0 = unused. */
export interface RecoveryCode {
  code: string;
  usedAt: number;
}

/**
 * What the user keeps about an account besides its codes. Lives inside the encrypted record and
 * the encrypted backup, never in clear.
 */
export interface AccountExtras {
  /** Pinned on top of the list. */
  favourite: boolean;
  /** Group names (a group exists while an account is in it); trimmed, unique, in the user's order. */
  groups: string[];
  notes: string;
  recoveryCodes: RecoveryCode[];
  /** '' = automatic (bundled brand icon if the issuer matches, else a letter badge);
   *  'letter' = always the letter badge; 'data:image/…' = a custom image. */
  icon: string;
  /** Last copy or reveal of a code (ms), 0 = never; for "recently used" order. */
  lastUsedAt: number;
}

export interface Account extends AccountData, AccountExtras {
  id: string;
  createdAt: number;
  /** Version of the row: strictly increasing on every write (optimistic concurrency). */
  updatedAt: number;
  /** Last change a backup should carry (everything except lastUsedAt). */
  changedAt: number;
  /**
   * The changedAt this account had when it came from an Omamori backup file (a restore, or a
   * transfer from another device): it is in that file until changedAt moves past it. 0 = it did
   * not come from one. Inside the record's ciphertext like everything else about the account.
   */
  backedUpAt: number;
}

export const MAX_NOTES_LENGTH = 4000;
export const MAX_GROUPS = 32;
export const MAX_GROUP_LENGTH = 64;
export const MAX_RECOVERY_CODES = 200;
export const MAX_RECOVERY_CODE_LENGTH = 128;
/** A custom icon is resized before it is stored; this bounds the data URL. */
export const MAX_ICON_LENGTH = 48 * 1024;

export function emptyExtras(): AccountExtras {
  return { favourite: false, groups: [], notes: '', recoveryCodes: [], icon: '', lastUsedAt: 0 };
}

/** Group names as stored: NFC, trimmed, non-empty, unique (first spelling wins). */
export function normalizeGroups(groups: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of groups) {
    const g = String(raw).normalize('NFC').trim();
    if (g !== '' && !out.includes(g)) out.push(g);
  }
  return out;
}

/**
 * Checks and canonicalises extras; missing fields take their empty value. Throws an AppError
 * naming the bad field.
 */
export function validateExtras(extras: Partial<AccountExtras>): AccountExtras {
  const base = emptyExtras();
  const favourite = extras.favourite ?? base.favourite;
  if (typeof favourite !== 'boolean') throw new AppError('account/too-long', { field: 'favourite' });
  const groups = normalizeGroups(Array.isArray(extras.groups) ? extras.groups : []);
  if (groups.length > MAX_GROUPS || groups.some((g) => g.length > MAX_GROUP_LENGTH)) throw new AppError('account/too-long', { field: 'groups' });
  const notes = String(extras.notes ?? '');
  if (notes.length > MAX_NOTES_LENGTH) throw new AppError('account/too-long', { field: 'notes' });
  const codes = Array.isArray(extras.recoveryCodes) ? extras.recoveryCodes : [];
  if (codes.length > MAX_RECOVERY_CODES) throw new AppError('account/too-long', { field: 'recoveryCodes' });
  const recoveryCodes = codes.map((c): RecoveryCode => {
    const code = String(c?.code ?? '').trim();
    const usedAt = c?.usedAt ?? 0;
    if (code === '' || code.length > MAX_RECOVERY_CODE_LENGTH || !isIntIn(usedAt, 0, Number.MAX_SAFE_INTEGER)) {
      throw new AppError('account/too-long', { field: 'recoveryCodes' });
    }
    return { code, usedAt };
  });
  const icon = String(extras.icon ?? '');
  const iconOk = icon === '' || icon === 'letter' || (/^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/.test(icon) && icon.length <= MAX_ICON_LENGTH);
  if (!iconOk) throw new AppError('account/too-long', { field: 'icon' });
  const lastUsedAt = extras.lastUsedAt ?? 0;
  if (!isIntIn(lastUsedAt, 0, Number.MAX_SAFE_INTEGER)) throw new AppError('account/too-long', { field: 'lastUsedAt' });
  return { favourite, groups, notes, recoveryCodes, icon, lastUsedAt };
}

/** The extras of an account (or anything carrying them), as a fresh object. */
export function extrasOf(a: AccountExtras): AccountExtras {
  const { favourite, groups, notes, recoveryCodes, icon, lastUsedAt } = a;
  return { favourite, groups: [...groups], notes, recoveryCodes: recoveryCodes.map((c) => ({ ...c })), icon, lastUsedAt };
}

export const MAX_TEXT_LENGTH = 256;
export const MAX_SECRET_BYTES = 256;

export const DEFAULTS: Readonly<Record<OtpType, Pick<AccountData, 'algorithm' | 'digits' | 'period'>>> = {
  totp: { algorithm: 'SHA1', digits: 6, period: 30 },
  hotp: { algorithm: 'SHA1', digits: 6, period: 30 },
  steam: { algorithm: 'SHA1', digits: 5, period: 30 },
  motp: { algorithm: 'MD5', digits: 6, period: 10 },
  yandex: { algorithm: 'SHA256', digits: 8, period: 30 },
};

/** The algorithm a type always uses, whatever a file or an older record says; undefined = the user's choice. */
export function fixedAlgorithm(type: OtpType): AccountAlgorithm | undefined {
  return type === 'steam' ? 'SHA1' : type === 'motp' ? 'MD5' : type === 'yandex' ? 'SHA256' : undefined;
}

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
  const fixed = fixedAlgorithm(data.type);
  const choices: readonly string[] = fixed === undefined ? HASH_ALGORITHMS : ACCOUNT_ALGORITHMS;
  if (!choices.includes(data.algorithm)) throw new AppError('account/invalid-algorithm', { field: 'algorithm' });
  const range = digitRange(data.type);
  if (!isIntIn(data.digits, range.min, range.max)) throw new AppError('account/invalid-digits', { field: 'digits' });
  const period = data.type === 'hotp' ? 30 : data.period;
  if (!isIntIn(period, 1, 86_400)) throw new AppError('account/invalid-period', { field: 'period' });
  const counter = data.type === 'hotp' ? data.counter : 0;
  if (!isIntIn(counter, 0, Number.MAX_SAFE_INTEGER)) throw new AppError('account/invalid-counter', { field: 'counter' });
  const needsPin = data.type === 'motp' || data.type === 'yandex';
  const pin = needsPin ? String(data.pin ?? '') : '';
  if (needsPin && !/^\d{4,16}$/.test(pin)) throw new AppError('account/invalid-pin', { field: 'pin' });
  const algorithm = fixed ?? data.algorithm;
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
