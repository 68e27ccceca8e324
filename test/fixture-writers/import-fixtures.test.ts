/**
 * Writes every committed import fixture, test/fixtures/import/<app>/*: small exports in other
 * apps' formats, built from their format documentation with our own made-up accounts
 * (test/unit/formats/import/fixtures.ts), encrypted the way each app encrypts, with fixed salts
 * and nonces so that re-running gives the same bytes (except Ente's secretstream header and the
 * ZIPs' encryption headers, which the libraries draw at random). Run by hand, once per format:
 *   npx vitest run --config vitest.fixture-writers.config.ts test/fixture-writers/import-fixtures.test.ts
 * OMAMORI_FIXTURE_OUT=<dir> writes them elsewhere, to compare with the committed files. KDF costs
 * are the smallest each format allows in practice, so that the unit tests stay fast; the real
 * apps' costs are exercised by the shared corpus. One file (over 300 lines) because it is run as
 * a whole and each part is one app's format documentation turned into bytes; the writers shared
 * with the tests are in test/unit/formats/import/writers.ts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { argon2id } from 'hash-wasm';
import { describe, it } from 'vitest';
import { utf8Encode } from '../../src/core/crypto/bytes';
import { encodeMigrationUris } from '../../src/formats/google-migration/codec';
import * as F from '../unit/formats/import/fixtures';
import { ACCOUNTS, FIXTURE_PASSWORDS } from '../unit/formats/import/fixtures';
import { FIXTURE_DIR } from '../unit/formats/import/helpers';
import * as W from '../unit/formats/import/writers';
import { b64, bitwardenEncString, fixedBytes, gcm, hex, hmacSha256, pbkdf2, sha256 } from '../unit/formats/import/writers';

const OUT = process.env.OMAMORI_FIXTURE_OUT ?? FIXTURE_DIR;

function write(rel: string, data: string | Uint8Array): void {
  const file = path.join(OUT, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, data);
}

/** The salts and nonces of the files written from ACCOUNTS. */
const fixed = (n: number, seed: number): Uint8Array => fixedBytes(n, seed, 17);

const [bank, japanese, counter, steam, motp, yandex] = ACCOUNTS;

// ---------- Aegis (docs/vault.md, db version 3) ----------

function aegisDb(): object {
  const groupId = '5f1b9e3c-0d6a-4a55-9f0e-1c2b3d4e5f60';
  const entry = (a: (typeof ACCOUNTS)[number], uuid: string, info: object, extra: object = {}): object => ({
    type: a.type,
    uuid,
    name: a.name,
    issuer: a.issuer,
    note: '',
    favorite: false,
    icon: null,
    icon_mime: null,
    icon_hash: null,
    info: { secret: a.secret, ...info },
    groups: [],
    ...extra,
  });
  return {
    version: 3,
    entries: [
      entry(
        bank,
        '0b5c6a0e-1111-4c1e-8f00-000000000001',
        { algo: 'SHA1', digits: 6, period: 30 },
        { note: 'primary login', favorite: true, groups: [groupId] },
      ),
      entry(japanese, '0b5c6a0e-1111-4c1e-8f00-000000000002', { algo: 'SHA256', digits: 8, period: 60 }),
      entry(counter, '0b5c6a0e-1111-4c1e-8f00-000000000003', { algo: 'SHA512', digits: 6, counter: 42 }, { groups: [groupId] }),
      entry(steam, '0b5c6a0e-1111-4c1e-8f00-000000000004', { algo: 'SHA1', digits: 5, period: 30 }),
      entry(motp, '0b5c6a0e-1111-4c1e-8f00-000000000005', { algo: 'MD5', digits: 6, period: 10, pin: '1234' }),
      entry(yandex, '0b5c6a0e-1111-4c1e-8f00-000000000006', { algo: 'SHA256', digits: 8, period: 30, pin: '56789' }),
      // A type Aegis may add one day: a problem, not a failure.
      { type: 'future', uuid: '0b5c6a0e-1111-4c1e-8f00-000000000007', name: 'x', issuer: 'Future', info: {} },
    ],
    groups: [{ uuid: groupId, name: 'Finance' }],
  };
}

async function writeAegis(): Promise<void> {
  write('aegis/plain-v3.json', JSON.stringify({ version: 1, header: { slots: null, params: null }, db: aegisDb() }, null, 4));
  const masterKey = fixed(32, 1);
  const salt = fixed(32, 2);
  const slotNonce = fixed(12, 3);
  const dbNonce = fixed(12, 4);
  const N = 2 ** 10;
  const kek = await scryptAsync(utf8Encode(FIXTURE_PASSWORDS.aegis), salt, { N, r: 8, p: 1, dkLen: 32 });
  const wrapped = gcm(kek, slotNonce, masterKey);
  const sealed = gcm(masterKey, dbNonce, utf8Encode(JSON.stringify(aegisDb())));
  const header = {
    slots: [
      // A biometric slot (type 2) we cannot open, before the password slot.
      { type: 2, uuid: 'c9b2f7a0-2222-4d3e-9a00-000000000001', key: hex(fixed(32, 9)), key_params: { nonce: hex(fixed(12, 9)), tag: hex(fixed(16, 9)) } },
      {
        type: 1,
        uuid: 'c9b2f7a0-2222-4d3e-9a00-000000000002',
        key: hex(wrapped.subarray(0, 32)),
        key_params: { nonce: hex(slotNonce), tag: hex(wrapped.subarray(32)) },
        n: N,
        r: 8,
        p: 1,
        salt: hex(salt),
        repaired: true,
        is_backup: false,
      },
    ],
    params: { nonce: hex(dbNonce), tag: hex(sealed.subarray(sealed.length - 16)) },
  };
  write('aegis/encrypted.json', JSON.stringify({ version: 1, header, db: b64(sealed.subarray(0, sealed.length - 16)) }, null, 4));
}

// ---------- otpauth list, Ente, Google transfer text ----------

const uri = (a: (typeof ACCOUNTS)[number], extra = ''): string => {
  const label = `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.name)}`;
  return `otpauth://${a.type === 'hotp' ? 'hotp' : 'totp'}/${label}?secret=${a.secret}&issuer=${encodeURIComponent(a.issuer)}${extra}`;
};

function writeTextLists(): void {
  write(
    'otpauth-list/list.txt',
    [
      '# exported by hand for Omamori tests',
      uri(bank),
      '',
      uri(japanese, '&algorithm=SHA256&digits=8&period=60'),
      uri(counter, '&algorithm=sha512&counter=42'),
      'otpauth://totp/Broken:line?issuer=Broken', // no secret: one problem
      `otpauth://steam/Steam:${steam.name}?secret=${steam.secret.toLowerCase()}&issuer=Steam`,
      '',
    ].join('\r\n'),
  );
  const display = (d: object): string => `&codeDisplay=${encodeURIComponent(JSON.stringify(d))}`;
  write(
    'ente/plain.txt',
    [
      uri(bank, display({ pinned: true, trashed: false, lastUsedAt: 0, tapCount: 3, tags: ['Finance', 'Work'], note: 'primary login', position: 0 })),
      uri(japanese, `&algorithm=SHA256&digits=8&period=60${display({ pinned: false, trashed: false, tags: [] })}`),
      uri(counter, `&algorithm=SHA512&counter=42${display({ pinned: false, trashed: true, tags: ['Old'] })}`),
      uri(steam, '&codeDisplay=%7Bnot-json'),
      '',
    ].join('\n'),
  );
  const { uris } = encodeMigrationUris(
    [bank, japanese, counter].map((a) => ({
      type: a.type,
      issuer: a.issuer,
      name: a.name,
      secretB32: a.secret,
      algorithm: a.algorithm,
      digits: a.digits,
      period: a.type === 'totp' && a.period === 60 ? 30 : a.period,
      counter: a.counter,
      pin: '',
    })),
    { perCode: 2, batchId: 4242 },
  );
  write('google-migration-text/transfer.txt', ['# two codes of one export, then a broken one', ...uris, 'otpauth-migration://offline?data=%%%', ''].join('\n'));
}

// ---------- 2FAS (schema 4) ----------

function twofasServices(): object[] {
  return [
    {
      name: bank.issuer,
      secret: bank.secret,
      updatedAt: 1_700_000_000_000,
      otp: {
        link: `otpauth://totp/Old%20Bank:alice?secret=${bank.secret}&issuer=Old%20Bank`,
        label: 'Old Bank:alice',
        account: bank.name,
        issuer: 'Old Bank',
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
        tokenType: 'TOTP',
        source: 'Link',
      },
      order: { position: 0 },
      groupId: 'group-finance',
    },
    {
      name: japanese.issuer,
      secret: japanese.secret,
      otp: { account: japanese.name, digits: 8, period: 60, algorithm: 'SHA256', tokenType: 'TOTP', source: 'Manual' },
      order: { position: 1 },
    },
    {
      name: counter.issuer,
      secret: counter.secret,
      otp: { account: counter.name, digits: 6, counter: 42, algorithm: 'SHA512', tokenType: 'HOTP' },
      order: { position: 2 },
    },
    {
      name: steam.issuer,
      secret: steam.secret,
      otp: { account: steam.name, digits: 5, period: 30, algorithm: 'SHA1', tokenType: 'STEAM' },
      order: { position: 3 },
    },
  ];
}

function writeTwofas(): void {
  const base = { updatedAt: 1_700_000_000_000, schemaVersion: 4, appVersionCode: 5000012, appVersionName: '5.2.0', appOrigin: 'android' };
  const groups = [{ id: 'group-finance', name: 'Finance', isExpanded: true }];
  write('2fas/plain-v4.2fas', JSON.stringify({ services: twofasServices(), groups, ...base }));
  const salt = fixed(256, 5);
  const key = pbkdf2(FIXTURE_PASSWORDS.twofas, salt, 10_000, 'sha256');
  const iv = fixed(12, 6);
  const ct = gcm(key, iv, utf8Encode(JSON.stringify(twofasServices())));
  const refIv = fixed(12, 7);
  const ref = gcm(
    key,
    refIv,
    utf8Encode(
      'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd',
    ),
  );
  write(
    '2fas/encrypted-ja.2fas',
    JSON.stringify({
      services: [],
      groups,
      ...base,
      servicesEncrypted: `${b64(ct)}:${b64(salt)}:${b64(iv)}`,
      reference: `${b64(ref)}:${b64(salt)}:${b64(refIv)}`,
    }),
  );
}

// ---------- andOTP ----------

function andotpEntries(): object[] {
  return [
    {
      secret: `${bank.secret}======`.slice(0, 40),
      issuer: bank.issuer,
      label: bank.name,
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA1',
      thumbnail: 'Default',
      last_used: 0,
      used_frequency: 0,
      period: 30,
      tags: ['Finance'],
    },
    {
      secret: japanese.secret,
      issuer: japanese.issuer,
      label: japanese.name,
      digits: 8,
      type: 'TOTP',
      algorithm: 'SHA256',
      thumbnail: 'Default',
      period: 60,
      tags: [],
    },
    { secret: counter.secret, issuer: counter.issuer, label: counter.name, digits: 6, type: 'HOTP', algorithm: 'SHA512', counter: 42, tags: ['Finance'] },
    { secret: steam.secret, issuer: steam.issuer, label: steam.name, digits: 5, type: 'STEAM', algorithm: 'SHA1', period: 30, tags: [] },
    // andOTP never stores the mOTP PIN: a problem for the user to re-add by hand.
    { secret: motp.secret, issuer: motp.issuer, label: motp.name, digits: 6, type: 'MOTP', algorithm: 'SHA1', tags: [] },
  ];
}

function writeAndotp(): void {
  const plain = utf8Encode(JSON.stringify(andotpEntries()));
  write('andotp/plain.json', plain);
  const iterations = 2_000;
  const salt = fixed(12, 8);
  const nonce = fixed(12, 9);
  const key = pbkdf2(FIXTURE_PASSWORDS.andotp, salt, iterations, 'sha1');
  const ct = gcm(key, nonce, plain);
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, iterations);
  write('andotp/otp_accounts.json.aes.bin', Uint8Array.from([...head, ...salt, ...nonce, ...ct]));
  const oldKey = sha256(FIXTURE_PASSWORDS.andotp);
  const oldNonce = fixed(12, 10);
  write('andotp/old-format.bin', Uint8Array.from([...oldNonce, ...gcm(oldKey, oldNonce, plain)]));
}

// ---------- Bitwarden ----------

function bitwardenVault(): object {
  const folder = '3c6e0b8a-aaaa-4bbb-8ccc-000000000001';
  const login = (id: string, name: string, username: string | null, totp: string | null, extra: object = {}): object => ({
    id,
    organizationId: null,
    folderId: null,
    type: 1,
    reprompt: 0,
    name,
    notes: null,
    favorite: false,
    login: { uris: [{ match: null, uri: 'https://example.org' }], username, password: 'not-a-real-password', totp },
    collectionIds: null,
    ...extra,
  });
  return {
    encrypted: false,
    folders: [{ id: folder, name: 'Finance' }],
    items: [
      login('i1', 'Example Bank', bank.name, uri(bank), { folderId: folder, favorite: true, notes: 'primary login' }),
      login('i2', 'Bare key item', 'carol', japanese.secret.toLowerCase().replace(/(.{4})/g, '$1 ')),
      login('i3', 'Steam', 'gamer@example.org', `steam://${steam.secret}`),
      login('i4', 'No 2FA', 'dave', null),
      login('i5', 'Broken', 'erin', 'otpauth://totp/Broken?issuer=Broken'),
      { id: 'n1', type: 2, name: 'A note', notes: 'text', secureNote: { type: 0 }, favorite: false, folderId: folder },
    ],
  };
}

function csvField(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

async function protectedExport(kdf: 0 | 1): Promise<object> {
  const salt = b64(fixed(16, 11 + kdf));
  const password = FIXTURE_PASSWORDS.bitwarden;
  let master: Uint8Array;
  let params: object;
  if (kdf === 0) {
    master = pbkdf2(password, utf8Encode(salt), 5_000, 'sha256');
    params = { kdfType: 0, kdfIterations: 5_000, kdfMemory: null, kdfParallelism: null };
  } else {
    const saltHash = sha256(salt);
    master = await argon2id({
      password: utf8Encode(password),
      salt: saltHash,
      iterations: 2,
      memorySize: 16 * 1024,
      parallelism: 1,
      hashLength: 32,
      outputType: 'binary',
    });
    params = { kdfType: 1, kdfIterations: 2, kdfMemory: 16, kdfParallelism: 1 };
  }
  const encKey = hmacSha256(master, utf8Encode('enc\u0001'));
  const macKey = hmacSha256(master, utf8Encode('mac\u0001'));
  return {
    encrypted: true,
    passwordProtected: true,
    salt,
    ...params,
    encKeyValidation_DO_NOT_EDIT: bitwardenEncString(encKey, macKey, fixed(16, 20 + kdf), utf8Encode('f0e1d2c3-b4a5-4697-8899-aabbccddeeff')),
    data: bitwardenEncString(encKey, macKey, fixed(16, 30 + kdf), utf8Encode(JSON.stringify(bitwardenVault()))),
  };
}

async function writeBitwarden(): Promise<void> {
  write('bitwarden/vault.json', JSON.stringify(bitwardenVault(), null, 2));
  const header = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';
  const rows = [
    ['Finance', '1', 'login', 'Example Bank', 'primary login, with a comma\nand a second "line"', '', '0', 'https://example.org', bank.name, 'pw', uri(bank)],
    ['', '', 'login', 'Bare key item', '', '', '0', '', 'carol', 'pw', japanese.secret],
    ['', '', 'login', 'Steam', '', '', '0', '', 'gamer@example.org', 'pw', `steam://${steam.secret}`],
    ['', '', 'note', 'A note', 'text', '', '0', '', '', '', ''],
  ];
  write('bitwarden/vault.csv', `${[header, ...rows.map((r) => r.map(csvField).join(','))].join('\n')}\n`);
  write(
    'bitwarden/authenticator.json',
    JSON.stringify(
      {
        encrypted: false,
        items: [
          { favorite: true, id: 'a1', login: { totp: uri(bank), username: bank.name }, name: bank.issuer, type: 1 },
          { favorite: false, id: 'a2', login: { totp: uri(counter, '&algorithm=SHA512&counter=42') }, name: counter.issuer, type: 1 },
          { favorite: false, id: 'a3', login: { totp: `steam://${steam.secret}`, username: steam.name }, name: 'Steam', type: 1 },
        ],
      },
      null,
      4,
    ),
  );
  write('bitwarden/protected-pbkdf2.json', JSON.stringify(await protectedExport(0), null, 2));
  write('bitwarden/protected-argon2id.json', JSON.stringify(await protectedExport(1), null, 2));
  write(
    'bitwarden/account-restricted.json',
    JSON.stringify(
      { encrypted: true, encKeyValidation_DO_NOT_EDIT: `2.${b64(fixed(16, 40))}|${b64(fixed(32, 41))}|${b64(fixed(32, 42))}`, folders: [], items: [] },
      null,
      2,
    ),
  );
}

// ---------- the files written from ALICE … FRANK ----------

async function writeOthers(): Promise<void> {
  write(F.FILES.protonPlain, F.PROTON_PLAIN);
  write(F.FILES.protonEncrypted, await W.writeProtonEncrypted(F.PROTON_PLAIN, F.PASSWORD));
  write(F.FILES.stratumPlain, F.STRATUM_PLAIN);
  write(F.FILES.stratumStrong, await W.writeStratumStrong(F.STRATUM_PLAIN, F.PASSWORD));
  write(F.FILES.stratumLegacy, W.writeStratumLegacy(F.STRATUM_PLAIN, F.PASSWORD));
  write(F.FILES.stratumHtml, F.STRATUM_HTML);
  write(F.FILES.enteEncrypted, await W.writeEnteEncrypted(F.ENTE_TEXT, F.PASSWORD, F.ENTE_MEM_LIMIT, F.ENTE_OPS_LIMIT));
  write(F.FILES.freeOtpPlus, F.FREEOTP_PLUS);
  write(F.FILES.freeOtpV2, W.writeFreeOtpV2(F.FREEOTP_V2_TOKENS, F.PASSWORD));
  write(F.FILES.lastPass, F.LASTPASS);
  write(F.FILES.raivo, F.RAIVO);
  write(F.FILES.raivoZip, await W.writeZipCrypto('raivo-otp-export.json', F.RAIVO, F.PASSWORD, false));
  write(F.FILES.steamSingle, F.STEAM_SINGLE);
  write(F.FILES.steamWrapped, F.STEAM_WRAPPED);
  write(F.FILES.totpAuthenticator, W.writeTotpAuthenticator(F.TOTP_AUTHENTICATOR_ENTRIES, F.PASSWORD));
  write(F.FILES.authenticatorPlus, await W.writeZipCrypto('Accounts.txt', F.URI_LIST, F.PASSWORD));
  write(F.FILES.winAuth, await W.writeZipCrypto('winauth-2026-01-01.txt', F.URI_LIST, F.PASSWORD));
}

describe('import fixture writer', () => {
  it('writes the fixtures made from ACCOUNTS', async () => {
    await writeAegis();
    writeTextLists();
    writeTwofas();
    writeAndotp();
    await writeBitwarden();
  }, 60_000);

  it('writes the fixtures made from ALICE … FRANK', writeOthers, 60_000);
});
