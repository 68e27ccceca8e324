/**
 * @file The new phone's frame decoder (MoveFrameDecoder) behind messages, so that it can run in a
 * Worker (frames.worker.ts): the page's thread is the scanner's while it scans (issue 15: no task
 * over 50 ms), and a frame's base45 and RaptorQ work, and the final decode, can be that long on a
 * phone. The same host
 * answers in process where there is no Worker (Node tests), so both take one code path.
 */
import { toAppError, type ErrorCode } from '../../core/errors';
import type { Bytes } from '../../core/crypto/bytes';
import { loadMoveFrames, MoveFrameDecoder, type FrameResult } from './frames';

/** One session per host: `tag` starts it, then frames, then the result. */
export type FramesRequest = { id: number; tag: string } | { id: number; text: string } | { id: number; result: true };

/** What the page shows between frames. */
export interface FramesState {
  done: boolean;
  progress: number;
  catchShare: number | null;
}

export type FramesReply = ({ id: number; frame: FrameResult } & FramesState) | { id: number; message: Bytes | null } | { id: number; error: ErrorCode };

export class FrameHost {
  #decoder: MoveFrameDecoder | undefined;

  async answer(request: FramesRequest): Promise<FramesReply> {
    try {
      if ('tag' in request) {
        this.#decoder = new MoveFrameDecoder(await loadMoveFrames(), request.tag);
        return { id: request.id, frame: 'ignored', ...this.#state(this.#decoder) };
      }
      const decoder = this.#decoder;
      if (decoder === undefined) return { id: request.id, error: 'move/other-session' };
      if ('text' in request) {
        const frame = decoder.receive(request.text);
        return { id: request.id, frame, ...this.#state(decoder) };
      }
      return { id: request.id, message: decoder.result() };
    } catch (err) {
      // Only the code crosses: an exception's text could hold what was read.
      return { id: request.id, error: toAppError(err).code };
    }
  }

  #state(decoder: MoveFrameDecoder): FramesState {
    return { done: decoder.done, progress: decoder.progress, catchShare: decoder.catchShare };
  }
}
