/**
 * @file The new phone's frame decoder in a module Worker (formats/move/frames.worker.ts), one per
 * move, started when the move starts and terminated when it opens or is cancelled: the decoding
 * stays off the page's thread while it scans (issue 15; bc-ur, the first codec, took 15–35 ms of it a frame).
 * A Worker that dies, or an answer that cannot be read, refuses every question with `move/damaged`
 * (the move starts again); no frame text or message is ever logged.
 */
import { AppError } from '../../core/errors';
import type { FramesReply } from '../../formats/move/frame-host';
import { inProcessFrames, type FramesChannel } from '../move/frame-reader';

export function workerFrames(): FramesChannel {
  if (typeof Worker === 'undefined') return inProcessFrames();
  const worker = new Worker(new URL('../../formats/move/frames.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (reply: FramesReply) => void; reject: (err: AppError) => void }>();
  let ended: AppError | undefined;
  const end = (err: AppError): void => {
    ended ??= err;
    worker.terminate();
    for (const { reject } of pending.values()) reject(ended);
    pending.clear();
  };
  worker.onmessage = (event: MessageEvent<FramesReply>) => {
    const waiting = pending.get(event.data.id);
    pending.delete(event.data.id);
    waiting?.resolve(event.data);
  };
  worker.onerror = () => end(new AppError('move/damaged'));
  worker.onmessageerror = () => end(new AppError('move/damaged'));
  return {
    ask(request) {
      if (ended !== undefined) return Promise.reject(ended);
      return new Promise((resolve, reject) => {
        pending.set(request.id, { resolve, reject });
        worker.postMessage(request);
      });
    },
    close: () => end(new AppError('aborted')),
  };
}
