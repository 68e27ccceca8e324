import { describe, expect, it } from 'vitest';
import { b64UrlToBytes, bytesToB64Url } from '../../../src/core/crypto/bytes';
import { createInProcessKdf, DEFAULT_ARGON2 } from '../../../src/core/crypto/kdf';
import { AppError } from '../../../src/core/errors';
import { inspectExportFile, readExportFile, writeExportFile, type ExportSecret } from '../../../src/core/export-file';
import { entriesDigest, LATEST_EXPORT_VERSION, MAX_EXPORT_FILE_BYTES } from '../../../src/core/export-file-parse';
import { formatTransferCode, generateTransferCode, normalizeTransferCode } from '../../../src/core/transfer-code';
import {
  FIXTURE_ACCOUNTS,
  FIXTURE_ACCOUNTS_READ,
  FIXTURE_APP,
  FIXTURE_ARGON2,
  FIXTURE_DIR_V2,
  FIXTURE_NOW,
  FIXTURES,
  FIXTURES_V2,
  NFC,
  NFD,
  readFixture,
  TRANSFER_CODE,
} from './export-fixtures';
import { encodeJson, fixChecksum, parseJson, spyKdf } from './export-file-helpers';

const kdf = createInProcessKdf();
const ASCII: ExportSecret = { kind: 'passphrase', passphrase: 'correct horse battery staple' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  return 'no error';
}

describe('export file v1: committed fixtures', () => {
  it.each(FIXTURES)('$file decrypts to the expected payload', async ({ file, secret }) => {
    const payload = await readExportFile(readFixture(file), secret, { kdf });
    expect(payload).toEqual({
      schema: 1,
      exportedAt: FIXTURE_NOW.toISOString(),
      app: FIXTURE_APP,
      count: FIXTURE_ACCOUNTS.length,
      entriesDigest: entriesDigest(FIXTURE_ACCOUNTS),
      accounts: FIXTURE_ACCOUNTS_READ,
    });
  });

  it.each(FIXTURES_V2)('v2 $file decrypts to the expected payload', async ({ file, secret }) => {
    const bytes = readFixture(file, FIXTURE_DIR_V2);
    expect(inspectExportFile(bytes).version).toBe(2);
    const payload = await readExportFile(bytes, secret, { kdf });
    expect([payload.count, payload.accounts]).toEqual([FIXTURE_ACCOUNTS.length, FIXTURE_ACCOUNTS_READ]);
  });

  it('opens a file written with an NFC passphrase with its NFD spelling and vice versa', async () => {
    expect(NFC).not.toBe(NFD);
    const a = await readExportFile(readFixture('passphrase-nfc.omamori'), { kind: 'passphrase', passphrase: NFD }, { kdf });
    const b = await readExportFile(readFixture('passphrase-nfd.omamori'), { kind: 'passphrase', passphrase: NFC }, { kdf });
    expect(a.accounts).toEqual(FIXTURE_ACCOUNTS_READ);
    expect(b.accounts).toEqual(FIXTURE_ACCOUNTS_READ);
  });

  it('records the Argon2 parameters in the slot and reports the slots without running a KDF', () => {
    const spy = spyKdf();
    expect(inspectExportFile(readFixture('passphrase-ascii.omamori'))).toEqual({ version: 1, slots: ['passphrase'] });
    expect(inspectExportFile(readFixture('transfer-code.omamori'))).toEqual({ version: 1, slots: ['transfer-code'] });
    expect(spy.argon2id).not.toHaveBeenCalled();
  });

  it('accepts the app default Argon2 parameters', async () => {
    const bytes = await writeExportFile(FIXTURE_ACCOUNTS, ASCII, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP });
    const header = JSON.parse(new TextDecoder().decode(b64UrlToBytes(parseJson(bytes).header)!)) as { slots: { kdf: object }[] };
    expect(header.slots[0]?.kdf).toMatchObject({ alg: 'argon2id', ...DEFAULT_ARGON2 });
    expect((await readExportFile(bytes, ASCII, { kdf })).accounts).toEqual(FIXTURE_ACCOUNTS_READ);
  });
});

describe('export file v1: secrets', () => {
  it('rejects a wrong passphrase ten times with a typed error', async () => {
    const bytes = readFixture('passphrase-ascii.omamori');
    for (let i = 0; i < 10; i++) {
      expect(await codeOf(readExportFile(bytes, { kind: 'passphrase', passphrase: `wrong ${i}` }, { kdf }))).toBe('file/wrong-passphrase');
    }
  });

  it('accepts the transfer code with any case, spaces and dashes; rejects a wrong or malformed one', async () => {
    const bytes = readFixture('transfer-code.omamori');
    const sloppy = TRANSFER_CODE.toLowerCase().replace(/-/g, ' ');
    expect((await readExportFile(bytes, { kind: 'transfer-code', code: sloppy }, { kdf })).count).toBe(FIXTURE_ACCOUNTS.length);
    const wrong = generateTransferCode();
    expect(await codeOf(readExportFile(bytes, { kind: 'transfer-code', code: wrong }, { kdf }))).toBe('file/wrong-transfer-code');
    expect(await codeOf(readExportFile(bytes, { kind: 'transfer-code', code: 'ABCDE-FGHIJ' }, { kdf }))).toBe('file/invalid-transfer-code');
    // A passphrase file asked with a transfer code (and the other way round) is the wrong secret.
    expect(await codeOf(readExportFile(bytes, ASCII, { kdf }))).toBe('file/wrong-passphrase');
    expect(await codeOf(readExportFile(readFixture('passphrase-ascii.omamori'), { kind: 'transfer-code', code: wrong }, { kdf }))).toBe(
      'file/wrong-transfer-code',
    );
  });

  it('generates 30-character base32 transfer codes in 6 groups', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = generateTransferCode();
      expect(code).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){5}$/);
      expect(formatTransferCode(normalizeTransferCode(code))).toBe(code);
      codes.add(code);
    }
    expect(codes.size).toBe(200);
    expect(normalizeTransferCode('k7qpm xr4td w2nab zc6hj fy3eg lsv5u')).toBe(TRANSFER_CODE.replace(/-/g, ''));
  });
});

describe('export file v1: refusals before any KDF runs', () => {
  it('refuses an empty file, non-JSON, other JSON and a future version', async () => {
    const spy = spyKdf();
    const read = (bytes: Uint8Array): Promise<string> => codeOf(readExportFile(bytes, ASCII, { kdf: spy }));
    expect(await read(new Uint8Array())).toBe('file/damaged');
    expect(await read(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe]))).toBe('file/not-omamori');
    expect(await read(new TextEncoder().encode('hello'))).toBe('file/not-omamori');
    expect(await read(encodeJson({ format: 'aegis', version: 1 }))).toBe('file/not-omamori');
    expect(await read(encodeJson([1, 2]))).toBe('file/not-omamori');
    const env = parseJson(readFixture('passphrase-ascii.omamori'));
    expect(await read(encodeJson({ ...env, version: LATEST_EXPORT_VERSION + 1 }))).toBe('file/unsupported-version');
    // A newer version is refused before its contents are looked at, however different they are.
    expect(await read(encodeJson({ format: 'omamori-export', version: LATEST_EXPORT_VERSION + 1, somethingNew: true }))).toBe('file/unsupported-version');
    expect(await read(encodeJson({ ...env, version: 0 }))).toBe('file/damaged');
    expect(await read(encodeJson({ ...env, version: '1' }))).toBe('file/damaged');
    expect(await read(encodeJson({ ...env, extra: 1 }))).toBe('file/damaged');
    expect(() => inspectExportFile(encodeJson({ ...env, version: LATEST_EXPORT_VERSION + 1 }))).toThrow('file/unsupported-version');
    expect(spy.argon2id).not.toHaveBeenCalled();
  });

  it('refuses a file over the size cap without parsing it', async () => {
    const big = new Uint8Array(MAX_EXPORT_FILE_BYTES + 1).fill(0x20);
    expect(await codeOf(readExportFile(big, ASCII, { kdf }))).toBe('file/too-large');
  });

  it('reports truncation at every 10 % as damaged', async () => {
    const spy = spyKdf();
    for (const { file, secret } of FIXTURES) {
      const bytes = readFixture(file);
      for (let tenth = 0; tenth < 10; tenth++) {
        const cut = bytes.slice(0, Math.floor((bytes.length * tenth) / 10));
        expect([file, tenth, await codeOf(readExportFile(cut, secret, { kdf: spy }))]).toEqual([file, tenth, 'file/damaged']);
      }
    }
    expect(spy.argon2id).not.toHaveBeenCalled();
  });

  it('reports bit flips in the header, ciphertext and checksum as damaged, never as a wrong passphrase', async () => {
    const spy = spyKdf();
    const bytes = readFixture('passphrase-ascii.omamori');
    const text = new TextDecoder().decode(bytes);
    const env = parseJson(bytes);
    for (const field of ['header', 'ciphertext', 'checksum'] as const) {
      const start = text.indexOf(env[field]);
      const length = env[field].length;
      for (let i = 0; i < 40; i++) {
        const pos = start + Math.floor((i * length) / 40);
        const flipped = bytes.slice();
        flipped[pos] = (flipped[pos] ?? 0) ^ (1 << (i % 8));
        const code = await codeOf(readExportFile(flipped, ASCII, { kdf: spy }));
        expect([field, i, code]).toEqual([field, i, 'file/damaged']);
      }
    }
    expect(spy.argon2id).not.toHaveBeenCalled();
  });

  it.each([
    ['m too small', { m: 1024 }, 'file/damaged'],
    ['m absurd', { m: 4_294_967_295 }, 'file/kdf-params'],
    ['t zero', { t: 0 }, 'file/damaged'],
    ['t absurd', { t: 1_000_000 }, 'file/kdf-params'],
    ['p zero', { p: 0 }, 'file/damaged'],
    ['p absurd', { p: 255 }, 'file/kdf-params'],
    ['m fractional', { m: 8192.5 }, 'file/damaged'],
    ['salt too short', { salt: bytesToB64Url(new Uint8Array(4)) }, 'file/damaged'],
    ['salt too long', { salt: bytesToB64Url(new Uint8Array(1024)) }, 'file/damaged'],
  ])('refuses out-of-bounds KDF parameters (%s) before any KDF runs', async (_name, change, expected) => {
    const spy = spyKdf();
    const { tamperHeader } = await import('./export-file-helpers');
    const bytes = tamperHeader(readFixture('passphrase-ascii.omamori'), (h) => {
      const slots = h.slots as { kdf: Record<string, unknown> }[];
      slots[0]!.kdf = { ...slots[0]!.kdf, ...change };
      return h;
    });
    expect(await codeOf(readExportFile(bytes, ASCII, { kdf: spy }))).toBe(expected);
    expect(() => inspectExportFile(bytes)).toThrow(expected);
    expect(spy.argon2id).not.toHaveBeenCalled();
  });

  it('fixes the checksum by recomputing it (helper self-check)', async () => {
    const env = parseJson(readFixture('passphrase-ascii.omamori'));
    expect(fixChecksum(env)).toEqual(env);
  });

  it('writes files that verify against the writer deps', async () => {
    const bytes = await writeExportFile(FIXTURE_ACCOUNTS.slice(0, 1), ASCII, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2 });
    expect((await readExportFile(bytes, ASCII, { kdf })).accounts).toEqual(FIXTURE_ACCOUNTS_READ.slice(0, 1));
  });
});

describe('base64url (strict)', () => {
  it('round-trips every length and refuses padding, other alphabets and non-canonical tails', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = crypto.getRandomValues(new Uint8Array(n));
      const text = bytesToB64Url(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64url'));
      expect(b64UrlToBytes(text)).toEqual(bytes);
    }
    expect(b64UrlToBytes('AA==')).toBeNull();
    expect(b64UrlToBytes('A+/A')).toBeNull();
    expect(b64UrlToBytes('A')).toBeNull();
    // 'AB' carries 4 unused bits that must be zero: 'AA' is canonical for [0], 'AB' is not.
    expect(b64UrlToBytes('AA')).toEqual(new Uint8Array([0]));
    expect(b64UrlToBytes('AB')).toBeNull();
  });
});
