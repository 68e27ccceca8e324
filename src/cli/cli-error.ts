/**
 * @file Errors of the command line itself (usage, files), and the one presenter that turns
 * anything thrown into the single English line the CLI prints. Never prints a stack, an
 * exception's own text (it may hold user data) or a secret.
 */
import { isAppError, type ErrorCode } from '../core/errors';
import { en } from '../messages/en';

export const EXIT_OK = 0;
/** Bad input, wrong passphrase, unreadable or unwritable file. */
export const EXIT_FAILURE = 1;
/** Wrong command line. */
export const EXIT_USAGE = 2;

export class CliError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode: number = EXIT_FAILURE) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError(`${message} (see omamori --help)`, EXIT_USAGE);
}

/** Where the app's sentence talks about its screens, the CLI says what to type instead. */
const CLI_MESSAGES: Partial<Record<ErrorCode, string>> = {
  'import/password-required': 'This file is encrypted: give its password with --passphrase-file FILE, OMAMORI_PASSPHRASE, or at the prompt.',
  'import/unknown-format': 'This file is not an export, backup, QR image or otpauth list that omamori can read (see docs/formats.md).',
  'file/wrong-passphrase': 'Wrong passphrase for this Omamori backup file.',
  'file/wrong-transfer-code': 'Wrong transfer code for this Omamori backup file.',
  'file/empty': 'There are no accounts to write.',
  'import/no-accounts': 'The input holds no accounts omamori can use.',
  'vault/passphrase-empty': 'The passphrase is empty.',
  'scan/no-code': 'No QR code was found in this image. Try a sharper image that shows the whole code.',
  'scan/not-image': 'This image could not be decoded. Use a PNG, JPEG or WebP image.',
  aborted: 'Cancelled.',
  unknown: 'Something went wrong; nothing was written.',
};

export function messageFor(code: ErrorCode): string {
  return CLI_MESSAGES[code] ?? en[`error.${code}`];
}

export function presentCliError(err: unknown): { line: string; exitCode: number } {
  if (err instanceof CliError) return { line: err.message, exitCode: err.exitCode };
  if (isAppError(err)) return { line: messageFor(err.code), exitCode: EXIT_FAILURE };
  return { line: messageFor('unknown'), exitCode: EXIT_FAILURE };
}
