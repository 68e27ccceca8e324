import { describe, expect, it } from 'vitest';
import { detectedId, expectSameAccounts, expected, readFixture, rejection } from './a-helpers';
import { utf8Encode } from '../../../../src/core/crypto/bytes';

describe('otpauth link list importer', () => {
  it('reads one link per line (CRLF, comments, blank lines, lower-case secret, otpauth://steam/); a line without a secret is one problem', async () => {
    expect(detectedId('otpauth-list/list.txt')).toBe('otpauth-list');
    const result = await readFixture('otpauth-list/list.txt');
    expectSameAccounts(result.accounts, [expected(0), expected(1), expected(2), expected(3)]);
    expect(result.problems).toEqual([{ label: '#6', code: 'uri/missing-secret' }]);
  });

  it('a file of comments only holds no accounts; an empty or unrelated file is unknown', async () => {
    expect(await rejection(readFixture('x.txt', {}, utf8Encode('# nothing here\n\n# still nothing\n')))).toBe('import/no-accounts');
    expect(await rejection(readFixture('x.txt', {}, utf8Encode('')))).toBe('import/unknown-format');
    expect(await rejection(readFixture('x.txt', {}, utf8Encode('hello\notpauth://totp/a?secret=GEZDGNBV\n')))).toBe('import/unknown-format');
  });

  it('names accounts as the exporting apps do: a label equal to issuer= is also the account name', async () => {
    const text = 'otpauth://totp/NoIssuer?secret=GEZDGNBVGY3TQOJQ&issuer=NoIssuer\notpauth://totp/alice?secret=GEZDGNBVGY3TQOJQ&issuer=Acme\n';
    const result = await readFixture('x.txt', {}, utf8Encode(text));
    expect(result.accounts.map((a) => [a.issuer, a.name])).toEqual([['NoIssuer', 'NoIssuer'], ['Acme', 'alice']]);
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
    expect(await rejection(readFixture('x.txt', {}, utf8Encode('otpauth-migration://offline?data=XXXX\n')))).toBe('import/damaged');
  });
});
