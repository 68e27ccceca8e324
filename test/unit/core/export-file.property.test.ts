/** Bar 6: random vaults survive export → import unchanged (small Argon2 cost via deps.argon2). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../../src/core/base32';
import { validateAccount, validateExtras, type AccountData } from '../../../src/core/account';
import type { KdfRunner } from '../../../src/core/crypto/kdf';
import { readExportFile, writeExportFile, type ExportSecret } from '../../../src/core/export-file';
import { FIXTURE_ARGON2 } from './export-fixtures';

// The property is about the file format, not the KDF (tested on its own): a stand-in derivation
// keeps 1,000 round trips fast. It still depends on passphrase and salt, so a wrong one fails.
const kdf: KdfRunner = {
  async argon2id(passphrase, params) {
    const data = new Uint8Array([...new TextEncoder().encode(passphrase.normalize('NFKC')), ...params.salt, params.m, params.t, params.p]);
    return new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  },
};
const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  '銀行',
  'おまもり',
  '🦊🔑',
  'Ünïcödé',
  'a\u0000b',
  "O'Brien & Co",
);
const text = fc.oneof(fc.string({ maxLength: 40 }), hostile, fc.string({ unit: 'grapheme', maxLength: 20 }));

const account: fc.Arbitrary<AccountData> = fc
  .record({
    type: fc.constantFrom('totp', 'hotp', 'steam', 'totp', 'hotp'),
    issuer: text,
    name: text,
    secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    algorithm: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    digits: fc.integer({ min: 6, max: 8 }),
    period: fc.oneof(fc.constantFrom(30, 60, 1, 7, 86_400), fc.integer({ min: 1, max: 86_400 })),
    counter: fc.oneof(fc.constant(Number.MAX_SAFE_INTEGER), fc.maxSafeNat()),
  })
  .map((r) => ({
    type: r.type as AccountData['type'],
    issuer: r.issuer.trim() === '' && r.name.trim() === '' ? 'x' : r.issuer,
    name: r.name,
    secretB32: encodeBase32(r.secret),
    algorithm: r.algorithm as AccountData['algorithm'],
    digits: r.type === 'steam' ? 5 : r.digits,
    period: r.period,
    counter: r.counter,
    pin: '',
  }))
  .filter((a) => a.issuer.trim().length <= 256 && a.name.trim().length <= 256)
  .map((a) => validateAccount(a));

/** Extras travel too: favourites, groups, notes, recovery codes (used or not), icons. */
const extras = fc
  .record({
    favourite: fc.boolean(),
    groups: fc.array(fc.oneof(text, fc.constantFrom('仕事', 'Work')), { maxLength: 4 }).map((g) => g.map((x) => x.slice(0, 64))),
    notes: text,
    recoveryCodes: fc.array(fc.record({ code: fc.stringMatching(/^[a-z0-9]{4,10}$/), usedAt: fc.oneof(fc.constant(0), fc.maxSafeNat()) }), { maxLength: 12 }),
    icon: fc.constantFrom('', 'letter', 'data:image/png;base64,iVBORw0KGgo='),
  })
  .map((x) => {
    const { lastUsedAt: _device, ...kept } = validateExtras(x);
    return kept;
  });
const backupAccount = fc.tuple(account, extras).map(([a, x]) => ({ ...a, ...x }));

describe('export file v1: round trip', () => {
  it('1,000 random vaults come back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(backupAccount, { minLength: 1, maxLength: 12 }), fc.boolean(), async (accounts, useCode) => {
        const secret: ExportSecret = useCode
          ? { kind: 'transfer-code', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' }
          : { kind: 'passphrase', passphrase: 'pässwörd 🔑' };
        const bytes = await writeExportFile(accounts, secret, { kdf, now: new Date(0), app: 'test', argon2: FIXTURE_ARGON2 });
        const payload = await readExportFile(bytes, secret, { kdf });
        expect(payload.accounts).toEqual(accounts);
        expect(payload.count).toBe(accounts.length);
      }),
      { numRuns: 1000 },
    );
  }, 120_000);
});
