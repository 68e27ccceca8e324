import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAccount } from '../../../src/core/account';
import { formatOtpauthList, parseOtpauthList } from '../../../src/formats/otpauth-list';
import { accountArb, representable } from '../fixtures/account-arbitraries';

describe('otpauth:// list', () => {
  it('round-trips 200+ random vaults line by line (CJK, emoji, <script>, all types), the PIN aside', () => {
    fc.assert(
      fc.property(fc.array(accountArb.filter(representable), { minLength: 1, maxLength: 30 }), (vault) => {
        const expected = vault.map((a) => {
          const v = validateAccount(a);
          if (v.type === 'motp' || v.type === 'yandex') v.pin = '';
          return v;
        });
        const { accounts, problems } = parseOtpauthList(formatOtpauthList(vault));
        expect(problems).toEqual([]);
        expect(accounts).toEqual(expected);
      }),
      { numRuns: 250 },
    );
  });

  it('skips blank and # lines, accepts CRLF, and reports each bad line by number', () => {
    const text = '# exported\r\notpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A\r\n\r\nhttps://example.com\r\notpauth://totp/B:b?secret=!!\r\n';
    const { accounts, problems } = parseOtpauthList(text);
    expect(accounts.map((a) => a.issuer)).toEqual(['A']);
    expect(problems).toEqual([
      { line: 4, code: 'uri/unsupported-scheme' },
      { line: 5, code: 'account/invalid-secret' },
    ]);
  });
});
