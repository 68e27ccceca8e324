/**
 * @file One-time codes for every account type. TOTP, HOTP and Steam go through `otpauth`'s
 * RFC 4226 truncation (the path the RFC vectors check); mOTP and Yandex are different
 * constructions and are built from @noble/hashes, the same hash library `otpauth/slim` uses.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { md5 } from '@noble/hashes/legacy.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
// The slim build takes its HMAC from @noble/hashes in every environment. The default entry
// point would use node:crypto under Node, so the tests would not exercise the browser's code.
import * as OTPAuth from 'otpauth/slim';
import { secretBytes, type AccountData, type OtpType } from './account';
import { AppError } from './errors';

const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
const YANDEX_KEY_BYTES = 16;
const YANDEX_MODULUS = 26n ** 8n;

function keyBytes(a: AccountData): Uint8Array<ArrayBuffer> {
  const bytes = secretBytes(a);
  // A zero-length key would still "work" in HMAC and yield codes that anyone can compute.
  if (bytes.length === 0) throw new AppError('account/invalid-secret', { field: 'secret' });
  return bytes;
}

function requirePin(a: AccountData): string {
  if (!/^\d{4,16}$/.test(a.pin)) throw new AppError('account/invalid-pin', { field: 'pin' });
  return a.pin;
}

function rfc4226(a: AccountData, algorithm: string, digits: number, counter: number): string {
  keyBytes(a);
  return OTPAuth.HOTP.generate({ secret: OTPAuth.Secret.fromBase32(a.secretB32), algorithm, digits, counter });
}

function steamCode(a: AccountData, step: number): string {
  // The truncated value is below 2^31 < 10^10, so a 10-digit HOTP is that value unreduced.
  let v = Number(rfc4226(a, 'SHA1', 10, step));
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += STEAM_ALPHABET[v % STEAM_ALPHABET.length];
    v = Math.floor(v / STEAM_ALPHABET.length);
  }
  return out;
}

function motpCode(a: AccountData, step: number): string {
  const message = `${step}${bytesToHex(keyBytes(a))}${requirePin(a)}`;
  return bytesToHex(md5(utf8ToBytes(message))).slice(0, 6);
}

function yandexCode(a: AccountData, step: number): string {
  const bytes = keyBytes(a);
  // The 26-byte form appends a checksum to the 16-byte key; only the key is hashed.
  if (bytes.length < YANDEX_KEY_BYTES) throw new AppError('account/secret-too-short', { field: 'secret' });
  const digest = sha256(concatBytes(utf8ToBytes(requirePin(a)), bytes.subarray(0, YANDEX_KEY_BYTES)));
  const key = digest[0] === 0 ? digest.subarray(1) : digest;
  const message = new Uint8Array(8);
  new DataView(message.buffer).setBigUint64(0, BigInt(step));
  const mac = hmac(sha256, key, message);
  const offset = (mac[mac.length - 1] ?? 0) & 0xf;
  let v = (new DataView(mac.buffer, mac.byteOffset).getBigUint64(offset) & 0x7fff_ffff_ffff_ffffn) % YANDEX_MODULUS;
  const letters: string[] = [];
  for (let i = 0; i < 8; i++) {
    letters.unshift(String.fromCharCode(97 + Number(v % 26n)));
    v /= 26n;
  }
  return letters.join('');
}

function codeAtStep(a: AccountData, step: number): string {
  switch (a.type) {
    case 'steam':
      return steamCode(a, step);
    case 'motp':
      return motpCode(a, step);
    case 'yandex':
      return yandexCode(a, step);
    default:
      return rfc4226(a, a.algorithm, a.digits, step);
  }
}

/**
 * Milliseconds added to every time given to this module: the device clock's error, when the user
 * chose to correct codes for it (services/browser/clock-correction.ts). Module state, not a
 * parameter, because it is a fact about the device that every caller (the list, the large code,
 * the scan preview, a copy) must apply alike; 0 unless set, so tests and the CLI are unaffected.
 */
let clockCorrectionMs = 0;

export function setClockCorrection(ms: number): void {
  clockCorrectionMs = Number.isSafeInteger(ms) ? ms : 0;
}

export function getClockCorrection(): number {
  return clockCorrectionMs;
}

/** The time step and how long it still lasts, for countdowns. `remainingMs` is in (0, periodMs]. */
export function totpState(a: Pick<AccountData, 'period'>, deviceNowMs: number): { counter: number; remainingMs: number; periodMs: number } {
  const nowMs = deviceNowMs + clockCorrectionMs;
  const periodMs = a.period * 1000;
  const counter = Math.floor(nowMs / periodMs);
  return { counter, remainingMs: periodMs - (nowMs - counter * periodMs), periodMs };
}

/** HOTP code for an explicit counter. The caller commits the counter before showing the code. */
export function hotpCode(a: AccountData, counter: number): string {
  if (!Number.isSafeInteger(counter) || counter < 0) throw new AppError('account/invalid-counter', { field: 'counter' });
  return rfc4226(a, a.algorithm, a.digits, counter);
}

/**
 * The code shown now. The time step comes from totpState (not otpauth's own TOTP helper) so the
 * code and the countdown can never disagree about where a period ends. For HOTP this is the
 * code of the stored counter.
 */
export function generateCode(a: AccountData, nowMs: number): string {
  if (a.type === 'hotp') return hotpCode(a, a.counter);
  return codeAtStep(a, totpState(a, nowMs).counter);
}

/** The code of the following period (HOTP: the following counter). */
export function nextCode(a: AccountData, nowMs: number): string {
  if (a.type === 'hotp') return hotpCode(a, a.counter + 1);
  return codeAtStep(a, totpState(a, nowMs).counter + 1);
}

const GROUPS: Readonly<Record<number, readonly number[]>> = {
  5: [2, 3],
  6: [3, 3],
  7: [3, 4],
  8: [4, 4],
  9: [3, 3, 3],
  10: [5, 5],
};

/**
 * Splits a code into groups for reading aloud or typing. Steam codes are never split (they are
 * short and not numbers); without `type`, a 5-character code is split only when it is all digits.
 */
export function groupCode(code: string, type?: OtpType): string {
  const groups = GROUPS[code.length];
  if (groups === undefined || type === 'steam') return code;
  if (code.length === 5 && type === undefined && !/^\d+$/.test(code)) return code;
  const parts: string[] = [];
  let start = 0;
  for (const size of groups) {
    parts.push(code.slice(start, start + size));
    start += size;
  }
  return parts.join(' ');
}
