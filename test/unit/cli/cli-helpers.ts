/** In-process runs of `omamori` with a recorded terminal (not a test file itself). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main, type CliIo } from '../../../src/cli/main';

export const EXPORT_FIXTURES = path.resolve(process.cwd(), 'test/fixtures/export-formats');
export const fixture = (name: string): string => path.join(EXPORT_FIXTURES, name);

/**
 * Builds cli-dist/ when it is missing, for the files that run bin/omamori.mjs as a process
 * (`npx vitest run` alone, a fresh clone; `npm test` builds it first). Several such files run at
 * once: each builds into a folder of its own and renames it into place, so none sees a cli-dist
 * that another build is emptying or half-way through writing.
 */
export function ensureCliBuilt(): void {
  const root = process.cwd();
  const target = path.join(root, 'cli-dist');
  if (existsSync(path.join(target, 'omamori.mjs'))) return;
  const own = path.join(root, '.tmp', `cli-dist-${process.pid}`);
  const vite = path.join(root, 'node_modules/vite/bin/vite.js');
  execFileSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts', '--logLevel', 'error', '--outDir', own, '--emptyOutDir'], { cwd: root });
  try {
    renameSync(own, target);
  } catch {
    // Another file's build got there first.
    rmSync(own, { recursive: true, force: true });
  }
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Questions the prompt was asked. */
  prompts: string[];
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Answers typed at the hidden prompt; when given, the run is interactive. */
  answers?: string[];
  cwd?: string;
  now?: number;
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const prompts: string[] = [];
  const answers = [...(opts.answers ?? [])];
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
    interactive: opts.answers !== undefined,
    promptHidden: async (q) => {
      prompts.push(q);
      return answers.shift() ?? '';
    },
    now: () => opts.now ?? Date.now(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, prompts };
}

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'omamori-cli-'));
}

export function writeTemp(dir: string, name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

export const listDir = (dir: string): string[] => readdirSync(dir).sort();
