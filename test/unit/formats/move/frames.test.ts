/** The animated QR frames of a move (formats/move/frames.ts): fountain coding with losses and reordering. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors';
import { gunzipBounded, gzip } from '../../../../src/core/move-compression';
import { FrameCatch, frameSeq, loadMoveFrames, MoveFrameDecoder, MoveFrameEncoder } from '../../../../src/formats/move/frames';

const TAG = '00112233445566778899aabbccddeeff';

/** Plays an encoder's frames into a decoder, dropping some and shuffling each window; returns the frames shown. */
function play(encoder: MoveFrameEncoder, decoder: MoveFrameDecoder, keep: (i: number) => boolean, window: number, order: (n: number) => number[]): number {
  let shown = 0;
  while (decoder.result() === null) {
    const batch: string[] = [];
    for (let i = 0; i < window; i++) {
      const frame = encoder.next();
      if (keep(shown++)) batch.push(frame);
    }
    for (const i of order(batch.length)) decoder.receive(batch[i]!);
    if (shown > 50 * encoder.fragments + 100) throw new Error('no end');
  }
  return shown;
}

describe('move frames', () => {
  it('rebuild any message from frames with losses and in any order (property)', async () => {
    const ur = await loadMoveFrames();
    await fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (message, seed, dropRate) => {
          // mulberry32: a seeded stream, so that a failure shrinks and replays.
          let state = seed;
          const next = (): number => {
            state = (state + 0x6d2b79f5) | 0;
            let x = Math.imul(state ^ (state >>> 15), 1 | state);
            x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
            return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
          };
          const encoder = new MoveFrameEncoder(ur, message, TAG, 60);
          const decoder = new MoveFrameDecoder(ur, TAG);
          play(
            encoder,
            decoder,
            () => next() >= dropRate,
            7,
            (n) => [...Array(n).keys()].sort(() => next() - 0.5),
          );
          expect(decoder.progress).toBe(1);
          expect(decoder.result()).toEqual(message);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("ignores another session's frames and frames that are not frames, even first", async () => {
    const ur = await loadMoveFrames();
    const message = new Uint8Array(900).map((_, i) => i * 7);
    const other = new MoveFrameEncoder(ur, new Uint8Array(900).fill(1), 'ffffffffffffffffffffffffffffffff', 100);
    const encoder = new MoveFrameEncoder(ur, message, TAG, 100);
    const decoder = new MoveFrameDecoder(ur, TAG);
    expect(decoder.receive(other.next())).toBe('ignored');
    expect(decoder.receive('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe('ignored');
    expect(decoder.receive(`UR:OMAMORI-MOVE-${TAG.toUpperCase()}/1-9/LPAD`)).toBe('ignored');
    let frames = 0;
    while (decoder.result() === null && frames < 200) {
      decoder.receive(other.next());
      expect(decoder.receive(encoder.next())).toBe('accepted');
      frames++;
      if (decoder.result() === null) expect(decoder.progress).toBeLessThan(1);
    }
    expect(decoder.result()).toEqual(message);
    // Upper case for QR alphanumeric mode.
    expect(encoder.next()).toMatch(/^UR:OMAMORI-MOVE-[0-9A-F]{32}\/[0-9]+-[0-9]+\/[A-Z]+$/);
  });

  it('tell how many of the shown frames the camera reads, from their sequence numbers', async () => {
    const ur = await loadMoveFrames();
    const message = new Uint8Array(6000).map((_, i) => (i * 7919) % 251);
    const read = (keep: (i: number) => boolean, frames: number): number | null => {
      const encoder = new MoveFrameEncoder(ur, message, TAG);
      const decoder = new MoveFrameDecoder(ur, TAG);
      for (let i = 0; i < frames; i++) {
        const frame = encoder.next();
        // Each kept frame read twice, as a camera does while the frame stays on screen.
        if (keep(i)) for (const _ of [1, 2]) decoder.receive(frame);
      }
      return decoder.catchShare;
    };
    expect(read(() => true, 5)).toBeNull(); // too few to judge
    expect(read(() => true, 20)).toBe(1);
    expect(read((i) => i % 3 === 0, 30)).toBeCloseTo(1 / 3, 1);
    expect(read((i) => i % 4 !== 0, 40)).toBeGreaterThan(0.7);
  });

  it('judge the catch over the latest frames only, and ignore what has no sequence number', () => {
    const meter = new FrameCatch();
    for (let seq = 1; seq <= 30; seq += 4) meter.note(seq); // an early bad stretch: 1 in 4
    expect(meter.share).toBeLessThan(0.5);
    for (let seq = 31; seq <= 60; seq++) meter.note(seq); // then every frame
    expect(meter.share).toBe(1);
    meter.note(frameSeq('ur:omamori-move-aa/x-1/abc'));
    meter.note(frameSeq('not a frame'));
    expect(meter.share).toBe(1);
    expect(frameSeq('ur:omamori-move-0a1b/12-30/lpad')).toBe(12);
  });

  it('makes one single frame of a short message', async () => {
    const ur = await loadMoveFrames();
    const encoder = new MoveFrameEncoder(ur, Uint8Array.of(1, 2, 3), TAG);
    const decoder = new MoveFrameDecoder(ur, TAG);
    expect(decoder.receive(encoder.next())).toBe('accepted');
    expect(decoder.result()).toEqual(Uint8Array.of(1, 2, 3));
  });
});

describe('move compression', () => {
  it('round-trips, and refuses output past its bound or a corrupt stream', async () => {
    const text = new TextEncoder().encode('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP\n'.repeat(2000));
    const packed = await gzip(text);
    expect(packed.length).toBeLessThan(text.length / 10);
    expect(await gunzipBounded(packed, text.length)).toEqual(text);
    await expect(gunzipBounded(packed, text.length - 1)).rejects.toThrow(AppError);
    const bad = packed.slice();
    bad[bad.length - 6]! ^= 0xff;
    await expect(gunzipBounded(bad, text.length)).rejects.toMatchObject({ code: 'move/damaged' });
  });
});
