// npm run bench (CLI part): how long `omamori inspect` takes on large plain inputs (no KDF):
//   1. a text file of 1,000 otpauth-migration:// URIs (one account each)
//   2. a plain Aegis vault with 1,000 entries
// Printed as the median of RUNS runs, as a process (what a user waits for, Node start-up
// included, beside a bare `node -e 0` run in turn with it: a loaded machine slows both) and
// in-process (the parsing alone), and written to bench/results.json; where the
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

  const nodeRuns = [];
  const version = paired([BIN, '--version'], nodeRuns);
  console.log(`omamori --version (Node start-up + CLI load): ${version.ms.toFixed(0)} ms (node -e 0 beside it: ${version.nodeMs.toFixed(0)} ms)`);
  const fields = { cliVersionMs: version.ms };
  for (const [label, file] of [
    ['1,000 migration URIs', uris],
    ['1,000-entry plain Aegis vault', aegis],
  ]) {
    if ((await main(['inspect', file], quietIo())) !== 0) {
      console.log(`omamori inspect, ${label}: skipped (no importer for it in this checkout)`);
      continue;
    }
    const { ms: proc, nodeMs } = paired([BIN, 'inspect', file], nodeRuns);
    const inProcess = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await main(['inspect', file], quietIo());
      inProcess.push(performance.now() - t0);
    }
    const kb = (statSync(file).size / 1024).toFixed(0);
    console.log(
      `omamori inspect, ${label} (${kb} KB): ${proc.toFixed(0)} ms as a process (${(proc / nodeMs).toFixed(2)}× node -e 0, ${nodeMs.toFixed(0)} ms beside it), ${median(inProcess).toFixed(0)} ms in-process (median of ${RUNS})`,
    );
    if (file === uris) Object.assign(fields, { cliInspect1000Ms: proc, cliInspect1000VsNodeRatio: proc / nodeMs });
    else fields.cliInspectAegis1000Ms = proc;
  }
  // The Python tool, where installed (`pip install extract_otp_secrets`), on the same migration file.
  if (spawnSync('extract_otp_secrets', ['--help'], { stdio: 'ignore' }).status === 0) {
    const python = median(Array.from({ length: RUNS }, () => time(() => spawnSync('extract_otp_secrets', ['-q', uris], { stdio: 'ignore' }))));
    console.log(
      `extract_otp_secrets, the same 1,000 migration URIs: ${python.toFixed(0)} ms (omamori ÷ it: ${(fields.cliInspect1000Ms / python).toFixed(2)}; target ≤ 0.5)`,
    );
    Object.assign(fields, { extractOtpSecrets1000Ms: python, cliVsExtractOtpSecretsRatio: fields.cliInspect1000Ms / python });
  } else console.log('extract_otp_secrets: not installed here, no comparison');
  // A bare Node start on this machine at this time: what no command can go below.
  fields.nodeStartMs = median(nodeRuns);
  console.log(`node -e 0 (a bare Node start, every run above): ${fields.nodeStartMs.toFixed(0)} ms`);
  recordResults(fields);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The median time of `node ...args` and of a bare `node -e 0`, run in turn (after one warm-up of
 * each) so that the machine's load at the moment hits both alike; the bare runs are added to `nodeRuns`.
 */
function paired(args, nodeRuns) {
  const spawn = (a) => {
    const r = spawnSync(process.execPath, a, { stdio: ['ignore', 'ignore', 'ignore'] });
    if (r.status !== 0) throw new Error(`failed: node ${a.join(' ')}`);
  };
  spawn(['-e', '0']);
  spawn(args);
  const bare = [];
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    bare.push(time(() => spawn(['-e', '0'])));
    runs.push(time(() => spawn(args)));
  }
  nodeRuns.push(...bare);
  return { ms: median(runs), nodeMs: median(bare) };
}

function time(fn) {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
