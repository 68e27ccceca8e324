/**
 * What the command reads from disk: never more than its limit (`inspect /dev/zero` stops there),
 * a limit and a sentence that depend on what the file claims to be, and the refusals detection
 * makes before any passphrase is asked for.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileUpTo } from '../../../src/cli/node-io';
import { MAX_IMAGE_BYTES, MAX_INPUT_BYTES } from '../../../src/cli/read-input';
import { MAX_IMPORT_BYTES } from '../../../src/formats/import/registry';
import { en } from '../../../src/messages/en';
import { FIXTURE_FILES } from '../formats/export/export-samples';
import { ensureCliBuilt, fixture, run, tempDir, writeTemp } from './cli-helpers';

const ROOT = process.cwd();
const IMPORT_FIXTURES = path.join(ROOT, 'test/fixtures/import');
const EXPORT_LIMIT_LINE = 'omamori: This file is too large: exports, backups and link lists are read up to 32 MiB.\n';
const hasDevZero = existsSync('/dev/zero');

/** A file of `size` bytes starting with `head` (the rest zeros). */
function fileOf(name: string, head: Uint8Array, size: number): string {
  const bytes = new Uint8Array(size);
  bytes.set(head);
  const p = path.join(tempDir(), name);
  writeFileSync(p, bytes);
  return p;
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('reading FILE from disk', () => {
  it('reads a file shorter than the limit whole', async () => {
    const p = fixture(FIXTURE_FILES.aegisPlain);
    expect(await readFileUpTo(p, MAX_INPUT_BYTES + 1)).toEqual(new Uint8Array(readFileSync(p)));
  });

  it('stops at the limit on a file that is longer', async () => {
    const p = fileOf('big.bin', new Uint8Array([1, 2, 3]), 3 * 1024 * 1024);
    const read = await readFileUpTo(p, 1024 * 1024 + 7);
    expect(read.length).toBe(1024 * 1024 + 7);
    expect([...read.subarray(0, 4)]).toEqual([1, 2, 3, 0]);
  });

  it.runIf(hasDevZero)('stops at the limit on a device that never ends', async () => {
    expect((await readFileUpTo('/dev/zero', 5 * 1024 * 1024 + 1)).length).toBe(5 * 1024 * 1024 + 1);
  });
});

describe('limits by what the file claims to be', () => {
  it.runIf(hasDevZero)('inspect /dev/zero: exit 1 and one line once 32 MiB are read', async () => {
    const r = await run(['inspect', '/dev/zero']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(EXPORT_LIMIT_LINE);
  });

  it('an image over 20 MiB is refused as an image', async () => {
    const r = await run(['inspect', fileOf('photo.png', PNG, MAX_IMAGE_BYTES + 1)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('omamori: This image is too large: images are read up to 20 MiB.\n');
  });

  it('a file naming Omamori’s format over 32 MiB is refused as a backup', async () => {
    const r = await run(['inspect', fileOf('big.omamori', new TextEncoder().encode('{"format":"omamori-export","version":1,'), MAX_IMPORT_BYTES + 1)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('omamori: This Omamori backup is too large: backups are read up to 32 MiB.\n');
  });

  it('a file of exactly 32 MiB is read (and then judged by what it holds)', async () => {
    const r = await run(['inspect', fileOf('notes.txt', new TextEncoder().encode('just notes\n'), MAX_IMPORT_BYTES)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('omamori: This file is not an export, backup, QR image or otpauth list that omamori can read (see docs/formats.md).\n');
  });
});

describe('refusals before any passphrase', () => {
  it('a file nested 5 million levels deep', async () => {
    const levels = 5_000_000;
    const p = path.join(tempDir(), 'deep.json');
    writeFileSync(p, '['.repeat(levels) + ']'.repeat(levels));
    const r = await run(['inspect', p], { answers: ['unused'] });
    expect([r.code, r.stderr, r.prompts]).toEqual([1, `omamori: ${en['error.import/too-deep']}\n`, []]);
  });

  it('an account-restricted Bitwarden export says so without asking for a passphrase', async () => {
    const r = await run(['inspect', path.join(IMPORT_FIXTURES, 'bitwarden/account-restricted.json')], { answers: ['unused'] });
    expect([r.code, r.stderr, r.prompts]).toEqual([1, `omamori: ${en['error.import/account-restricted']}\n`, []]);
  });

  it('a cut-off Aegis export is named as a damaged Aegis export', async () => {
    const whole = readFileSync(path.join(IMPORT_FIXTURES, 'aegis/encrypted.json'));
    const p = path.join(tempDir(), 'aegis-export.json');
    writeFileSync(p, whole.subarray(0, whole.length / 2));
    const r = await run(['inspect', p], { answers: ['unused'] });
    expect([r.code, r.stderr, r.prompts]).toEqual([1, 'omamori: This looks like an Aegis export, but it is damaged or incomplete.\n', []]);
  });

  it('a cut-off Omamori backup (no longer JSON) is named as a damaged backup, UTF-8 or not', async () => {
    // read-input.ts loads core/export-file only for a file that may be a backup: this one must still count.
    const dir = tempDir();
    const cut = writeTemp(dir, 'cut.omamori', '{"format":"omamori-export","version":2,"header":"eyJhbGci');
    const binary = path.join(dir, 'flipped.omamori');
    writeFileSync(binary, Buffer.concat([Buffer.from('{"format":"omamori-export",'), Buffer.from([0xff, 0xfe, 0x00])]));
    for (const p of [cut, binary]) {
      const r = await run(['inspect', p], { answers: ['unused'] });
      expect([r.code, r.stderr, r.prompts]).toEqual([1, `omamori: ${en['error.file/damaged']}\n`, []]);
    }
  });
});

describe.runIf(hasDevZero)('bin/omamori.mjs as a process on /dev/zero', () => {
  beforeAll(() => {
    ensureCliBuilt();
  }, 120_000);

  it('exits 1 with one line instead of reading for ever (a guard kills it after 60 s)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/omamori.mjs'), 'inspect', '/dev/zero'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(EXPORT_LIMIT_LINE);
  }, 90_000);
});
