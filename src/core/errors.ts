/**
 * @file The one closed set of error codes. Code throws `AppError`s; the UI's presenter turns
 * the code into a sentence from the message table. Details never hold secrets.
 */

export const ERROR_CODES = [
  // otpauth:// URIs
  'uri/invalid',
  'uri/unsupported-scheme',
  'uri/unsupported-type',
  'uri/missing-secret',
  'uri/missing-label',
  // Google Authenticator transfer codes (otpauth-migration://)
  'migration/invalid-uri',
  'migration/invalid-data',
  'migration/empty',
  // account fields (manual entry, URIs, imports)
  'account/invalid-secret',
  'account/secret-too-short',
  'account/invalid-algorithm',
  'account/invalid-digits',
  'account/invalid-period',
  'account/invalid-counter',
  'account/missing-name',
  'account/invalid-pin',
  'account/too-long',
  // crypto envelope
  'crypto/integrity',
  'crypto/kdf-params',
  'crypto/kdf-memory',
  // vault
  'vault/wrong-passphrase',
  'vault/passphrase-empty',
  'vault/passphrase-mismatch',
  'vault/locked',
  'vault/exists',
  'vault/not-found',
  'vault/account-not-found',
  'vault/device-slot-unavailable',
  'vault/record-damaged',
  'vault/retry-later',
  'vault/reauth-required',
  // storage
  'storage/failed',
  'storage/quota',
  'storage/version-change',
  'storage/blocked',
  'storage/unavailable',
  'storage/newer-version',
  // passkeys (WebAuthn PRF)
  'passkey/prf-unsupported',
  'passkey/prf-invalid',
  'passkey/limit',
  'passkey/failed',
  'passkey/not-found',
  'passkey/unsupported',
  // QR scanning (camera and images)
  'scan/camera-denied',
  'scan/no-camera',
  'scan/insecure-context',
  'scan/camera-failed',
  'scan/no-code',
  'scan/not-image',
  // encrypted backup files (export-file.ts, docs/export-format.md)
  'file/too-large',
  'file/not-omamori',
  'file/unsupported-version',
  'file/damaged',
  'file/kdf-params',
  'file/wrong-passphrase',
  'file/wrong-transfer-code',
  'file/invalid-transfer-code',
  'file/verify-failed',
  'file/empty',
  // the recovery kit (src/core/recovery, docs/security.md "Recovery kit")
  'recovery/unknown-word',
  'recovery/checksum',
  'recovery/invalid',
  'recovery/mixed-kits',
  'recovery/duplicate-share',
  'recovery/not-enough-shares',
  'recovery/wrong-key',
  'recovery/no-kit',
  // the paper backup of the accounts (src/formats/paper, docs/export-format.md "Paper backup")
  'paper/no-kit',
  'paper/other-backup',
  // moving the vault between phones by QR codes (move-protocol.ts, docs/transfer-protocol.md)
  'move/not-a-move-code',
  'move/newer-version',
  'move/older-version',
  'move/other-session',
  'move/damaged',
  // other apps' exports (src/formats/import, docs/formats.md)
  'import/unknown-format',
  'import/password-required',
  'import/wrong-password',
  'import/account-restricted',
  'import/unsupported',
  'import/damaged',
  'import/no-accounts',
  // a password manager's entry that holds no authenticator code (a password, passkey, card…), listed in the
  // preview as not coming across (cxf.ts, docs/formats.md)
  'import/not-otp',
  // refused while the file is recognised, before any password (registry.ts, docs/formats.md)
  'import/too-large',
  'import/member-too-large',
  'import/too-deep',
  'import/truncated-aegis',
  'import/truncated-2fas',
  // a file asking for more key derivation than the app that writes it ever does, refused before any
  // KDF runs; one code per app so that the sentence names it (formats/import/kdf-limits.ts)
  'import/kdf-aegis',
  'import/kdf-bitwarden',
  'import/kdf-ente',
  'import/kdf-freeotp',
  // app databases and preferences files (#17: app-databases.ts, android-prefs.ts, authy.ts, duo.ts):
  // entries that cannot move, and Authenticator Plus's encrypted database, refused on sight
  'import/microsoft-account',
  'import/push-only',
  'import/keystore-secret',
  'import/authenticator-plus-db',
  // KeePass databases (#17: formats/import/keepass.ts, formats/kdbx/header.ts)
  'import/kdf-keepass',
  'import/keepass-unsupported',
  'import/keepass-wrong-key',
  // a module of this tab's version is gone from the server and the cache (updated in another tab)
  'app/stale-version',
  // anything else
  'aborted',
  'unknown',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** A field name the UI can put a message next to. */
export type ErrorField =
  | 'uri'
  | 'secret'
  | 'issuer'
  | 'name'
  | 'algorithm'
  | 'digits'
  | 'period'
  | 'counter'
  | 'pin'
  | 'type'
  | 'passphrase'
  | 'confirm'
  | 'favourite'
  | 'groups'
  | 'notes'
  | 'recoveryCodes'
  | 'icon'
  | 'lastUsedAt';

export interface AppErrorOptions {
  field?: ErrorField;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly field: ErrorField | undefined;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    // The message is the code only: it may reach logs, so it must never carry user data.
    super(code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.field = options.field;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

/** Turns anything thrown into an AppError without copying its text (which may hold user data). */
/**
 * How Chromium, WebKit and Gecko word a lazy chunk that cannot be loaded, and Vite's own words for
 * a chunk's CSS: after an update took over in another tab, the old version's files are gone.
 */
const STALE_MODULE = /dynamically imported module|Importing a module script failed|Unable to preload CSS/i;

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof Error && STALE_MODULE.test(err.message)) return new AppError('app/stale-version', { cause: err });
  if (err instanceof DOMException || (err instanceof Error && err.name === 'AbortError')) {
    if ((err as Error).name === 'AbortError') return new AppError('aborted', { cause: err });
    if ((err as Error).name === 'QuotaExceededError') return new AppError('storage/quota', { cause: err });
  }
  return new AppError('unknown', { cause: err });
}

/** Throws 'aborted' when the caller gave up (long operations take an AbortSignal). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new AppError('aborted');
}
