/**
 * The KDF budget of every importer whose file names its KDF parameters (kdf-limits.ts,
 * docs/formats.md "KDF limits"): a crafted file is refused with its app's code when it is
 * recognised (before any password) and again by read, and the meter (kdf-meter.ts) shows that
 * no derivation ran. Files at an app's own limit pass, and derive (in `record` mode the meter
 * stops them at once). Formats with a fixed KDF run exactly theirs.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { AppError, type ErrorCode } from '../../../../src/core/errors';
import { AEGIS_KDF, BITWARDEN_KDF, ENTE_KDF, FREEOTP_KDF } from '../../../../src/formats/import/kdf-limits';
import { IMPORTERS, prepareInput, readImport, recogniseFormat } from '../../../../src/formats/import/registry';
import { en } from '../../../../src/messages/en';
import { ja } from '../../../../src/messages/ja';
import { countingKdf, craftExportFile, type CraftSlot } from '../../core/export-file-helpers';
import * as F from './fixtures';
import { errorCode, fixtureBytes } from './helpers';
import { meter, meteredRunner, type KdfRun } from './kdf-meter';
import * as W from './writers';

vi.mock('../../../../src/core/crypto/other-apps', async (real) => (await import('./kdf-meter')).meterOtherApps(await real()));
vi.mock('../../../../src/core/crypto/sodium', async (real) => (await import('./kdf-meter')).meterSodium(await real()));
vi.mock('../../../../src/core/crypto/kdf', async (real) => (await import('./kdf-meter')).meterKdf(await real()));

const GiB = 1024 * 1024 * 1024;
const json = (rel: string): Record<string, unknown> => JSON.parse(new TextDecoder().decode(fixtureBytes(rel))) as Record<string, unknown>;
const bytesOf = (value: unknown): Uint8Array => utf8Encode(JSON.stringify(value));

/** The code recognising the file throws (what the import screen shows before asking for a password), or 'recognised'. */
function atOnce(bytes: Uint8Array, fileName: string): string {
  try {
    recogniseFormat({ bytes, fileName });
    return 'recognised';
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
}

/** The importer's own read, given the password: it refuses too, whoever calls it. */
function read(id: string, bytes: Uint8Array, fileName: string, password = 'any password'): Promise<string> {
  const importer = IMPORTERS.find((i) => i.id === id);
  if (importer === undefined) throw new Error(id);
  return errorCode(importer.read(prepareInput({ bytes, fileName }), { password }));
}

/** Refused by recognition and by read with `code`, and not one derivation recorded. */
async function expectRefused(id: string, bytes: Uint8Array, fileName: string, code: ErrorCode): Promise<void> {
  meter.reset('record');
  expect(atOnce(bytes, fileName)).toBe(code);
  expect(await read(id, bytes, fileName)).toBe(code);
  expect(meter.runs).toEqual([]);
}

/** Passes the budget and reaches its derivation (which `record` stops with `aborted`): the runs it asked for. */
async function runsAtLimit(id: string, bytes: Uint8Array, fileName: string, password = 'any password'): Promise<KdfRun[]> {
  meter.reset('record');
  expect(atOnce(bytes, fileName)).toBe('recognised');
  expect(await read(id, bytes, fileName, password)).toBe('aborted');
  return [...meter.runs];
}

beforeEach(() => meter.reset());

describe('Aegis: at most 4 password slots, each at most N 2^15, r 8, p 1', () => {
  const vault = json('aegis/encrypted.json') as { header: { slots: Record<string, unknown>[] } };
  const passwordSlot = vault.header.slots.find((s) => s.type === 1) as Record<string, unknown>;
  const withSlots = (slots: Record<string, unknown>[]): Uint8Array => bytesOf({ ...vault, header: { ...vault.header, slots } });
  const copies = (n: number, change: Record<string, unknown> = {}): Record<string, unknown>[] =>
    Array.from({ length: n }, () => ({ ...passwordSlot, ...change }));

  it.each([
    ['200 slots at the scrypt maximum (N 2^20)', copies(200, { n: 2 ** 20 })],
    ['5 slots at the fixture’s small cost', copies(5)],
    ['one slot with N 2^16', copies(1, { n: 2 ** 16 })],
    ['one slot with r 9', copies(1, { r: 9 })],
    ['one slot with p 2', copies(1, { p: 2 })],
    ['N 2^60 (beyond a safe integer)', copies(1, { n: 2 ** 60 })],
    ['N as text "1048576"', copies(1, { n: '1048576' })],
    ['a valid first slot, then one over the limit', [passwordSlot, { ...passwordSlot, n: 2 ** 16 }]],
  ])('%s: import/kdf-aegis, no scrypt', async (_name, slots) => {
    await expectRefused('aegis', withSlots(slots), 'aegis-export.json', 'import/kdf-aegis');
  });

  it('biometric slots do not count: 4 password slots beside 10 biometric ones are read', async () => {
    const biometric = vault.header.slots.find((s) => s.type === 2) as Record<string, unknown>;
    const bytes = withSlots([...copies(10).map(() => biometric), ...copies(4)]);
    const result = await readImport({ bytes, fileName: 'aegis-export.json' }, { password: F.FIXTURE_PASSWORDS.aegis });
    expect(result.accounts.length).toBeGreaterThan(0);
    // The first password slot opened: only its derivation ran.
    expect(meter.runs.map((r) => r.kind)).toEqual(['scrypt']);
  });

  it('4 slots at Aegis’s own parameters pass, and a wrong password derives each of them once', async () => {
    const bytes = withSlots(copies(4, { n: AEGIS_KDF.N, r: AEGIS_KDF.r, p: AEGIS_KDF.p }));
    expect(await errorCode(readImport({ bytes, fileName: 'aegis-export.json' }, { password: 'not the password' }))).toBe('import/wrong-password');
    expect(meter.runs.map((r) => r.params)).toEqual(copies(4).map(() => ({ N: 2 ** 15, r: 8, p: 1 })));
  });

  it('slots whose parameters scrypt cannot run are skipped as before (unsupported), not counted as a cost', async () => {
    for (const n of [3000, -1, 0]) {
      meter.reset('record');
      expect(await read('aegis', withSlots(copies(1, { n })), 'aegis-export.json')).toBe('import/unsupported');
      expect(meter.runs).toEqual([]);
    }
  });
});

describe('Bitwarden: at most what an account may choose (PBKDF2 2,000,000; Argon2id 1 GiB, 10 passes, parallelism 16)', () => {
  const argon = json('bitwarden/protected-argon2id.json');
  const pbkdf2 = json('bitwarden/protected-pbkdf2.json');

  it.each([
    ['PBKDF2 2,000,001 iterations', { ...pbkdf2, kdfIterations: BITWARDEN_KDF.pbkdf2Iterations + 1 }],
    ['PBKDF2 2^60 iterations', { ...pbkdf2, kdfIterations: 2 ** 60 }],
    ['Argon2id 1025 MiB', { ...argon, kdfMemory: 1025 }],
    ['Argon2id 11 passes', { ...argon, kdfIterations: 11 }],
    ['Argon2id parallelism 17', { ...argon, kdfParallelism: 17 }],
  ])('%s: import/kdf-bitwarden, no derivation', async (_name, file) => {
    await expectRefused('bitwarden', bytesOf(file), 'bitwarden_export.json', 'import/kdf-bitwarden');
  });

  it('Bitwarden’s own maximum passes and derives once', async () => {
    const max = { ...argon, kdfMemory: 1024, kdfIterations: 10, kdfParallelism: 16 };
    expect(await runsAtLimit('bitwarden', bytesOf(max), 'x.json', F.FIXTURE_PASSWORDS.bitwarden)).toEqual([
      { kind: 'argon2id', params: { m: GiB / 1024, t: 10, p: 16 }, work: 10 * (GiB / 1024) },
    ]);
    const most = { ...pbkdf2, kdfIterations: BITWARDEN_KDF.pbkdf2Iterations };
    expect((await runsAtLimit('bitwarden', bytesOf(most), 'x.json')).map((r) => r.params)).toEqual([{ iterations: 2_000_000, hash: 'SHA-256' }]);
  });

  it('an unknown KDF stays unsupported', async () => {
    meter.reset('record');
    expect(await read('bitwarden', bytesOf({ ...argon, kdfType: 7 }), 'x.json')).toBe('import/unsupported');
    expect(meter.runs).toEqual([]);
  });
});

describe('Ente Auth: memLimit at most 1 GiB, opsLimit at most 1024, memLimit × opsLimit at most 4 GiB', () => {
  const ente = json(F.FILES.enteEncrypted) as { kdfParams: Record<string, unknown> };
  const withKdf = (patch: Record<string, unknown>): Uint8Array => bytesOf({ ...ente, kdfParams: { ...ente.kdfParams, ...patch } });

  it.each([
    ['1 GiB × 8 (twice Ente’s work)', { memLimit: GiB, opsLimit: 8 }],
    ['2 GiB × 1', { memLimit: 2 * GiB, opsLimit: 1 }],
    ['1 MiB × 1025 passes', { memLimit: 1024 * 1024, opsLimit: 1025 }],
    ['memLimit 2^60', { memLimit: 2 ** 60 }],
  ])('%s: import/kdf-ente, no libsodium', async (_name, patch) => {
    await expectRefused('ente-encrypted', withKdf(patch), 'ente-auth-export.json', 'import/kdf-ente');
  });

  it.each([
    ['1 GiB × 4, as Ente writes it', GiB, 4],
    ['256 MiB × 16, as newer Ente writes it', GiB / 4, 16],
    ['4 MiB × 1024', ENTE_KDF.work / 1024, 1024],
  ])('%s: passes and derives once', async (_name, memLimit, opsLimit) => {
    expect(await runsAtLimit('ente-encrypted', withKdf({ memLimit, opsLimit }), 'ente-auth-export.json')).toEqual([
      { kind: 'sodium', params: { memLimit, opsLimit }, work: ENTE_KDF.work },
    ]);
  });

  it('parameters below libsodium’s minimum stay damaged', async () => {
    meter.reset('record');
    expect(await read('ente-encrypted', withKdf({ opsLimit: 0 }), 'x.json')).toBe('import/damaged');
    expect(meter.runs).toEqual([]);
  });
});

describe('FreeOTP: at most 100,000 PBKDF2 iterations', () => {
  const tokens = F.FREEOTP_V2_TOKENS;

  it('100,001 iterations: import/kdf-freeotp, no PBKDF2', async () => {
    await expectRefused('freeotp-v2', W.writeFreeOtpV2(tokens, F.PASSWORD, FREEOTP_KDF.iterations + 1), 'externalBackup.xml', 'import/kdf-freeotp');
  });

  it('FreeOTP’s own 100,000 passes and derives once', async () => {
    const bytes = W.writeFreeOtpV2(tokens, F.PASSWORD, FREEOTP_KDF.iterations);
    expect((await runsAtLimit('freeotp-v2', bytes, 'externalBackup.xml')).map((r) => r.params)).toEqual([{ iterations: 100_000, hash: 'SHA-512' }]);
  });
});

describe('andOTP: a header above 160,000 iterations is not the new layout and is not run', () => {
  const withIterations = (n: number): Uint8Array => {
    const bytes = new Uint8Array(fixtureBytes('andotp/otp_accounts.json.aes.bin'));
    new DataView(bytes.buffer).setUint32(0, n);
    return bytes;
  };

  it.each([160_001, 500_000, 0xffffffff])('%i: only the old layout (SHA-256) is tried', async (n) => {
    meter.reset('record');
    expect(await read('andotp-encrypted', withIterations(n), 'backup.bin')).toBe('import/wrong-password');
    expect(meter.runs).toEqual([]);
  });

  it('160,000 (andOTP’s maximum) derives once', async () => {
    expect((await runsAtLimit('andotp-encrypted', withIterations(160_000), 'backup.bin')).map((r) => r.params)).toEqual([
      { iterations: 160_000, hash: 'SHA-1' },
    ]);
  });
});

describe('Omamori backups through "Import from another app": the backup’s own budget and sentence', () => {
  const slot = (m: number): CraftSlot => ({ type: 'passphrase', passphrase: 'pass', m, t: 1, p: 4 });

  it('4 slots of 1 GiB: file/kdf-params at once and from read, no Argon2id', async () => {
    const bytes = await craftExportFile([slot(GiB / 1024), slot(GiB / 1024), slot(GiB / 1024), slot(GiB / 1024)], countingKdf());
    const kdf = countingKdf();
    meter.reset('record');
    expect(atOnce(bytes, 'crafted.omamori')).toBe('file/kdf-params');
    const importer = IMPORTERS.find((i) => i.id === 'omamori');
    expect(await errorCode(importer!.read(prepareInput({ bytes }), { password: 'pass', kdf }))).toBe('file/kdf-params');
    expect(kdf.calls).toEqual([]);
    expect(meter.runs).toEqual([]);
    expect(en['error.file/kdf-params']).toContain('Omamori');
  });
});

describe('formats whose KDF is fixed run exactly theirs, whatever the file says', () => {
  it.each([
    ['2fas', '2fas/encrypted-ja.2fas', F.FIXTURE_PASSWORDS.twofas, { kind: 'pbkdf2', params: { iterations: 10_000, hash: 'SHA-256' } }],
    ['stratum', F.FILES.stratumLegacy, F.PASSWORD, { kind: 'pbkdf2', params: { iterations: 64_000, hash: 'SHA-1' } }],
    ['stratum', F.FILES.stratumStrong, F.PASSWORD, { kind: 'argon2id', params: { m: 65_536, t: 3, p: 4 } }],
    ['proton-authenticator', F.FILES.protonEncrypted, F.PASSWORD, { kind: 'argon2id', params: { m: 19_456, t: 2, p: 1 } }],
  ])('%s (%s)', async (id, file, password, want) => {
    meter.reset('record');
    const importer = IMPORTERS.find((i) => i.id === id);
    const options = { password, kdf: meteredRunner(W.STUB_KDF) };
    expect(await errorCode(importer!.read(prepareInput({ bytes: fixtureBytes(file), fileName: file }), options))).toBe('aborted');
    expect(meter.runs.map(({ kind, params }) => ({ kind, params }))).toEqual([want]);
  });

  it('TOTP Authenticator derives nothing (SHA-256 of the password)', async () => {
    const result = await readImport({ bytes: fixtureBytes(F.FILES.totpAuthenticator), fileName: 'backup.bin' }, { password: F.PASSWORD });
    expect(result.accounts.length).toBeGreaterThan(0);
    expect(meter.runs).toEqual([]);
  });
});

describe('the refusal names the app, from our own list, in both languages', () => {
  it.each([
    ['import/kdf-aegis', 'Aegis'],
    ['import/kdf-bitwarden', 'Bitwarden'],
    ['import/kdf-ente', 'Ente Auth'],
    ['import/kdf-freeotp', 'FreeOTP'],
    ['file/kdf-params', 'Omamori'],
  ] as const)('%s names %s', (code, app) => {
    expect(en[`error.${code}`]).toContain(app);
    expect(ja[`error.${code}`]).toContain(app);
  });
});
