/**
 * @file Counts the key derivations importers run (not a test file), so that tests assert the
 * work done instead of timing it. A test file routes the KDF primitives through the meter with
 * three vi.mock lines:
 *
 *   vi.mock('../../../../src/core/crypto/other-apps', async (real) => (await import('./kdf-meter')).meterOtherApps(await real()));
 *   vi.mock('../../../../src/core/crypto/sodium', async (real) => (await import('./kdf-meter')).meterSodium(await real()));
 *   vi.mock('../../../../src/core/crypto/kdf', async (real) => (await import('./kdf-meter')).meterKdf(await real()));
 *
 * Every derivation is then recorded with its parameters and its work, and runs for real
 * (`run`; above `stubAbove`, a wrong key is returned instead), or stops at once with `aborted`
 * (`record`): a file at an app's limit shows that it would derive, without a test paying for 1 GiB of Argon2id, and a file that should have been
 * refused costs nothing even when the refusal is missing. This module imports no value from the
 * modules it wraps (their mocks are being built when it loads).
 */
import { AppError } from '../../../../src/core/errors';
import type * as Kdf from '../../../../src/core/crypto/kdf';
import type * as OtherApps from '../../../../src/core/crypto/other-apps';
import type * as Sodium from '../../../../src/core/crypto/sodium';
import { AEGIS_KDF, ANDOTP_KDF, BITWARDEN_KDF, ENTE_KDF, FREEOTP_KDF } from '../../../../src/formats/import/kdf-limits';

export type KdfKind = 'scrypt' | 'pbkdf2' | 'argon2id' | 'sodium';

/** One derivation: its parameters, and its work in the unit its time is proportional to. */
export interface KdfRun {
  kind: KdfKind;
  params: Record<string, number | string>;
  /** scrypt N·r·p; PBKDF2 iterations; Argon2id KiB × passes; libsodium bytes × passes. */
  work: number;
}

export const meter = {
  runs: [] as KdfRun[],
  mode: 'run' as 'run' | 'record',
  /**
   * In `run` mode, a derivation with more work than this returns 32 zero bytes at once instead
   * of running (a wrong key): the fuzzer reaches it, and the meter sees it, without its cost.
   */
  stubAbove: Number.POSITIVE_INFINITY,
  /** Forgets the runs so far; `record` makes every later derivation stop with `aborted` instead of running. */
  reset(mode: 'run' | 'record' = 'run', stubAbove = Number.POSITIVE_INFINITY): void {
    meter.runs.length = 0;
    meter.mode = mode;
    meter.stubAbove = stubAbove;
  },
};

function metered<T>(run: KdfRun, real: () => Promise<T>): Promise<T> {
  meter.runs.push(run);
  if (meter.mode === 'record') return Promise.reject(new AppError('aborted'));
  return run.work > meter.stubAbove ? Promise.resolve(new Uint8Array(32) as T) : real();
}

export function meterOtherApps(real: unknown): typeof OtherApps {
  const mod = real as typeof OtherApps;
  return {
    ...mod,
    pbkdf2Raw: (password, salt, iterations, hash, bytes) =>
      metered({ kind: 'pbkdf2', params: { iterations, hash }, work: iterations }, () => mod.pbkdf2Raw(password, salt, iterations, hash, bytes)),
    scryptRaw: (password, salt, params, onTick) =>
      metered({ kind: 'scrypt', params: { N: params.N, r: params.r, p: params.p }, work: params.N * params.r * params.p }, () =>
        mod.scryptRaw(password, salt, params, onTick),
      ),
  };
}

export function meterSodium(real: unknown): typeof Sodium {
  const mod = real as typeof Sodium;
  return {
    ...mod,
    sodiumArgon2id: (password, salt, opsLimit, memLimit) =>
      metered({ kind: 'sodium', params: { memLimit, opsLimit }, work: memLimit * opsLimit }, () => mod.sodiumArgon2id(password, salt, opsLimit, memLimit)),
  };
}

const argon2Run = (params: Kdf.Argon2Params): KdfRun => ({ kind: 'argon2id', params: { m: params.m, t: params.t, p: params.p }, work: params.m * params.t });

export function meterKdf(real: unknown): typeof Kdf {
  const mod = real as typeof Kdf;
  return {
    ...mod,
    argon2idRaw: (bytes, params) => metered(argon2Run(params), () => mod.argon2idRaw(bytes, params)),
    createInProcessKdf: () => {
      const inner = mod.createInProcessKdf();
      return { argon2id: (passphrase, params, opts) => metered(argon2Run(params), () => inner.argon2id(passphrase, params, opts)) };
    },
  };
}

/** A KdfRunner (the app's Worker, in the importers' options) whose derivations the meter records. */
export function meteredRunner(inner: Kdf.KdfRunner): Kdf.KdfRunner {
  return { argon2id: (passphrase, params, opts) => metered(argon2Run(params), () => inner.argon2id(passphrase, params, opts)) };
}

/**
 * The most one derivation of each kind may cost, over every importer (kdf-limits.ts): Aegis's
 * scrypt; Bitwarden's PBKDF2 and Argon2id (above FreeOTP's, andOTP's and the fixed ones:
 * 2FAS 10,000, Stratum 64,000, Proton 19 MiB × 2, Stratum 64 MiB × 3, Omamori 64 MiB × 3);
 * Ente's libsodium. And the most derivations one file may cost: Aegis's password slots.
 */
export const CEILINGS: Readonly<Record<KdfKind, number>> = {
  scrypt: AEGIS_KDF.N * AEGIS_KDF.r * AEGIS_KDF.p,
  pbkdf2: Math.max(BITWARDEN_KDF.pbkdf2Iterations, FREEOTP_KDF.iterations, ANDOTP_KDF.maxIterations),
  argon2id: BITWARDEN_KDF.argon2MemoryMiB * 1024 * BITWARDEN_KDF.argon2Iterations,
  sodium: ENTE_KDF.work,
};
export const MAX_RUNS_PER_FILE = AEGIS_KDF.passwordSlots;

/** What the runs since the last reset did beyond the ceilings; [] when nothing. */
export function beyondCeilings(): string[] {
  const over = meter.runs.filter((r) => r.work > CEILINGS[r.kind]).map((r) => `${r.kind} ${JSON.stringify(r.params)}`);
  if (meter.runs.length > MAX_RUNS_PER_FILE) over.push(`${meter.runs.length} derivations`);
  return over;
}
