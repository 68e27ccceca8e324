/**
 * The Argon2id Worker and its client (services/browser/kdf-worker.ts): Cancel terminates the
 * worker at once, and memory that cannot be had is `crypto/kdf-memory` on every path (the worker's
 * answer, the worker dying of it), never 'unknown' or a hang. A fake Worker stands in for the
 * browser's; the Worker's side is `answerKdfRequest`, driven directly.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerKdfRequest,
  argon2idRaw,
  normalizePassphrase,
  workerErrorCode,
  type KdfWorkerRequest,
  type KdfWorkerResponse,
} from '../../../src/core/crypto/kdf';
import { AppError } from '../../../src/core/errors';
import { createWorkerKdf } from '../../../src/services/browser/kdf-worker';

const PARAMS = { m: 8192, t: 1, p: 1, salt: new Uint8Array(16).fill(1) };

class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: MessageEvent<KdfWorkerResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  requests: KdfWorkerRequest[] = [];
  terminated = 0;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(request: KdfWorkerRequest): void {
    this.requests.push(request);
  }
  terminate(): void {
    this.terminated++;
  }
  answer(message: Omit<KdfWorkerResponse, 'id'> & { id?: number }): void {
    this.onmessage?.({ data: { id: this.requests[0]!.id, ...message } } as MessageEvent<KdfWorkerResponse>);
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (err: unknown) => (err instanceof AppError ? err.code : 'not an AppError'),
  );
}

beforeEach(() => {
  FakeWorker.all = [];
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});
afterEach(() => {
  delete (globalThis as { Worker?: unknown }).Worker;
});

describe('createWorkerKdf', () => {
  it('reports progress, resolves with the key and ends the worker', async () => {
    const progress: number[] = [];
    const pending = createWorkerKdf().argon2id('pw', PARAMS, { onProgress: (f) => progress.push(f) });
    const [worker] = FakeWorker.all;
    worker!.answer({ progress: 0 } as never);
    worker!.answer({ key: new Uint8Array(32).fill(9) } as never);
    expect(await pending).toEqual(new Uint8Array(32).fill(9));
    expect(progress).toEqual([0, 1]);
    expect(worker!.terminated).toBe(1);
  });

  it('terminates the worker as soon as the caller aborts, and ignores a late answer', async () => {
    const controller = new AbortController();
    const pending = createWorkerKdf().argon2id('pw', PARAMS, { signal: controller.signal });
    const [worker] = FakeWorker.all;
    worker!.answer({ progress: 0 } as never);
    controller.abort();
    expect(worker!.terminated).toBe(1);
    worker!.answer({ key: new Uint8Array(32) } as never);
    worker!.onerror?.({ message: 'late' } as ErrorEvent);
    expect(await codeOf(pending)).toBe('aborted');
    expect(worker!.terminated).toBe(1);
  });

  it('starts no worker for a signal that is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await codeOf(createWorkerKdf().argon2id('pw', PARAMS, { signal: controller.signal }))).toBe('aborted');
    expect(FakeWorker.all).toEqual([]);
  });

  it('passes the worker’s crypto/kdf-memory answer on', async () => {
    const pending = createWorkerKdf().argon2id('pw', PARAMS);
    FakeWorker.all[0]!.answer({ error: 'crypto/kdf-memory' } as never);
    expect(await codeOf(pending)).toBe('crypto/kdf-memory');
  });

  it.each([
    ['Uncaught RangeError: Array buffer allocation failed', 'crypto/kdf-memory'],
    ['Uncaught RangeError: WebAssembly.Memory.grow(): Maximum memory size exceeded', 'crypto/kdf-memory'],
    ['out of memory', 'crypto/kdf-memory'],
    ['Uncaught SyntaxError: Unexpected token', 'unknown'],
    [undefined, 'unknown'],
  ])('maps a worker that died with "%s" to %s', async (message, code) => {
    const pending = createWorkerKdf().argon2id('pw', PARAMS);
    const [worker] = FakeWorker.all;
    worker!.onerror?.({ message } as ErrorEvent);
    expect(await codeOf(pending)).toBe(code);
    expect(worker!.terminated).toBe(1);
    expect(workerErrorCode(message)).toBe(code);
  });
});

describe('answerKdfRequest (the Worker side)', () => {
  const request: KdfWorkerRequest = { id: 7, passphrase: 'pw', params: PARAMS };

  it('answers a real allocation failure with crypto/kdf-memory', async () => {
    // 8 GiB is beyond 32-bit WebAssembly memory: hash-wasm's grow fails at once.
    const derive = (pw: string) => argon2idRaw(normalizePassphrase(pw), { ...PARAMS, m: 8 * 1024 * 1024 });
    expect(await answerKdfRequest(request, derive)).toEqual({ id: 7, error: 'crypto/kdf-memory' });
  });

  it.each([
    ['a RangeError', new RangeError('Invalid typed array length'), 'crypto/kdf-memory'],
    ['a WebAssembly trap', new WebAssembly.RuntimeError('unreachable'), 'crypto/kdf-memory'],
    ['an AppError', new AppError('crypto/kdf-params'), 'crypto/kdf-params'],
    ['anything else', new Error('boom'), 'unknown'],
  ])('maps %s thrown by the derivation', async (_name, thrown, code) => {
    const answer = await answerKdfRequest(request, () => Promise.reject(thrown));
    expect(answer).toEqual({ id: 7, error: code });
  });

  it('answers with the key', async () => {
    const answer = await answerKdfRequest(request);
    expect('key' in answer && answer.key).toHaveLength(32);
  });
});
