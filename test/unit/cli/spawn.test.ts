/**
 * The real command: bin/omamori.mjs started as a process, on the build in cli-dist/ (built here
 * when missing, so `npx vitest run` alone works; `npm test` builds it first).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES, FIXTURE_PASSWORD } from '../formats/export/export-samples';
import { ensureCliBuilt, fixture } from './cli-helpers';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'bin/omamori.mjs');

function omamori(args: string[], env: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('bin/omamori.mjs as a process', () => {
  beforeAll(() => {
    ensureCliBuilt();
  }, 120_000);

  it('--version', () => {
    const r = omamori(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('inspect of an encrypted backup with OMAMORI_PASSPHRASE', () => {
    const r = omamori(['inspect', fixture(FIXTURE_FILES.omamori)], { OMAMORI_PASSPHRASE: FIXTURE_PASSWORD });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'omamori', encrypted: true });
  });

  it('wrong passphrase: exit 1 and exactly one line on stderr, no stack trace', () => {
    const r = omamori(['inspect', fixture(FIXTURE_FILES.omamori)], { OMAMORI_PASSPHRASE: 'wrong' });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('omamori: Wrong passphrase for this Omamori backup file.\n');
  });

  it('no passphrase and stdin not a terminal: exit 1 with one line', () => {
    const r = omamori(['codes', fixture(FIXTURE_FILES.omamori)]);
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });

  it('reads a QR image (sharp + zxing-wasm from node_modules, no network)', () => {
    const r = omamori(['inspect', fixture(FIXTURE_FILES.googleQr)]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'qr-image', count: 4 });
  });
});
