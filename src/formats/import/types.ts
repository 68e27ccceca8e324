/**
 * @file The contract every importer of another app's export follows (docs/formats.md).
 * Importers are pure: bytes in, accounts out, no DOM, no storage. Nothing is written until the
 * user confirms the preview built from an ImportResult.
 */
import type { AccountData } from '../../core/account';
import type { KdfRunner } from '../../core/crypto/kdf';
import type { ErrorCode } from '../../core/errors';

/** One account read from a file, plus what the source app keeps beside it. */
export interface ImportedAccount extends AccountData {
  /** Group / folder / tag names as the source app shows them; [] when none. */
  groups: string[];
  /** Free-text note; '' when none. */
  notes: string;
  favourite: boolean;
}

/** An entry the file holds but that cannot become an account. */
export interface ImportProblem {
  /** What the user would recognise: "Issuer (name)", or "#3" when the entry has no name. */
  label: string;
  code: ErrorCode;
}

export interface ImportResult {
  /** Importer id that read the file, e.g. 'aegis', '2fas', 'bitwarden-json'. */
  format: string;
  accounts: ImportedAccount[];
  problems: ImportProblem[];
  /**
   * Entries of the file that are not authenticator accounts at all (a password manager's
   * password-only entries): only counted, never listed, since their names say nothing useful
   * and their contents are never read. Absent when the format has none.
   */
  notAccounts?: number;
}

export interface ImportInput {
  bytes: Uint8Array;
  /** File name when known (some formats are only recognisable by extension). */
  fileName?: string;
}

/**
 * A file as detection reads it, once (`prepareInput` in input.ts), for every sniffer and for
 * read(): the bytes, their text and their JSON. No importer decodes or parses the file itself.
 */
export interface ParsedInput extends ImportInput {
  /** The bytes as UTF-8 text without a BOM; null when they are not UTF-8. */
  text: string | null;
  /** The text parsed as JSON when it is an object or array; undefined when it is not JSON. */
  json: unknown;
}

export interface ImportOptions {
  /** Password of an encrypted export; UTF-8, used exactly as typed (no trimming). */
  password?: string;
  /** A KeePass key file's bytes, with or instead of the password (keepass.ts); other formats ignore it. */
  keyFile?: Uint8Array;
  /** Argon2id runner: the app passes its Worker; Node/tests use hash-wasm in-process by default. */
  kdf?: KdfRunner;
  signal?: AbortSignal;
}

export interface SniffResult {
  encrypted: boolean;
  /** The file may be locked by a key file, with or instead of the password (KeePass): the import screen offers to choose one. */
  keyFile?: true;
  /**
   * The file is this app's, but it cannot be read here whatever the user does (Bitwarden's
   * "account restricted" export): detection refuses it with this code before asking anything.
   */
  refused?: ErrorCode;
}

export interface Importer {
  /** Stable id, also used in docs/formats.md and test names. */
  id: string;
  /** The app's name as users know it ("Aegis", "2FAS", "Bitwarden"). */
  label: string;
  /**
   * Cheap structural check (no KDF, no decryption): is this file ours, and is it encrypted?
   * Never throws; returns null when the file is not of this format.
   */
  sniff(input: ParsedInput): SniffResult | null;
  /**
   * Reads the file. Throws AppError: 'import/password-required' (encrypted, no password),
   * 'import/wrong-password', 'import/account-restricted', 'import/unsupported',
   * 'import/damaged', 'import/no-accounts' (nothing usable and nothing to report), 'aborted'.
   * Bad single entries become `problems`, not exceptions.
   */
  read(input: ParsedInput, options: ImportOptions): Promise<ImportResult>;
  /**
   * Optional, for JSON formats that users send cut off (a download or sync that stopped): a
   * cheap check on the text of a file that did not parse as JSON. When it says yes and no
   * importer claimed the file, detection refuses it with `code` ("This looks like an Aegis
   * export, but it is damaged or incomplete") instead of "not a format Omamori reads".
   */
  damagedText?: { code: ErrorCode; matches(text: string): boolean };
}
