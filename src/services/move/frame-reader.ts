/**
 * @file The new phone's side of the animated code, asynchronous: frames go to a FrameHost
 * (formats/move/frame-host.ts) through a channel — a Worker in the browser
 * (services/browser/move-frames.ts), the host itself where there is none — and the state the page
 * shows (done, progress, share read) comes back with each answer.
 */
import { AppError } from '../../core/errors';
import type { Bytes } from '../../core/crypto/bytes';
import { FrameHost, type FramesReply, type FramesRequest, type FramesState } from '../../formats/move/frame-host';
import type { FrameResult } from '../../formats/move/frames';

/** Where a FrameHost answers: `close()` ends it (a pending or later question is refused). */
export interface FramesChannel {
  ask(request: FramesRequest): Promise<FramesReply>;
  close(): void;
}

/** The host in this thread (Node tests; browsers without Workers). */
export function inProcessFrames(): FramesChannel {
  const host = new FrameHost();
  let closed = false;
  return {
    ask: (request) => (closed ? Promise.reject(new AppError('aborted')) : host.answer(request)),
    close: () => void (closed = true),
  };
}

export interface MoveFrameReader extends FramesState {
  receive(text: string): Promise<FrameResult>;
  /** The whole message once complete, else null; `move/damaged` when the decoder failed. */
  result(): Promise<Bytes | null>;
  close(): void;
}

/** Starts the session `tag` on the channel; errors come back as their AppError codes. */
export async function openFrameReader(channel: FramesChannel, tag: string): Promise<MoveFrameReader> {
  let nextId = 1;
  let state: FramesState = { done: false, progress: 0, catchShare: null };
  const ask = async (request: FramesRequest): Promise<FramesReply> => {
    const reply = await channel.ask(request);
    if ('error' in reply) throw new AppError(reply.error);
    return reply;
  };
  const frame = async (request: FramesRequest): Promise<FrameResult> => {
    const reply = await ask(request);
    if (!('frame' in reply)) throw new AppError('move/damaged');
    state = { done: reply.done, progress: reply.progress, catchShare: reply.catchShare };
    return reply.frame;
  };
  try {
    await frame({ id: nextId++, tag });
  } catch (err) {
    channel.close();
    throw err;
  }
  return {
    receive: (text) => frame({ id: nextId++, text }),
    get done() {
      return state.done;
    },
    get progress() {
      return state.progress;
    },
    get catchShare() {
      return state.catchShare;
    },
    async result() {
      const reply = await ask({ id: nextId++, result: true });
      return 'message' in reply ? reply.message : null;
    },
    close: () => channel.close(),
  };
}
