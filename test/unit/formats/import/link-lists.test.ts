/**
 * Lists of links, one per line, and links as other apps write them: the plain otpauth:// list
 * (also what Omamori's `otpauth` exporter writes), Ente's text export, Google transfer links as
 * text, and the link readers under them (src/formats/import/link-lists.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateAccount } from '../../../../src/core/account';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { formatOtpauthList } from '../../../../src/formats/export/simple';
import { readEnteText } from '../../../../src/formats/import/ente';
import { parseForeignUri, readLinkList } from '../../../../src/formats/import/link-lists';
import { urisInHtml } from '../../../../src/formats/import/stratum-html';
import { accountArb, representable } from '../../fixtures/account-arbitraries';
import * as F from './fixtures';
import { detectedId, errorCode, expectSameAccounts, expected, readFixture } from './helpers';

describe('otpauth:// link list importer', () => {
  it('reads one link per line (CRLF, comments, blank lines, lower-case secret, otpauth://steam/); a line without a secret is one problem', async () => {
    expect(detectedId('otpauth-list/list.txt')).toBe('otpauth-list');
    const result = await readFixture('otpauth-list/list.txt');
    expectSameAccounts(result.accounts, [expected(0), expected(1), expected(2), expected(3)]);
    expect(result.problems).toEqual([{ label: '#6', code: 'uri/missing-secret' }]);
  });

  it('a file of comments only holds no accounts; an empty or unrelated file is unknown', async () => {
    expect(await errorCode(readFixture('x.txt', {}, utf8Encode('# nothing here\n\n# still nothing\n')))).toBe('import/no-accounts');
    expect(await errorCode(readFixture('x.txt', {}, utf8Encode('')))).toBe('import/unknown-format');
    expect(await errorCode(readFixture('x.txt', {}, utf8Encode('hello\notpauth://totp/a?secret=GEZDGNBV\n')))).toBe('import/unknown-format');
  });

  it('names accounts as the exporting apps do: a label equal to issuer= is also the account name', async () => {
    const text = 'otpauth://totp/NoIssuer?secret=GEZDGNBVGY3TQOJQ&issuer=NoIssuer\notpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&issuer=Acme\n';
    const result = await readFixture('x.txt', {}, utf8Encode(text));
    expect(result.accounts.map((a) => [a.issuer, a.name])).toEqual([
      ['NoIssuer', 'NoIssuer'],
      ['Acme', 'alice'],
    ]);
  });

  it('skips blank and # lines, accepts CRLF, and reports each bad line by number', async () => {
    const text = '# exported\r\notpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP&issuer=A\r\n\r\nhttps://example.com\r\notpauth://totp/B:b?secret=!!\r\n';
    const result = await readFixture('links.txt', {}, utf8Encode(text));
    expect(result.accounts.map((a) => a.issuer)).toEqual(['A']);
    expect(result.problems).toEqual([
      { label: '#4', code: 'uri/unsupported-scheme' },
      { label: '#5', code: 'account/invalid-secret' },
    ]);
  });

  it('reads back 250 random vaults written by the otpauth exporter (CJK, emoji, <script>, all types); links carry no PIN, so mOTP and Yandex come back as problems', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb.filter(representable), { minLength: 1, maxLength: 30 }), async (vault) => {
        const result = await readFixture('otpauth-links.txt', {}, utf8Encode(formatOtpauthList(vault)));
        const needsPin = (a: { type: string }): boolean => a.type === 'motp' || a.type === 'yandex';
        // A link whose label is only the issuer (no colon) names the account after it, as Aegis,
        // Stratum and Ente read such links.
        const named = (v: ReturnType<typeof validateAccount>): typeof v => (v.name === '' && !v.issuer.includes(':') ? { ...v, name: v.issuer } : v);
        const want = vault.filter((a) => !needsPin(a)).map((a) => named(validateAccount(a)));
        expect(result.accounts.map(({ groups: _g, notes: _n, favourite: _f, ...a }) => a)).toEqual(want);
        expect(result.problems.map((p) => p.code)).toEqual(vault.filter(needsPin).map(() => 'account/invalid-pin'));
      }),
      { numRuns: 250 },
    );
  });
});

describe('Ente Auth plain export importer', () => {
  it('maps codeDisplay tags to groups, note to notes, pinned to favourite; skips trashed codes as problems; bad codeDisplay JSON costs nothing', async () => {
    expect(detectedId('ente/plain.txt')).toBe('ente-auth');
    const result = await readFixture('ente/plain.txt');
    expect(result.format).toBe('ente-auth');
    expectSameAccounts(result.accounts, [expected(0, { groups: ['Finance', 'Work'], notes: 'primary login', favourite: true }), expected(1), expected(3)]);
    expect(result.problems).toEqual([{ label: 'Counter Co (bob)', code: 'import/unsupported' }]);
  });

  it('inside the encrypted export, trashed codes are left out and tags/pin/note are kept', () => {
    const r = readEnteText(F.ENTE_TEXT);
    expect(r.accounts.map((a) => [a.issuer, a.groups, a.favourite, a.notes])).toEqual([
      ['Example', ['Personal'], true, 'main mail'],
      ['Bank', [], false, ''],
    ]);
  });
});

describe('Google transfer links as text', () => {
  it('reads every code of the file; an unreadable line is one problem', async () => {
    expect(detectedId('google-migration-text/transfer.txt')).toBe('google-migration-text');
    const result = await readFixture('google-migration-text/transfer.txt');
    // Google cannot carry a 60 s period: the writer exported that account with 30 s.
    expectSameAccounts(result.accounts, [expected(0), expected(1, { period: 30 }), expected(2)]);
    expect(result.problems).toEqual([{ label: '#4', code: 'import/damaged' }]);
  });

  it('reads a link after a prefix (QR readers write "QR-Code:"), and plain otpauth lines beside transfer links', async () => {
    const uri = 'otpauth-migration://offline?data=CjoKFFRoZSBxdWljayBicm93biBmb3ggEg5Db3VudGVyIENvOmJvYhoKQ291bnRlciBDbyADKAEwATgqEAEYAiABKJIh';
    const result = await readFixture('x.txt', {}, utf8Encode(`QR-Code:${uri}\notpauth://totp/A:b?secret=GEZDGNBVGY3TQOJQ&issuer=A\n`));
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Counter Co', 'A']);
  });

  it('a file where no line can be read is damaged', async () => {
    expect(await errorCode(readFixture('x.txt', {}, utf8Encode('otpauth-migration://offline?data=XXXX\n')))).toBe('import/damaged');
  });
});

describe('otpauth lines as other apps write them', () => {
  it('a label equal to issuer= is also the account name (Ente, Stratum)', () => {
    expect(parseForeignUri('otpauth://totp/NoIssuer?secret=JBSWY3DPEHPK3PXP&issuer=NoIssuer')).toMatchObject({ issuer: 'NoIssuer', name: 'NoIssuer' });
  });

  it('re-encodes secrets whose unused trailing bits are set', () => {
    expect(parseForeignUri('otpauth://totp/x?secret=TESTTESTTESTTESTTEST').secretB32).toBe('TESTTESTTESTTESTTESQ');
  });

  it('a bad line of a list becomes a problem labelled with its line number, not an exception', () => {
    const r = readLinkList('x', 'otpauth://totp/Good:one?secret=JBSWY3DPEHPK3PXP\notpauth://totp/Bad:two?secret=!!!\n');
    expect(r.accounts).toHaveLength(1);
    expect(r.problems).toEqual([{ label: '#2', code: 'account/invalid-secret' }]);
  });

  it('HTML character references in URIs are decoded', () => {
    expect(urisInHtml('<td><code>otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&amp;issuer=A&#38;B</code></td>')).toEqual([
      'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP&issuer=A&B',
    ]);
  });
});
