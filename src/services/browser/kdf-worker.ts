/**
 * @file Runs Argon2id in a module Worker so the page stays responsive (64 MiB, ≈0.5 s on a
 * desktop, several seconds on a phone). Falls back to the main thread where Workers are missing.
 * A fresh worker per call: its 64 MiB are released with it, and aborting (the screens' Cancel
 * button) is terminate(), which stops the derivation at once. A worker that cannot get the memory
 * answers `crypto/kdf-memory`, or dies with an error that is mapped to it (workerErrorCode).
 */
import { checkArgon2Params, createInProcessKdf, workerErrorCode, type KdfRunner, type KdfWorkerRequest, type KdfWorkerResponse } from '../../core/crypto/kdf';
import { AppError } from '../../core/errors';

export function createWorkerKdf(): KdfRunner {
  if (typeof Worker === 'undefined') return createInProcessKdf();
  let nextId = 1;
  return {
    argon2id(passphrase, params, opts = {}) {
      return new Promise((resolve, reject) => {
        checkArgon2Params(params);
        if (opts.signal?.aborted) throw new AppError('aborted');
        const worker = new Worker(new URL('../../core/crypto/argon2.worker.ts', import.meta.url), { type: 'module' });
        const id = nextId++;
        const started = performance.now();
        let settled = false;
        // Settles once: a message or error that arrives after Cancel changes nothing.
        const finish = (): boolean => {
          if (settled) return false;
          settled = true;
          worker.terminate();
          opts.signal?.removeEventListener('abort', onAbort);
          // A User Timing entry (no data in it) lets `npm run bench` separate KDF from unlock time.
          performance.measure('omamori:kdf', { start: started, end: performance.now() });
          return true;
        };
        const onAbort = (): void => {
          if (finish()) reject(new AppError('aborted'));
        };
        opts.signal?.addEventListener('abort', onAbort);
        worker.onmessage = (event: MessageEvent<KdfWorkerResponse>) => {
          const msg = event.data;
          if (msg.id !== id || settled) return;
          if ('progress' in msg) {
            opts.onProgress?.(msg.progress);
            return;
          }
          finish();
          if ('key' in msg) {
            opts.onProgress?.(1);
            resolve(msg.key);
          } else reject(new AppError(msg.error));
        };
        worker.onerror = (event: ErrorEvent) => {
          if (finish()) reject(new AppError(workerErrorCode(event.message)));
        };
        worker.onmessageerror = () => {
          if (finish()) reject(new AppError('unknown'));
        };
        const request: KdfWorkerRequest = { id, passphrase, params };
        worker.postMessage(request);
      });
    },
  };
}
