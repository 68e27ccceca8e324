// npm run bench [-- --quick]: every figure, printed and written to bench/results.json.
//   --quick  the start-up figures only (first code and lock screen vs a static page, start-up JS,
//            precache size, longest start-up task, unlock overhead, CLI inspect): under two minutes
//   --only qr  the scanner's figures alone (dense screenshot, fake camera), added to the results
//            file instead of starting it afresh
// Nothing here asserts: speed is read from the figures, never from timed tests.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { rmSync } from 'node:fs';
import { RESULTS_FILE, recordResults } from './bench-lib.mjs';

const QUICK = process.argv.includes('--quick');
const ONLY_QR = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'qr';
if (ONLY_QR) {
  const run = spawnSync('node', ['scripts/bench.mjs', '--only', 'qr'], { stdio: 'inherit' });
  process.exit(run.status ?? 1);
}
rmSync(RESULTS_FILE, { force: true });
recordResults({ measuredAt: new Date().toISOString(), quick: QUICK, cpuCount: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version });

const steps = [
  ['node', ['scripts/bench.mjs', ...(QUICK ? ['--quick'] : [])]],
  ...(QUICK
    ? []
    : [
        ['node', ['scripts/bench-list.mjs']],
        ['node', ['scripts/bench-move.mjs']],
      ]),
  ['npm', ['run', '--silent', 'build:cli']],
  ['node', ['scripts/bench-cli.mjs']],
  ...(QUICK ? [] : [['npx', ['vitest', 'run', '--config', 'vitest.bench.config.ts', '--silent=false']]]),
];
for (const [command, args] of steps) {
  const run = spawnSync(command, args, { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench: ${command} ${args.join(' ')} exited with ${run.status ?? run.signal}`);
    process.exit(1);
  }
}
console.log(`\nFigures written to ${RESULTS_FILE}`);
