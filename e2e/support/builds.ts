/**
 * Production builds for the service-worker specs (sw-update, sw-kill-switch). Their first version
 * is the build the suite already serves (playwright.config.ts's webServer made it at the start of
 * the run), not one more build of the same sources: each production build costs 10–35 s of a
 * worker on CI's 2 cores. Only the builds that must differ (a new version, the kill switch) are made.
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { E2E_OUT_DIR } from '../../playwright.config';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PKG_VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

export interface Build {
  dir: string;
  /** The version the settings screen shows for this build. */
  version: string;
}

/** A production build into `dir`, its version marked with `label` (vite.config.ts, OMAMORI_BUILD_LABEL). */
export function buildVariant(dir: string, label: string, env: Record<string, string> = {}): Build {
  execSync(`npx vite build --outDir ${dir} --emptyOutDir`, { stdio: 'ignore', env: { ...process.env, ...env, OMAMORI_BUILD_LABEL: label } });
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
