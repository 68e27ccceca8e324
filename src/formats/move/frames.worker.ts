/**
 * @file Module Worker entry: the move's frame decoder off the page (frame-host.ts). Started by
 * services/browser/move-frames.ts when a move starts on the new phone, ended when it opens the
 * message or is cancelled; raptorq's wasm loads here, not on the page.
 */
import { FrameHost, type FramesReply, type FramesRequest } from './frame-host';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new FrameHost();
// One at a time, in the order sent: a frame must not overtake the session's start.
let queue: Promise<unknown> = Promise.resolve();

scope.addEventListener('message', (event: MessageEvent<FramesRequest>) => {
  queue = queue.then(async () => {
    const reply: FramesReply = await host.answer(event.data);
    scope.postMessage(reply, 'message' in reply && reply.message !== null ? [reply.message.buffer] : []);
  });
});
