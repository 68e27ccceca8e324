/**
 * What the built command loads (issue 13: a short command's time is mostly Node finding, reading
 * and compiling code, and Node 20 has no compile cache). bin/omamori.mjs runs on cli-dist/ with a
 * module hook that records every module loaded; cli-dist keeps each bundled source file's
 * `// src/…` comment, so the test sees which of our modules and which packages a command needed.
 * A text file of links must not load image decoding, the other importers, the exporters or the
 * backup and crypto code: those come only with the files that need them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_FILES } from '../formats/export/export-samples';
import { ensureCliBuilt, fixture } from './cli-helpers';

const ROOT = process.cwd();
const BIN = path.join(ROOT, 'bin/omamori.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'omamori-cli-loads-'));

/** Registers a `load` hook (Node ≥ 20.6) that appends each module's URL to $OMAMORI_LOAD_LOG. */
function writeHook(): string {
  writeFileSync(
    path.join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.OMAMORI_LOAD_LOG, url + '\\n');
  return next(url, context);
}
`,
  );
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(path.join(dir, 'hooks.mjs')).href)});\n`);
  return register;
}

interface Loaded {
  /** Packages loaded from node_modules (`sharp`, `@zip.js/zip.js`). */
  packages: string[];
  /** Our source files in the cli-dist files loaded (`src/cli/read-input.ts`). */
  sources: string[];
}

let run = 0;
function loadsOf(args: string[]): Loaded {
  const log = path.join(dir, `loads-${run++}.txt`);
  writeFileSync(log, '');
  const r = spawnSync(process.execPath, ['--import', writeHook(), BIN, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', OMAMORI_LOAD_LOG: log },
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  expect(r.stderr.replace(/^.*ExperimentalWarning.*\n|^\(Use `node --trace-warnings.*\n/gm, '')).not.toMatch(/omamori:|Error/);
  expect(r.status).toBe(0);
  const urls = readFileSync(log, 'utf8')
    .split('\n')
    .filter((u) => u.startsWith('file:'));
  const files = urls.map((u) => fileURLToPath(u));
  const packages = files.flatMap((f) => {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f);
    return m?.[1] === undefined ? [] : [m[1]];
  });
  const sources = files
    .filter((f) => f.startsWith(path.join(ROOT, 'cli-dist')))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1] ?? ''));
  return { packages: [...new Set(packages)].sort(), sources: [...new Set(sources)].sort() };
}

/** Loaded only by the files (or commands) that need them. */
const HEAVY_PACKAGES = ['sharp', 'zxing-wasm', '@noble/ciphers', 'hash-wasm', 'kdbxweb', '@zip.js/zip.js', '@xmldom/xmldom', 'qrcode'];
const NOT_FOR_LINKS = [
  'src/formats/import/registry.ts',
  'src/formats/import/aegis.ts',
  'src/formats/export/registry.ts',
  'src/core/export-file.ts',
  'src/core/codes.ts',
];

describe('what the built command loads', () => {
  beforeAll(() => {
    ensureCliBuilt();
  }, 120_000);

  it('inspect of a text file of transfer links: the link-list importers only, no package from node_modules', () => {
    const { packages, sources } = loadsOf(['inspect', fixture(FIXTURE_FILES.googleUris)]);
    expect(sources).toContain('src/formats/import/google-migration-text.ts');
    expect(sources.filter((s) => NOT_FOR_LINKS.includes(s))).toEqual([]);
    expect(packages.filter((p) => HEAVY_PACKAGES.includes(p))).toEqual([]);
  });

  it('inspect of a plain Aegis export loads the importer registry, and convert to a QR image loads qrcode', () => {
    // The recording itself works: what a file needs is seen when it is loaded.
    expect(loadsOf(['inspect', fixture(FIXTURE_FILES.aegisPlain)]).sources).toContain('src/formats/import/registry.ts');
    const qr = loadsOf(['convert', fixture(FIXTURE_FILES.otpauth), '--to', 'google-qr', '--out', path.join(dir, 'qr/')]);
    expect(qr.packages).toContain('qrcode');
    expect(qr.sources).toContain('src/formats/export/registry.ts');
  });
});
