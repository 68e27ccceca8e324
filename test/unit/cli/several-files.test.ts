/**
 * `omamori inspect|convert|codes FILE...` (issue #17): several files read as one — accounts in
 * order with the file each came from, an account an earlier file already gave reported as a
 * duplicate and kept once, Google transfer codes counted across screenshots, and a file that
 * cannot be read named in the one error line, with nothing written.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES, SAMPLE_ACCOUNTS } from '../formats/export/export-samples';
import { fixture, listDir, run, tempDir, writeTemp } from './cli-helpers';

const link = (issuer: string, name: string, secret: string): string => `otpauth://totp/${issuer}:${name}?secret=${secret}&issuer=${issuer}`;
const A = link('Alpha', 'ann', 'JBSWY3DPEHPK3PXP');
const B = link('Beta', 'ben', 'GEZDGNBVGY3TQOJQ');
// B's secret under another name: the same account by the preview's rule.
const B_RENAMED = link('Beta%20Corp', 'ben', 'GEZDGNBVGY3TQOJQ');
const C = link('Gamma', 'cat', 'MFRGGZDFMZTWQ2LK');

interface Report {
  files: { file: string; format: string; count: number }[];
  count: number;
  accounts: { file: string; issuer: string; name: string }[];
  problems: { file: string; label: string; code: string }[];
  duplicates: { file: string; label: string; sameAs: { file: string; label: string } }[];
  transferCodes?: { batchSize: number; scanned: number[]; missing: number[] };
}

describe('several files', () => {
  it('inspect merges them in order, says where each account came from, and reports duplicates once', async () => {
    const dir = tempDir();
    writeTemp(dir, 'one.txt', `${A}\n${B}\n`);
    writeTemp(dir, 'two.txt', `${B_RENAMED}\n${C}\nnot a link\n`);
    const r = await run(['inspect', 'one.txt', 'two.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.files.map((f) => [f.file, f.count])).toEqual([
      ['one.txt', 2],
      ['two.txt', 2],
    ]);
    expect(report.count).toBe(3);
    expect(report.accounts.map((a) => [a.file, a.issuer])).toEqual([
      ['one.txt', 'Alpha'],
      ['one.txt', 'Beta'],
      ['two.txt', 'Gamma'],
    ]);
    expect(report.duplicates).toEqual([{ file: 'two.txt', label: 'Beta Corp (ben)', sameAs: { file: 'one.txt', label: 'Beta (ben)' } }]);
    expect(report.problems.map((p) => [p.file, p.code])).toEqual([['two.txt', 'uri/invalid']]);
  });

  it('inspect counts Google transfer codes across screenshots: all three given, none missing', async () => {
    const dir = tempDir();
    const made = await run(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', `${dir}/`, '--per-code', '1']);
    expect(made.code).toBe(0);
    const pngs = listDir(dir).map((f) => path.join(dir, f));
    expect(pngs.length).toBeGreaterThan(2);
    const some = JSON.parse((await run(['inspect', ...pngs.slice(0, 2)])).stdout) as Report;
    expect(some.transferCodes).toEqual({ batchSize: pngs.length, scanned: [0, 1], missing: pngs.slice(2).map((_, i) => i + 2) });
    const all = JSON.parse((await run(['inspect', ...pngs])).stdout) as Report;
    expect(all.transferCodes?.missing).toEqual([]);
    expect(all.count).toBe(pngs.length);
    expect(all.duplicates).toEqual([]);
  }, 60_000);

  it('convert writes the merged accounts once, and tells about the duplicate on stderr', async () => {
    const dir = tempDir();
    writeTemp(dir, 'one.txt', `${A}\n${B}\n`);
    writeTemp(dir, 'two.txt', `${B_RENAMED}\n${C}\n`);
    const r = await run(['convert', 'one.txt', 'two.txt', '--to', 'otpauth', '--out', 'all.txt'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, 'all.txt'), 'utf8').trim().split('\n')).toHaveLength(3);
    expect(r.stderr).toContain('duplicate: Beta Corp (ben) in two.txt is the same account as Beta (ben) in one.txt; written once');
    expect(r.stderr).toContain('Wrote 3 accounts');
  });

  it('a file that cannot be read is named, the exit code is 1, and nothing is written', async () => {
    const dir = tempDir();
    writeTemp(dir, 'one.txt', `${A}\n`);
    writeTemp(dir, 'junk.bin', 'this is not an export');
    const r = await run(['convert', 'one.txt', 'junk.bin', '--to', 'otpauth', '--out', 'all.txt'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^omamori: junk\.bin: This file is not an export/);
    expect(listDir(dir)).toEqual(['junk.bin', 'one.txt']);
    const missing = await run(['inspect', 'one.txt', 'gone.txt'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('omamori: Cannot read gone.txt: no such file, or not readable.\n');
  });

  it('codes shows each account once across files', async () => {
    const dir = tempDir();
    writeTemp(dir, 'one.txt', `${A}\n${B}\n`);
    writeTemp(dir, 'two.txt', `${B_RENAMED}\n`);
    const r = await run(['codes', 'one.txt', 'two.txt'], { cwd: dir, now: Date.UTC(2026, 0, 1) });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).toContain('duplicate: Beta Corp (ben) in two.txt');
    // One file still gives the report it always gave (no file field, no duplicates list).
    const single = JSON.parse((await run(['inspect', fixture(FIXTURE_FILES.otpauth)])).stdout) as Record<string, unknown>;
    expect(Object.keys(single)).toEqual(['file', 'format', 'encrypted', 'count', 'accounts', 'problems']);
    expect(single.count).toBe(SAMPLE_ACCOUNTS.length);
  });
});
