import { describe, expect, it } from 'vitest';
import { DEFAULTS, fixedAlgorithm, HASH_ALGORITHMS, hexSecretToB32, normalizeSecretB32, validateAccount, type AccountData } from '../../../src/core/account';
import { type ErrorCode, type ErrorField } from '../../../src/core/errors';
import { expectAppError } from '../fixtures/expect-app-error';

describe('normalizeSecretB32', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP'],
    ['GEZDGNBV GY======', 'GEZDGNBVGY'],
    ['\tjbswy3dp\nehpk3pxp ', 'JBSWY3DPEHPK3PXP'],
    ['ABCDEFG', 'ABCDEFG'],
    ['AA', 'AA'],
  ])('%j → %s', (input, canonical) => {
    expect(normalizeSecretB32(input)).toBe(canonical);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'blank'],
    ['JBSWY3DP1', "'1' is not base32"],
    ['JBSWY3DP0', "'0' is not base32"],
    ['JBSW=Y3DP', 'padding inside'],
    ['A', '1 char cannot hold a byte'],
    ['ABC', '3 chars (≡ 3 mod 8) are not whole bytes'],
    ['ABCDEF', '6 chars (≡ 6 mod 8) are not whole bytes'],
    ['ÄBCD', 'non-ASCII'],
  ])('refuses %j (%s)', (input) => {
    expectAppError(() => normalizeSecretB32(input), 'account/invalid-secret', 'secret');
  });

  it('refuses secrets over 256 bytes', () => {
    expect(normalizeSecretB32('A'.repeat(408))).toHaveLength(408); // 255 bytes
    expectAppError(() => normalizeSecretB32('A'.repeat(416)), 'account/too-long', 'secret');
  });
});

describe('hexSecretToB32', () => {
  it.each([
    ['3132333435363738393031323334353637383930', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
    ['e3152afee62599c8', '4MKSV7XGEWM4Q'],
    ['E3152AFEE62599C8', '4MKSV7XGEWM4Q'],
    ['e315 2afe e625 99c8', '4MKSV7XGEWM4Q'],
  ])('%s → %s', (hex, b32) => {
    expect(hexSecretToB32(hex)).toBe(b32);
  });

  it.each(['', 'abc', 'zz', '0x12'])('refuses %j', (hex) => {
    expectAppError(() => hexSecretToB32(hex), 'account/invalid-secret', 'secret');
  });
});

const BASE: AccountData = {
  type: 'totp',
  issuer: 'Example',
  name: 'alice',
  secretB32: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  pin: '',
};

describe('validateAccount', () => {
  it('returns a fresh canonical object with only the AccountData keys', () => {
    const input = { ...BASE, issuer: '  Example ', name: ' alice ', secretB32: 'jbsw y3dp ehpk 3pxp', extra: 1 } as AccountData;
    const out = validateAccount(input);
    expect(out).toEqual({ ...BASE });
    expect(out).not.toBe(input);
  });

  it('canonicalises type-bound fields', () => {
    expect(validateAccount({ ...BASE, type: 'hotp', period: 45, counter: 7 })).toMatchObject({ period: 30, counter: 7 });
    expect(validateAccount({ ...BASE, counter: 7 }).counter).toBe(0);
    expect(validateAccount({ ...BASE, type: 'steam', digits: 5, algorithm: 'SHA512' }).algorithm).toBe('SHA1');
    expect(validateAccount({ ...BASE, type: 'yandex', digits: 8, pin: '1234' }).algorithm).toBe('SHA256');
    expect(validateAccount({ ...BASE, pin: '1234' }).pin).toBe('');
  });

  it('stores mOTP as MD5, what its codes are (older versions wrote SHA1: read as MD5)', () => {
    const motp = { ...BASE, type: 'motp', period: 10, pin: '1234' } as const;
    expect(DEFAULTS.motp.algorithm).toBe('MD5');
    expect(validateAccount({ ...motp, algorithm: 'MD5' }).algorithm).toBe('MD5');
    expect(validateAccount({ ...motp, algorithm: 'SHA1' }).algorithm).toBe('MD5');
    expect(fixedAlgorithm('motp')).toBe('MD5');
    // MD5 is mOTP's alone: a TOTP or HOTP account cannot choose it (the editor offers only SHA).
    expectAppError(() => validateAccount({ ...BASE, type: 'hotp', algorithm: 'MD5' }), 'account/invalid-algorithm', 'algorithm');
    expect(HASH_ALGORITHMS).not.toContain('MD5');
  });

  it.each<[string, Partial<AccountData>, ErrorCode, ErrorField]>([
    ['unknown type', { type: 'xotp' as AccountData['type'] }, 'account/invalid-algorithm', 'type'],
    ['issuer over 256 chars', { issuer: 'i'.repeat(257) }, 'account/too-long', 'issuer'],
    ['name over 256 chars', { name: 'n'.repeat(257) }, 'account/too-long', 'name'],
    ['neither issuer nor name', { issuer: ' ', name: '' }, 'account/missing-name', 'name'],
    ['bad secret', { secretB32: 'not base32!' }, 'account/invalid-secret', 'secret'],
    ['unknown algorithm', { algorithm: 'MD5' as AccountData['algorithm'] }, 'account/invalid-algorithm', 'algorithm'],
    ['4 digits', { digits: 4 }, 'account/invalid-digits', 'digits'],
    ['11 digits', { digits: 11 }, 'account/invalid-digits', 'digits'],
    ['6.5 digits', { digits: 6.5 }, 'account/invalid-digits', 'digits'],
    ['Steam with 6 digits', { type: 'steam', digits: 6 }, 'account/invalid-digits', 'digits'],
    ['period 0', { period: 0 }, 'account/invalid-period', 'period'],
    ['period over a day', { period: 86_401 }, 'account/invalid-period', 'period'],
    ['negative counter', { type: 'hotp', counter: -1 }, 'account/invalid-counter', 'counter'],
    ['unsafe counter', { type: 'hotp', counter: 2 ** 53 }, 'account/invalid-counter', 'counter'],
    ['mOTP without PIN', { type: 'motp', period: 10 }, 'account/invalid-pin', 'pin'],
    ['Yandex with a 3-digit PIN', { type: 'yandex', digits: 8, pin: '123' }, 'account/invalid-pin', 'pin'],
    ['mOTP with a non-digit PIN', { type: 'motp', period: 10, pin: '12a4' }, 'account/invalid-pin', 'pin'],
  ])('refuses %s', (_why, change, code, field) => {
    expectAppError(() => validateAccount({ ...BASE, ...change }), code, field);
  });
});
