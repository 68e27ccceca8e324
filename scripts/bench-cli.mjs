// npm run bench (CLI part): how long `omamori inspect` takes on large plain inputs (no KDF):
//   1. a text file of 1,000 otpauth-migration:// URIs (one account each)
//   2. a plain Aegis vault with 1,000 entries
// Printed as the median of RUNS runs, as a process (what a user waits for, Node start-up
// included) and in-process (the parsing alone), and written to bench/results.json; where the
// Python extract_otp_secrets is installed, it reads the same migration file for comparison.
// Needs `npm run build:cli` first.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, recordResults } from './bench-lib.mjs';

const RUNS = 9;
const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/omamori.mjs');
const { main } = await import(path.join(ROOT, 'cli-dist/omamori.mjs'));

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const secret = () => Array.from(randomBytes(20), (b) => B32[b & 31]).join('');

const quietIo = (out = []) => ({
  stdout: (t) => out.push(t),
  stderr: () => {},
  env: {},
  cwd: ROOT,
  interactive: false,
  promptHidden: async () => '',
  now: () => Date.now(),
});

const dir = mkdtempSync(path.join(tmpdir(), 'omamori-bench-cli-'));
try {
  const list = path.join(dir, 'accounts.txt');
  writeFileSync(
    list,
    Array.from({ length: 1000 }, (_, i) => `otpauth://totp/Bench%20${i}:user${i}%40example.com?secret=${secret()}&issuer=Bench%20${i}\n`).join(''),
  );
  const uris = path.join(dir, 'migration-1000.txt');
  const aegis = path.join(dir, 'aegis-1000.json');
  if ((await main(['convert', list, '--to', 'google-qr', '--per-code', '1', '--out', uris], quietIo())) !== 0) throw new Error('could not generate the URIs');
  if ((await main(['convert', list, '--to', 'aegis', '--out', aegis], quietIo())) !== 0) throw new Error('could not generate the vault');

  const startup = median(Array.from({ length: RUNS }, () => time(() => spawnSync(process.execPath, [BIN, '--version']))));
  console.log(`omamori --version (Node start-up + CLI load): ${startup.toFixed(0)} ms`);
  const fields = { cliVersionMs: startup };
  for (const [label, file] of [
    ['1,000 migration URIs', uris],
    ['1,000-entry plain Aegis vault', aegis],
  ]) {
    if ((await main(['inspect', file], quietIo())) !== 0) {
      console.log(`omamori inspect, ${label}: skipped (no importer for it in this checkout)`);
      continue;
    }
    const proc = median(
      Array.from({ length: RUNS }, () =>
        time(() => {
          const r = spawnSync(process.execPath, [BIN, 'inspect', file], { stdio: ['ignore', 'ignore', 'ignore'] });
          if (r.status !== 0) throw new Error(`inspect failed on ${label}`);
        }),
      ),
    );
    const inProcess = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await main(['inspect', file], quietIo());
      inProcess.push(performance.now() - t0);
    }
    const kb = (statSync(file).size / 1024).toFixed(0);
    console.log(`omamori inspect, ${label} (${kb} KB): ${proc.toFixed(0)} ms as a process, ${median(inProcess).toFixed(0)} ms in-process (median of ${RUNS})`);
    fields[file === uris ? 'cliInspect1000Ms' : 'cliInspectAegis1000Ms'] = proc;
  }
  // The Python tool, where installed (`pip install extract_otp_secrets`), on the same migration file.
  if (spawnSync('extract_otp_secrets', ['--help'], { stdio: 'ignore' }).status === 0) {
    const python = median(Array.from({ length: RUNS }, () => time(() => spawnSync('extract_otp_secrets', ['-q', uris], { stdio: 'ignore' }))));
    console.log(
      `extract_otp_secrets, the same 1,000 migration URIs: ${python.toFixed(0)} ms (omamori ÷ it: ${(fields.cliInspect1000Ms / python).toFixed(2)}; target ≤ 0.5)`,
    );
    Object.assign(fields, { extractOtpSecrets1000Ms: python, cliVsExtractOtpSecretsRatio: fields.cliInspect1000Ms / python });
  } else console.log('extract_otp_secrets: not installed here, no comparison');
  recordResults(fields);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
