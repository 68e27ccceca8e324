import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS, ALL_SAMPLES } from '../formats/export/export-samples';
import { fixture, run, tempDir, writeTemp } from './cli-helpers';

interface Report {
  format: string;
  encrypted: boolean;
  count: number;
  accounts: Record<string, unknown>[];
  problems: { label: string; code: string; message: string }[];
  transferCodes?: { batchSize: number; scanned: number[]; missing: number[] };
}
const parse = (stdout: string): Report => JSON.parse(stdout) as Report;

describe('omamori inspect', () => {
  it('prints the accounts of an otpauth list as JSON without secrets', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.otpauth)]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const report = parse(r.stdout);
    expect(report.accounts.slice(0, SAMPLE_ACCOUNTS.length).map((a) => [a.issuer, a.name, a.type])).toEqual(
      SAMPLE_ACCOUNTS.map((a) => [a.issuer, a.name, a.type]),
    );
    for (const a of ALL_SAMPLES) expect(r.stdout).not.toContain(a.secretB32);
    expect(r.stdout).not.toContain('secret');
  });

  it('--secrets adds secrets (and notes)', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.otpauth), '--secrets']);
    expect(r.code).toBe(0);
    expect(parse(r.stdout).accounts[0]).toMatchObject({ secret: SAMPLE_ACCOUNTS[0]!.secretB32, notes: '' });
  });

  it('reads a text file of Google transfer URIs and reports the batches seen', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.googleUris)]);
    expect(r.code).toBe(0);
    const report = parse(r.stdout);
    expect(report.count).toBe(4);
    expect(report.transferCodes).toEqual({ batchSize: 1, scanned: [0], missing: [] });
  });

  it('reads the committed QR image (no ../shared needed)', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.googleQr)]);
    expect(r.code).toBe(0);
    const report = parse(r.stdout);
    expect(report.format).toBe('qr-image');
    expect(report.accounts.map((a) => a.issuer)).toEqual(['Example Mail', 'Forge', 'Counter Co', '']);
  });

  it('opens an Omamori backup with --passphrase-file (trailing newline dropped)', async () => {
    const dir = tempDir();
    const pf = writeTemp(dir, 'pass.txt', `${FIXTURE_PASSWORD}\n`);
    const r = await run(['inspect', fixture(FIXTURE_FILES.omamori), '--passphrase-file', pf]);
    expect(r.code).toBe(0);
    expect(parse(r.stdout)).toMatchObject({ format: 'omamori', encrypted: true, count: ALL_SAMPLES.length });
  });

  it('takes the passphrase from OMAMORI_PASSPHRASE, or asks on the terminal', async () => {
    const env = await run(['inspect', fixture(FIXTURE_FILES.omamori)], { env: { OMAMORI_PASSPHRASE: FIXTURE_PASSWORD } });
    expect(env.code).toBe(0);
    const asked = await run(['inspect', fixture(FIXTURE_FILES.omamori)], { answers: [FIXTURE_PASSWORD] });
    expect(asked.code).toBe(0);
    expect(asked.prompts).toEqual(['Passphrase for omamori-backup.omamori: ']);
    expect(asked.stdout + asked.stderr).not.toContain(FIXTURE_PASSWORD);
  });

  it('wrong passphrase: exit 1, exactly one line on stderr, nothing on stdout, no passphrase echoed', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.omamori)], { env: { OMAMORI_PASSPHRASE: 'not-the-passphrase' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toEqual(['omamori: Wrong passphrase for this Omamori backup file.', '']);
    expect(r.stderr).not.toContain('not-the-passphrase');
  });

  it('an encrypted file without a passphrase and no terminal: a clear error, exit 1', async () => {
    const r = await run(['inspect', fixture(FIXTURE_FILES.omamori)]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^omamori: A passphrase is needed and there is no terminal to ask on: use --passphrase-file FILE or OMAMORI_PASSPHRASE\.\n$/);
  });

  it('reports mOTP accounts as MD5, also from a backup an older version wrote with SHA1', async () => {
    const aegis = parse((await run(['inspect', fixture(FIXTURE_FILES.aegisPlain)])).stdout);
    const old = parse((await run(['inspect', fixture(FIXTURE_FILES.omamori)], { env: { OMAMORI_PASSPHRASE: FIXTURE_PASSWORD } })).stdout);
    for (const report of [aegis, old]) {
      expect(report.accounts.filter((a) => a.type === 'motp').map((a) => [a.issuer, a.algorithm])).toEqual([['Legacy VPN', 'MD5']]);
    }
  });

  it('reports bad lines as problems without failing the file', async () => {
    const dir = tempDir();
    const f = writeTemp(dir, 'mixed.txt', 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A\notpauth://totp/X?secret=!!\nhttps://example.com\n');
    const report = parse((await run(['inspect', f])).stdout);
    expect(report.count).toBe(1);
    // Labels name the line ("line 2" / "#2", depending on which reader took the file).
    expect(report.problems.map((p) => [p.label.replace(/^(line |#)/, ''), p.code])).toEqual([
      ['2', 'account/invalid-secret'],
      ['3', 'uri/unsupported-scheme'],
    ]);
    expect(report.problems[0]?.message).toMatch(/setup key/);
  });

  it('a file no reader knows: exit 1 with one line; a missing file likewise', async () => {
    const dir = tempDir();
    const junk = await run(['inspect', writeTemp(dir, 'junk.bin', 'hello world')]);
    expect(junk.code).toBe(1);
    expect(junk.stderr.trim().split('\n')).toHaveLength(1);
    const missing = await run(['inspect', `${dir}/nope.json`]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^omamori: Cannot read .*nope\.json/);
  });

  it('usage errors exit 2; unknown options are not echoed with their value', async () => {
    expect((await run(['inspect'])).code).toBe(2);
    const r = await run(['inspect', 'x', '--passphrase=hunter2']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('hunter2');
    expect((await run(['frobnicate'])).code).toBe(2);
  });

  it('--help and --version', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('omamori convert FILE... --to FORMAT --out PATH');
    const version = await run(['--version']);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
