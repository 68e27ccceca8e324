/**
 * Our own made-up accounts in the files of apps that have no export (#17: Authy, Battle.net,
 * Duo, FreeOTP's tokens.xml, TOTP Authenticator's preferences, Google/Microsoft Authenticator's
 * and Stratum's SQLite databases, Authenticator Plus's SQLCipher file). The texts are here; the
 * SQLite files and the encrypted Authy file are written by
 * test/fixture-writers/app-database-fixtures.test.ts from the rows below.
 */
import initSqlJs, { type Database } from 'sql.js';
import type { ImportedAccount } from '../../../../src/formats/import/types';
import { ALICE, BOB, CAROL, DAVE, signedOf, TOTP_AUTHENTICATOR_ENTRIES } from './fixtures';

type Shape = Pick<ImportedAccount, 'type' | 'issuer' | 'name' | 'secretB32' | 'algorithm' | 'digits' | 'period' | 'counter'> &
  Partial<Pick<ImportedAccount, 'groups' | 'favourite'>>;

export const APP_FILES = {
  authyPlain: 'authy/com.authy.storage.tokens.authenticator.xml',
  authyEncrypted: 'authy/encrypted/com.authy.storage.tokens.authenticator.xml',
  battleNet: 'battlenet/com.blizzard.messenger.authenticator_preferences.xml',
  duo: 'duo/accounts.json',
  freeOtpXml: 'freeotp-xml/tokens.xml',
  totpAuthenticatorXml: 'totp-authenticator/TOTP_Authenticator_prefs.xml',
  google: 'google-authenticator/databases',
  microsoft: 'microsoft-authenticator/PhoneFactor',
  stratumDb: 'stratum/authenticator.db3',
  authenticatorPlusDb: 'authenticator-plus/authplus.db',
} as const;

/** Android writes preference strings XML-escaped, quotes included. */
export const xmlEscape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function sharedPrefs(entries: [kind: 'string' | 'int' | 'boolean' | 'long', name: string, value: string][]): string {
  const lines = entries.map(([kind, name, value]) =>
    kind === 'string' ? `    <string name="${xmlEscape(name)}">${xmlEscape(value)}</string>` : `    <${kind} name="${xmlEscape(name)}" value="${value}" />`,
  );
  return `<?xml version='1.0' encoding='utf-8' standalone='yes' ?>\n<map>\n${lines.join('\n')}\n</map>\n`;
}

// ---------- Authy ----------

/** Authy keeps SHA-1 and 30 s for every third-party code; only the digits are its own. */
export const AUTHY_BOB: Shape = { ...BOB, algorithm: 'SHA1', period: 30 };
export const AUTHY_PASSWORD = 'correct horse';
export const AUTHY_TOKENS = [
  { account: ALICE, salt: 'c2FsdHNhbHRzYWx0c2FsdA', iv: undefined, iterations: undefined },
  { account: AUTHY_BOB, salt: 'Zml4ZWRzYWx0Zm9yYm9i', iv: '000102030405060708090a0b0c0d0e0f', iterations: 1000 },
] as const;

export function authyToken(a: Shape, secret: Record<string, unknown>): Record<string, unknown> {
  return {
    accountType: 'authenticator',
    digits: a.digits,
    ...secret,
    logo: a.issuer,
    originalIssuer: a.issuer,
    originalName: `${a.issuer}:${a.name}`,
    timestamp: 1700000000,
    upload_state: 'uploaded',
    hidden: false,
    id: '1700000000',
    isNew: false,
    name: `${a.issuer}: ${a.name}`,
  };
}

export const authyPrefs = (tokens: unknown[]): string =>
  sharedPrefs([
    ['int', 'key_version', '121'],
    ['string', 'com.authy.storage.tokens.authenticator.key', JSON.stringify(tokens)],
  ]);

export const AUTHY_PLAIN = authyPrefs([
  ...AUTHY_TOKENS.map((t) => authyToken(t.account, { decryptedSecret: t.account.secretB32 })),
  // A token whose secret is not base32: a problem named after it, not a failed file.
  authyToken({ ...ALICE, issuer: 'Broken', name: 'nobody' }, { decryptedSecret: 'not base32!' }),
]);

// ---------- Battle.net ----------

export const BATTLENET_MASK = '398e27fc50276a656065b0e525f4c06c04c61075286b8e7aeda59da9813b5dd6c80d2fb38068773fa59ba47c17ca6c6479015c1d5b8b8f6b9a';
export const BATTLENET_SECRET_HEX = '3132333435363738393031323334353637383930';
export const BATTLENET: Shape = {
  type: 'totp',
  issuer: 'Battle.net',
  name: 'EU-1234-5678-9012',
  secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  algorithm: 'SHA1',
  digits: 8,
  period: 30,
  counter: 0,
};

export function maskHex(text: string): string {
  const mask = Buffer.from(BATTLENET_MASK, 'hex');
  return Buffer.from(Array.from(text, (c, i) => c.charCodeAt(0) ^ (mask[i] ?? 0))).toString('hex');
}

export const battleNetPrefs = (encryption = 'MASK'): string =>
  sharedPrefs([
    ['string', 'com.blizzard.messenger.AUTHENTICATOR_CREDENTIALS_ENCRYPTION_TYPE', encryption],
    ['string', 'com.blizzard.messenger.AUTHENTICATOR_DEVICE_SECRET', maskHex(BATTLENET_SECRET_HEX)],
    ['string', 'com.blizzard.messenger.AUTHENTICATOR_BGS_REGION_CODE', 'EU'],
    ['string', 'com.blizzard.messenger.AUTHENTICATOR_SERIAL', maskHex('EU123456789012')],
    ['long', 'com.blizzard.messenger.AUTHENTICATOR_SERVER_TIME_DIFF', '15'],
  ]);

// ---------- Duo ----------

/** Duo keeps no issuer, algorithm or digits: SHA-1, 6 digits. */
export const DUO_ALICE: Shape = { ...ALICE, issuer: '' };
export const DUO_CAROL: Shape = { ...CAROL, issuer: '', algorithm: 'SHA1', digits: 6 };
export const DUO = JSON.stringify(
  [
    { version: 1, accountType: 'OtpAccount', name: ALICE.name, otpGenerator: { otpSecret: ALICE.secretB32 }, pkey: 'a1', serviceTypeLabelIsCustom: true },
    { version: 1, accountType: 'OtpAccount', name: CAROL.name, otpGenerator: { otpSecret: CAROL.secretB32, counter: CAROL.counter }, pkey: 'a2' },
    { version: 1, accountType: 'DuoAccount', name: 'Example Corp', pkey: 'DPK0EXAMPLE', akey: 'DAK0EXAMPLE', hostname: 'api-0000.duosecurity.example' },
  ],
  null,
  2,
);

// ---------- FreeOTP / FreeOTP+ tokens.xml ----------

const freeOtpToken = (a: Shape): object => ({
  algo: a.algorithm,
  counter: a.counter,
  digits: a.digits,
  issuerExt: a.issuer,
  issuerInt: a.issuer,
  label: a.name,
  period: a.period,
  secret: signedOf(a.secretB32),
  type: a.type.toUpperCase(),
});
const FREEOTP_ORDER = [ALICE, BOB, CAROL];
export const FREEOTP_XML = sharedPrefs([
  ...FREEOTP_ORDER.map((a): ['string', string, string] => ['string', `${a.issuer}:${a.name}`, JSON.stringify(freeOtpToken(a))]),
  ['string', 'tokenOrder', JSON.stringify(FREEOTP_ORDER.map((a) => `${a.issuer}:${a.name}`))],
]);

// ---------- TOTP Authenticator ----------

export const TOTP_AUTHENTICATOR_XML = sharedPrefs([
  ['int', 'RATE_US_COUNTER', '3'],
  ['string', 'STATIC_TOTP_CODES_LIST', JSON.stringify(TOTP_AUTHENTICATOR_ENTRIES)],
  ['string', 'SORT_ACCOUNT_BY', 'CUSTOM'],
]);

// ---------- SQLite databases (rows; written by the fixture writer) ----------

/** Google: `email` is "Issuer:name"; the key as the user typed it (lower case, spaces). */
export const GOOGLE_ROWS = [
  {
    email: `${ALICE.issuer}:${ALICE.name}`,
    secret: 'jbsw y3dp ehpk 3pxp',
    counter: 0,
    type: 0,
    issuer: ALICE.issuer,
    original_name: `${ALICE.issuer}:${ALICE.name}`,
  },
  {
    email: `${CAROL.issuer}:${CAROL.name}`,
    secret: CAROL.secretB32,
    counter: CAROL.counter,
    type: 1,
    issuer: CAROL.issuer,
    original_name: `${CAROL.issuer}:${CAROL.name}`,
  },
  { email: 'erin@example.org', secret: 'ONSWG4TFOQ', counter: 0, type: 0, issuer: null, original_name: 'erin@example.org' },
];
export const GOOGLE_CAROL: Shape = { ...CAROL, algorithm: 'SHA1', digits: 6 };
export const GOOGLE_ERIN: Shape = { ...ALICE, issuer: '', name: 'erin@example.org', secretB32: 'ONSWG4TFOQ' };

/** Microsoft: `account_type` 0 is a code account; 1 a Microsoft account; a key kept only encrypted. */
export const MICROSOFT_ROWS = [
  { name: ALICE.issuer, username: ALICE.name, oath_secret_key: ALICE.secretB32, account_type: 0, encrypted_oath_secret_key: '' },
  { name: 'Microsoft', username: 'someone@outlook.example', oath_secret_key: 'ABCDEFGHABCDEFGH', account_type: 1, encrypted_oath_secret_key: '' },
  { name: 'Vault', username: 'locked', oath_secret_key: '', account_type: 0, encrypted_oath_secret_key: 'AAAAbase64blob' },
];

/** Stratum: `type` 1 HOTP, 2 TOTP, 4 Steam; `algorithm` 0 SHA-1, 1 SHA-256, 2 SHA-512. */
export const STRATUM_ROWS = [ALICE, BOB, CAROL, DAVE].map((a, ranking) => ({
  type: { hotp: 1, totp: 2, steam: 4 }[a.type as 'hotp' | 'totp' | 'steam'],
  issuer: a.issuer,
  username: a.name,
  secret: a.secretB32,
  algorithm: { SHA1: 0, SHA256: 1, SHA512: 2 }[a.algorithm as 'SHA1' | 'SHA256' | 'SHA512'],
  digits: a.digits,
  period: a.period,
  counter: a.counter,
  ranking,
}));
export const STRATUM_CATEGORY = { id: 'c0ffee01', name: 'Work', secret: BOB.secretB32 };

// ---------- SQLite databases with each app's schema (the writer and hostile-names.test.ts) ----------

type Rows = readonly Record<string, unknown>[];

async function database(schema: readonly string[], fill: (db: Database) => void): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    for (const statement of schema) db.run(statement);
    fill(db);
    return db.export();
  } finally {
    db.close();
  }
}

function insert(db: Database, table: string, rows: Rows): void {
  for (const row of rows) {
    const cols = Object.keys(row);
    db.run(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      cols.map((c) => row[c] ?? null) as (string | number | null)[],
    );
  }
}

/** Google Authenticator's schema (databases/databases), as its app creates it. */
export const googleDb = (rows: Rows): Promise<Uint8Array> =>
  database(
    [
      'CREATE TABLE android_metadata (locale TEXT)',
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0, type INTEGER, provider INTEGER DEFAULT 0, issuer TEXT DEFAULT NULL, original_name TEXT DEFAULT NULL)',
    ],
    (db) => insert(db, 'accounts', rows),
  );

/** Microsoft Authenticator's `accounts` table (databases/PhoneFactor): the columns the importer reads and some neighbours. */
export const microsoftDb = (rows: Rows): Promise<Uint8Array> =>
  database(
    [
      "CREATE TABLE `accounts` (`_id` INTEGER PRIMARY KEY AUTOINCREMENT, `group_key` TEXT NOT NULL DEFAULT '', `name` TEXT NOT NULL, `username` TEXT NOT NULL, `paws_url` TEXT NOT NULL DEFAULT '', `oath_secret_key` TEXT NOT NULL, `oath_enabled` INTEGER NOT NULL DEFAULT 0, `account_type` INTEGER NOT NULL, `ux_position` INTEGER NOT NULL DEFAULT 0, `encrypted_oath_secret_key` TEXT NOT NULL)",
    ],
    (db) => insert(db, 'accounts', rows),
  );

/** Stratum's sqlite-net tables, with BOB in the category "Work". */
export const stratumDb = (rows: Rows): Promise<Uint8Array> =>
  database(
    [
      'CREATE TABLE "authenticator" (\n"type" integer ,\n"icon" varchar ,\n"issuer" varchar(32) ,\n"username" varchar(40) ,\n"secret" varchar primary key not null ,\n"pin" varchar ,\n"algorithm" integer ,\n"digits" integer ,\n"period" integer ,\n"counter" integer ,\n"ranking" integer )',
      'CREATE TABLE "category" (\n"id" varchar(8) primary key not null ,\n"name" varchar(32) ,\n"ranking" integer )',
      'CREATE TABLE "authenticatorcategory" (\n"categoryId" varchar ,\n"authenticatorSecret" varchar ,\n"ranking" integer )',
    ],
    (db) => {
      insert(db, 'authenticator', rows);
      insert(db, 'category', [{ id: STRATUM_CATEGORY.id, name: STRATUM_CATEGORY.name, ranking: 0 }]);
      insert(db, 'authenticatorcategory', [{ categoryId: STRATUM_CATEGORY.id, authenticatorSecret: STRATUM_CATEGORY.secret, ranking: 0 }]);
    },
  );
