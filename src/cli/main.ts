/**
 * @file `omamori`: inspect, convert and show the codes of authenticator exports from the command
 * line (README "Command line"). `main` is what tests call in-process; `runCli` is what
 * bin/omamori.mjs calls. Every failure is one English line on stderr and a non-zero exit code.
 */
import { version } from '../../package.json';
import { MIN_PASSPHRASE_LENGTH } from '../core/passphrase-strength';
import { EXPORTER_IDS } from '../formats/export/types';
import { CliError, EXIT_OK, EXIT_USAGE, presentCliError, usageError } from './cli-error';
import type { CliIo } from './io';
import { nodeIo } from './node-io';

export type { CliIo } from './io';
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from './cli-error';

export const HELP = `omamori ${version} — read, convert and show authenticator exports (offline)

Usage:
  omamori inspect FILE... [--secrets] [--passphrase-file F]
      Print the accounts in FILE as JSON (no secrets, PINs or notes unless --secrets),
      with the entries that could not be read.
  omamori convert FILE... --to FORMAT --out PATH [--passphrase-file F]
                          [--out-passphrase-file F] [--per-code N] [--force]
      Write the accounts in FILE as FORMAT: ${EXPORTER_IDS.join(', ')}.
      google-qr writes one PNG per transfer code (PATH is a folder, created when it ends
      in /, or a name prefix: PATH-1-of-2.png …; a PATH ending in .txt gets the URIs as
      text) and prints the URIs.
      An existing PATH is replaced only with --force.
  omamori codes FILE... [--passphrase-file F]
      Print the current code of each account. HOTP accounts show the code of the stored
      counter; the counter is not advanced and FILE is never changed.

FILE is an Omamori backup, an export of Aegis, 2FAS, Bitwarden, 1Password, Apple Passwords, …
(see docs/formats.md), a CXF file, a text file of otpauth:// or otpauth-migration:// links, or a
PNG/JPEG/WebP image with QR codes. Several FILEs are read as one (three screenshots of Google
transfer codes, say): an account that an earlier FILE already holds is reported as a duplicate
and kept once; a FILE that cannot be read is named, and nothing is written.

Passphrases: for an encrypted FILE, --passphrase-file F (its first line, without the line
ending; an empty first line is refused), else OMAMORI_PASSPHRASE, else a prompt on the
terminal. For an encrypted output (aegis-encrypted, omamori), --out-passphrase-file F (its
first line), else OMAMORI_OUT_PASSPHRASE, else a prompt (asked twice); a new passphrase must
be at least ${MIN_PASSPHRASE_LENGTH} characters long, as in the app.

KeePass databases (.kdbx): the database password as above; --key-file F gives its key file
too, and --key-file F --no-password opens a database that has a key file and no password.

Exit codes: 0 success, 1 unreadable or wrong input, wrong passphrase or failed write
(nothing is written), 2 wrong command line.

Options: --help, --version
`;

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined) {
      io.stderr(HELP);
      return EXIT_USAGE;
    }
    if (command === '--help' || command === '-h' || command === 'help' || rest.includes('--help')) {
      io.stdout(HELP);
      return EXIT_OK;
    }
    if (command === '--version' || command === '-V') {
      io.stdout(`${version}\n`);
      return EXIT_OK;
    }
    // Loaded only for a real command: --help and --version start without every importer.
    switch (command) {
      case 'inspect':
        return await (await import('./commands')).inspectCommand(io, rest);
      case 'convert':
        return await (await import('./commands')).convertCommand(io, rest);
      case 'codes':
        return await (await import('./commands')).codesCommand(io, rest);
      default:
        throw command.startsWith('-') ? usageError(`Unknown option ${command.split('=')[0] ?? ''}`) : usageError(`Unknown command ${command}`);
    }
  } catch (err) {
    const { line, exitCode } = presentCliError(err);
    io.stderr(`omamori: ${line}\n`);
    return exitCode;
  }
}

/** Entry point of bin/omamori.mjs. */
export async function runCli(): Promise<void> {
  const code = await main(process.argv.slice(2), nodeIo());
  process.exitCode = code;
}

export { CliError };
