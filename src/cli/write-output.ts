/**
 * @file Output files appear whole or not at all: each is written to a temporary file in the
 * target directory and renamed over the final name only when every file of the command is ready.
 * A folder the command was asked to create (`--out transfer/`) is made first, private to the
 * user (0700), and removed again when the write fails, so a failure leaves nothing behind.
 */
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CliError } from './cli-error';

export interface PlannedFile {
  /** Absolute final path. */
  target: string;
  bytes: Uint8Array;
}

async function exists(p: string): Promise<boolean> {
  try {
    await lstat(p);
    return true;
  } catch {
    return false;
  }
}

export async function isDirectory(p: string): Promise<boolean> {
  try {
    return (await stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** The folders `mkdir -p` made, deepest first: from `folder` up to the first one it created. */
function createdChain(folder: string, firstCreated: string | undefined): string[] {
  if (firstCreated === undefined) return [];
  const chain: string[] = [];
  for (let dir = folder; ; dir = path.dirname(dir)) {
    chain.push(dir);
    if (dir === firstCreated || path.dirname(dir) === dir) return chain;
  }
}

/**
 * Writes all files or none. Refuses to replace an existing file unless `force`. `createFolder`
 * (absolute) is made when missing; any other missing folder is an error.
 */
export async function writeAllOrNothing(files: readonly PlannedFile[], force: boolean, createFolder?: string): Promise<void> {
  if (!force) {
    for (const f of files) {
      if (await exists(f.target)) throw new CliError(`${f.target} already exists; add --force to replace it.`);
    }
  }
  const temps: string[] = [];
  let created: string[] = [];
  try {
    if (createFolder !== undefined && !(await isDirectory(createFolder))) {
      try {
        created = createdChain(createFolder, await mkdir(createFolder, { recursive: true, mode: 0o700 }));
      } catch {
        throw new CliError(`Cannot create the output folder ${createFolder}; nothing was written.`);
      }
    }
    for (const f of files) {
      const dir = path.dirname(f.target);
      if (!(await isDirectory(dir))) throw new CliError(`The output folder ${dir} does not exist.`);
      const temp = path.join(dir, `.${path.basename(f.target)}.${randomBytes(6).toString('hex')}.tmp`);
      temps.push(temp);
      // 0600: the file holds secrets (or their encryption) and belongs to this user only.
      await writeFile(temp, f.bytes, { mode: 0o600, flag: 'wx' });
    }
    for (const [i, f] of files.entries()) await rename(temps[i] ?? '', f.target);
  } catch (err) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    // rmdir, not rm -r: only folders this call made and left empty are removed.
    for (const dir of created) await rmdir(dir).catch(() => undefined);
    if (err instanceof CliError) throw err;
    throw new CliError(`Cannot write ${files.length === 1 ? (files[0]?.target ?? 'the output') : 'the output files'}; nothing was written.`);
  }
}
