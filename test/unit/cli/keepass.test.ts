/**
 * `omamori inspect` of KeePass databases (test/fixtures/import/keepass): the database password
 * through the usual passphrase sources, --key-file with it, and --key-file --no-password for a
 * database opened by its key file alone.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from './cli-helpers';

const dir = path.resolve(process.cwd(), 'test/fixtures/import/keepass');
const file = (name: string): string => path.join(dir, name);
const env = { OMAMORI_PASSPHRASE: 'omamori-test' };

interface Report {
  format: string;
  encrypted: boolean;
  count: number;
  notAccounts?: number;
  accounts: { issuer: string }[];
}
const parse = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('omamori inspect FILE.kdbx', () => {
  it('reads a database with its password (OMAMORI_PASSPHRASE), counting the password-only entry', async () => {
    const r = await run(['inspect', file('kdbx4-argon2id.kdbx')], { env });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const report = parse(r.stdout);
    expect([report.format, report.encrypted, report.count, report.notAccounts]).toEqual(['keepass', true, 7, 1]);
    expect(r.stdout).not.toContain('not-a-real-password');
  });

  it('--key-file gives the key file with the password', async () => {
    const r = await run(['inspect', file('kdbx4-argon2d-keyfile.kdbx'), '--key-file', file('keyfile.keyx')], { env });
    expect([r.code, parse(r.stdout).count]).toEqual([0, 7]);
  });

  it('without the key file the database needs: one line, exit 1', async () => {
    const r = await run(['inspect', file('kdbx4-argon2d-keyfile.kdbx')], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('omamori: The password or key file does not open this KeePass database. Nothing was imported.\n');
  });

  it('--key-file F --no-password opens a key-file-only database without asking for a passphrase', async () => {
    const r = await run(['inspect', file('kdbx3-keyfile-only.kdbx'), '--key-file', file('keyfile-only.keyx'), '--no-password'], { answers: [] });
    expect(r.prompts).toEqual([]);
    expect([r.code, parse(r.stdout).count]).toEqual([0, 7]);
  }, 30_000);

  it('--no-password without --key-file is a usage error', async () => {
    const r = await run(['inspect', file('kdbx4-argon2id.kdbx'), '--no-password']);
    expect(r.code).toBe(2);
  });
});
