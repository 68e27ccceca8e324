/**
 * @file Which Chromium the end-to-end tests drive. One rule, used by playwright.config.ts (the
 * launch options) and by scripts/ensure-browser.mjs (which `npm run test:e2e` runs first and which
 * installs a browser when this finds none):
 *
 *   1. `CHROMIUM_PATH`, when set;
 *   2. a system Chromium or Chrome: /usr/bin/chromium, then chromium, chromium-browser,
 *      google-chrome, google-chrome-stable on PATH (and the usual app folders on macOS);
 *   3. Playwright's own Chromium, when `npx playwright install chromium` has put it on disk
 *      (Playwright finds it itself: no executablePath).
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const MACOS_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

/** True for an existing regular file this user may execute. */
export function isExecutable(file) {
  try {
    if (!statSync(file).isFile()) return false;
    if (process.platform !== 'win32') accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name, env) {
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE').split(';')] : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const file = path.join(dir, name + ext);
      if (isExecutable(file)) return file;
    }
  }
  return undefined;
}

/** Playwright's own Chromium for this version of @playwright/test, when it is installed. */
function playwrightChromium() {
  try {
    const file = chromium.executablePath();
    return file && existsSync(file) ? file : undefined;
  } catch {
    return undefined; // a platform Playwright has no build for
  }
}

/**
 * The browser the end-to-end tests use, or null when there is none.
 * `executablePath` is what goes into Playwright's launch options (undefined for Playwright's own
 * build); `file` is the binary itself, for messages.
 *
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {{ source: 'CHROMIUM_PATH' | 'system' | 'playwright', file: string, executablePath: string | undefined } | null}
 */
export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    const file = path.resolve(env.CHROMIUM_PATH);
    return { source: 'CHROMIUM_PATH', file, executablePath: file };
  }
  const candidates = ['/usr/bin/chromium', ...SYSTEM_NAMES.map((n) => onPath(n, env)), ...(process.platform === 'darwin' ? MACOS_APPS : [])];
  const system = candidates.find((file) => file !== undefined && isExecutable(file));
  if (system) return { source: 'system', file: system, executablePath: system };
  const own = playwrightChromium();
  if (own) return { source: 'playwright', file: own, executablePath: undefined };
  return null;
}

/** True when this process runs as root (Chromium's sandbox cannot run as root). */
export function runningAsRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Flags for every launch (what Debian's Chromium needs headless in a container). `--no-sandbox` only as
 * root, where Chromium refuses to start without it. (Playwright itself also passes it unless
 * `chromiumSandbox: true` is set.)
 */
export function chromiumArgs() {
  return [
    ...(runningAsRoot() ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

/**
 * How to get a browser on this machine when there is none:
 * - `apt`: Debian (and derivatives other than Ubuntu) as root: Debian's chromium package;
 * - `apt-manual`: Debian, not root: the command to run (with sudo);
 * - `playwright`: elsewhere, Playwright's own build (`--with-deps` as root on Ubuntu, whose apt
 *   chromium is only a wrapper around a snap).
 *
 * @returns {{ kind: 'apt' | 'apt-manual' | 'playwright', command: string, argv?: string[] }}
 */
export function installPlan() {
  const os = osRelease();
  const ids = [os.ID ?? '', ...(os.ID_LIKE ?? '').split(/\s+/)].filter(Boolean);
  const ubuntu = ids.includes('ubuntu');
  const debian = process.platform === 'linux' && ids.includes('debian') && !ubuntu && existsSync('/usr/bin/apt-get');
  if (debian) {
    return runningAsRoot()
      ? { kind: 'apt', command: 'apt-get update && apt-get install -y chromium fonts-noto-cjk' }
      : { kind: 'apt-manual', command: 'sudo apt-get install chromium fonts-noto-cjk' };
  }
  const argv = ['playwright', 'install', ...(ubuntu && runningAsRoot() ? ['--with-deps'] : []), 'chromium'];
  return { kind: 'playwright', command: `npx ${argv.join(' ')}`, argv };
}

function osRelease() {
  try {
    const fields = {};
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=("?)(.*)\2$/.exec(line.trim());
      if (m) fields[m[1]] = m[3];
    }
    return fields;
  } catch {
    return {};
  }
}
