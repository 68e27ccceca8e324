/** The new phone's frame reader (services/move/frame-reader.ts) over the FrameHost protocol (formats/move/frame-host.ts). */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { FrameHost } from '../../../src/formats/move/frame-host';
import { loadMoveFrames, MoveFrameEncoder } from '../../../src/formats/move/frames';
import { inProcessFrames, openFrameReader, type FramesChannel } from '../../../src/services/move/frame-reader';

const TAG = '00112233445566778899aabbccddeeff';

const message = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);

describe('move frame reader', () => {
  it('rebuilds the message from frames with losses, and its state follows each answer', async () => {
    const sent = message(8000);
    const encoder = new MoveFrameEncoder(await loadMoveFrames(), sent, TAG);
    const reader = await openFrameReader(inProcessFrames(), TAG);
    expect([reader.done, reader.progress, reader.catchShare]).toEqual([false, 0, null]);
    let last = 0;
    for (let i = 0; !reader.done && i < 20 * encoder.fragments; i++) {
      const frame = encoder.next();
      if (i % 4 === 3) continue; // a quarter lost
      expect(await reader.receive(frame)).toBe('accepted');
      expect(reader.progress).toBeGreaterThanOrEqual(last);
      last = reader.progress;
    }
    expect(reader.done).toBe(true);
    expect(reader.progress).toBe(1);
    expect(reader.catchShare).toBeCloseTo(0.75, 1);
    expect(await reader.result()).toEqual(sent);
  });

  it("ignores another session's frames and text that is no frame", async () => {
    const reader = await openFrameReader(inProcessFrames(), TAG);
    const other = new MoveFrameEncoder(await loadMoveFrames(), message(300), 'ffeeddccbbaa99887766554433221100');
    expect(await reader.receive(other.next())).toBe('ignored');
    expect(await reader.receive('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe('ignored');
    expect(await reader.receive(`OMAMORI-FRAME:${TAG.toUpperCase()}:300:1:NOT BASE45`)).toBe('ignored');
    expect(await reader.result()).toBeNull();
  });

  it('answers a frame before the session started with a code, never with the text read', async () => {
    const reply = await new FrameHost().answer({ id: 7, text: 'OMAMORI-FRAME:00:1:1:SECRET LOOKING' });
    expect(reply).toEqual({ id: 7, error: 'move/other-session' });
  });

  it('refuses every question once closed (the move was cancelled)', async () => {
    const channel = inProcessFrames();
    const reader = await openFrameReader(channel, TAG);
    reader.close();
    await expect(reader.receive('anything')).rejects.toMatchObject({ code: 'aborted' });
  });

  it('turns a channel that fails (a Worker that died) into move/damaged, and closes one that cannot start', async () => {
    let closed = 0;
    let alive = true;
    const host = new FrameHost();
    const dying: FramesChannel = {
      ask: (request) => (alive ? host.answer(request) : Promise.reject(new AppError('move/damaged'))),
      close: () => void closed++,
    };
    const reader = await openFrameReader(dying, TAG);
    alive = false;
    await expect(reader.receive('OMAMORI-FRAME:x')).rejects.toMatchObject({ code: 'move/damaged' });
    await expect(reader.result()).rejects.toMatchObject({ code: 'move/damaged' });

    await expect(openFrameReader(dying, TAG)).rejects.toBeInstanceOf(AppError);
    expect(closed).toBe(1);
  });
});
