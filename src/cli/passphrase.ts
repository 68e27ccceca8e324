/**
 * @file Where passphrases come from, in this order: `--passphrase-file F` (one trailing newline
 * dropped, nothing else), the environment variable, then a prompt on the terminal with echo off.
 * Never from argv (it shows in `ps` and shell history) and never printed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../core/errors';
import { CliError } from './cli-error';
import type { CliIo } from './io';

export interface PassphraseSource {
  file: string | undefined;
  envName: string;
  /** Flag name for messages, e.g. '--passphrase-file'. */
  flag: string;
  /** Words for the prompt, e.g. 'Passphrase for backup.omamori'. */
  prompt: string;
  /** Ask twice on the terminal (new passphrases). */
  confirm: boolean;
}

async function fromFile(io: CliIo, file: string, flag: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch {
    throw new CliError(`Cannot read the ${flag} file ${file}.`);
  }
  return text.replace(/\r?\n$/, '');
}

export async function obtainPassphrase(io: CliIo, source: PassphraseSource): Promise<string> {
  let pass: string | undefined;
  if (source.file !== undefined) pass = await fromFile(io, source.file, source.flag);
  else if (io.env[source.envName] !== undefined && io.env[source.envName] !== '') pass = io.env[source.envName];
  else if (io.interactive) {
    pass = await io.promptHidden(`${source.prompt}: `);
    if (source.confirm && pass !== '') {
      const again = await io.promptHidden('Type it again: ');
      if (again !== pass) throw new AppError('vault/passphrase-mismatch', { field: 'confirm' });
    }
  } else {
    throw new CliError(`A passphrase is needed and there is no terminal to ask on: use ${source.flag} FILE or ${source.envName}.`);
  }
  if (pass === undefined || pass === '') throw new AppError('vault/passphrase-empty', { field: 'passphrase' });
  return pass;
}

/** Asks at most once, and only when a reader really needs it. */
export function lazyPassphrase(io: CliIo, source: PassphraseSource): () => Promise<string> {
  let pending: Promise<string> | undefined;
  return () => (pending ??= obtainPassphrase(io, source));
}
