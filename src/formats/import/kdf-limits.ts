/**
 * @file How much key derivation another app's file may ask for (docs/formats.md, "KDF limits").
 * A file that names its own KDF parameters could otherwise ask for hours of work (Aegis: any
 * number of password slots, each up to the scrypt maximum). For each app whose file does, the
 * limit is the most that app itself ever writes, from its source; a file asking for more is
 * refused before any KDF runs, with a code per app so that the sentence can name the app from
 * our own importer list, never from the file. Importers check these in sniff (the import screen
 * refuses at once, without asking for a password) and again in read.
 *
 * Formats whose KDF is fixed read no parameter from the file and need no limit: 2FAS
 * (PBKDF2-SHA256, 10,000), Proton (Argon2id 19 MiB, t 2), Stratum (Argon2id 64 MiB, t 3, or
 * PBKDF2-SHA1 64,000), TOTP Authenticator and andOTP's old layout (SHA-256), the password ZIPs
 * (ZipCrypto, or WinZip AES with PBKDF2-SHA1 1,000). Omamori's own backups have theirs in
 * core/export-file-kdf.ts (`file/kdf-params`).
 */
import { AppError, isAppError, type ErrorCode } from '../../core/errors';

const MiB = 1024 * 1024;

/**
 * Aegis (CryptoUtils.java: CRYPTO_SCRYPT_N = 1 << 15, r = 8, p = 1) writes every password slot
 * with these; a vault has one password slot, and a second when a separate backup password is
 * set. A file may try at most `passwordSlots` of them: 4 of Aegis's derivations in all.
 */
export const AEGIS_KDF = Object.freeze({ N: 2 ** 15, r: 8, p: 1, passwordSlots: 4 });

/**
 * andOTP (Constants.java: PBKDF2_MIN/MAX_BACKUP_ITERATIONS) picks 140,000–160,000 PBKDF2-SHA1
 * iterations. Its file has no magic, so a header outside this range is not run at all: the
 * file is tried as the old layout instead (there is nothing to refuse). The minimum is ours,
 * lower than andOTP's, so that test files stay cheap.
 */
export const ANDOTP_KDF = Object.freeze({ minIterations: 1_000, maxIterations: 160_000 });

/**
 * Bitwarden's password-protected export uses the account's KDF settings, which Bitwarden keeps
 * within (libs/common kdf-type.enum.ts): PBKDF2-SHA256 600,000–2,000,000 iterations (5,000 for
 * old accounts), or Argon2id with 16–1024 MiB, 2–10 iterations and parallelism 1–16. One
 * derivation per file; the minimums below which a file is `import/unsupported` are ours.
 */
export const BITWARDEN_KDF = Object.freeze({ pbkdf2Iterations: 2_000_000, argon2MemoryMiB: 1024, argon2Iterations: 10, argon2Parallelism: 16 });

/**
 * Ente Auth (CryptoUtil.deriveSensitiveKey) derives with libsodium's "sensitive" cost, 1 GiB ×
 * 4 passes, or, on a device that cannot allocate it, half the memory and twice the passes until
 * it can: memLimit × opsLimit is always 4 GiB. One derivation per file.
 */
export const ENTE_KDF = Object.freeze({ memLimit: 1024 * MiB, opsLimit: 1024, work: 4 * 1024 * MiB });

/** FreeOTP (MasterKey.java: ITERATIONS = 100000, PBKDF2withHmacSHA512 or SHA1) wraps its master key once. */
export const FREEOTP_KDF = Object.freeze({ iterations: 100_000 });

/** Every refusal of this kind: what sniff may report in `refused`. */
const BUDGET_CODES: ReadonlySet<ErrorCode> = new Set(['import/kdf-aegis', 'import/kdf-bitwarden', 'import/kdf-ente', 'import/kdf-freeotp', 'file/kdf-params']);

/**
 * A KDF parameter as a file spells it (a number or numeric text), for comparing with a limit;
 * NaN otherwise. Unlike `int()`, a value beyond 2^53 stays large, so it is over the limit rather
 * than unreadable.
 */
export function kdfNumber(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' ? n : Number.NaN;
}

/**
 * For sniff, which never throws: the budget refusal that `check` throws, as `refused`; nothing
 * when the check passes, or fails for another reason (read reports that one after the password).
 */
export function budgetRefusal(check: () => void): { refused?: ErrorCode } {
  try {
    check();
  } catch (err) {
    if (isAppError(err) && BUDGET_CODES.has(err.code)) return { refused: err.code };
  }
  return {};
}

/** Throws the app's budget refusal when `over`. */
export function refuseOver(over: boolean, code: 'import/kdf-aegis' | 'import/kdf-bitwarden' | 'import/kdf-ente' | 'import/kdf-freeotp'): void {
  if (over) throw new AppError(code);
}
