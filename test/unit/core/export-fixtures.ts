/** The accounts and secrets of the committed export fixtures (test/fixtures/export-v1, export-v2). */
import { readFileSync } from 'node:fs';
import type { AccountData } from '../../../src/core/account';
import type { WriteSecret } from '../../../src/core/export-file';

export const FIXTURE_DIR = new URL('../../fixtures/export-v1/', import.meta.url);
/** Written by format v2 (version in the header, KDF parameters in the slot AAD). */
export const FIXTURE_DIR_V2 = new URL('../../fixtures/export-v2/', import.meta.url);
export const FIXTURE_ARGON2 = { m: 8192, t: 1, p: 1 };
export const FIXTURE_NOW = new Date('2026-11-27T00:00:00.000Z');
export const FIXTURE_APP = 'Omamori 0.1.0';
export const TRANSFER_CODE = 'K7QPM-XR4TD-W2NAB-ZC6HJ-FY3EG-LSV5U';

export const FIXTURE_ACCOUNTS: AccountData[] = [
  { type: 'totp', issuer: 'Example', name: 'alice@example.com', secretB32: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '' },
  {
    type: 'totp',
    issuer: 'RFC 6238',
    name: 'sha512',
    secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
    counter: 0,
    pin: '',
  },
  {
    type: 'hotp',
    issuer: '銀行',
    name: 'たろう',
    secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 7,
    period: 30,
    counter: 9_007_199_254_740_991,
    pin: '',
  },
  {
    type: 'steam',
    issuer: 'Steam',
    name: '<script>alert(1)</script>',
    secretB32: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
    counter: 0,
    pin: '',
  },
];

/** The fixtures predate account extras: a reader gives them empty ones. */
export const FIXTURE_ACCOUNTS_READ = FIXTURE_ACCOUNTS.map((a) => ({ ...a, favourite: false, groups: [], notes: '', recoveryCodes: [], icon: '' }));

export interface FixtureFile {
  file: string;
  secret: WriteSecret;
}

export const NFC = 'p\u00e4ssw\u00f6rd';
export const NFD = 'pa\u0308sswo\u0308rd';

export const FIXTURES: FixtureFile[] = [
  { file: 'passphrase-ascii.omamori', secret: { kind: 'passphrase', passphrase: 'correct horse battery staple' } },
  { file: 'passphrase-nfc.omamori', secret: { kind: 'passphrase', passphrase: NFC } },
  { file: 'passphrase-nfd.omamori', secret: { kind: 'passphrase', passphrase: NFD } },
  { file: 'passphrase-japanese.omamori', secret: { kind: 'passphrase', passphrase: 'おまもりのあいことば' } },
  { file: 'passphrase-emoji.omamori', secret: { kind: 'passphrase', passphrase: '🔑🦊🌸' } },
  { file: 'transfer-code.omamori', secret: { kind: 'transfer-code', code: TRANSFER_CODE } },
];

/** The v2 fixtures: both slot kinds, and a passphrase that NFKC changes. */
export const FIXTURES_V2: FixtureFile[] = [
  { file: 'passphrase-ascii.omamori', secret: { kind: 'passphrase', passphrase: 'correct horse battery staple' } },
  { file: 'passphrase-nfd.omamori', secret: { kind: 'passphrase', passphrase: NFD } },
  { file: 'transfer-code.omamori', secret: { kind: 'transfer-code', code: TRANSFER_CODE } },
];

export function readFixture(file: string, dir: URL = FIXTURE_DIR): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, dir)));
}
