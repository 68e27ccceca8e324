/**
 * @file Shapes shared by the Google Authenticator transfer codec (google-migration.ts) and the
 * transfer session that collects its batches.
 */
import type { AccountData } from '../../core/account';

/** An entry that cannot be used, as data for the preview (never thrown for one bad entry). */
export interface EntryProblem {
  /** Position of the entry in its batch (0-based). */
  index: number;
  code: 'unsupported-algorithm' | 'unsupported-digits' | 'unsupported-type' | 'invalid-secret' | 'invalid-entry';
  /** Issuer/name of the entry when readable, for the list shown to the user (never the secret). */
  excerpt: string;
}

/** One `otpauth-migration://offline?data=…` code. */
export interface MigrationBatch {
  version: number;
  /** How many codes this export has (1 when the app wrote 0 or nothing). */
  batchSize: number;
  /** 0-based position of this code in its export; always below `batchSize`. */
  batchIndex: number;
  /** Identifies the export; codes of one export share it (0 when the app wrote none). */
  batchId: number;
  accounts: AccountData[];
  problems: EntryProblem[];
}

/** Why an account cannot travel in a Google Authenticator transfer code. */
export type MigrationSkipReason = 'period' | 'digits' | 'type';

export interface EncodeMigrationOptions {
  /** Accounts per QR code; Google Authenticator itself puts 10 in each. */
  perCode?: number;
  /** A signed 32-bit id shared by the codes of this export; random when absent. */
  batchId?: number;
}

export interface EncodedMigration {
  /** One `otpauth-migration://offline?data=…` URI per QR code, in batch order. */
  uris: string[];
  skipped: { account: AccountData; reason: MigrationSkipReason }[];
}
