/** The animated QR frames of a move (formats/move/frames.ts): fountain coding with losses and reordering. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src/core/errors';
import { gunzipBounded, gzip } from '../../../../src/core/move-compression';
import { base45Decode, base45Encode } from '../../../../src/core/base45';
import { MAX_MOVE_MESSAGE_BYTES } from '../../../../src/core/move-protocol';
import { FrameCatch, loadMoveFrames, MoveFrameDecoder, MoveFrameEncoder } from '../../../../src/formats/move/frames';

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
  /** mulberry32: a seeded stream, so that a failure shrinks and replays. */
  const seeded = (seed: number): (() => number) => {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let x = Math.imul(state ^ (state >>> 15), 1 | state);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  };

  it('rebuild any message from frames with losses and in any order (property)', async () => {
    const raptorq = await loadMoveFrames();
    await fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.double({ min: 0, max: 0.5, noNaN: true }),
        (message, seed, dropRate) => {
          const next = seeded(seed);
          const encoder = new MoveFrameEncoder(raptorq, message, TAG);
          const decoder = new MoveFrameDecoder(raptorq, TAG);
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

  it('need about 1 / 0.7 of the plain frames when 30 % are missed (issue 15: at most 1.6×)', async () => {
    const raptorq = await loadMoveFrames();
    // About a 300-account vault's sealed message (71 frames) and a 1,000-account one's (226).
    for (const size of [18_500, 59_500]) {
      const message = new Uint8Array(size).map((_, i) => (i * 7919) % 251);
      const ratios: number[] = [];
      for (let trial = 0; trial < 15; trial++) {
        const next = seeded(trial + 1);
        const encoder = new MoveFrameEncoder(raptorq, message, TAG);
        ratios.push(
          play(
            encoder,
            new MoveFrameDecoder(raptorq, TAG),
            () => next() >= 0.3,
            1,
            (n) => [...Array(n).keys()],
          ) / encoder.fragments,
        );
      }
      ratios.sort((a, b) => a - b);
      expect(ratios[7]).toBeGreaterThan(1.3);
      expect(ratios[7]).toBeLessThan(1.55);
    }
  });

  it("ignores another session's frames, frames that are not frames, and malformed ones that would break the decoder", async () => {
    const raptorq = await loadMoveFrames();
    const message = new Uint8Array(2000).map((_, i) => i * 7);
    const other = new MoveFrameEncoder(raptorq, new Uint8Array(2000).fill(1), 'ffffffffffffffffffffffffffffffff');
    const encoder = new MoveFrameEncoder(raptorq, message, TAG);
    const decoder = new MoveFrameDecoder(raptorq, TAG);
    const first = encoder.next();
    // Base45 has ':' in its alphabet: the packet is what follows the frame number.
    const [, head, body] = /^(OMAMORI-FRAME:[0-9A-F]+:[0-9]+:[0-9]+:)(.*)$/su.exec(first)!;
    const packet = base45Decode(body!)!;
    const framed = (bytes: Uint8Array, prefix = head!): string => prefix + base45Encode(bytes);
    expect(decoder.receive(other.next())).toBe('ignored');
    expect(decoder.receive('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe('ignored');
    expect(decoder.receive(framed(packet.subarray(0, 100)))).toBe('ignored'); // short packet
    expect(decoder.receive(framed(Uint8Array.of(...packet, 0, 0)))).toBe('ignored'); // long packet
    expect(decoder.receive(framed(Uint8Array.of(5, ...packet.subarray(1))))).toBe('ignored'); // another source block
    expect(decoder.receive(framed(packet, head!.replace(':2000:', ':99999999:')))).toBe('ignored'); // past the longest message
    expect(decoder.receive(`${head!}not base45`)).toBe('ignored');
    expect(decoder.receive(first.toLowerCase())).toBe('ignored');
    expect(decoder.progress).toBe(0);
    expect(decoder.receive(first)).toBe('accepted');
    // A frame of another length after the first is a misread.
    expect(decoder.receive(framed(packet, head!.replace(':2000:', ':2001:')))).toBe('ignored');
    let frames = 1;
    while (decoder.result() === null && frames < 200) {
      decoder.receive(other.next());
      expect(decoder.receive(encoder.next())).toBe('accepted');
      frames++;
      if (decoder.result() === null) expect(decoder.progress).toBeLessThan(1);
    }
    expect(decoder.result()).toEqual(message);
    expect(frames).toBe(encoder.fragments); // the plain frames alone, no more
    expect(encoder.next()).toMatch(/^OMAMORI-FRAME:[0-9A-F]{32}:2000:[0-9]+:[0-9A-Z $%*+\-./:]+$/u);
  });

  it('refuses to frame nothing, or a message past the longest', async () => {
    const raptorq = await loadMoveFrames();
    expect(() => new MoveFrameEncoder(raptorq, new Uint8Array(0), TAG)).toThrow(AppError);
    expect(() => new MoveFrameEncoder(raptorq, new Uint8Array(MAX_MOVE_MESSAGE_BYTES + 1), TAG)).toThrow(AppError);
  });

  it('tell how many of the shown frames the camera reads, from their numbers', async () => {
    const raptorq = await loadMoveFrames();
    const message = new Uint8Array(60_000).map((_, i) => (i * 7919) % 251);
    const read = (keep: (i: number) => boolean, frames: number): number | null => {
      const encoder = new MoveFrameEncoder(raptorq, message, TAG);
      const decoder = new MoveFrameDecoder(raptorq, TAG);
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

  it('judge the catch over the latest frames only', () => {
    const meter = new FrameCatch();
    for (let seq = 1; seq <= 30; seq += 4) meter.note(seq); // an early bad stretch: 1 in 4
    expect(meter.share).toBeLessThan(0.5);
    for (let seq = 31; seq <= 60; seq++) meter.note(seq); // then every frame
    expect(meter.share).toBe(1);
    meter.note(Number.NaN);
    meter.note(0);
    expect(meter.share).toBe(1);
  });

  it('makes one single frame of a short message', async () => {
    const raptorq = await loadMoveFrames();
    const encoder = new MoveFrameEncoder(raptorq, Uint8Array.of(1, 2, 3), TAG);
    const decoder = new MoveFrameDecoder(raptorq, TAG);
    expect(encoder.fragments).toBe(1);
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
