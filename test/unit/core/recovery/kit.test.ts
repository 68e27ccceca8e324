import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeShare,
  encodeShare,
  formatFingerprint,
  generateRecoveryKey,
  kitIdOf,
  readSheet,
  recoverKey,
  sheetQrText,
  sheetWords,
  splitRecoveryKey,
  type RecoverySheet,
} from '../../../../src/core/recovery/kit';
import { AppError } from '../../../../src/core/errors';
import { expectAppError } from '../../fixtures/expect-app-error';

function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [head, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [head as T, ...s]), ...subsets(rest, size)];
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (err) {
    return err instanceof AppError ? err.code : 'not an AppError';
  }
  return undefined;
}

const asSheets = (shares: Awaited<ReturnType<typeof splitRecoveryKey>>): RecoverySheet[] => shares.map((share) => ({ kind: 'share', share }));

describe('recovery kit', () => {
  it('generates distinct 256-bit keys and a stable fingerprint per key', () => {
    const a = generateRecoveryKey();
    const b = generateRecoveryKey();
    expect(a).toHaveLength(32);
    expect(a).not.toEqual(b);
    expect(kitIdOf(a)).toEqual(kitIdOf(new Uint8Array(a)));
    expect(formatFingerprint(kitIdOf(a))).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/u);
    expect(formatFingerprint(new Uint8Array([0xde, 0xad, 0x00, 0x0f]))).toBe('DEAD-000F');
  });

  it('recovers the key from every k-subset of n shares and refuses every (k−1)-subset (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.integer({ min: 2, max: 5 }).chain((n) => fc.tuple(fc.integer({ min: 2, max: n }), fc.constant(n))),
        async (key, [k, n]) => {
          const sheets = asSheets(await splitRecoveryKey(key, k, n));
          expect(sheets).toHaveLength(n);
          for (const subset of subsets(sheets, k)) expect(await recoverKey(subset)).toEqual(key);
          for (const subset of subsets(sheets, k - 1)) expect(await codeOf(recoverKey(subset))).toBe('recovery/not-enough-shares');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses shares of two different kits, the same share twice, and a damaged share', async () => {
    const one = asSheets(await splitRecoveryKey(generateRecoveryKey(), 2, 3));
    const two = asSheets(await splitRecoveryKey(generateRecoveryKey(), 2, 3));
    expect(await codeOf(recoverKey([one[0]!, two[1]!]))).toBe('recovery/mixed-kits');
    expect(await codeOf(recoverKey([one[0]!, { kind: 'key', key: generateRecoveryKey() }]))).toBe('recovery/mixed-kits');
    expect(await codeOf(recoverKey([one[1]!, one[1]!]))).toBe('recovery/duplicate-share');
    const first = one[0]!;
    if (first.kind !== 'share') throw new Error('share expected');
    const damaged = new Uint8Array(first.share.data);
    damaged[3] = damaged[3]! ^ 1;
    expect(await codeOf(recoverKey([{ kind: 'share', share: { ...first.share, data: damaged } }, one[2]!]))).toBe('recovery/wrong-key');
    expect(await codeOf(recoverKey([]))).toBe('recovery/not-enough-shares');
  });

  it('only splits 2 ≤ k ≤ n ≤ 5', async () => {
    const key = generateRecoveryKey();
    for (const [k, n] of [
      [1, 3],
      [3, 2],
      [2, 6],
      [2.5, 3],
    ]) {
      expect(await codeOf(splitRecoveryKey(key, k!, n!))).toBe('recovery/invalid');
    }
  });

  it('writes sheets as words and QR text and reads them back, whole key or share', async () => {
    const key = generateRecoveryKey();
    const [share] = await splitRecoveryKey(key, 3, 5);
    const sheets: RecoverySheet[] = [
      { kind: 'key', key },
      { kind: 'share', share: share! },
    ];
    for (const sheet of sheets) {
      expect(readSheet(sheetQrText(sheet))).toEqual(sheet);
      expect(readSheet(sheetWords(sheet, 'en').join(' '))).toEqual(sheet);
      expect(readSheet(sheetWords(sheet, 'ja').join('\u3000'))).toEqual(sheet);
      expect(sheetQrText(sheet)).toMatch(/^OMAMORI-R[KS]1:[A-Z2-7]+$/u);
    }
    expect(sheetWords(sheets[0]!, 'en')).toHaveLength(24);
    expect(sheetWords(sheets[1]!, 'en')).toHaveLength(30);
  });

  it('encodes the share header (version, kit id, k, n, index) and refuses impossible ones', async () => {
    const [, second] = await splitRecoveryKey(generateRecoveryKey(), 2, 3);
    const bytes = encodeShare(second!);
    expect([bytes[0], bytes[5], bytes[6]]).toEqual([1, 0x23, 2]);
    expect(decodeShare(bytes)).toEqual(second);
    for (const [at, value] of [
      [0, 2], // a newer version
      [5, 0x13], // k = 1
      [5, 0x32], // k > n
      [6, 0], // index 0
      [6, 4], // index > n
      [7, 0], // x = 0 would be the secret itself
    ] as const) {
      const bad = new Uint8Array(bytes);
      bad[at] = value;
      expectAppError(() => decodeShare(bad), 'recovery/invalid');
    }
    expectAppError(() => readSheet('OMAMORI-RS1:AAAA'), 'recovery/invalid');
  });
});
