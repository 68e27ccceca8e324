/**
 * Production builds for the service-worker specs (sw-update, sw-kill-switch). Their first version
 * is the build the suite already serves (playwright.config.ts's webServer made it at the start of
 * the run), not one more build of the same sources: each production build costs 10–35 s of a
 * worker on CI's 2 cores. Only the builds that must differ (a new version, the kill switch) are
 * made, and a variant is made again only when its folder does not hold one from the same label,
 * environment and sources: a worker that restarts after a failure (or a retry on CI) runs the
 * spec's beforeAll again, and on a loaded machine that rebuild was a 100 s gap in the run.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_OUT_DIR } from '../../playwright.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PKG_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
/** What a production build is made from (as scripts/engines.mjs judges the suite's build). */
const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'package-lock.json'];
/** Written into a variant's folder after its build: what it was built with. */
const STAMP = '.e2e-variant.json';

export interface Build {
  dir: string;
  /** The version the settings screen shows for this build. */
  version: string;
}

/** Newest modification time of the files a build is made from. */
function newestSource(): number {
  let newest = 0;
  const walk = (p: string): void => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) walk(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of SOURCES) if (existsSync(path.join(ROOT, p))) walk(path.join(ROOT, p));
  return newest;
}

/** True when `dir` holds a complete build stamped with `stamp` and newer than every source. */
function upToDate(dir: string, stamp: string): boolean {
  const file = path.join(ROOT, dir, STAMP);
  if (!existsSync(file) || !existsSync(path.join(ROOT, dir, 'sw.js'))) return false;
  return readFileSync(file, 'utf8') === stamp && statSync(file).mtimeMs > newestSource();
}

/** A production build into `dir`, its version marked with `label` (vite.config.ts, OMAMORI_BUILD_LABEL). */
export function buildVariant(dir: string, label: string, env: Record<string, string> = {}): Build {
  const buildEnv = { ...process.env, ...env, OMAMORI_BUILD_LABEL: label };
  // vite.config.ts reads OMAMORI_* variables (the label, the kill switch, the bench build).
  const stamp = JSON.stringify(
    Object.entries(buildEnv)
      .filter(([k]) => k.startsWith('OMAMORI_'))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  if (!upToDate(dir, stamp)) {
    execSync(`npx vite build --outDir ${dir} --emptyOutDir`, { cwd: ROOT, stdio: 'ignore', env: buildEnv });
    writeFileSync(path.join(ROOT, dir, STAMP), stamp);
  }
  return { dir, version: `${PKG_VERSION}+${label}` };
}

/**
 * The suite's own build. When a dev server started elsewhere was reused (no build in this
 * checkout's folder), one is made into `fallbackDir` instead.
 */
export function suiteBuild(fallbackDir: string): Build {
  if (existsSync(path.join(ROOT, E2E_OUT_DIR, 'sw.js'))) return { dir: E2E_OUT_DIR, version: PKG_VERSION };
  return buildVariant(fallbackDir, 'v1');
}
