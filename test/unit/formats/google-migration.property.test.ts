import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAccount, type AccountData } from '../../../src/core/account';
import { encodeBase32 } from '../../../src/core/base32';
import { AppError } from '../../../src/core/errors';
import { decodeMigrationUri, encodeMigrationUris, migrationBatchOf } from '../../../src/formats/google-migration/codec';
import { MigrationSession } from '../../../src/formats/google-migration/session';
import { fixtureUris, migrationUri } from './migration-helpers';

/** Text as people name accounts: CJK, kana, emoji, ':' and spaces inside, any code point. */
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom('楽', '天', '山', '田', ' ', '太', '郎', 'ｶ', 'み', ':', '😀', '👨‍👩‍👧', 'a', 'Z', '@', '.', 'é'), maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }),
);

/** Issuer and name, including names that start with `issuer:` or equal the issuer. */
const names = fc.tuple(text, text, fc.nat(3)).map(([issuer, name, shape]) => {
  if (shape === 0) return { issuer, name: `${issuer}:${name}` };
  if (shape === 1) return { issuer, name: issuer };
  return { issuer, name };
});

/** What a Google Authenticator transfer code can carry, canonicalised like the vault stores it. */
const googleAccount: fc.Arbitrary<AccountData> = fc
  .record({
    names,
    type: fc.constantFrom('totp' as const, 'hotp' as const),
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
    digits: fc.constantFrom(6, 8),
    counter: fc.maxSafeNat(),
  })
  .map(({ names: n, type, secret, algorithm, digits, counter }) => ({
    type,
    ...n,
    secretB32: encodeBase32(secret),
    algorithm,
    digits,
    period: 30,
    counter: type === 'hotp' ? counter : 0,
    pin: '',
  }))
  .filter((a) => {
    try {
      validateAccount(a);
      return true;
    } catch {
      return false;
    }
  })
  .map((a) => validateAccount(a));

describe('Google transfer codes, round trip', () => {
  it('encode → codes scanned in any order → transfer session gives the same accounts', () => {
    fc.assert(
      fc.property(
        fc.array(googleAccount, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
        fc.func(fc.integer()),
        (accounts, perCode, batchId, sortKey) => {
          const { uris, skipped } = encodeMigrationUris(accounts, { perCode, batchId });
          expect(skipped).toEqual([]);
          expect(uris).toHaveLength(Math.ceil(accounts.length / perCode));
          const session = new MigrationSession();
          const scanOrder = [...uris].sort((a, b) => sortKey(a) - sortKey(b));
          for (const uri of scanOrder) expect(session.add(decodeMigrationUri(uri)).kind).toBe('added');
          expect(session.isComplete()).toBe(true);
          expect(session.batchId).toBe(batchId);
          expect(session.problems()).toEqual([]);
          expect(session.accounts()).toEqual(accounts);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** What a call returned, or the code of the AppError it threw. */
function outcome<T>(f: () => T): { value: T } | { code: string } {
  try {
    return { value: f() };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { code: err.code };
  }
}

/**
 * Decoding may only return a batch or throw an AppError; and migrationBatchOf (the CLI's "2 of 3
 * codes", which skips the accounts) accepts and refuses exactly the codes decodeMigrationUri does.
 */
function decodesOrThrowsAppError(uri: string): void {
  const decoded = outcome(() => decodeMigrationUri(uri));
  if ('value' in decoded) {
    const batch = decoded.value;
    expect(batch.batchIndex).toBeLessThan(batch.batchSize);
    expect(batch.accounts.length + batch.problems.length).toBeGreaterThan(0);
    const { accounts: _a, problems: _p, ...header } = batch;
    expect(outcome(() => migrationBatchOf(uri))).toEqual({ value: header });
  } else {
    expect(outcome(() => migrationBatchOf(uri))).toEqual(decoded);
  }
}

describe('decodeMigrationUri fuzzing', () => {
  const seeds = ['multi-batch.txt', 'md5-entry.txt', 'unknown-field-8.txt', 'japanese.txt'].flatMap((f) => fixtureUris(f));
  const seedBytes = seeds.map((uri) => Buffer.from(decodeURIComponent(uri.slice(uri.indexOf('data=') + 5)), 'base64'));

  it('random strings, as the whole text and as the data parameter', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        decodesOrThrowsAppError(s);
        decodesOrThrowsAppError(`otpauth-migration://offline?data=${s}`);
      }),
      { numRuns: 10_000 },
    );
  }, 30_000);

  it('random bytes wrapped as base64, standard and URL-safe', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        decodesOrThrowsAppError(migrationUri(bytes));
        decodesOrThrowsAppError(`otpauth-migration://offline?data=${Buffer.from(bytes).toString('base64url')}`);
      }),
      { numRuns: 10_000 },
    );
  }, 30_000);

  it('real payloads with bytes changed, inserted or cut off', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...seedBytes),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'cut')), { minLength: 1, maxLength: 4 }),
        (seed, edits) => {
          let bytes = Uint8Array.from(seed);
          for (const [at, value, kind] of edits) {
            const i = at % (bytes.length + 1);
            if (kind === 'cut') bytes = bytes.slice(0, i);
            else if (kind === 'insert') bytes = Uint8Array.from([...bytes.slice(0, i), value, ...bytes.slice(i)]);
            else if (i < bytes.length) bytes[i] = value;
          }
          decodesOrThrowsAppError(migrationUri(bytes));
        },
      ),
      { numRuns: 10_000 },
    );
  }, 30_000);
});
