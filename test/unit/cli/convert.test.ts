import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS } from '../formats/export/export-samples';
import { fixture, listDir, run, tempDir, writeTemp } from './cli-helpers';

const titles = (stdout: string): string[] =>
  (JSON.parse(stdout) as { accounts: { issuer: string; name: string }[] }).accounts.map((a) => `${a.issuer}|${a.name}`);

describe('omamori convert', () => {
  it('otpauth list → Omamori backup → inspect gives the same accounts', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'backup.omamori');
    const env = { OMAMORI_OUT_PASSPHRASE: 'new pass 合言葉' };
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'omamori', '--out', out], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    // Links carry no PINs, so the list's mOTP and Yandex accounts cannot be written.
    expect(r.stderr).toMatch(/(skipped|not read from the input:) Legacy VPN \(dave\): The PIN must be 4 to 16 digits\.\n/);
    expect(r.stderr).toContain(`Wrote ${SAMPLE_ACCOUNTS.length} accounts to `);
    const back = await run(['inspect', out], { env: { OMAMORI_PASSPHRASE: 'new pass 合言葉' } });
    expect(titles(back.stdout)).toEqual(SAMPLE_ACCOUNTS.map((a) => `${a.issuer}|${a.name}`));
    expect(listDir(dir)).toEqual(['backup.omamori']);
  });

  it('asks twice for a new passphrase on the terminal and refuses when they differ, writing nothing', async () => {
    const dir = tempDir();
    const out = path.join(dir, 'a.json');
    const ok = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis-encrypted', '--out', out], { answers: ['new pass 1', 'new pass 1'] });
    expect(ok.code).toBe(0);
    expect(ok.prompts).toEqual(['New passphrase for the output file: ', 'Type it again: ']);
    const bad = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis-encrypted', '--out', path.join(dir, 'b.json')], {
      answers: ['new pass 1', 'new pass 2'],
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(listDir(dir)).toEqual(['a.json']);
  });

  it('a failing convert (wrong input passphrase) leaves no output and no temporary file', async () => {
    const dir = tempDir();
    const r = await run(['convert', fixture(FIXTURE_FILES.omamori), '--to', 'otpauth', '--out', path.join(dir, 'out.txt')], {
      env: { OMAMORI_PASSPHRASE: 'wrong' },
    });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(listDir(dir)).toEqual([]);
  });

  it('a failing write (missing folder) leaves nothing behind', async () => {
    const dir = tempDir();
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis', '--out', path.join(dir, 'missing', 'out.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^omamori: The output folder .* does not exist\.\n$/);
    expect(listDir(dir)).toEqual([]);
  });

  it('never replaces an existing file without --force', async () => {
    const dir = tempDir();
    const out = writeTemp(dir, 'keep.json', 'precious');
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis', '--out', out]);
    expect(r.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe('precious');
    expect((await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis', '--out', out, '--force'])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('"entries"');
    expect(listDir(dir)).toEqual(['keep.json']);
  });

  it('google-qr: one PNG per code into a folder, the URIs on stdout; the PNGs read back as the same accounts', async () => {
    const dir = tempDir();
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', `${dir}/`, '--per-code', '2']);
    expect(r.code).toBe(0);
    const uris = r.stdout.trim().split('\n');
    expect(uris.every((u) => u.startsWith('otpauth-migration://offline?data='))).toBe(true);
    expect(listDir(dir)).toEqual(['google-authenticator-1-of-2.png', 'google-authenticator-2-of-2.png']);
    expect(r.stderr).toMatch(/skipped 銀行 \(山田 太郎\): the target format knows only 30-second codes/);
    const names: string[] = [];
    for (const png of listDir(dir)) names.push(...titles((await run(['inspect', path.join(dir, png)])).stdout));
    const usable = SAMPLE_ACCOUNTS.filter((a) => (a.type === 'totp' && a.period === 30) || a.type === 'hotp');
    expect(names).toEqual(usable.map((a) => `${a.issuer}|${a.name}`));
  });

  it('google-qr --out DIR/ creates a missing folder (and its parents), private to the user', async () => {
    const dir = tempDir();
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', 'moving/transfer/', '--per-code', '2'], { cwd: dir });
    expect(r.stderr).not.toMatch(/^omamori:/m);
    expect(r.code).toBe(0);
    expect(listDir(path.join(dir, 'moving', 'transfer'))).toEqual(['google-authenticator-1-of-2.png', 'google-authenticator-2-of-2.png']);
    expect(statSync(path.join(dir, 'moving', 'transfer')).mode & 0o777).toBe(0o700);
    expect(statSync(path.join(dir, 'moving')).mode & 0o777).toBe(0o700);
  });

  it('google-qr --out DIR/ that cannot be made (a file is in the way) says so and writes nothing', async () => {
    const dir = tempDir();
    writeTemp(dir, 'taken', 'a file');
    const r = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', `${path.join(dir, 'taken', 'transfer')}/`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`omamori: Cannot create the output folder ${path.join(dir, 'taken', 'transfer')}; nothing was written.\n`);
    expect(listDir(dir)).toEqual(['taken']);
  });

  it('google-qr with PATH as a prefix, or .txt for the URIs as text', async () => {
    const dir = tempDir();
    expect((await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', path.join(dir, 'move')])).code).toBe(0);
    expect((await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', path.join(dir, 'move.txt')])).code).toBe(0);
    expect(listDir(dir)).toEqual(['move-1-of-1.png', 'move.txt']);
    expect(readFileSync(path.join(dir, 'move.txt'), 'utf8')).toMatch(/^otpauth-migration:\/\/offline\?data=\S+\n$/);
  });

  it('2fas output from a mixed source lists what it skipped', async () => {
    const dir = tempDir();
    const r = await run([
      'convert',
      fixture(FIXTURE_FILES.aegisEncrypted),
      '--to',
      '2fas',
      '--out',
      path.join(dir, 'x.2fas'),
      '--passphrase-file',
      writeTemp(dir, 'p', FIXTURE_PASSWORD),
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/skipped Legacy VPN \(dave\): the target format has no such account type/);
    expect(r.stderr).toContain('note: 2fas files cannot hold notes, favourites; they are not in the output\n');
    const json = JSON.parse(readFileSync(path.join(dir, 'x.2fas'), 'utf8')) as { schemaVersion: number; services: unknown[] };
    expect(json.schemaVersion).toBe(4);
    expect(json.services).toHaveLength(SAMPLE_ACCOUNTS.length);
  });

  it('usage errors exit 2 and write nothing', async () => {
    const dir = tempDir();
    for (const argv of [
      ['convert', fixture(FIXTURE_FILES.otpauth), '--out', path.join(dir, 'x')],
      ['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'lastpass', '--out', path.join(dir, 'x')],
      ['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis'],
      ['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'aegis', '--out', path.join(dir, 'x'), '--per-code', '3'],
    ]) {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(listDir(dir)).toEqual([]);
  });

  it("says when the input misses some of an export's Google transfer codes", async () => {
    const dir = tempDir();
    const two = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--per-code', '2', '--out', path.join(dir, 'all.txt')]);
    const [first] = two.stdout.trim().split('\n');
    const partial = writeTemp(dir, 'partial.txt', `${first}\n`);
    const r = await run(['convert', partial, '--to', 'otpauth', '--out', path.join(dir, 'out.txt')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: the input has 1 of 2 Google transfer codes; the accounts of code 2 are missing\n');
  });

  it('an input with no usable accounts writes nothing', async () => {
    const dir = tempDir();
    const src = path.join(dir, 'bad.txt');
    writeFileSync(src, 'otpauth://totp/X?secret=!!\n');
    const r = await run(['convert', src, '--to', 'aegis', '--out', path.join(dir, 'o.json')]);
    expect(r.code).toBe(1);
    expect(listDir(dir)).toEqual(['bad.txt']);
  });
});
