/**
 * @file Passphrase KDF: Argon2id v1.3 via hash-wasm. Runs in a Worker in the app
 * (`argon2.worker.ts`, started by `services/browser/kdf-worker.ts`) and in-process in Node (tests, CLI).
 */
import { AppError, toAppError, type ErrorCode, throwIfAborted } from '../errors';
import { asBytes, utf8Encode, type Bytes } from './bytes';
import { randomBytes } from './aead';

export interface Argon2Params {
  /** Memory in KiB. */
  m: number;
  t: number;
  p: number;
  salt: Uint8Array;
}

export type Argon2Cost = Omit<Argon2Params, 'salt'>;

/** RFC 9106 second recommendation (docs/security.md, "Primitives"). */
export const DEFAULT_ARGON2: Readonly<Argon2Cost> = Object.freeze({ m: 65_536, t: 3, p: 4 });
/** Only when 64 MiB cannot be allocated. */
export const FALLBACK_ARGON2: Readonly<Argon2Cost> = Object.freeze({ m: 32_768, t: 6, p: 4 });

export const ARGON2_BOUNDS = Object.freeze({
  m: [8_192, 1_048_576],
  t: [1, 20],
  p: [1, 16],
  salt: [16, 64],
} as const);

export const ARGON2_SALT_BYTES = 16;
export const KDF_KEY_BYTES = 32;

export interface KdfOptions {
  signal?: AbortSignal;
  /** Called with 0 at start and 1 at the end; hash-wasm reports nothing in between. */
  onProgress?: (fraction: number) => void;
}

export interface KdfRunner {
  argon2id(passphrase: string, params: Argon2Params, opts?: KdfOptions): Promise<Bytes>;
}

/** Messages between `src/services/browser/kdf-worker.ts` and `argon2.worker.ts`. */
export interface KdfWorkerRequest {
  id: number;
  passphrase: string;
  params: Argon2Params;
}
export type KdfWorkerResponse = { id: number; progress: number } | { id: number; key: Bytes } | { id: number; error: ErrorCode };

function inRange(value: unknown, [min, max]: readonly [number, number]): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Refuses absurd parameters (e.g. from a file) before anything runs. */
export function checkArgon2Params(params: Argon2Params): void {
  const ok =
    typeof params === 'object' &&
    params !== null &&
    inRange(params.m, ARGON2_BOUNDS.m) &&
    inRange(params.t, ARGON2_BOUNDS.t) &&
    inRange(params.p, ARGON2_BOUNDS.p) &&
    params.salt instanceof Uint8Array &&
    inRange(params.salt.length, ARGON2_BOUNDS.salt) &&
    params.m >= 8 * params.p;
  if (!ok) throw new AppError('crypto/kdf-params');
}

/** UTF-8(NFKC(p)); no trimming, no truncation. */
export function normalizePassphrase(passphrase: string): Bytes {
  return utf8Encode(passphrase.normalize('NFKC'));
}

function isAllocationFailure(err: unknown): boolean {
  // A failed WebAssembly.Memory.grow surfaces as a RangeError (typed-array view too large) or,
  // in some engines, as a trap.
  return err instanceof RangeError || (typeof WebAssembly !== 'undefined' && err instanceof WebAssembly.RuntimeError);
}

/**
 * The code a failed derivation reports. Memory that cannot be had (a phone asked for 64 MiB) is
 * `crypto/kdf-memory`, which says so and lets a new slot fall back to 32 MiB; never 'unknown'.
 */
export function kdfErrorCode(err: unknown): ErrorCode {
  return isAllocationFailure(err) ? 'crypto/kdf-memory' : toAppError(err).code;
}

/**
 * For a Worker that died of an uncaught error, only the ErrorEvent's text is left: an allocation
 * failure there ("RangeError: Array buffer allocation failed", "Out of memory") is still
 * `crypto/kdf-memory`. The text is only matched, never kept or shown.
 */
export function workerErrorCode(message: string | undefined): ErrorCode {
  return /RangeError|out of memory|allocat|memory\.grow/i.test(message ?? '') ? 'crypto/kdf-memory' : 'unknown';
}

/** The Worker's answer to one request (argon2.worker.ts posts it); `derive` is replaceable for tests. */
export async function answerKdfRequest(request: KdfWorkerRequest, derive = deriveArgon2id): Promise<KdfWorkerResponse> {
  try {
    return { id: request.id, key: await derive(request.passphrase, request.params) };
  } catch (err) {
    return { id: request.id, error: kdfErrorCode(err) };
  }
}

/** Raw Argon2id without bounds checks (reference vectors use tiny memory). */
export async function argon2idRaw(passphraseBytes: Uint8Array, params: Argon2Params): Promise<Bytes> {
  if (passphraseBytes.length === 0) throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
  // Loaded on first use: the page that shows codes from the device slot never needs the KDF.
  const { argon2id } = await import('hash-wasm');
  try {
    const out = await argon2id({
      password: passphraseBytes,
      salt: params.salt,
      memorySize: params.m,
      iterations: params.t,
      parallelism: params.p,
      hashLength: KDF_KEY_BYTES,
      outputType: 'binary',
    });
    return asBytes(out);
  } catch (err) {
    throw new AppError(kdfErrorCode(err), { cause: err });
  }
}

/** Bounds check, normalisation and the KDF: what both runners do. */
export async function deriveArgon2id(passphrase: string, params: Argon2Params): Promise<Bytes> {
  checkArgon2Params(params);
  const bytes = normalizePassphrase(passphrase);
  try {
    return await argon2idRaw(bytes, params);
  } finally {
    bytes.fill(0);
  }
}

/** Runs on the calling thread. Cannot be interrupted; the signal is checked before and after. */
export function createInProcessKdf(): KdfRunner {
  return {
    async argon2id(passphrase, params, opts = {}) {
      checkArgon2Params(params);
      throwIfAborted(opts.signal);
      opts.onProgress?.(0);
      const key = await deriveArgon2id(passphrase, params);
      if (opts.signal?.aborted === true) {
        key.fill(0);
        throw new AppError('aborted');
      }
      opts.onProgress?.(1);
      return key;
    },
  };
}

/**
 * Derives a key for a new passphrase slot with a fresh salt. When the preferred memory cannot be
 * allocated it retries once with FALLBACK_ARGON2; the returned params are the ones actually used.
 */
export async function deriveNewPassphraseKey(
  kdf: KdfRunner,
  passphrase: string,
  cost: Argon2Cost,
  opts: KdfOptions = {},
): Promise<{ key: Bytes; params: Argon2Params }> {
  const salt = randomBytes(ARGON2_SALT_BYTES);
  const preferred: Argon2Params = { m: cost.m, t: cost.t, p: cost.p, salt };
  try {
    return { key: await kdf.argon2id(passphrase, preferred, opts), params: preferred };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'crypto/kdf-memory' || cost.m <= FALLBACK_ARGON2.m) throw err;
  }
  const fallback: Argon2Params = { ...FALLBACK_ARGON2, salt };
  return { key: await kdf.argon2id(passphrase, fallback, opts), params: fallback };
}
