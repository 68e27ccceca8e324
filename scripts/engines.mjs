#!/usr/bin/env node
/**
 * `npm run test:engines`: the core journeys (e2e-engines/journeys.mjs) in WebKit and Firefox,
 * against the production build served by `vite preview`.
 *
 *   node scripts/engines.mjs [--engine webkit|firefox] [--dist DIR | --reuse-e2e-build] [--journeys 1,6] [--one-at-a-time] [--no-retry]
 *
 * - Engines: Debian's WebKitWebDriver + MiniBrowser under Xvfb (webdriverio) and Firefox ESR over
 *   WebDriver BiDi (puppeteer-core); found, or installed with apt-get as root on Debian/Ubuntu,
 *   else the run stops with one sentence naming the command (never a silent skip). WEBKIT_DRIVER,
 *   WEBKIT_MINIBROWSER and FIREFOX_PATH point to other binaries.
 * - Build: `--dist DIR` (or OMAMORI_ENGINES_DIST) reuses a build; `--reuse-e2e-build` (npm test)
 *   reuses the one the Chromium suite just made (playwright.config.ts's folder) when it is newer
 *   than every source file; otherwise it builds into dist-engines/.
 * - Both engines run at the same time (each mostly waits on its browser; together they take about
 *   as long as the slower one), each against its own `vite preview`, because journey 2 stops its
 *   server to go offline: WebKit's on port 4273 (OMAMORI_ENGINES_PORT) with its WebDriver ports
 *   just above, Firefox's on 4273 + 3. `--one-at-a-time` runs them in turn. The servers report
 *   CSP violations as in the Chromium suite; any violation fails the run.
 * - An engine whose run fails runs once more from journey 1 (runWithRetry); `--no-retry` does not.
 * Prints each journey's pass/fail by name and its time; exits 1 on any failure.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startFirefox, startWebKit, waitFor } from '../e2e-engines/drivers.mjs';
import { JOURNEYS } from '../e2e-engines/journeys.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const PORT = Number(process.env.OMAMORI_ENGINES_PORT ?? 4273);
const OUT = path.join(ROOT, 'test-results/engines');
const JOURNEY_TIMEOUT_MS = 240_000;
const APT = 'apt-get install -y webkit2gtk-driver xvfb firefox-esr';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function stop(sentence) {
  console.error(`engines: ${sentence}`);
  process.exit(1);
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((d) => path.join(d, name))
    .find(executable);
}

/** The binaries each engine needs; a missing one is undefined. */
function findEngines() {
  const arch = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  const mini = [process.env.WEBKIT_MINIBROWSER, `/usr/lib/${arch}/webkit2gtk-4.1/MiniBrowser`, `/usr/lib/${arch}/webkitgtk-6.0/MiniBrowser`];
  return {
    webkit: {
      driver: process.env.WEBKIT_DRIVER ?? onPath('WebKitWebDriver'),
      miniBrowser: mini.find((f) => f && executable(f)),
      xvfb: process.env.DISPLAY ? 'DISPLAY' : onPath('Xvfb'),
    },
    firefox: { executablePath: [process.env.FIREFOX_PATH, onPath('firefox-esr'), onPath('firefox')].find((f) => f && executable(f)) },
  };
}

function missing(found, engines) {
  return engines.flatMap((e) =>
    Object.entries(found[e])
      .filter(([, v]) => !v)
      .map(([k]) => `${e} ${k}`),
  );
}

/** Found, or installed with apt-get as root on Debian/Ubuntu; otherwise one sentence and exit 1. */
function ensureEngines(engines) {
  let found = findEngines();
  let lacking = missing(found, engines);
  if (lacking.length === 0) return found;
  const os = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const apt = process.platform === 'linux' && /^ID(_LIKE)?=.*\b(debian|ubuntu)\b/m.test(os) && existsSync('/usr/bin/apt-get');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const how = `run \`${root ? '' : 'sudo '}${APT}\` (Debian; or set WEBKIT_DRIVER, WEBKIT_MINIBROWSER and FIREFOX_PATH), then npm test again`;
  if (!apt || !root) stop(`no ${lacking.join(', ')} for the engine journeys: ${how}.`);
  console.log(`engines: ${lacking.join(', ')} missing; installing with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const ok = (args) => spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] }).status === 0;
  if (!(ok(['update', '-qq']) && ok(['install', '-y', '-qq', ...APT.split(' ').slice(3)]))) stop(`apt-get failed: ${how}.`);
  found = findEngines();
  lacking = missing(found, engines);
  if (lacking.length) stop(`after the install there is still no ${lacking.join(', ')}: ${how}.`);
  return found;
}

/** Newest modification time of the files a build is made from. */
function newestSource() {
  let newest = 0;
  const walk = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) walk(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const p of ['src', 'public', 'index.html', 'vite.config.ts', 'package-lock.json']) if (existsSync(path.join(ROOT, p))) walk(path.join(ROOT, p));
  return newest;
}

/** The Chromium suite's build folder (playwright.config.ts), when it is complete and newer than the sources. */
function e2eBuild() {
  const port = Number(process.env.OMAMORI_E2E_PORT ?? 4173);
  const dir = port === 4173 ? 'dist' : `dist-e2e-${port}`;
  const sw = path.join(ROOT, dir, 'sw.js');
  if (existsSync(sw) && statSync(sw).mtimeMs > newestSource()) return dir;
  console.log(`engines: ${dir}/ is missing or older than the sources; building instead`);
  return undefined;
}

function build() {
  const given = arg('--dist') ?? process.env.OMAMORI_ENGINES_DIST ?? (process.argv.includes('--reuse-e2e-build') ? e2eBuild() : undefined);
  if (given) {
    const dir = path.resolve(ROOT, given);
    if (!existsSync(path.join(dir, 'sw.js')))
      stop(`--dist ${given} holds no production build (no sw.js): run \`npx vite build --outDir ${given}\` or leave --dist out.`);
    console.log(`engines: reusing the build in ${given}`);
    return dir;
  }
  const dir = path.join(ROOT, 'dist-engines');
  console.log('engines: building the production app into dist-engines/…');
  const r = spawnSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) stop('the production build failed (see above).');
  return dir;
}

/** `vite preview` that journey 2 can stop (the network gone) and start again; keeps the CSP reports. */
function previewServer(dist, port) {
  const ORIGIN = `http://127.0.0.1:${port}`;
  let proc = null;
  const csp = [];
  const server = {
    async start() {
      proc = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
        cwd: ROOT,
        env: { ...process.env, OMAMORI_E2E_CSP_REPORTS: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
        detached: true,
      });
      await waitFor(`vite preview on ${ORIGIN}`, () => fetch(`${ORIGIN}/`).then((r) => r.ok), 60_000);
    },
    async stop() {
      if (!proc) return;
      csp.push(
        ...(await fetch(`${ORIGIN}/__csp-reports`)
          .then((r) => r.json())
          .catch(() => [])),
      );
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      process.kill(-proc.pid, 'SIGTERM');
      await exited;
      proc = null;
      await waitFor(
        'the server to be gone',
        () =>
          fetch(`${ORIGIN}/`).then(
            () => false,
            () => true,
          ),
        10_000,
      );
    },
    reports: () => csp,
    kill() {
      if (proc) process.kill(-proc.pid, 'SIGKILL');
    },
  };
  return server;
}

/**
 * The user's own display if there is one, else Xvfb on a display it picks itself (-displayfd), so
 * parallel runs do not collide. Never written to process.env: a second run (runWithRetry) starts
 * its own Xvfb instead of finding the first one's display, gone with it.
 */
const USER_DISPLAY = process.env.DISPLAY;
async function startXvfb() {
  if (USER_DISPLAY) return { display: USER_DISPLAY, stop() {} };
  const proc = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  let out = '';
  proc.stdio[3].on('data', (d) => (out += d));
  const n = await waitFor('Xvfb to pick a display', () => (/\d+\n/.test(out) ? out.trim() : null), 10_000);
  return { display: `:${n}`, stop: () => proc.kill() };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took over ${ms / 1000} s`)), ms)))]).finally(
    () => clearTimeout(timer),
  );
}

async function runEngine(name, found, results) {
  // Its own server (its own origin too): journey 2 of the other engine stops only that one's.
  const port = name === 'webkit' ? PORT : PORT + 3;
  const origin = `http://127.0.0.1:${port}`;
  const server = previewServer(dist, port);
  servers.push(server);
  try {
    await server.start();
  } catch (err) {
    results.push({ engine: name, journey: 'start the preview server', ok: false, error: err.message, seconds: 0 });
    console.log(`✗ [${name}] no preview server: ${err.message}`);
    return;
  }
  const started = Date.now();
  let xvfb;
  let engine;
  try {
    if (name === 'webkit') {
      xvfb = await startXvfb();
      engine = await startWebKit({ driver: found.webkit.driver, miniBrowser: found.webkit.miniBrowser, port: PORT + 1, display: xvfb.display });
    } else {
      engine = await startFirefox({ executablePath: found.firefox.executablePath });
    }
  } catch (err) {
    xvfb?.stop();
    await server.stop();
    results.push({ engine: name, journey: 'start the engine', ok: false, error: err.message, seconds: 0 });
    console.log(`✗ [${name}] could not start: ${err.message}`);
    return;
  }
  // ctx.file: a path in test-results/engines/, made again if something (a Playwright run) emptied test-results/.
  const file = (name) => (mkdirSync(OUT, { recursive: true }), path.join(OUT, name));
  const ctx = { engine, origin, server, file, features: {} };
  try {
    const picked = arg('--journeys')?.split(',');
    for (const journey of JOURNEYS.filter((j) => !picked || picked.includes(j.name.split(' ')[0]))) {
      const t0 = Date.now();
      try {
        await withTimeout(journey.run(ctx), JOURNEY_TIMEOUT_MS, journey.name);
        results.push({ engine: name, journey: journey.name, ok: true, seconds: (Date.now() - t0) / 1000 });
        console.log(`✓ [${name}] ${journey.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
      } catch (err) {
        results.push({ engine: name, journey: journey.name, ok: false, error: err.message, seconds: (Date.now() - t0) / 1000 });
        console.log(`✗ [${name}] ${journey.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n    ${err.message.split('\n').join('\n    ')}`);
        if (ctx.main) await ctx.main.screenshot(file(`${name}-failed-${journey.name.slice(0, 1)}.png`)).catch(() => {});
      }
    }
    writeFileSync(file(`features-${name}.json`), `${JSON.stringify({ version: await engine.version(), ...ctx.features }, null, 2)}\n`);
  } finally {
    // Whatever happened, no browser, driver or display is left behind.
    await ctx.main?.close();
    await engine.stop();
    xvfb?.stop();
    await server.stop();
  }
  console.log(`  [${name}] ${((Date.now() - started) / 1000).toFixed(1)} s in all; what it offers: test-results/engines/features-${name}.json`);
}

const only = arg('--engine');
const engines = only ? [only] : ['webkit', 'firefox'];
if (engines.some((e) => !['webkit', 'firefox'].includes(e))) stop(`--engine is webkit or firefox, not ${only}.`);
const t0 = Date.now();
const found = ensureEngines(engines);
const dist = build();
// Journey 4 reads the expected accounts with the CLI (built by `npm ci`'s prepare and by npm test).
if (!existsSync(path.join(ROOT, 'cli-dist/omamori.mjs')) && spawnSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'inherit' }).status !== 0) {
  stop('`npm run build:cli` failed (see above).');
}
mkdirSync(OUT, { recursive: true });
const servers = [];
process.on('SIGINT', () => {
  for (const s of servers) s.kill();
  process.exit(130);
});
const results = [];
const flaky = [];
/**
 * An engine whose run fails runs its journeys once more from the start (as the Chromium suite
 * retries on CI): a loaded machine can still lose a WebDriver click. Its first failures are named
 * as flaky; a failure that repeats fails the run. `--no-retry` reports the first run only.
 */
async function runWithRetry(name) {
  const first = [];
  await runEngine(name, found, first);
  if (first.every((r) => r.ok) || process.argv.includes('--no-retry')) return void results.push(...first);
  console.log(`engines: [${name}] ${first.filter((r) => !r.ok).length} failed; running its journeys once more`);
  const second = [];
  await runEngine(name, found, second);
  if (second.every((r) => r.ok)) flaky.push(...first.filter((r) => !r.ok));
  results.push(...second);
}
try {
  if (process.argv.includes('--one-at-a-time')) for (const name of engines) await runWithRetry(name);
  else await Promise.all(engines.map(runWithRetry));
} finally {
  for (const s of servers) s.kill();
}
const violations = servers.flatMap((s) => s.reports());
if (violations.length) {
  results.push({ engine: engines.join('+'), journey: 'no CSP violation', ok: false });
  console.log(`✗ ${violations.length} CSP violation(s):\n${violations.map((v) => `    ${JSON.stringify(v['csp-report'] ?? v)}`).join('\n')}`);
}
const failed = results.filter((r) => !r.ok);
for (const f of flaky) console.log(`flaky (failed, then passed on the second run): [${f.engine}] ${f.journey}`);
for (const f of failed) console.log(`failed: [${f.engine}] ${f.journey}`);
console.log(
  `engines: ${results.length - failed.length} passed, ${failed.length} failed in ${((Date.now() - t0) / 1000).toFixed(0)} s (screenshots in test-results/engines/)`,
);
process.exit(failed.length ? 1 : 0);
