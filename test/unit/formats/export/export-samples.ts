/**
 * Made-up accounts for the exporter tests and for the committed files in
 * test/fixtures/export-formats (written by test/fixture-writers/export-formats-fixtures.test.ts).
 * Every secret here is random test data, not anyone's account.
 */
import type { ExportAccount } from '../../../../src/formats/export/registry';

export const FIXTURE_DIR = new URL('../../../fixtures/export-formats/', import.meta.url);
/** Passphrase of the encrypted fixtures: non-ASCII on purpose (Aegis hashes the UTF-8 bytes). */
export const FIXTURE_PASSWORD = 'correct horse 馬 battery';
export const FIXTURE_NOW = new Date('2026-11-01T09:00:00Z');
/** The smallest Argon2id cost our reader accepts: fixtures open fast in tests. */
export const FIXTURE_ARGON2 = { m: 8_192, t: 1, p: 1 };

const base = { groups: [] as string[], notes: '', favourite: false, pin: '', counter: 0, period: 30 };

export const SAMPLE_ACCOUNTS: ExportAccount[] = [
  {
    ...base,
    type: 'totp',
    issuer: 'Example Mail',
    name: 'alice@example.com',
    secretB32: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    groups: ['Work'],
    notes: 'Main account',
    favourite: true,
    recoveryCodes: [
      { code: 'a1b2-c3d4', usedAt: 0 },
      { code: 'e5f6-g7h8', usedAt: Date.UTC(2026, 0, 2, 12) },
    ],
  },
  {
    ...base,
    type: 'totp',
    issuer: 'Forge',
    name: 'bob',
    secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    algorithm: 'SHA256',
    digits: 8,
    groups: ['Work', 'Dev'],
  },
  {
    ...base,
    type: 'totp',
    issuer: '銀行',
    name: '山田 太郎',
    secretB32: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    algorithm: 'SHA512',
    digits: 8,
    period: 60,
    groups: ['Private'],
  },
  { ...base, type: 'hotp', issuer: 'Counter Co', name: 'carol', secretB32: 'ONSWG4TFORRW63LUMVZHG2LPNY', algorithm: 'SHA1', digits: 6, counter: 42 },
  { ...base, type: 'totp', issuer: '', name: 'no-issuer@example.org', secretB32: 'KRUGS4ZANFZSAYJAORSXG5A', algorithm: 'SHA1', digits: 6 },
  { ...base, type: 'steam', issuer: 'Steam', name: 'gamer', secretB32: 'NB2HI4DTHIXS6ZDFNVXS4Y3PNU', algorithm: 'SHA1', digits: 5 },
];

/** The accounts only a few formats can carry (2FAS and Google skip them). */
export const EXOTIC_ACCOUNTS: ExportAccount[] = [
  { ...base, type: 'motp', issuer: 'Legacy VPN', name: 'dave', secretB32: 'GEZDGNBVGY3TQOJQ', algorithm: 'MD5', digits: 6, period: 10, pin: '1234' },
  {
    ...base,
    type: 'yandex',
    issuer: 'Yandex',
    name: 'erin',
    secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGE',
    algorithm: 'SHA256',
    digits: 8,
    pin: '98765',
  },
];

export const ALL_SAMPLES: ExportAccount[] = [...SAMPLE_ACCOUNTS, ...EXOTIC_ACCOUNTS];

/** The fixture files: name → how it was written. */
export const FIXTURE_FILES = {
  aegisPlain: 'aegis-plain.json',
  aegisEncrypted: 'aegis-encrypted.json',
  twofas: 'twofas.2fas',
  otpauth: 'otpauth-links.txt',
  omamori: 'omamori-backup.omamori',
  googleUris: 'google-transfer.txt',
  googleQr: 'google-transfer-1-of-1.png',
} as const;
