/**
 * The import worker's protocol and the page's side of it (services/other-apps/import-session.ts,
 * import-handler.ts), run on this thread: a file is read once per worker, a worker is ended
 * after every read, Cancel rejects at once with `aborted` and ends the worker, and refusals
 * cross as AppError codes only. The real Worker runs in e2e/import.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { compareWithVault } from '../../../src/services/other-apps/app-preview';
import { createImportHandler } from '../../../src/services/other-apps/import-handler';
import {
  ImportSession,
  spawnInProcess,
  type ImportPort,
  type ImportRequest,
  type ImportResponse,
  type SpawnImportPort,
} from '../../../src/services/other-apps/import-session';
import { FIXTURE_PASSWORDS } from '../formats/import/fixtures';
import { dumpDb, unlockedService } from './vault-fixtures';

afterEach(() => vi.restoreAllMocks());

const fixture = (rel: string) => ({
  bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/import/${rel}`, import.meta.url))),
  fileName: rel.split('/').pop()!,
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof AppError ? err.code : `untyped: ${String(err)}`;
  }
}

/** spawnInProcess, counting the workers started and ended. */
function counted(): { spawn: SpawnImportPort; started: () => number; ended: () => number } {
  let started = 0;
  let ended = 0;
  const spawn: SpawnImportPort = (onMessage, onCrash) => {
    started++;
    const port = spawnInProcess(onMessage, onCrash);
    return {
      post: (m) => port.post(m),
      terminate: () => {
        ended++;
        port.terminate();
      },
    };
  };
  return { spawn, started: () => started, ended: () => ended };
}

describe('import session on this thread', () => {
  it('recognises and reads a plain file in one worker, parsing it once, then ends the worker', async () => {
    const file = fixture('aegis/plain-v3.json');
    const whole = new TextDecoder().decode(file.bytes);
    const parse = vi.spyOn(JSON, 'parse');
    const workers = counted();
    const session = new ImportSession(file, workers.spawn);
    expect(await session.recognise()).toEqual({ app: 'Aegis', encrypted: false, keyFile: false });
    const result = await session.read();
    expect(result.format).toBe('aegis');
    expect(result.accounts.length).toBeGreaterThan(0);
    // What crosses a real worker boundary is a structured clone: nothing may be lost in it.
    expect(structuredClone(result)).toEqual(result);
    expect(parse.mock.calls.filter(([arg]) => arg === whole)).toHaveLength(1);
    expect([workers.started(), workers.ended()]).toEqual([1, 1]);
  });

  it('a wrong password ends that worker; the retry reads in a fresh one', async () => {
    const workers = counted();
    const session = new ImportSession(fixture('aegis/encrypted.json'), workers.spawn);
    expect(await session.recognise()).toEqual({ app: 'Aegis', encrypted: true, keyFile: false });
    expect(await codeOf(session.read())).toBe('import/password-required');
    expect(await codeOf(session.read('wrong'))).toBe('import/wrong-password');
    const result = await session.read(FIXTURE_PASSWORDS.aegis);
    expect(result.accounts.length).toBeGreaterThan(0);
    expect([workers.started(), workers.ended()]).toEqual([3, 3]);
  });

  it('a KeePass database asks for a key file too, which crosses to the worker with the password (#17)', async () => {
    const session = new ImportSession(fixture('keepass/kdbx4-argon2d-keyfile.kdbx'), counted().spawn);
    expect(await session.recognise()).toEqual({ app: 'KeePass / KeePassXC (KDBX)', encrypted: true, keyFile: true });
    expect(await codeOf(session.read('omamori-test'))).toBe('import/keepass-wrong-key');
    const result = await session.read('omamori-test', fixture('keepass/keyfile.keyx').bytes);
    expect([result.accounts.length, result.notAccounts]).toEqual([7, 1]);
    // The password-only entry reaches the preview as a count.
    const vault = { listAccounts: () => Promise.resolve([]) };
    expect((await compareWithVault(vault, result)).notAccounts).toBe(1);
  });

  it.each([
    ['bitwarden/account-restricted.json', 'import/account-restricted'],
    ['deep.json', 'import/too-deep'],
    ['notes.txt', 'import/unknown-format'],
  ])('%s is refused at recognition with %s, before any password', async (name, code) => {
    const file = name.startsWith('bitwarden/')
      ? fixture(name)
      : { bytes: new TextEncoder().encode(name === 'deep.json' ? '['.repeat(100_000) + ']'.repeat(100_000) : 'just notes\n'), fileName: name };
    const workers = counted();
    expect(await codeOf(new ImportSession(file, workers.spawn).recognise())).toBe(code);
    expect(workers.ended()).toBe(1);
  });

  it('errors leave the worker as codes only', async () => {
    const replies: ImportResponse[] = [];
    const handle = createImportHandler((m) => replies.push(m));
    await handle({ type: 'open', bytes: new TextEncoder().encode('[1,2'), fileName: 'x.json' });
    await handle({ type: 'read' });
    expect(replies).toEqual([
      { type: 'error', code: 'import/unknown-format' },
      { type: 'error', code: 'unknown' },
    ]);
  });
});

describe('cancel', () => {
  /** A worker that recognises the file at once and then works for ever on the read (a long KDF). */
  function slowWorker(): { spawn: SpawnImportPort; posted: ImportRequest[]; terminated: () => boolean; answer: (m: ImportResponse) => void } {
    const posted: ImportRequest[] = [];
    let terminated = false;
    let answer: (m: ImportResponse) => void = () => undefined;
    const spawn: SpawnImportPort = (onMessage) => {
      answer = onMessage;
      const port: ImportPort = {
        post(m) {
          posted.push(m);
          if (m.type === 'open') queueMicrotask(() => onMessage({ type: 'recognised', app: 'Aegis', encrypted: true }));
        },
        terminate: () => {
          terminated = true;
        },
      };
      return port;
    };
    return { spawn, posted, terminated: () => terminated, answer: (m) => answer(m) };
  }

  it('during a read: rejects with aborted at once, ends the worker, and the vault is untouched', async () => {
    const { vault, db } = await unlockedService();
    const before = await dumpDb(db);
    const worker = slowWorker();
    const session = new ImportSession(fixture('aegis/encrypted.json'), worker.spawn);
    await session.recognise();
    const reading = session.read('correct horse').then((r) => compareWithVault(vault, r));
    await Promise.resolve();
    expect(worker.posted.map((m) => m.type)).toEqual(['open', 'read']);
    session.cancel();
    expect(await codeOf(reading)).toBe('aborted');
    expect(worker.terminated()).toBe(true);
    // An answer that was already on its way is dropped.
    worker.answer({ type: 'result', result: { format: 'aegis', accounts: [], problems: [] } });
    expect(await dumpDb(db)).toEqual(before);
  });

  it('during recognition: rejects with aborted; a later read starts a new worker', async () => {
    let spawned = 0;
    const spawn: SpawnImportPort = (onMessage, onCrash) => {
      spawned++;
      // The first worker never answers; the second is the real handler.
      return spawned === 1 ? { post: () => undefined, terminate: () => undefined } : spawnInProcess(onMessage, onCrash);
    };
    const session = new ImportSession(fixture('aegis/plain-v3.json'), spawn);
    const recognising = session.recognise();
    session.cancel();
    expect(await codeOf(recognising)).toBe('aborted');
    expect((await session.read()).format).toBe('aegis');
    expect(spawned).toBe(2);
  });

  it('a worker that fails to load or dies is an unknown error, not a hang', async () => {
    const spawn: SpawnImportPort = (_onMessage, onCrash) => ({ post: () => queueMicrotask(onCrash), terminate: () => undefined });
    expect(await codeOf(new ImportSession(fixture('aegis/plain-v3.json'), spawn).recognise())).toBe('unknown');
  });
});
