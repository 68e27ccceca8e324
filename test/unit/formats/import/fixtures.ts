/**
 * @file The made-up accounts inside test/fixtures/import/<app>/ and what each file holds (not a
 * test file). Written once by test/fixture-writers/import-fixtures.test.ts; the unit tests only
 * read the committed files. Two casts, because the fixtures were written at two times and must not
 * change: `ACCOUNTS`, by index, fill the Aegis, 2FAS, andOTP, Bitwarden, otpauth list, Ente text
 * and Google transfer-text fixtures; ALICE, BOB, CAROL, DAVE, ERIN and FRANK, with the contents
 * below, fill all the others. Long because it is data: one entry per committed fixture file.
 */
import type { AccountAlgorithm, OtpType } from '../../../../src/core/account';
import { encodeBase32 } from '../../../../src/core/base32';
import type { ImportedAccount } from '../../../../src/formats/import/types';

// ---------- ACCOUNTS and the passwords of their encrypted files ----------

export interface FixtureAccount {
  type: OtpType;
  issuer: string;
  name: string;
  secret: string;
  algorithm: AccountAlgorithm;
  digits: number;
  period: number;
  counter: number;
  pin: string;
}

const a = (
  type: OtpType,
  issuer: string,
  name: string,
  secret: string,
  algorithm: AccountAlgorithm,
  digits: number,
  period: number,
  counter = 0,
  pin = '',
): FixtureAccount => ({
  type,
  issuer,
  name,
  secret,
  algorithm,
  digits,
  period,
  counter,
  pin,
});

export const ACCOUNTS = [
  a('totp', 'Example Bank', 'alice@example.org', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'SHA1', 6, 30),
  a('totp', '日本語サービス', 'たろう', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'SHA256', 8, 60),
  a('hotp', 'Counter Co', 'bob', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA', 'SHA512', 6, 30, 42),
  a('steam', 'Steam', 'gamer', 'ONSWG4TFOQQGC3DEEBZWK4TSMV2A', 'SHA1', 5, 30),
  a('motp', 'mOTP Host', 'vpn', 'GEZDGNBVGY3TQOJQ', 'MD5', 6, 10, 0, '1234'),
  a('yandex', 'Yandex', 'ivan', 'NBSWY3DPFQQHO33SNRSCC2LOM5UWC3TU', 'SHA256', 8, 30, 0, '56789'),
] as const;

/** Passwords of the encrypted files written from ACCOUNTS (the others use PASSWORD). */
export const FIXTURE_PASSWORDS = {
  aegis: 'correct horse',
  /** UTF-8, not ASCII: 2FAS derives the key from the UTF-8 bytes. */
  twofas: 'パスワード合言葉',
  andotp: 'andotp-test',
  /** "ﬁ" and "½" change under NFKC: Bitwarden hashes the bytes as typed. */
  bitwarden: 'Bitwarden ﬁxture ½',
} as const;

// ---------- ALICE … FRANK ----------

export const PASSWORD = 'correct horse';

type Shape = Pick<ImportedAccount, 'type' | 'issuer' | 'name' | 'secretB32' | 'algorithm' | 'digits' | 'period' | 'counter'> &
  Partial<Pick<ImportedAccount, 'groups' | 'notes' | 'favourite' | 'pin'>>;

const t = (issuer: string, name: string, secretB32: string, algorithm: 'SHA1' | 'SHA256' | 'SHA512' = 'SHA1', digits = 6, period = 30): Shape => ({
  type: 'totp',
  issuer,
  name,
  secretB32,
  algorithm,
  digits,
  period,
  counter: 0,
});

export const ALICE = t('Example', 'alice@example.com', 'JBSWY3DPEHPK3PXP');
export const BOB = t('Acme & Co', 'bob@acme.test', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'SHA256', 8, 60);
export const CAROL: Shape = {
  type: 'hotp',
  issuer: 'Bank',
  name: 'carol',
  secretB32: 'MFRGGZDFMZTWQ2LK',
  algorithm: 'SHA512',
  digits: 7,
  period: 30,
  counter: 42,
};
export const DAVE: Shape = {
  type: 'steam',
  issuer: 'Steam',
  name: 'dave',
  secretB32: 'KRSXG5CTMVRXEZLU',
  algorithm: 'SHA1',
  digits: 5,
  period: 30,
  counter: 0,
};
export const ERIN = t('', 'erin (no issuer)', 'ONSWG4TFOQ');

export const secretBytesOf = (b32: string): Uint8Array => {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of b32) {
    value = (value << 5) | ALPHABET.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
};
export const hexOf = (b32: string): string => Buffer.from(secretBytesOf(b32)).toString('hex');
export const b64Of = (b32: string): string => Buffer.from(secretBytesOf(b32)).toString('base64');
export const signedOf = (b32: string): number[] => Array.from(secretBytesOf(b32), (x) => (x > 127 ? x - 256 : x));
// Round-trip guard: the helpers above must agree with the app's base32.
if (encodeBase32(secretBytesOf(BOB.secretB32)) !== BOB.secretB32) throw new Error('fixture base32 helper is wrong');

export const uriOf = (a: Shape): string => {
  const label = a.issuer === '' ? encodeURIComponent(a.name) : `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.name)}`;
  const kind = a.type === 'hotp' ? 'hotp' : 'totp';
  let uri = `otpauth://${kind}/${label}?secret=${a.secretB32}`;
  if (a.issuer !== '') uri += `&issuer=${encodeURIComponent(a.issuer)}`;
  uri += `&algorithm=${a.algorithm}&digits=${a.digits}`;
  uri += a.type === 'hotp' ? `&counter=${a.counter}` : `&period=${a.period}`;
  if (a.type === 'steam') uri += '&encoder=steam';
  return uri;
};

// --- plain contents --------------------------------------------------------------------------

export const PROTON_PLAIN = JSON.stringify({
  version: 1,
  entries: [
    { id: 'a1', content: { uri: uriOf(ALICE), entry_type: 'Totp', name: ALICE.name }, note: 'backup codes are in the safe' },
    { id: 'b2', content: { uri: uriOf(BOB), entry_type: 'Totp', name: BOB.name }, note: null },
    { id: 'd4', content: { uri: `steam://${DAVE.secretB32}`, entry_type: 'Steam', name: 'dave' }, note: null },
    { id: 'e5', content: { uri: uriOf(ERIN), entry_type: 'Totp', name: ERIN.name }, note: null },
  ],
});

export const STRATUM_PLAIN = JSON.stringify({
  Authenticators: [
    {
      Type: 2,
      Icon: null,
      Issuer: ALICE.issuer,
      Username: ALICE.name,
      Secret: ALICE.secretB32,
      Pin: null,
      Algorithm: 0,
      Digits: 6,
      Period: 30,
      Counter: 0,
      Ranking: 0,
    },
    {
      Type: 2,
      Icon: 'acme',
      Issuer: BOB.issuer,
      Username: BOB.name,
      Secret: BOB.secretB32,
      Pin: null,
      Algorithm: 1,
      Digits: 8,
      Period: 60,
      Counter: 0,
      Ranking: 1,
    },
    {
      Type: 1,
      Icon: null,
      Issuer: CAROL.issuer,
      Username: CAROL.name,
      Secret: CAROL.secretB32,
      Pin: null,
      Algorithm: 2,
      Digits: 7,
      Period: 30,
      Counter: 42,
      Ranking: 2,
    },
    {
      Type: 4,
      Icon: null,
      Issuer: DAVE.issuer,
      Username: DAVE.name,
      Secret: DAVE.secretB32,
      Pin: null,
      Algorithm: 0,
      Digits: 5,
      Period: 30,
      Counter: 0,
      Ranking: 3,
    },
    {
      Type: 3,
      Icon: null,
      Issuer: 'mOTP',
      Username: 'frank',
      Secret: '0123456789abcdef',
      Pin: '1234',
      Algorithm: 0,
      Digits: 6,
      Period: 10,
      Counter: 0,
      Ranking: 4,
    },
  ],
  Categories: [{ Id: 'w0rk', Name: 'Work', Ranking: 0 }],
  AuthenticatorCategories: [{ CategoryId: 'w0rk', AuthenticatorSecret: BOB.secretB32, Ranking: 0 }],
  CustomIcons: [],
});
export const FRANK: Shape = {
  type: 'motp',
  issuer: 'mOTP',
  name: 'frank',
  secretB32: 'AERUKZ4JVPG66',
  algorithm: 'MD5',
  digits: 6,
  period: 10,
  counter: 0,
  pin: '1234',
};

export const STRATUM_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Stratum Backup</title></head><body><table>
<tr><th>Issuer</th><th>Username</th><th>OTP Auth URI</th><th>QR Code</th></tr>
${[ALICE, BOB, CAROL]
  .map(
    (a) =>
      `<tr><td>${a.issuer.replace(/&/g, '&amp;')}</td><td>${a.name}</td><td><code>${uriOf(a).replace(/&/g, '&amp;')}</code></td><td><img src="data:image/png;base64,iVBORw0KGgo="></td></tr>`,
  )
  .join('\n')}
</table></body></html>
`;

export const ENTE_TEXT = [
  `${uriOf(ALICE)}&codeDisplay=${encodeURIComponent(JSON.stringify({ pinned: true, trashed: false, tags: ['Personal'], note: 'main mail' }))}`,
  uriOf(CAROL),
  `${uriOf(BOB)}&codeDisplay=${encodeURIComponent(JSON.stringify({ pinned: false, trashed: true, tags: [] }))}`,
  '',
].join('\n');
export const ENTE_MEM_LIMIT = 64 * 1024;
export const ENTE_OPS_LIMIT = 1;

export const FREEOTP_PLUS = JSON.stringify({
  tokenOrder: ['Example:alice@example.com', 'Acme & Co:bob@acme.test', 'Bank:carol'],
  tokens: [
    { algo: 'SHA1', counter: 0, digits: 6, issuerExt: ALICE.issuer, label: ALICE.name, period: 30, secret: signedOf(ALICE.secretB32), type: 'TOTP' },
    {
      algo: 'SHA256',
      counter: 0,
      digits: 8,
      issuerExt: BOB.issuer,
      issuerInt: 'acme',
      label: BOB.name,
      period: 60,
      secret: signedOf(BOB.secretB32),
      type: 'TOTP',
    },
    { algo: 'SHA512', counter: 41, digits: 7, issuerExt: CAROL.issuer, label: CAROL.name, period: 30, secret: signedOf(CAROL.secretB32), type: 'HOTP' },
  ],
});
/** FreeOTP+ stores the counter it last used: the file says 41 and that is what we import. */
export const CAROL_FREEOTP_PLUS: Shape = { ...CAROL, counter: 41 };

export const FREEOTP_V2_TOKENS = [
  { uuid: '11111111-1111-4111-8111-111111111111', secret: secretBytesOf(ALICE.secretB32), meta: { issuerExt: ALICE.issuer, label: ALICE.name, type: 'TOTP' } },
  {
    uuid: '22222222-2222-4222-8222-222222222222',
    secret: secretBytesOf(BOB.secretB32),
    meta: { algo: 'SHA256', digits: 8, issuerExt: BOB.issuer, label: BOB.name, period: 60, type: 'TOTP' },
  },
  {
    uuid: '33333333-3333-4333-8333-333333333333',
    secret: secretBytesOf(CAROL.secretB32),
    meta: { algo: 'SHA512', counter: 42, digits: 7, issuerExt: CAROL.issuer, label: CAROL.name, type: 'HOTP' },
  },
];

export const LASTPASS = JSON.stringify({
  deviceId: '',
  localDeviceId: '00000000-0000-4000-8000-000000000000',
  deviceName: 'Test phone',
  version: 3,
  accounts: [
    {
      accountID: 'x1',
      issuerName: ALICE.issuer,
      originalIssuerName: ALICE.issuer,
      userName: ALICE.name,
      originalUserName: ALICE.name,
      pushNotification: false,
      secret: ALICE.secretB32.toLowerCase(),
      timeStep: 30,
      digits: 6,
      creationTimestamp: 1,
      isFavorite: true,
      algorithm: 'SHA1',
      folderData: { folderId: 1, position: 0 },
    },
    {
      accountID: 'x2',
      issuerName: '',
      originalIssuerName: BOB.issuer,
      userName: BOB.name,
      originalUserName: BOB.name,
      pushNotification: false,
      secret: BOB.secretB32,
      timeStep: 60,
      digits: 8,
      creationTimestamp: 2,
      isFavorite: false,
      algorithm: 'SHA256',
      folderData: { folderId: 0, position: 0 },
    },
  ],
  folders: [
    { id: 1, name: 'Favorites', isOpened: true },
    { id: 0, name: 'Other accounts', isOpened: true },
  ],
});

export const RAIVO = JSON.stringify([
  {
    pinned: 'true',
    timer: '30',
    secret: ALICE.secretB32,
    iconValue: '',
    iconType: '',
    counter: '0',
    digits: '6',
    issuer: ALICE.issuer,
    kind: 'TOTP',
    algorithm: 'SHA1',
    account: ALICE.name,
  },
  {
    pinned: 'false',
    timer: '30',
    secret: CAROL.secretB32,
    iconValue: '',
    iconType: '',
    counter: '42',
    digits: '7',
    issuer: CAROL.issuer,
    kind: 'HOTP',
    algorithm: 'SHA512',
    account: CAROL.name,
  },
]);

const maFile = (name: string, b32: string): Record<string, unknown> => ({
  shared_secret: b64Of(b32),
  serial_number: '1',
  revocation_code: 'R00000',
  account_name: name,
  token_gid: '0',
  identity_secret: 'aWRlbnRpdHk=',
  secret_1: 'c2VjcmV0',
  server_time: 0,
  status: 1,
  device_id: 'android:00000000-0000-0000-0000-000000000000',
  fully_enrolled: true,
  Session: { SteamID: 1 },
});
export const STEAM_SINGLE = JSON.stringify(maFile(DAVE.name, DAVE.secretB32));
export const STEAM_WRAPPED = JSON.stringify({ accounts: { '1': maFile(DAVE.name, DAVE.secretB32), '2': maFile('grace', ALICE.secretB32) } });

export const TOTP_AUTHENTICATOR_ENTRIES = [
  {
    accountHeaderLabel: 'personal',
    base: 16,
    digits: '',
    issuer: ALICE.issuer,
    key: hexOf(ALICE.secretB32).toUpperCase(),
    name: 'alice@example.com',
    period: '',
    isFavorite: true,
  },
  { accountHeaderLabel: '', base: 16, digits: '6', issuer: 'Acme & Co', key: hexOf(BOB.secretB32), name: 'bob@acme.test', period: '30', isFavorite: false },
];

export const URI_LIST = `${[ALICE, CAROL, ERIN].map(uriOf).join('\r\n')}\r\n`;

export const FILES = {
  protonPlain: 'proton/plain.json',
  protonEncrypted: 'proton/encrypted.json',
  stratumPlain: 'stratum/backup.json',
  stratumStrong: 'stratum/backup.strong.authpro',
  stratumLegacy: 'stratum/backup.legacy.authpro',
  stratumHtml: 'stratum/backup.html',
  enteEncrypted: 'ente/encrypted.json',
  freeOtpPlus: 'freeotp-plus/backup.json',
  freeOtpV2: 'freeotp-v2/externalBackup.xml',
  lastPass: 'lastpass/export.json',
  raivo: 'raivo/raivo-otp-export.json',
  raivoZip: 'raivo/raivo-otp-export.zip',
  steamSingle: 'steam/dave.maFile',
  steamWrapped: 'steam/manifest-accounts.json',
  totpAuthenticator: 'totp-authenticator/backup.bin',
  authenticatorPlus: 'authenticator-plus/backup.zip',
  winAuth: 'winauth/backup.zip',
} as const;
