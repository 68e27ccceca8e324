/** The paper backup's QR codes (formats/paper/paper.ts): any order, parts missing, other backups told apart. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseSpares, PAPER_FRAGMENT_BYTES, paperParts, PaperPartDecoder, type PartResult } from '../../../../src/formats/paper/paper';

function fileOf(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + (i >> 3)) & 255);
}

async function readAll(parts: readonly string[]): Promise<{ results: PartResult[]; file: Uint8Array | null; decoder: PaperPartDecoder }> {
  const decoder = await PaperPartDecoder.create();
  const results = parts.map((p) => decoder.receive(p));
  return { results, file: decoder.result(), decoder };
}

describe('paper backup parts', () => {
  it('prints every fragment once plus half as many spares, upper case, each naming the backup', async () => {
    const file = fileOf(PAPER_FRAGMENT_BYTES * 8 - 50, 1);
    const parts = await paperParts(file, 'a1b2c3d4');
    expect(parts).toHaveLength(8 + 4);
    const seqs = parts.map((p) => {
      const match = /^UR:OMAMORI-PAPER-A1B2C3D4\/(\d+)-8\/[A-Z]+$/u.exec(p);
      expect(match, p).not.toBeNull();
      return Number(match![1]);
    });
    // The fragments in order, then spares chosen past them.
    expect(seqs.slice(0, 8)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const seq of seqs.slice(8)) expect(seq).toBeGreaterThan(8);
    expect(new Set(parts).size).toBe(parts.length);
  });

  it('a small file still gets spare codes', async () => {
    const parts = await paperParts(fileOf(100, 2), 'feed');
    expect(parts.length).toBeGreaterThanOrEqual(3);
    const { file } = await readAll([parts[2]!]);
    expect(file).toEqual(fileOf(100, 2));
  });

  it('reads back in any order with any one code missing (property)', async () => {
    const file = fileOf(PAPER_FRAGMENT_BYTES * 6 + 17, 3);
    const parts = await paperParts(file, 'cafe0001');
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: parts.length - 1 }), fc.array(fc.nat(), { minLength: parts.length, maxLength: parts.length }), async (drop, keys) => {
        const kept = parts.filter((_, i) => i !== drop);
        const shuffled = kept
          .map((p, i) => ({ p, k: keys[i]! }))
          .sort((a, b) => a.k - b.k)
          .map((x) => x.p);
        const { decoder } = await readAll(shuffled);
        expect(decoder.result()).toEqual(file);
      }),
      { numRuns: 25 },
    );
  });

  it('comes whole with any one code missing, whatever the file (property over files, every code dropped in turn)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: PAPER_FRAGMENT_BYTES * 14 }), fc.nat(), async (length, seed) => {
        const file = fileOf(length, seed);
        const parts = await paperParts(file, 'f00d');
        for (let drop = 0; drop < parts.length; drop++) {
          const { file: read } = await readAll(parts.filter((_, i) => i !== drop).reverse());
          expect(read, `without code ${drop + 1} of ${parts.length}`).toEqual(file);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('chooses spares that hold every fragment, and prints a fragment again where no spare holds it', () => {
    const mixes = (seq: number) => [seq % 5, (seq * 3) % 5];
    const spares = chooseSpares(5, 3, mixes);
    const held = new Set(spares.flatMap(mixes));
    expect([...held].sort()).toEqual([0, 1, 2, 3, 4]);
    expect(spares.length).toBeGreaterThanOrEqual(3);
    expect(new Set(spares).size).toBe(spares.length);
    // Mixes that never hold fragment 2: it is printed again alone (its own sequence number, 3).
    const never = chooseSpares(4, 2, () => [0, 1, 3]);
    expect(never).toContain(3);
    expect(never.length).toBe(2);
  });

  it('is not complete before it has enough codes, and counts distinct codes only', async () => {
    const file = fileOf(PAPER_FRAGMENT_BYTES * 4 - 50, 4);
    const parts = await paperParts(file, 'beef');
    const decoder = await PaperPartDecoder.create();
    expect(decoder.receive(parts[1]!)).toBe('accepted');
    expect(decoder.receive(parts[1]!.toLowerCase())).toBe('duplicate');
    expect(decoder.receive(parts[3]!)).toBe('accepted');
    expect(decoder.received).toBe(2);
    expect(decoder.needed).toBe(4);
    expect(decoder.done).toBe(false);
    expect(decoder.result()).toBeNull();
  });

  it('refuses the codes of another paper backup, and carries on with its own', async () => {
    const mine = fileOf(PAPER_FRAGMENT_BYTES * 3, 5);
    const ours = await paperParts(mine, 'aaaa1111');
    const theirs = await paperParts(fileOf(PAPER_FRAGMENT_BYTES * 3, 6), 'bbbb2222');
    // Same tag but another file (a tag is random, so this is a forged or damaged set): refused too.
    const sameTag = await paperParts(fileOf(PAPER_FRAGMENT_BYTES * 3, 7), 'aaaa1111');
    const decoder = await PaperPartDecoder.create();
    expect(decoder.receive(ours[0]!)).toBe('accepted');
    expect(decoder.receive(theirs[1]!)).toBe('other-backup');
    expect(decoder.receive(sameTag[1]!)).toBe('other-backup');
    for (const p of ours.slice(1)) decoder.receive(p);
    expect(decoder.result()).toEqual(mine);
  });

  it('says what is not a paper-backup code', async () => {
    const decoder = await PaperPartDecoder.create();
    expect(decoder.receive('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe('not-paper');
    expect(decoder.receive('UR:OMAMORI-MOVE-00112233/1-3/LPADAXCS')).toBe('not-paper');
    expect(decoder.receive('UR:OMAMORI-PAPER-ABCD/1-3/NOTBYTEWORDS')).toBe('not-paper');
    expect(decoder.received).toBe(0);
  });
});
