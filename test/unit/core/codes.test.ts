import { describe, expect, it } from 'vitest';
import { DEFAULTS, hexSecretToB32, validateAccount, type AccountData, type OtpType } from '../../../src/core/account';
import { generateCode, groupCode, hotpCode, nextCode, totpState } from '../../../src/core/codes';
import { describeCorpus, readCorpusJson } from '../../support/corpus';
import * as embedded from '../fixtures/otp-vectors';
import type { PinVector, SteamVector } from '../fixtures/otp-vectors';
import { expectAppError } from '../fixtures/expect-app-error';

type VectorSet = Pick<typeof embedded, 'RFC4226' | 'RFC6238' | 'STEAM' | 'MOTP' | 'YANDEX' | 'TOTP_EXTRA'>;

/* eslint-disable @typescript-eslint/no-explicit-any -- JSON files, mapped into typed fixtures */
/** The corpus's vectors/*.json in the shape of the embedded copy. */
function readCorpusVectors(): VectorSet {
  const h = readCorpusJson<any>('vectors/rfc4226_hotp.json');
  const t = readCorpusJson<any>('vectors/rfc6238_totp.json');
  const o = readCorpusJson<any>('vectors/other_otp_algorithms.json');
  const pin = (v: any, secret: string): PinVector => ({ secret: v[secret], pin: v.pin, unixTime: v.unix_time, code: v.code });
  return {
    RFC4226: { secretB32: h.secret_base32, vectors: h.vectors.map((v: any) => ({ counter: v.counter, code: v.hotp_6 })) },
    RFC6238: {
      seedsB32: { SHA1: t.seeds.SHA1.base32, SHA256: t.seeds.SHA256.base32, SHA512: t.seeds.SHA512.base32 },
      vectors: t.vectors.map((v: any) => ({ unixTime: v.unix_time, algorithm: v.algorithm, code: v.totp_8 })),
    },
    STEAM: o.steam.vectors.map((v: any): SteamVector => ({ secretB32: v.secret_base32, unixTime: v.unix_time, code: v.code })),
    MOTP: o.motp.vectors.map((v: any) => pin(v, 'secret_hex')),
    YANDEX: o.yandex.vectors.map((v: any) => pin(v, 'secret_base32')),
    TOTP_EXTRA: o.totp_extra.map((v: any) => ({ secretB32: v.secret_base32, digits: v.digits, unixTime: v.unix_time, code: v.code })),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

function account(type: OtpType, secretB32: string, fields: Partial<AccountData> = {}): AccountData {
  return validateAccount({ type, issuer: 'Test', name: 'user', secretB32, counter: 0, pin: '', ...DEFAULTS[type], ...fields });
}

/** Every vector of a set through generateCode / hotpCode, the path the app uses. */
function productionPathTests(v: VectorSet): void {
  it.each(v.RFC4226.vectors)('RFC 4226 HOTP counter $counter → $code', ({ counter, code }) => {
    const a = account('hotp', v.RFC4226.secretB32, { counter });
    expect(hotpCode(a, counter)).toBe(code);
    expect(generateCode(a, 0)).toBe(code);
  });

  it.each(v.RFC6238.vectors)('RFC 6238 $algorithm at t=$unixTime → $code', ({ unixTime, algorithm, code }) => {
    const secretB32 = v.RFC6238.seedsB32[algorithm];
    expect(generateCode(account('totp', secretB32, { algorithm, digits: 8 }), unixTime * 1000)).toBe(code);
    // 6-digit codes are the low 6 digits of the same truncated value.
    expect(generateCode(account('totp', secretB32, { algorithm, digits: 6 }), unixTime * 1000)).toBe(code.slice(2));
  });

  it.each(v.STEAM)('Steam at t=$unixTime → $code', ({ secretB32, unixTime, code }) => {
    expect(generateCode(account('steam', secretB32), unixTime * 1000)).toBe(code);
  });

  it.each(v.MOTP)('mOTP pin $pin at t=$unixTime → $code', ({ secret, pin, unixTime, code }) => {
    expect(generateCode(account('motp', hexSecretToB32(secret), { pin }), unixTime * 1000)).toBe(code);
  });

  it.each(v.YANDEX)('Yandex pin $pin at t=$unixTime → $code', ({ secret, pin, unixTime, code }) => {
    expect(generateCode(account('yandex', secret, { pin }), unixTime * 1000)).toBe(code);
  });

  it.each(v.TOTP_EXTRA)('TOTP $secretB32 at t=$unixTime → $code', ({ secretB32, digits, unixTime, code }) => {
    expect(generateCode(account('totp', secretB32, { digits }), unixTime * 1000)).toBe(code);
  });
}

describe('embedded vectors through the production path', () => {
  it('the embedded copy has the published row counts', () => {
    const { RFC4226, RFC6238, STEAM, MOTP, YANDEX } = embedded;
    expect([RFC4226.vectors.length, RFC6238.vectors.length, STEAM.length, MOTP.length, YANDEX.length]).toEqual([10, 18, 2, 8, 5]);
  });

  productionPathTests(embedded);
});

// The corpus's own vector files (vectors/*.json): the embedded copy must equal them, and they go
// through the same path. Skipped by name, with the reason, where the corpus is absent.
describeCorpus('corpus vectors through the production path', () => {
  const corpus = readCorpusVectors();

  it('the embedded copy equals the corpus vectors', () => {
    const { RFC4226, RFC6238, STEAM, MOTP, YANDEX, TOTP_EXTRA } = embedded;
    expect({ RFC4226, RFC6238, STEAM, MOTP, YANDEX, TOTP_EXTRA }).toEqual(corpus);
  });

  productionPathTests(corpus);
});

describe('totpState', () => {
  const a = account('totp', embedded.RFC4226.secretB32);

  it.each([
    { nowMs: 0, counter: 0, remainingMs: 30_000 },
    { nowMs: 1, counter: 0, remainingMs: 29_999 },
    { nowMs: 29_999, counter: 0, remainingMs: 1 },
    { nowMs: 30_000, counter: 1, remainingMs: 30_000 },
    { nowMs: 59_999, counter: 1, remainingMs: 1 },
    { nowMs: 20_000_000_000_000, counter: 666_666_666, remainingMs: 10_000 },
  ])('at $nowMs ms: step $counter, $remainingMs ms left', ({ nowMs, counter, remainingMs }) => {
    expect(totpState(a, nowMs)).toEqual({ counter, remainingMs, periodMs: 30_000 });
  });

  it('uses the account period (mOTP 10 s, custom 60 s)', () => {
    expect(totpState({ period: 10 }, 25_000)).toEqual({ counter: 2, remainingMs: 5_000, periodMs: 10_000 });
    expect(totpState({ period: 60 }, 59_999)).toEqual({ counter: 0, remainingMs: 1, periodMs: 60_000 });
  });

  it('switches code exactly where the countdown reaches zero', () => {
    expect(generateCode(a, 29_999)).toBe(hotpCode(a, 0));
    expect(generateCode(a, 30_000)).toBe(hotpCode(a, 1));
  });
});

describe('nextCode', () => {
  it('is the code of the following period', () => {
    const a = account('totp', embedded.RFC4226.secretB32);
    expect(nextCode(a, 12_345)).toBe(generateCode(a, 42_345));
    const steam = account('steam', embedded.STEAM[0]?.secretB32 ?? '');
    expect(nextCode(steam, 1_511_200_518_000)).toBe(generateCode(steam, 1_511_200_548_000));
  });

  it('is the code of the following counter for HOTP', () => {
    const a = account('hotp', embedded.RFC4226.secretB32, { counter: 4 });
    expect(nextCode(a, 0)).toBe('254676');
  });
});

describe('refusals', () => {
  it('refuses a 0-byte secret', () => {
    const a: AccountData = { ...account('totp', 'AA'), secretB32: '' };
    expectAppError(() => generateCode(a, 0), 'account/invalid-secret');
    expectAppError(() => hotpCode({ ...a, type: 'hotp' }, 0), 'account/invalid-secret');
  });

  it('refuses a secret that is not base32', () => {
    expectAppError(() => generateCode({ ...account('totp', 'AA'), secretB32: 'A1' }, 0), 'account/invalid-secret');
  });

  it('an mOTP record an older version stored as SHA1 gives the same codes as the same account stored as MD5', () => {
    const { secret, pin, unixTime, code } = embedded.MOTP[0]!;
    const md5 = account('motp', hexSecretToB32(secret), { pin });
    expect(md5.algorithm).toBe('MD5');
    const legacy: AccountData = { ...md5, algorithm: 'SHA1' };
    expect(generateCode(legacy, unixTime * 1000)).toBe(code);
    expect(generateCode(md5, unixTime * 1000)).toBe(code);
  });

  it('refuses mOTP and Yandex without a PIN', () => {
    expectAppError(() => generateCode({ ...account('motp', 'AAAAAAAA', { pin: '1234' }), pin: '' }, 0), 'account/invalid-pin');
    const yandex = account('yandex', embedded.YANDEX[0]?.secret ?? '', { pin: '1234' });
    expectAppError(() => generateCode({ ...yandex, pin: '' }, 0), 'account/invalid-pin');
  });

  it('refuses a Yandex secret shorter than its 16-byte key', () => {
    expectAppError(() => generateCode(account('yandex', 'AAAAAAAA', { pin: '1234' }), 0), 'account/secret-too-short');
  });

  it('refuses a negative or unsafe HOTP counter', () => {
    const a = account('hotp', embedded.RFC4226.secretB32);
    expectAppError(() => hotpCode(a, -1), 'account/invalid-counter');
    expectAppError(() => hotpCode(a, 2 ** 53), 'account/invalid-counter');
  });
});

describe('groupCode', () => {
  it.each([
    ['123456', '123 456'],
    ['12345678', '1234 5678'],
    ['1234567', '123 4567'],
    ['12345', '12 345'],
    ['123456789', '123 456 789'],
    ['1234567890', '12345 67890'],
    ['FR8RV', 'FR8RV'],
    ['umozdicq', 'umoz dicq'],
    ['e7d8b6', 'e7d 8b6'],
    ['1234', '1234'],
    ['', ''],
  ])('%s → "%s"', (code, grouped) => {
    expect(groupCode(code)).toBe(grouped);
  });

  it('never splits a Steam code, even one that happens to be all digits', () => {
    expect(groupCode('23456', 'steam')).toBe('23456');
    expect(groupCode('23456', 'totp')).toBe('23 456');
  });
});
