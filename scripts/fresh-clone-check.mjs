#!/usr/bin/env node
// `npm test` on a fresh clone: clones the committed HEAD into a new folder under the system's temp
// directory, with no ../shared beside it and OMAMORI_CORPUS unset, reuses this checkout's
// node_modules (a symlink: no network install) and runs the unit suite there. It passes when that
// run exits 0 and every suite declared with describeCorpus (test/support/corpus.ts) is reported
// as skipped by name, beside the corpus that was looked for, and at least one such suite exists.
//
//   node scripts/fresh-clone-check.mjs                 the committed HEAD (what a clone gets)
//   node scripts/fresh-clone-check.mjs --working-tree  the files git would commit now, uncommitted
//                                                      edits included (to try a change before committing)
//   node scripts/fresh-clone-check.mjs --reuse-unit-report
//                                                      as `npm test` runs it: when this checkout already is
//                                                      what a fresh clone gets (no corpus found, nothing
//                                                      modified or untracked), the unit run `npm test` just
//                                                      made here (.tmp/unit-report.json) is that clone's run,
//                                                      so it is checked instead of running the suite twice
// Other arguments go to vitest, e.g. `-- --exclude '**/*-fuzz.test.ts'` (but a file excluded here
// is not proved to pass without the corpus).
// OMAMORI_KEEP_FRESH_CLONE=1 keeps the folder for a look.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
  unlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PLACEHOLDER = 'needs the interop corpus: '; // the title of describeCorpus's skipped placeholder
const WORKING_TREE = process.argv.includes('--working-tree');
const REUSE = process.argv.includes('--reuse-unit-report');
const VITEST_ARGS = process.argv.slice(2).filter((a) => !['--working-tree', '--reuse-unit-report', '--'].includes(a));
const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

const ROOT = git(path.dirname(fileURLToPath(import.meta.url)), 'rev-parse', '--show-toplevel');
const HEAD = git(ROOT, 'rev-parse', 'HEAD');
const WORK = realpathSync(mkdtempSync(path.join(tmpdir(), 'omamori-fresh-clone-')));
const CLONE = path.join(WORK, 'omamori');
const EXPECTED_CORPUS = path.join(WORK, 'shared', 'testdata');
const started = Date.now();

function fail(lines) {
  console.error(['fresh-clone check FAILED:', ...[lines].flat().map((l) => `  ${l}`)].join('\n'));
  cleanUp();
  process.exit(1);
}

function cleanUp() {
  if (process.env.OMAMORI_KEEP_FRESH_CLONE) return console.log(`fresh-clone check: kept ${WORK}`);
  try {
    unlinkSync(path.join(CLONE, 'node_modules')); // the link only, never what it points to
  } catch {
    /* not made yet */
  }
  rmSync(WORK, { recursive: true, force: true });
}

// 0. With --reuse-unit-report, this checkout may already be what a fresh clone gets.
const UNIT_REPORT = path.join(ROOT, '.tmp', 'unit-report.json');
const whyNotReuse = REUSE ? reasonNotToReuse() : 'not asked';
const REUSING = whyNotReuse === '';
/** Where the tested tree is, and where its tests must have looked for the corpus. */
const BASE = REUSING ? ROOT : CLONE;
const EXPECTED = REUSING ? path.resolve(ROOT, '..', 'shared', 'testdata') : EXPECTED_CORPUS;
if (REUSE && !REUSING) console.log(`fresh-clone check: running the unit suite again in a clone (${whyNotReuse})`);

/** '' when the unit report just written here is a fresh clone's run; else why it is not. */
function reasonNotToReuse() {
  if (WORKING_TREE || VITEST_ARGS.length > 0) return 'other arguments given';
  if (process.env.OMAMORI_CORPUS || existsSync(path.resolve(ROOT, '..', 'shared', 'testdata'))) return 'a corpus is beside this checkout';
  if (git(ROOT, 'status', '--porcelain', '--untracked-files=all') !== '') return 'this checkout has changes a clone would not';
  if (!existsSync(UNIT_REPORT)) return `no ${path.relative(ROOT, UNIT_REPORT)}`;
  const report = JSON.parse(readFileSync(UNIT_REPORT, 'utf8'));
  if (!(report.startTime > Number(git(ROOT, 'log', '-1', '--format=%ct')) * 1000)) return 'the unit report is older than HEAD';
  // A run of some files only (`npm run test:unit -- file`) is not the whole suite.
  const ran = new Set(report.testResults.map((file) => path.relative(ROOT, file.name)));
  const missing = testFiles(path.join(ROOT, 'test', 'unit')).filter((f) => !ran.has(path.relative(ROOT, f)));
  return missing.length > 0 ? `the unit report lacks ${missing.length} test files (a partial run)` : '';
}

function testFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.test.ts'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

// 1. The repository as a fresh clone gets it (or, with --working-tree, as it would be committed).
if (!REUSING) {
  try {
    makeClone();
  } catch (err) {
    fail(`could not make the clone: ${String(err.stderr || err.message).trim()}`);
  }
}

function makeClone() {
  if (WORKING_TREE) {
    mkdirSync(CLONE);
    const files = git(ROOT, 'ls-files', '-z', '--cached', '--others', '--exclude-standard').split('\0').filter(Boolean);
    for (const rel of files) {
      const from = path.join(ROOT, rel);
      if (!existsSync(from) || rel === 'node_modules') continue; // deleted, or this checkout's link
      mkdirSync(path.dirname(path.join(CLONE, rel)), { recursive: true });
      copyFileSync(from, path.join(CLONE, rel));
    }
  } else {
    git(WORK, 'clone', '--quiet', '--no-hardlinks', ROOT, CLONE);
    if (git(CLONE, 'rev-parse', 'HEAD') !== HEAD) git(CLONE, 'checkout', '--quiet', '--detach', HEAD);
  }
  if (existsSync(path.join(WORK, 'shared'))) fail(`${path.join(WORK, 'shared')} exists; the clone must have no ../shared beside it`);
  const modules = path.join(CLONE, 'node_modules');
  if (lstatSync(modules, { throwIfNoEntry: false })?.isSymbolicLink()) {
    // npm install removes such a link ("Removing non-directory") and installs; so does the check.
    console.warn(`fresh-clone check: warning: the repository tracks node_modules (a symlink to ${readlinkSync(modules)}); it should be untracked and ignored`);
    unlinkSync(modules);
  } else if (existsSync(modules)) {
    fail('the repository tracks files under node_modules/');
  }
  symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), modules, process.platform === 'win32' ? 'junction' : 'dir');
}

// 2. The unit suite there, without the corpus (or the run just made, when reusing).
const REPORT = REUSING ? UNIT_REPORT : path.join(WORK, 'vitest-report.json');
if (!REUSING) runUnitSuite();

function runUnitSuite() {
  const env = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
  delete env.OMAMORI_CORPUS;
  for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key];
  const what = WORKING_TREE ? `the working tree of ${ROOT}` : `commit ${HEAD.slice(0, 12)}`;
  if (!WORKING_TREE && git(ROOT, 'status', '--porcelain', '--untracked-files=no') !== '') {
    console.log('fresh-clone check: note: uncommitted changes are not part of this check (--working-tree includes them)');
  }
  console.log(`fresh-clone check: unit tests of ${what} in ${CLONE} (no ../shared, OMAMORI_CORPUS unset)…`);
  const run = spawnSync(
    process.execPath,
    [path.join(CLONE, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${REPORT}`, ...VITEST_ARGS],
    {
      cwd: CLONE,
      env,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 20 * 60_000,
    },
  );
  const output = `${run.stdout ?? ''}${run.stderr ?? ''}`;
  const tail = () => output.trimEnd().split('\n').slice(-80);
  if (run.status !== 0) fail([`vitest exited with ${run.status ?? run.signal} in the fresh clone; its output ends:`, ...tail()]);
  if (!existsSync(REPORT)) fail(['vitest wrote no JSON report; its output ends:', ...tail()]);
}
if (REUSING)
  console.log(
    `fresh-clone check: this checkout is a clean one at ${HEAD.slice(0, 12)} with no corpus beside it: checking the unit run just made (${path.relative(ROOT, UNIT_REPORT)})`,
  );

// 3. What the report says.
const report = JSON.parse(readFileSync(REPORT, 'utf8'));
const tests = report.testResults.flatMap((file) => file.assertionResults.map((t) => ({ ...t, file: path.relative(BASE, file.name) })));
const problems = [];
if (!report.success || report.numFailedTests > 0) problems.push(`the report is not a success (${report.numFailedTests} failed)`);
if (report.numPassedTests === 0) problems.push('no test passed');

const placeholders = tests.filter((t) => t.title.startsWith(PLACEHOLDER));
const corpusSuites = new Map(); // suite name → file
for (const t of placeholders) {
  const suite = t.ancestorTitles.at(-1) ?? '(no suite)';
  if (t.status !== 'skipped') problems.push(`corpus suite "${suite}" (${t.file}) is ${t.status}, not skipped`);
  if (!t.title.includes(`no interop corpus at ${EXPECTED}`)) problems.push(`corpus suite "${suite}" looked elsewhere than ${EXPECTED}: ${t.title}`);
  corpusSuites.set(suite, t.file);
}
if (corpusSuites.size === 0) problems.push('no suite was reported as skipped for want of the corpus (is describeCorpus used?)');

// Every describeCorpus('literal name', …) in the tests must be among them (computed names are
// counted above but cannot be checked by name here).
for (const [file, name] of declaredCorpusSuites(path.join(BASE, 'test'))) {
  if (!corpusSuites.has(name)) problems.push(`describeCorpus("${name}") in ${path.relative(BASE, file)} is not reported as a skipped suite`);
}
if (problems.length > 0) fail(problems);

const skipped = tests.filter((t) => t.status === 'skipped').length;
console.log(
  `fresh-clone check passed in ${((Date.now() - started) / 1000).toFixed(0)} s: ${report.numPassedTests} passed, 0 failed, ${skipped} skipped; ` +
    `${corpusSuites.size} corpus suites skipped by name:\n${[...corpusSuites].map(([s, f]) => `  - ${s}  (${f})`).join('\n')}`,
);
cleanUp();

/** [file, name] of every describeCorpus call whose name is a plain string literal. */
function declaredCorpusSuites(dir) {
  const found = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (file.endsWith(path.join('support', 'corpus.ts'))) continue;
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/\bdescribeCorpus\(\s*(['"])((?:\\.|(?!\1).)*)\1\s*,/g)) found.push([file, m[2].replace(/\\(.)/g, '$1')]);
    for (const m of source.matchAll(/\bdescribeCorpus\(\s*`([^`$]*)`\s*,/g)) found.push([file, m[1]]);
  }
  return found;
}
