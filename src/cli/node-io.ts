/** @file The real terminal and disk: stdout/stderr, the environment, a prompt with echo off, and a bounded file read. */
import { open } from 'node:fs/promises';
import { AppError } from '../core/errors';
import type { CliIo } from './io';

const CHUNK_BYTES = 1024 * 1024;

/**
 * The first `maxBytes` bytes of a file, or all of it when shorter. Reads chunk by chunk and
 * stops at the limit: a device or pipe that never ends (`/dev/zero`) costs `maxBytes`, not
 * everything it offers (readFile would read until memory runs out).
 */
export async function readFileUpTo(file: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    while (total < maxBytes) {
      const chunk = new Uint8Array(Math.min(CHUNK_BYTES, maxBytes - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    const out = new Uint8Array(total);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** Reads one line from the TTY in raw mode, echoing nothing; Ctrl-C cancels, Backspace works. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let input = '';
    const wasRaw = stdin.isRaw;
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (err?: Error): void => {
      stdin.off('data', onData);
      stdin.setRawMode(wasRaw);
      stdin.pause();
      process.stderr.write('\n');
      if (err === undefined) resolve(input);
      else reject(err);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done();
        if (ch === '\u0003') return done(new AppError('aborted'));
        if (ch === '\u007f' || ch === '\b') input = [...input].slice(0, -1).join('');
        else input += ch;
      }
    };
    stdin.on('data', onData);
  });
}

export function nodeIo(): CliIo {
  // `omamori inspect big.json | head`: a closed pipe ends the output quietly, not with a stack.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    interactive: process.stdin.isTTY === true && process.stderr.isTTY === true,
    promptHidden,
    now: () => Date.now(),
  };
}
