// npm run bench: prints the foundation's figures (not a test; nothing here asserts).
//   1. gzip size of the JS loaded before the first code is painted (target ≤ 80 KB)
//   2. navigation → first code painted, offline, device-slot vault with 50 accounts, vs a trivial
//      static page in the same browser run, and their ratio (target ≤ 2.0)
//   3. unlock with the passphrase vs the Argon2id time alone (target: KDF + ≤ 50 ms)
import { spawn, execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const PORT = 4174;
const ORIGIN = `http://localhost:${PORT}`;
const RUNS = 7;
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

// The bench build adds a precached static page (see benchStaticPage in vite.config.ts).
execSync('npx vite build', { stdio: 'ignore', env: { ...process.env, OMAMORI_BENCH: '1' } });
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const stop = () => { try { process.kill(-server.pid); } catch { /* already gone */ } };
process.on('exit', stop);

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(ORIGIN)).ok) return; } catch { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('preview server did not start');
}

// Polls every frame for the first painted code inside the shadow roots; records its time.
const FIRST_CODE_PROBE = () => {
  const find = () => {
    const list = document.querySelector('omamori-app')?.shadowRoot?.querySelector('omamori-code-list');
    const card = list?.shadowRoot?.querySelector('omamori-code-card');
    const code = card?.shadowRoot?.querySelector('[data-testid="code"]');
    return code && /\d/.test(code.textContent ?? '');
  };
  const poll = (ts) => { if (find()) { window.__firstCode = ts; } else requestAnimationFrame(poll); };
  requestAnimationFrame(poll);
};


await waitForServer();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
const context = await browser.newContext();
const page = await context.newPage();
const jsBytes = new Map();
page.on('response', async (res) => {
  const url = new URL(res.url());
  if (url.origin === ORIGIN && url.pathname.endsWith('.js')) jsBytes.set(url.pathname, url.pathname);
});

// --- set up a device-slot vault with 50 accounts through the UI
await page.goto(ORIGIN);
await page.getByTestId('start-create').click();
const passphrase = 'bench passphrase for omamori';
await page.getByTestId('new-passphrase').fill(passphrase);
await page.getByTestId('confirm-passphrase').fill(passphrase);
await page.getByTestId('device-slot').check();
await page.getByTestId('create-submit').click();
await page.getByTestId('empty-list').waitFor({ timeout: 60_000 });
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
for (let i = 0; i < 50; i++) {
  await page.getByTestId('add-account').first().click();
  await page.getByTestId('mode-uri').check();
  const secret = `JBSWY3DPEHPK3PXP${B32[i % 32]}${B32[Math.floor(i / 32)]}AAAAAA`;
  await page.getByTestId('field-uri').fill(`otpauth://totp/Service${i}:user${i}@example.com?secret=${secret}&issuer=Service${i}`);
  await page.getByTestId('save-account').click();
  await page.getByTestId('account-form').waitFor({ state: 'detached' });
}
await page.evaluate(async () => { await navigator.serviceWorker.ready; });
await page.reload();
await page.getByTestId('code-card').first().waitFor();

// --- 1. JS before the first code: what a device-slot start loads
jsBytes.clear();
await page.reload();
await page.getByTestId('code-card').first().waitFor();
let gz = 0;
const files = [];
for (const path of jsBytes.keys()) {
  const size = gzipSync(readFileSync(`dist${path}`), { level: 9 }).length;
  gz += size;
  files.push(`${path} ${(size / 1024).toFixed(1)} KB`);
}

// --- 2. first code painted, offline, vs a static page
await context.setOffline(true);
await context.addInitScript(FIRST_CODE_PROBE);
const appTimes = [];
const staticTimes = [];
for (let i = 0; i < RUNS; i++) {
  const tab = await context.newPage();
  await tab.goto(ORIGIN);
  await tab.waitForFunction(() => window.__firstCode !== undefined, null, { timeout: 30_000 });
  appTimes.push(await tab.evaluate(() => window.__firstCode));
  await tab.close();
  const other = await context.newPage();
  await other.goto(`${ORIGIN}/bench-static.html`);
  await other.waitForFunction(() => window.__firstCode !== undefined);
  staticTimes.push(await other.evaluate(() => window.__firstCode));
  await other.close();
}
await context.setOffline(false);

// --- 3. unlock with the passphrase: the app records User Timing measures (no secrets in them)
const unlockRuns = [];
for (let i = 0; i < 3; i++) {
  await page.evaluate(() => performance.clearMeasures());
  await page.getByTestId('lock').click();
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('code-card').first().waitFor();
  unlockRuns.push(await page.evaluate(() => ({
    kdf: performance.getEntriesByName('omamori:kdf').at(-1)?.duration ?? NaN,
    unlock: performance.getEntriesByName('omamori:unlock').at(-1)?.duration ?? NaN,
  })));
}

console.log('Omamori bench');
console.log(`JS before first code (gzip): ${(gz / 1024).toFixed(1)} KB  (target ≤ 80 KB)`);
for (const f of files) console.log(`  ${f}`);
const app = median(appTimes);
const stat = median(staticTimes);
console.log(`First code painted, offline, 50 accounts, device slot: ${fmt(app)} (median of ${RUNS})`);
console.log(`Static page first paint, offline from the same SW:     ${fmt(stat)}`);
console.log(`Ratio: ${(app / stat).toFixed(2)}  (target ≤ 2.0)`);
const kdf = median(unlockRuns.map((r) => r.kdf));
const unlock = median(unlockRuns.map((r) => r.unlock));
console.log(`Unlock with passphrase: ${fmt(unlock)}; Argon2id alone: ${fmt(kdf)}; overhead ${fmt(unlock - kdf)} (target ≤ 50 ms)`);
await browser.close();
stop();
process.exit(0);
