/**
 * KeePass databases (formats/import/keepass.ts, formats/kdbx/header.ts): the committed databases
 * of test/fixtures/import/keepass (README.md there: KeePassXC's own KDBX 3.1 files, and KDBX 4
 * files saved from them by kdbxweb), every way to open them (password, key file, both), the
 * typed failures, and the header budget that refuses a crafted file before kdbxweb is even
 * loaded (the loader is spied on, so "nothing derived" is proven, not timed).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportedAccount } from '../../../../src/formats/import/types';
import { AppError } from '../../../../src/core/errors';
import { KEEPASS_KDF, kdbxRefusal, readKdbxHeader } from '../../../../src/formats/kdbx/header';
import { IMPORTERS, prepareInput, recogniseFormat } from '../../../../src/formats/import/registry';
import type { ImportOptions } from '../../../../src/formats/import/types';
import { en } from '../../../../src/messages/en';
import { ja } from '../../../../src/messages/ja';
import { errorCode, expectSameAccounts, fixtureBytes, readFixture } from './helpers';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../../src/formats/kdbx/kdbxweb', async (real) => {
  const mod = await real<typeof import('../../../../src/formats/kdbx/kdbxweb')>();
  return {
    ...mod,
    loadKdbxweb: () => {
      loads.count++;
      return mod.loadKdbxweb();
    },
  };
});

beforeEach(() => {
  loads.count = 0;
});

const PASSWORD = 'omamori-test';
const keyFile = (name: string): Uint8Array => fixtureBytes(`keepass/${name}`);

const account = (fields: Partial<ImportedAccount> & Pick<ImportedAccount, 'issuer' | 'name' | 'secretB32'>): ImportedAccount => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  pin: '',
  groups: [],
  notes: '',
  favourite: false,
  ...fields,
});

/** test/fixtures/import/keepass/accounts.xml, the source of every database. */
const ACCOUNTS: ImportedAccount[] = [
  account({ issuer: 'Example', name: 'alice@example.com', secretB32: 'JBSWY3DPEHPK3PXP' }),
  account({ issuer: 'Sha256 Co', name: 'bob', secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', algorithm: 'SHA256', digits: 8, period: 60, groups: ['Work'] }),
  account({ issuer: 'Old KeePassXC', name: 'carol', secretB32: 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA' }),
  account({ type: 'steam', issuer: 'Steam', name: 'dave', secretB32: 'STEAMKEYSTEAMKEY', digits: 5 }),
  account({ issuer: 'KeePass Time', name: 'erin', secretB32: 'MFRGGZDFMZTWQ2LK', algorithm: 'SHA256', digits: 8, period: 60, groups: ['Work'] }),
  account({ issuer: 'KeePass Hex', name: 'frank', secretB32: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' }),
  account({ type: 'hotp', issuer: 'KeePass Hotp', name: 'grace', secretB32: 'JBSWY3DPEHPK3PXP', counter: 5 }),
];

describe('the committed databases give every account, whatever opens them', () => {
  it.each<[string, ImportOptions]>([
    ['kdbx3-aes.kdbx', { password: PASSWORD }],
    ['kdbx3-aes-keyfile.kdbx', { password: PASSWORD, keyFile: keyFile('keyfile.keyx') }],
    ['kdbx3-keyfile-only.kdbx', { keyFile: keyFile('keyfile-only.keyx') }],
    ['kdbx4-argon2id.kdbx', { password: PASSWORD }],
    ['kdbx4-argon2d-keyfile.kdbx', { password: PASSWORD, keyFile: keyFile('keyfile.keyx') }],
    ['kdbx4-aes.kdbx', { password: PASSWORD }],
  ])(
    '%s',
    async (file, options) => {
      const result = await readFixture(`keepass/${file}`, options);
      expect(result.format).toBe('keepass');
      expectSameAccounts(result.accounts, ACCOUNTS);
      expect(result.problems).toEqual([]);
      // The password-only entry is counted, not listed.
      expect(result.notAccounts).toBe(1);
      // No entry's password (all "not-a-real-password-N") is copied into what is returned.
      expect(JSON.stringify(result)).not.toContain('not-a-real-password');
    },
    30_000,
  );

  it('is recognised as encrypted by its signature, whatever its name', () => {
    const detected = recogniseFormat({ bytes: fixtureBytes('keepass/kdbx4-argon2id.kdbx'), fileName: 'backup.bin' });
    expect([detected.importer.id, detected.sniff]).toEqual(['keepass', { encrypted: true, keyFile: true }]);
  });
});

describe('typed failures', () => {
  const file = 'keepass/kdbx4-argon2id.kdbx';

  it('no password and no key file: import/password-required, before kdbxweb loads', async () => {
    expect(await errorCode(readFixture(file))).toBe('import/password-required');
    expect(loads.count).toBe(0);
  });

  it('a wrong password: import/keepass-wrong-key', async () => {
    expect(await errorCode(readFixture(file, { password: 'wrong' }))).toBe('import/keepass-wrong-key');
  });

  it('the right password without the key file the database needs: import/keepass-wrong-key', async () => {
    expect(await errorCode(readFixture('keepass/kdbx4-argon2d-keyfile.kdbx', { password: PASSWORD }))).toBe('import/keepass-wrong-key');
  });

  it('another key file: import/keepass-wrong-key', async () => {
    const options = { password: PASSWORD, keyFile: keyFile('keyfile-only.keyx') };
    expect(await errorCode(readFixture('keepass/kdbx4-argon2d-keyfile.kdbx', options))).toBe('import/keepass-wrong-key');
  });

  it('a database cut off after its header: import/damaged', async () => {
    const bytes = fixtureBytes(file);
    expect(await errorCode(readFixture(file, { password: PASSWORD }, bytes.subarray(0, bytes.length - 200)))).toBe('import/damaged');
  });

  it('a header cut off: refused as damaged when recognised', () => {
    expect(() => recogniseFormat({ bytes: fixtureBytes(file).subarray(0, 40) })).toThrow(new AppError('import/damaged'));
  });

  it('KeePass 1 (.kdb): import/keepass-unsupported when recognised', () => {
    const kdb = new Uint8Array(124);
    new DataView(kdb.buffer).setUint32(0, 0x9aa2d903, true);
    new DataView(kdb.buffer).setUint32(4, 0xb54bfb65, true);
    expect(() => recogniseFormat({ bytes: kdb })).toThrow(new AppError('import/keepass-unsupported'));
  });

  it('each code has an English and a Japanese sentence', () => {
    for (const code of ['import/kdf-keepass', 'import/keepass-unsupported', 'import/keepass-wrong-key'] as const) {
      expect(en[`error.${code}`]).toMatch(/KeePass|key file/);
      expect(ja[`error.${code}`]).toMatch(/KeePass|キーファイル/);
    }
  });
});

// ---------- the header budget ----------

const AES_CIPHER = '31c1f2e6bf714350be5805216afc5aff';
const TWOFISH_CIPHER = 'ad68f29f576f4bb9a36ad47af965346c';
const KDF_UUIDS = { aes: 'c9d9f39a628a4460bf740d08c18a4fea', argon2d: 'ef636ddf8c29444b91f7a9a403e30a0c', argon2id: '9e298b1956db4773b23dfc3ec6f0a1e6' };
const fromHex = (h: string): Uint8Array => Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));

type Item = [key: string, type: 0x04 | 0x05 | 0x42, value: number | Uint8Array];

function varDictionary(items: Item[]): Uint8Array {
  const parts: number[] = [0x00, 0x01];
  const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];
  for (const [key, type, value] of items) {
    const k = new TextEncoder().encode(key);
    const v = value instanceof Uint8Array ? [...value] : type === 0x04 ? u32(value) : [...u32(value % 2 ** 32), ...u32(Math.floor(value / 2 ** 32))];
    parts.push(type, ...u32(k.length), ...k, ...u32(v.length), ...v);
  }
  parts.push(0);
  return Uint8Array.from(parts);
}

/** A KDBX 4.1 header with these KDF parameters, then bytes that are no database. */
function kdbx4(kdf: keyof typeof KDF_UUIDS, items: Item[], cipher = AES_CIPHER): Uint8Array {
  const field = (id: number, data: Uint8Array): number[] => [id, data.length & 0xff, (data.length >>> 8) & 0xff, 0, 0, ...data];
  const dict = varDictionary([['$UUID', 0x42, fromHex(KDF_UUIDS[kdf])], ['S', 0x42, new Uint8Array(32)], ...items]);
  const head = [0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb, 0x4b, 0xb5, 0x01, 0x00, 0x04, 0x00];
  return Uint8Array.from([...head, ...field(2, fromHex(cipher)), ...field(11, dict), ...field(0, fromHex('0d0a0d0a')), ...new Uint8Array(64)]);
}

const MiB = 1024 * 1024;
const argon2 = (m: number, t: number, p: number, v = 0x13): Item[] => [
  ['M', 0x05, m],
  ['I', 0x05, t],
  ['P', 0x04, p],
  ['V', 0x04, v],
];

describe(`the KDF budget: AES-KDF ≤ ${KEEPASS_KDF.aesRounds} rounds; Argon2 ≤ 1 GiB, ≤ 128 lanes, memory × passes ≤ 16 GiB`, () => {
  const refusedAtOnce = (bytes: Uint8Array): string => {
    try {
      recogniseFormat({ bytes, fileName: 'crafted.kdbx' });
      return 'recognised';
    } catch (err) {
      return err instanceof AppError ? err.code : 'untyped';
    }
  };

  it.each<[string, Uint8Array, string]>([
    ['AES-KDF 1,000,000,001 rounds', kdbx4('aes', [['R', 0x05, 1_000_000_001]]), 'import/kdf-keepass'],
    ['AES-KDF 2^63 rounds', kdbx4('aes', [['R', 0x05, 2 ** 63]]), 'import/kdf-keepass'],
    ['Argon2id 2 GiB', kdbx4('argon2id', argon2(2048 * MiB, 1, 1)), 'import/kdf-keepass'],
    ['Argon2d 1 GiB × 17 passes', kdbx4('argon2d', argon2(1024 * MiB, 17, 1)), 'import/kdf-keepass'],
    ['Argon2id 129 lanes', kdbx4('argon2id', argon2(64 * MiB, 2, 129)), 'import/kdf-keepass'],
    ['Argon2 version 1.0', kdbx4('argon2d', argon2(64 * MiB, 2, 2, 0x10)), 'import/keepass-unsupported'],
    ['Twofish', kdbx4('argon2d', argon2(64 * MiB, 2, 2), TWOFISH_CIPHER), 'import/keepass-unsupported'],
    ['Argon2 with no memory', kdbx4('argon2id', argon2(0, 2, 2)), 'import/damaged'],
  ])('%s: refused when recognised and by read, kdbxweb never loaded', async (_name, bytes, code) => {
    expect(refusedAtOnce(bytes)).toBe(code);
    // The importer's own read refuses too, whoever calls it without recognising first.
    const importer = IMPORTERS.find((i) => i.id === 'keepass');
    expect(await errorCode(importer!.read(prepareInput({ bytes }), { password: 'x' }))).toBe(code);
    expect(loads.count).toBe(0);
  });

  it.each<[string, Uint8Array]>([
    ['AES-KDF at 1,000,000,000 rounds', kdbx4('aes', [['R', 0x05, 1_000_000_000]])],
    ['Argon2id at 1 GiB × 16 passes, 128 lanes', kdbx4('argon2id', argon2(1024 * MiB, 16, 128))],
    ['Argon2d at 64 MiB × 256 passes', kdbx4('argon2d', argon2(64 * MiB, 256, 4))],
  ])('%s: within the budget', (_name, bytes) => {
    expect(kdbxRefusal(readKdbxHeader(bytes))).toBeUndefined();
    expect(refusedAtOnce(bytes)).toBe('recognised');
  });

  it('KeePassXC’s own KDBX 3.1 header (AES-KDF) is read and within the budget', () => {
    const header = readKdbxHeader(fixtureBytes('keepass/kdbx3-aes.kdbx'));
    expect(header.versionMajor).toBe(3);
    expect(header.kdf.kind).toBe('aes');
    expect(kdbxRefusal(header)).toBeUndefined();
  });
});

// ---------- KeePassXC's CSV export ----------

describe('KeePassXC CSV (keepassxc-cli 2.7.4 export of the same database)', () => {
  it('gives the entries whose TOTP column KeePassXC filled, with their last group; the others are counted', async () => {
    const result = await readFixture('keepass/keepassxc-export.csv');
    expect(result.format).toBe('keepassxc-csv');
    // KeePassXC writes otpauth:// links for its own `otp` and for the older TOTP Seed pair, and
    // nothing for KeePass 2.47's TimeOtp/HmacOtp fields, which it does not read.
    expectSameAccounts(result.accounts, [ACCOUNTS[0]!, ACCOUNTS[1]!, ACCOUNTS[2]!, ACCOUNTS[3]!]);
    expect(result.problems).toEqual([]);
    expect(result.notAccounts).toBe(4);
    expect(JSON.stringify(result)).not.toContain('not-a-real-password');
  });

  it('a row whose TOTP value is not a usable link is a problem named by its title and user name', async () => {
    const header = '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"\n';
    const row = (title: string, totp: string): string => `"Root","${title}","u","p","","","${totp}","0","",""\n`;
    const bytes = new TextEncoder().encode(
      header + row('Good', 'otpauth://totp/Good:u?secret=JBSWY3DPEHPK3PXP') + row('Bad', 'otpauth://totp/Bad:u?secret=!!'),
    );
    const result = await readFixture('x.csv', {}, bytes);
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Good']);
    expect(result.problems).toEqual([{ label: 'Bad (u)', code: 'account/invalid-secret' }]);
  });

  it('a CSV without its TOTP column is not KeePassXC’s', async () => {
    const bytes = new TextEncoder().encode('"Group","Title","Username","Password","URL","Notes"\n"Root","A","u","p","",""\n');
    expect(await errorCode(readFixture('x.csv', {}, bytes))).toBe('import/unknown-format');
  });
});
