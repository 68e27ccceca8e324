/**
 * @file Reading another app's file off the page: the protocol between the page and the import
 * worker (services/browser/import-worker.ts, which runs import-handler.ts), and `ImportSession`,
 * the page's side, which the user can cancel at any moment. Reading includes every key
 * derivation an importer runs (scrypt, PBKDF2, Argon2id, libsodium): in the worker they cannot
 * freeze the page, and cancelling is terminating the worker. Errors cross as AppError codes only.
 * Nothing here loads an importer: the page never holds them.
 */
import { AppError, type ErrorCode } from '../../core/errors';
import type { ImportResult } from '../../formats/import/types';

export type ImportRequest = { type: 'open'; bytes: Uint8Array; fileName: string } | { type: 'read'; password?: string; keyFile?: Uint8Array };

/** `keyFile` is there (true) only for files that may be locked by a key file (KeePass). */
export type ImportResponse =
  { type: 'recognised'; app: string; encrypted: boolean; keyFile?: true } | { type: 'result'; result: ImportResult } | { type: 'error'; code: ErrorCode };

/** A started worker, as the page sees it. */
export interface ImportPort {
  post(message: ImportRequest): void;
  terminate(): void;
}

/** Starts a worker that answers through `onMessage`; `onCrash` when it fails to load or dies. */
export type SpawnImportPort = (onMessage: (message: ImportResponse) => void, onCrash: () => void) => ImportPort;

/**
 * The handler on the calling thread, for where there are no Workers (Node, tests), loaded on
 * first use. Terminating drops every later answer, so Cancel still returns at once; the work
 * itself runs to its end.
 */
export const spawnInProcess: SpawnImportPort = (onMessage, onCrash) => {
  let alive = true;
  const handler = import('./import-handler').then(({ createImportHandler }) =>
    createImportHandler((message) => {
      if (alive) onMessage(message);
    }),
  );
  return {
    post: (message) =>
      void handler.then(
        (handle) => (alive ? handle(message) : undefined),
        () => onCrash(),
      ),
    terminate: () => {
      alive = false;
    },
  };
};

interface Pending {
  want: 'recognised' | 'result';
  resolve(message: ImportResponse): void;
  reject(err: AppError): void;
}

/**
 * One file through the import worker: `recognise()`, then `read(password?)` as often as the user
 * retries a password. The worker that recognised the file reads it (the file is parsed once); a
 * worker is terminated after every read, which frees what its key derivation allocated (up to
 * 1 GiB for Ente), and a later retry starts a new one. `cancel()` terminates the worker at once
 * and rejects what is pending with `aborted`. One request at a time.
 */
export class ImportSession {
  readonly #file: { bytes: Uint8Array; fileName: string };
  readonly #spawn: SpawnImportPort;
  #port: ImportPort | undefined;
  #pending: Pending | undefined;

  constructor(file: { bytes: Uint8Array; fileName: string }, spawn: SpawnImportPort) {
    this.#file = file;
    this.#spawn = spawn;
  }

  /** Which app wrote the file and whether it asks for a password; typed refusals otherwise. */
  async recognise(): Promise<{ app: string; encrypted: boolean; keyFile: boolean }> {
    const message = await this.#request('recognised', false);
    if (message.type !== 'recognised') throw new AppError('unknown');
    return { app: message.app, encrypted: message.encrypted, keyFile: message.keyFile === true };
  }

  /** The file's accounts and problems; `keyFile` is a KeePass key file's bytes. */
  async read(password?: string, keyFile?: Uint8Array): Promise<ImportResult> {
    try {
      const request: ImportRequest = { type: 'read', ...(password === undefined ? {} : { password }), ...(keyFile === undefined ? {} : { keyFile }) };
      const message = await this.#request('result', true, request);
      if (message.type !== 'result') throw new AppError('unknown');
      return message.result;
    } finally {
      this.#stop();
    }
  }

  /** Stops whatever runs; the pending call rejects with `aborted`. Nothing was written. */
  cancel(): void {
    const pending = this.#pending;
    this.#stop();
    pending?.reject(new AppError('aborted'));
  }

  #request(want: Pending['want'], reading: boolean, read?: ImportRequest): Promise<ImportResponse> {
    if (this.#pending !== undefined) return Promise.reject(new AppError('unknown'));
    return new Promise<ImportResponse>((resolve, reject) => {
      this.#pending = { want, resolve, reject };
      const port = this.#port ?? this.#start();
      if (reading && read !== undefined) port.post(read);
    });
  }

  #start(): ImportPort {
    const port = this.#spawn(
      (message) => this.#answer(message),
      () => this.#fail(new AppError('unknown')),
    );
    this.#port = port;
    port.post({ type: 'open', bytes: this.#file.bytes, fileName: this.#file.fileName });
    return port;
  }

  #answer(message: ImportResponse): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    if (message.type === 'error') return this.#fail(new AppError(message.code));
    // A read in a fresh worker first hears that worker's `recognised`: not the answer it waits for.
    if (message.type !== pending.want) return;
    this.#pending = undefined;
    pending.resolve(message);
  }

  #fail(err: AppError): void {
    const pending = this.#pending;
    this.#stop();
    pending?.reject(err);
  }

  #stop(): void {
    this.#pending = undefined;
    this.#port?.terminate();
    this.#port = undefined;
  }
}
