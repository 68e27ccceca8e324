/**
 * @file The contract every exporter follows (docs/formats.md "Exporters"): accounts in, bytes
 * out, pure (no DOM, no file system). The caller decides where the bytes go.
 */
import type { KdfRunner } from '../../core/crypto/kdf';
import type { Argon2Cost } from '../../core/crypto/kdf';
import type { ErrorCode } from '../../core/errors';
import type { ImportedAccount } from '../import/types';

export interface RecoveryCode {
  code: string;
  /** Milliseconds since the epoch when it was used; 0 = unused. */
  usedAt: number;
}

/**
 * An account as exporters see it: what importers produce, plus the recovery codes we keep and
 * the custom icon ('data:image/…', as the vault stores it; Aegis carries PNG and JPEG ones).
 */
export type ExportAccount = ImportedAccount & { recoveryCodes?: RecoveryCode[]; icon?: string };

export const EXPORTER_IDS = ['aegis', 'aegis-encrypted', '2fas', 'otpauth', 'omamori', 'google-qr', 'cxf', 'keepass'] as const;
export type ExporterId = (typeof EXPORTER_IDS)[number];

export interface ExportedFile {
  bytes: Uint8Array;
  /** Suggested name, e.g. `aegis-export.json`. */
  fileName: string;
  extension: string;
  mime: string;
}

/** Why an account could not be written in a format (the account itself is listed, never its secret). */
export type SkipReason = 'type' | 'period' | 'digits' | 'invalid';

export interface ExportSkip {
  /** "Issuer (name)" as in the import problems. */
  label: string;
  reason: SkipReason;
  /** For 'invalid': what is wrong (e.g. an mOTP account read from a link has no PIN). */
  code?: ErrorCode;
}

export interface ExportResult {
  file: ExportedFile;
  /** Accounts the format cannot carry; written files never hold them. */
  skipped: ExportSkip[];
  /** google-qr only: one `otpauth-migration://` URI per QR code, in batch order. */
  uris?: string[];
}

export interface ExportOptions {
  /** Required by the encrypted formats ('aegis-encrypted', 'omamori', 'keepass'). Used exactly as given. */
  password?: string;
  /** Argon2id runner for 'omamori' (defaults to the in-process one). */
  kdf?: KdfRunner;
  /** Argon2id cost of 'omamori' and 'keepass' files; tests pass a small one. */
  argon2?: Argon2Cost;
  /** scrypt cost exponent of 'aegis-encrypted' (2^15 as Aegis writes it); tests may lower it. */
  scryptLogN?: number;
  /** cxf: the exporting app's relying-party id (the app's host name); DEFAULT_RP_ID otherwise. */
  rpId?: string;
  /** Clock for time stamps in the file (defaults to now). */
  now?: Date;
  /** google-qr: accounts per code (Google Authenticator uses 10). */
  perCode?: number;
  signal?: AbortSignal;
}

export interface Exporter {
  id: ExporterId;
  /** The target app or format as users know it. */
  label: string;
  encrypted: boolean;
  write(accounts: readonly ExportAccount[], options?: ExportOptions): Promise<ExportResult>;
}
