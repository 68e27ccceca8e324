import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAccount, type AccountData } from '../../../src/core/account';
import { AppError } from '../../../src/core/errors';
import { formatOtpauthUri, parseOtpauthUri } from '../../../src/core/otpauth-uri';
import { accountArb, representable } from '../fixtures/account-arbitraries';

describe('otpauth URI round trip', () => {
  it('parse(format(a)) equals validateAccount(a), the PIN aside', () => {
    fc.assert(
      fc.property(accountArb.filter(representable), (a) => {
        const expected = validateAccount(a);
        // The PIN is a second secret and never goes into a URI.
        if (a.type === 'motp' || a.type === 'yandex') expected.pin = '';
        expect(parseOtpauthUri(formatOtpauthUri(a))).toEqual(expected);
      }),
      { numRuns: 1_000 },
    );
  });
});

const VALID = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example&digits=6&period=30&algorithm=SHA1';
const FRAGMENTS = ['%', '%E0%A4%A', '%3A', '%00', ':', '?', '#', '&', '=', '/', '+', 'secret=', '&digits=', '99999999999999999', '\u0000', '\uD800', ' '];

const mutated = fc
  .array(
    fc.record({
      at: fc.nat({ max: VALID.length }),
      remove: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ unit: 'binary', maxLength: 4 })),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((edits) => edits.reduce((s, e) => s.slice(0, e.at) + e.insert + s.slice(e.at + e.remove), VALID));

const anyInput = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.string().map((s) => `otpauth://totp/${s}`),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl({ withQueryParameters: true }).map((u) => u.replace(/^https?/, 'otpauth')),
  mutated,
);

describe('otpauth URI fuzzing', () => {
  it('returns valid account data or throws an AppError, for 10,000 inputs', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        let result: AccountData;
        try {
          result = parseOtpauthUri(input);
        } catch (err) {
          expect(err).toBeInstanceOf(AppError);
          expect((err as AppError).message).toBe((err as AppError).code);
          return;
        }
        // Whatever parses must be storable once a PIN is supplied.
        expect(() => validateAccount({ ...result, pin: result.pin || '0000' })).not.toThrow();
      }),
      { numRuns: 10_000 },
    );
  });
});
