import { WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import { decodeBase32 } from '../../../src/core/base32';
import { accountNameForGoogle, accountNameFromGoogle, decodeMigrationUri, MAX_MIGRATION_DATA_CHARS } from '../../../src/formats/google-migration/codec';
import { account, buildPayload, catchAppError, fixtureUris, migrationUri } from './migration-helpers';
import { utf8Encode } from '../../../src/core/crypto/bytes';

const decodeAll = (file: string) => fixtureUris(file).map((uri) => decodeMigrationUri(uri));
const SECRET = utf8Encode('12345678901234567890');
const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

describe('decodeMigrationUri on our committed fixtures', () => {
  it('reads the three codes of one export with their batch fields', () => {
    const batches = decodeAll('multi-batch.txt');
    expect(batches.map((b) => [b.version, b.batchSize, b.batchIndex, b.batchId])).toEqual([
      [1, 3, 0, -1155869325],
      [1, 3, 1, -1155869325],
      [1, 3, 2, -1155869325],
    ]);
    expect(batches.flatMap((b) => b.accounts.map((a) => [a.issuer, a.name]))).toEqual([
      ['GitHub', 'alice@example.com'],
      ['Example', 'bob'],
      ['', 'carol@example.com'],
      ['Amazon', 'me@example.com'],
      ['Dropbox', 'dave@example.com'],
      ['GitLab', ''],
      ['Slack', 'erin@example.com'],
    ]);
    expect(batches[1]?.accounts[1]).toEqual(
      account({ issuer: 'Dropbox', name: 'dave@example.com', algorithm: 'SHA512', secretB32: 'N5WWC3LPOJUS23LVNR2GSLJQGUXC4LRO' }),
    );
    expect(batches.every((b) => b.problems.length === 0)).toBe(true);
  });

  it('reads an HOTP account with its counter', () => {
    const [batch] = decodeAll('hotp-counter-42.txt');
    expect(batch?.accounts).toEqual([
      account({ type: 'hotp', issuer: 'Acme VPN', name: 'ops@example.com', counter: 42, secretB32: 'N5WWC3LPOJUS22DPORYC2NBSFYXC4LRO' }),
    ]);
  });

  it('reads SHA-256 with 8 digits and SHA-512', () => {
    const [batch] = decodeAll('sha256-8-digits.txt');
    expect(batch?.accounts).toEqual([
      account({ issuer: 'Bank', name: 'kim@example.com', algorithm: 'SHA256', digits: 8, secretB32: 'N5WWC3LPOJUS243IMEZDKNRNHAXC4LRO' }),
      account({ issuer: 'Broker', name: 'lee@example.com', algorithm: 'SHA512', secretB32: 'N5WWC3LPOJUS243IME2TCMRNGYXC4LRO' }),
    ]);
  });

  it('keeps Japanese issuers and names intact', () => {
    const [batch] = decodeAll('japanese.txt');
    expect(batch?.accounts).toEqual([
      account({ issuer: '楽天', name: '山田 太郎', secretB32: 'N5WWC3LPOJUS24TBNN2XIZLOFYXC4LRO' }),
      account({ issuer: 'みずほ銀行', name: '', secretB32: 'N5WWC3LPOJUS23LJPJ2WQ3ZOFYXC4LRO' }),
    ]);
  });

  it('skips unknown field 8 in the entry and in the payload', () => {
    const [batch] = decodeAll('unknown-field-8.txt');
    expect(batch).toMatchObject({ version: 1, batchSize: 1, batchIndex: 0, batchId: 1234, problems: [] });
    expect(batch?.accounts).toEqual([account({ issuer: 'Example', name: 'alice@google.com', secretB32: 'JBSWY3DPEHPK3PXP' })]);
  });

  it('lists an MD5 entry as a problem and keeps the usable one', () => {
    const [batch] = decodeAll('md5-entry.txt');
    expect(batch?.accounts).toEqual([account({ issuer: 'Legacy', name: 'ok@example.com', secretB32: 'N5WWC3LPOJUS23LEGUWW62ZOFYXC4LRO' })]);
    expect(batch?.problems).toEqual([{ index: 1, code: 'unsupported-algorithm', excerpt: 'OldBank (md5@example.com)' }]);
  });
});

describe('decodeMigrationUri entries', () => {
  const one = (entry: Parameters<typeof buildPayload>[0][number]) => decodeMigrationUri(migrationUri(buildPayload([entry])));

  it('reads proto3 defaults (no algorithm, digits, type, batch fields) as TOTP SHA-1, 6 digits, one code', () => {
    const batch = one({ secret: SECRET, name: 'alice' });
    expect(batch).toEqual({ version: 0, batchSize: 1, batchIndex: 0, batchId: 0, accounts: [account({ name: 'alice', secretB32: SECRET_B32 })], problems: [] });
  });

  it.each([
    ['MD5', { algorithm: 4 }, 'unsupported-algorithm'],
    ['an unknown algorithm', { algorithm: 9 }, 'unsupported-algorithm'],
    ['an unknown digit count', { digits: 3 }, 'unsupported-digits'],
    ['a negative digit enum', { digits: -1 }, 'unsupported-digits'],
    ['an unknown type', { type: 3 }, 'unsupported-type'],
    ['an empty secret', { secret: new Uint8Array(0) }, 'invalid-secret'],
    ['no secret at all', { secret: undefined }, 'invalid-secret'],
    ['a secret over 256 bytes', { secret: new Uint8Array(300) }, 'invalid-secret'],
    ['a negative HOTP counter', { type: 1, counter: -1 }, 'invalid-entry'],
    ['an HOTP counter beyond 2^53', { type: 1, counter: 2n ** 60n }, 'invalid-entry'],
    ['no issuer and no name', { issuer: '', name: ' ' }, 'invalid-entry'],
    ['a name over 256 characters', { name: 'x'.repeat(300) }, 'invalid-entry'],
  ] as const)('reports %s as a problem, not a throw', (_label, change, code) => {
    const batch = decodeMigrationUri(
      migrationUri(
        buildPayload([
          { secret: SECRET, issuer: 'Good', name: 'kept', type: 2 },
          { secret: SECRET, issuer: 'Bad', name: 'x', type: 2, ...change },
        ]),
      ),
    );
    expect(batch.accounts.map((a) => a.issuer)).toEqual(['Good']);
    expect(batch.problems).toEqual([expect.objectContaining({ index: 1, code })]);
  });

  it('never puts the secret into a problem excerpt', () => {
    const batch = decodeMigrationUri(migrationUri(buildPayload([{ secret: SECRET, issuer: 'Old', name: 'me', algorithm: 4 }])));
    expect(JSON.stringify(batch.problems)).not.toContain(SECRET_B32);
    expect(batch.problems[0]?.excerpt).toBe('Old (me)');
  });

  it('reads a negative batch_id written as a ten-byte varint and an HOTP counter as int64', () => {
    const batch = decodeMigrationUri(migrationUri(buildPayload([{ secret: SECRET, name: 'h', type: 1, counter: 2 ** 40 }], { batchId: -(2 ** 31) })));
    expect(batch.batchId).toBe(-(2 ** 31));
    expect(batch.accounts[0]?.counter).toBe(2 ** 40);
  });

  it('skips a known field number written with another wire type, like protobuf-java', () => {
    const bytes = buildPayload([{ secret: SECRET, name: 'n', extra: (w) => w.tag(4, WireType.LengthDelimited).string('SHA256') }]);
    expect(decodeMigrationUri(migrationUri(bytes)).accounts[0]?.algorithm).toBe('SHA1');
  });
});

describe('issuer and name', () => {
  it.each([
    ['SerenityLabs:test1@serenitylabs.co.uk', 'SerenityLabs', 'test1@serenitylabs.co.uk'],
    ['Example:alice@google.com', 'Example', 'alice@google.com'],
    ['GitHub', 'GitHub', ''],
    ['alice@example.com', 'Acme', 'alice@example.com'],
    ['Other:alice', 'Acme', 'Other:alice'],
    ['A:A:b', 'A', 'A:b'],
    ['encoding: ¿äÄéÉ? (demo)', '', 'encoding: ¿äÄéÉ? (demo)'],
  ])('Google name %j with issuer %j gives name %j', (googleName, issuer, name) => {
    expect(accountNameFromGoogle(googleName, issuer)).toBe(name);
  });

  it.each([
    ['A', 'b'],
    ['A', ''],
    ['', 'x:y'],
    ['A', 'A'],
    ['A', 'A:b'],
    ['楽天', '山田 太郎'],
  ])('writes issuer %j and name %j so that they read back unchanged', (issuer, name) => {
    expect(accountNameFromGoogle(accountNameForGoogle({ issuer, name }), issuer)).toBe(name);
  });
});

describe('decodeMigrationUri URI forms', () => {
  const secret = Uint8Array.from({ length: 200 }, (_, i) => (i * 37) & 255);
  const bytes = buildPayload([{ secret, issuer: 'Acme', name: 'Acme:a', type: 2 }], { batchSize: 1 });
  const b64 = Buffer.from(bytes).toString('base64');
  const expected = decodeMigrationUri(migrationUri(bytes)).accounts;

  it.each([
    ['raw + / =', b64],
    ['%2B %2F %3D', encodeURIComponent(b64)],
    ['lower-case percent escapes', encodeURIComponent(b64).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
    ['URL-safe base64 without padding', Buffer.from(bytes).toString('base64url')],
    ['no padding', b64.replace(/=+$/, '')],
    ['spaces where a form decoder turned + into a space', b64.replace(/\+/g, ' ')],
  ])('accepts data as %s', (_label, data) => {
    expect(b64).toMatch(/\+.*\/|\/.*\+/);
    expect(b64).toMatch(/=$/);
    expect(decodeMigrationUri(`otpauth-migration://offline?data=${data}`).accounts).toEqual(expected);
  });

  it('accepts surrounding white space, an upper-case scheme, a slash before the query and other parameters', () => {
    expect(decodeMigrationUri(`  OTPAUTH-MIGRATION://OFFLINE/?x=1&data=${encodeURIComponent(b64)}\n`).accounts).toEqual(expected);
  });

  it.each([
    ['another scheme', `otpauthmigration://offline?data=${b64}`],
    ['another host', `otpauth-migration://online?data=${b64}`],
    ['a prefix before the scheme', `QR-Code:otpauth-migration://offline?data=${b64}`],
    ['no data parameter', 'otpauth-migration://offline?dat=abc'],
    ['no query', 'otpauth-migration://offline'],
    ['bare base64', b64],
    ['an otpauth:// link', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP'],
    ['empty text', ''],
  ])('rejects %s with migration/invalid-uri', (_label, text) => {
    catchAppError(() => decodeMigrationUri(text), 'migration/invalid-uri');
  });

  it.each([
    ['characters outside base64', 'abc!'],
    ['a bad percent escape', '%E0%A4%A'],
    ['an impossible base64 length', 'AAAAA'],
    ['not a protobuf', 'XXXX'],
    ['a truncated payload', b64.slice(0, 20)],
    ['an index beyond the batch size', Buffer.from(buildPayload([{ secret: SECRET, name: 'a' }], { batchSize: 2, batchIndex: 2 })).toString('base64')],
    ['a negative batch size', Buffer.from(buildPayload([{ secret: SECRET, name: 'a' }], { batchSize: -3 })).toString('base64')],
    ['an end-group tag', Buffer.from([0x0c]).toString('base64')],
  ])('rejects %s with migration/invalid-data', (_label, data) => {
    catchAppError(() => decodeMigrationUri(`otpauth-migration://offline?data=${data}`), 'migration/invalid-data');
  });

  it('refuses data over 64 KiB before decoding it', () => {
    const data = 'A'.repeat(MAX_MIGRATION_DATA_CHARS + 4);
    catchAppError(() => decodeMigrationUri(`otpauth-migration://offline?data=${data}`), 'migration/invalid-data');
    catchAppError(() => decodeMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(10 ** 6)}`), 'migration/invalid-data');
  });

  it('rejects a payload without entries with migration/empty', () => {
    catchAppError(() => decodeMigrationUri('otpauth-migration://offline?data='), 'migration/empty');
    catchAppError(() => decodeMigrationUri(migrationUri(buildPayload([], { version: 1, batchSize: 1 }))), 'migration/empty');
  });

  it('keeps no cause or text from the input in the error', () => {
    const err = catchAppError(() => decodeMigrationUri(`otpauth-migration://offline?data=${SECRET_B32}`));
    expect(err.cause).toBeUndefined();
    expect(err.message).toBe(err.code);
  });

  it('decodes the secret bytes exactly', () => {
    expect(decodeBase32(expected[0]?.secretB32 ?? '')).toEqual(secret);
  });
});
