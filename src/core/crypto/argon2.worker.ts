/**
 * @file Module Worker entry: Argon2id off the main thread. Protocol in `kdf.ts`
 * (`KdfWorkerRequest` / `KdfWorkerResponse`, answered by `answerKdfRequest`, which maps an
 * allocation failure to `crypto/kdf-memory`). hash-wasm has no progress callback, so the only
 * progress message is 0 at the start; the page ends the run early by terminating this Worker.
 */
import { answerKdfRequest, type KdfWorkerRequest, type KdfWorkerResponse } from './kdf';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: KdfWorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.addEventListener('message', (event: MessageEvent<KdfWorkerRequest>) => {
  reply({ id: event.data.id, progress: 0 });
  void answerKdfRequest(event.data).then((answer) => reply(answer, 'key' in answer ? [answer.key.buffer] : []));
});
