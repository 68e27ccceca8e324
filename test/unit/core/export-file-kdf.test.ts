/**
 * The KDF budget of an Omamori backup (docs/export-format.md, "KDF limits"): crafted files are
 * refused before any KDF runs (a counting stand-in KDF proves it), files Omamori writes open, and
 * only the slots of the secret's kind are tried, until one opens.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_ARGON2, FALLBACK_ARGON2 } from '../../../src/core/crypto/kdf';
import { AppError } from '../../../src/core/errors';
import { inspectExportFile, openExportFile, readExportFile, type ExportSecret } from '../../../src/core/export-file';
import { EXPORT_ARGON2_LIMITS, EXPORT_KDF_BUDGET, RECOMMENDED_ARGON2 } from '../../../src/core/export-file-kdf';
import { FIXTURE_ACCOUNTS, FIXTURE_ACCOUNTS_READ, FIXTURES, readFixture, TRANSFER_CODE } from './export-fixtures';
import { countingKdf, craftExportFile, type CraftSlot } from './export-file-helpers';

const PASS = 'correct horse battery staple';
const SECRET: ExportSecret = { kind: 'passphrase', passphrase: PASS };
const GiB = 1_048_576;

const slot = (m: number, t: number, p: number, passphrase = PASS): CraftSlot => ({ type: 'passphrase', passphrase, m, t, p });
const code: CraftSlot = { type: 'transfer-code', code: TRANSFER_CODE };

async function refusal(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'opened',
    (err: unknown) => (err instanceof AppError ? err.code : 'not an AppError'),
  );
}

describe('export file: the limits are what Omamori writes', () => {
  it('states the limits from DEFAULT_ARGON2 and FALLBACK_ARGON2, with no headroom', () => {
    expect(EXPORT_ARGON2_LIMITS).toEqual({ m: 65_536, t: 6, p: 4, work: 196_608 });
    expect(EXPORT_KDF_BUDGET).toBe(393_216);
    expect(RECOMMENDED_ARGON2).toEqual({ m: 32_768, work: 196_608 });
  });

  it.each([
    ['DEFAULT_ARGON2', DEFAULT_ARGON2],
    ['FALLBACK_ARGON2', FALLBACK_ARGON2],
  ])('opens a file with a %s slot, not weak, after one derivation', async (_name, cost) => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(cost.m, cost.t, cost.p)], kdf);
    kdf.calls.length = 0;
    const opened = await openExportFile(bytes, SECRET, { kdf });
    expect(opened.payload.accounts).toEqual(FIXTURE_ACCOUNTS_READ);
    expect(opened.weakKdf).toBe(false);
    expect(kdf.calls).toHaveLength(1);
  });
});

describe('export file: crafted KDF costs are refused before any KDF runs', () => {
  const CRAFTED: [string, CraftSlot[]][] = [
    ['one slot of 1 GiB', [slot(GiB, 1, 4)]],
    ['four slots of 1 GiB', [slot(GiB, 1, 4), slot(GiB, 1, 4), slot(GiB, 1, 4), slot(GiB, 1, 4)]],
    ['m one KiB over 64 MiB', [slot(65_537, 1, 4)]],
    ['t above the fallback', [slot(8_192, 7, 1)]],
    ['p above the default', [slot(65_536, 1, 5)]],
    ['64 MiB with t = 4 (more work than the default)', [slot(65_536, 4, 4)]],
    ['three default slots (over the budget)', [slot(65_536, 3, 4), slot(65_536, 3, 4), slot(32_768, 6, 4)]],
    ['a transfer-code slot beside three default slots', [code, slot(65_536, 3, 4), slot(65_536, 3, 4), slot(65_536, 3, 4)]],
  ];

  it.each(CRAFTED)('%s: file/kdf-params from inspect and read, and no KDF ran', async (_name, slots) => {
    const bytes = await craftExportFile(slots, countingKdf());
    const kdf = countingKdf();
    expect(() => inspectExportFile(bytes)).toThrow('file/kdf-params');
    expect(await refusal(readExportFile(bytes, SECRET, { kdf }))).toBe('file/kdf-params');
    // The secret's kind does not matter: the file is refused as a whole.
    expect(await refusal(readExportFile(bytes, { kind: 'transfer-code', code: TRANSFER_CODE }, { kdf }))).toBe('file/kdf-params');
    expect(kdf.calls).toEqual([]);
  });

  it('reads parameters below the Argon2 minimum as damage, not as a cost', async () => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(4_096, 1, 1)], kdf);
    kdf.calls.length = 0;
    expect(await refusal(readExportFile(bytes, SECRET, { kdf }))).toBe('file/damaged');
    expect(kdf.calls).toEqual([]);
  });
});

describe('export file: which slots are tried', () => {
  it('accepts two default slots (the budget) and derives only the first when it opens', async () => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(65_536, 3, 4), slot(32_768, 6, 4, 'another passphrase')], kdf);
    kdf.calls.length = 0;
    expect((await readExportFile(bytes, SECRET, { kdf })).accounts).toHaveLength(FIXTURE_ACCOUNTS.length);
    expect(kdf.calls.map((c) => [c.m, c.t])).toEqual([[65_536, 3]]);
  });

  it('tries the next passphrase slot after a wrong one, and each at most once', async () => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(8_192, 1, 1, 'first'), slot(16_384, 2, 1), slot(8_192, 2, 1, 'third')], kdf);
    kdf.calls.length = 0;
    expect((await readExportFile(bytes, SECRET, { kdf })).count).toBe(FIXTURE_ACCOUNTS.length);
    expect(kdf.calls.map((c) => c.m)).toEqual([8_192, 16_384]);
    kdf.calls.length = 0;
    expect(await refusal(readExportFile(bytes, { kind: 'passphrase', passphrase: 'none of them' }, { kdf }))).toBe('file/wrong-passphrase');
    expect(kdf.calls).toHaveLength(3);
  });

  it('runs no Argon2id for a transfer code, whatever passphrase slots the file also has', async () => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(65_536, 3, 4), code], kdf);
    kdf.calls.length = 0;
    expect((await readExportFile(bytes, { kind: 'transfer-code', code: TRANSFER_CODE }, { kdf })).count).toBe(FIXTURE_ACCOUNTS.length);
    expect(kdf.calls).toEqual([]);
  });

  it('stops between slots when the caller aborts', async () => {
    const controller = new AbortController();
    const inner = countingKdf();
    // The first (wrong) slot's derivation is where the user presses Cancel.
    const kdf = { calls: inner.calls, argon2id: (...args: Parameters<typeof inner.argon2id>) => (controller.abort(), inner.argon2id(...args)) };
    const bytes = await craftExportFile([slot(8_192, 1, 1, 'first'), slot(8_192, 1, 1)], inner);
    inner.calls.length = 0;
    expect(await refusal(readExportFile(bytes, SECRET, { kdf, signal: controller.signal }))).toBe('aborted');
    expect(inner.calls).toHaveLength(1);
  });
});

describe('export file: weak settings', () => {
  it.each([
    ['the committed test fixtures (8 MiB, t = 1)', 8_192, 1, true],
    ['64 MiB with t = 2', 65_536, 2, true],
    ['16 MiB with t = 6', 16_384, 6, true],
    ['48 MiB with t = 4 (as much work as the default)', 49_152, 4, false],
  ])('%s: weak = %s', async (_name, m, t, weak) => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(m, t, 1)], kdf);
    expect((await openExportFile(bytes, SECRET, { kdf })).weakKdf).toBe(weak);
  });

  it('judges the slot that opened, and never a transfer code', async () => {
    const kdf = countingKdf();
    const bytes = await craftExportFile([slot(8_192, 1, 1, 'weak one'), slot(65_536, 3, 4), code], kdf);
    expect((await openExportFile(bytes, SECRET, { kdf })).weakKdf).toBe(false);
    expect((await openExportFile(bytes, { kind: 'passphrase', passphrase: 'weak one' }, { kdf })).weakKdf).toBe(true);
    expect((await openExportFile(bytes, { kind: 'transfer-code', code: TRANSFER_CODE }, { kdf })).weakKdf).toBe(false);
  });

  it('finds every committed passphrase fixture weak and the transfer-code one not', async () => {
    const { createInProcessKdf } = await import('../../../src/core/crypto/kdf');
    const kdf = createInProcessKdf();
    const weak = await Promise.all(FIXTURES.map(async (f) => [f.file, (await openExportFile(readFixture(f.file), f.secret, { kdf })).weakKdf]));
    expect(weak).toEqual(FIXTURES.map((f) => [f.file, f.secret.kind === 'passphrase']));
  });
});
