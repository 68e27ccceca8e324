/**
 * @file Module Worker entry: Argon2id off the main thread. Protocol in `kdf.ts`
 * (`KdfWorkerRequest` / `KdfWorkerResponse`). hash-wasm has no progress callback, so the only
 * progress message is 0 at the start (the UI shows an indeterminate spinner).
 */
import { toAppError } from '../errors';
import { deriveArgon2id, type KdfWorkerRequest, type KdfWorkerResponse } from './kdf';

const scope = self as unknown as DedicatedWorkerGlobalScope;

function reply(message: KdfWorkerResponse, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

scope.addEventListener('message', (event: MessageEvent<KdfWorkerRequest>) => {
  const { id, passphrase, params } = event.data;
  reply({ id, progress: 0 });
  deriveArgon2id(passphrase, params).then(
    (key) => reply({ id, key }, [key.buffer]),
    (err: unknown) => reply({ id, error: toAppError(err).code }),
  );
});
