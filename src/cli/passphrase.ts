/**
 * @file Where passphrases come from, in this order: `--passphrase-file F` (its first line, without
 * the line ending), the environment variable, then a prompt on the terminal with echo off.
 * Never from argv (it shows in `ps` and shell history) and never printed. A passphrase for a new
 * (output) file must be as long as the app requires (MIN_PASSPHRASE_LENGTH), so that the CLI
 * cannot write a file the app would not have let the user protect that weakly.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors';
import { MIN_PASSPHRASE_LENGTH, passphraseLength } from '../core/passphrase-strength';
import { CliError } from './cli-error';
import type { CliIo } from './io';

export interface PassphraseSource {
  file: string | undefined;
  envName: string;
  /** Flag name for messages, e.g. '--passphrase-file'. */
  flag: string;
  /** Words for the prompt, e.g. 'Passphrase for backup.omamori'. */
  prompt: string;
  /** A new passphrase (for an output file): asked twice on the terminal, and at least MIN_PASSPHRASE_LENGTH long. */
  confirm: boolean;
}

/**
 * The first line, as the help says: a file `pass\n\n` or `pass\r\n` gives `pass`, never a
 * passphrase ending in a line break that no password field can type. A UTF-8 byte-order mark
 * (Windows editors write one) is not part of the passphrase either.
 */
export function firstLine(text: string): string {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const end = body.indexOf('\n');
  const line = end < 0 ? body : body.slice(0, end);
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

async function fromFile(io: CliIo, file: string, flag: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch {
    throw new CliError(`Cannot read the ${flag} file ${file}.`);
  }
  const line = firstLine(text);
  if (line === '') throw new CliError(`The first line of the ${flag} file ${file} is empty; put the passphrase on it.`);
  return line;
}

function requireLength(pass: string): void {
  if (passphraseLength(pass) < MIN_PASSPHRASE_LENGTH) {
    throw new CliError(`The passphrase for the output file must be at least ${MIN_PASSPHRASE_LENGTH} characters long, as in the app.`);
  }
}

export async function obtainPassphrase(io: CliIo, source: PassphraseSource): Promise<string> {
  let pass: string | undefined;
  if (source.file !== undefined) pass = await fromFile(io, source.file, source.flag);
  else if (io.env[source.envName] !== undefined && io.env[source.envName] !== '') pass = io.env[source.envName];
  else if (io.interactive) {
    pass = await io.promptHidden(`${source.prompt}: `);
    // Refused before asking again: typing a too-short passphrase twice helps nobody.
    if (source.confirm && pass !== '') {
      requireLength(pass);
      const again = await io.promptHidden('Type it again: ');
      if (again !== pass) throw new AppError('vault/passphrase-mismatch', { field: 'confirm' });
    }
  } else {
    throw new CliError(`A passphrase is needed and there is no terminal to ask on: use ${source.flag} FILE or ${source.envName}.`);
  }
  if (pass === undefined || pass === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
  if (source.confirm) requireLength(pass);
  return pass;
}

/** Asks at most once, and only when a reader really needs it. */
export function lazyPassphrase(io: CliIo, source: PassphraseSource): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => (pending ??= obtainPassphrase(io, source));
}
