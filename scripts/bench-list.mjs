// node scripts/bench-list.mjs: figures for the code list at scale (issue #6). Prints, asserts nothing.
//   For 1,000 and 10,000 accounts (restored from a backup written here with the production codec):
//   1. unlock (passphrase submitted) → first code painted, and the same minus Argon2id
//   2. search keystroke → repaint of the list (median; target ≤ 16 ms at 10,000)
//   3. cards in the DOM, JS heap, DOM nodes, main-thread busy time while the codes tick
//   Also the gzip size of the lazily loaded virtualizer chunks.
// Flags, for measuring one part while working on it (several developers share one machine):
//   --counts 10000    only these account counts (comma-separated; default 1000,10000)
//   --no-search       skip the search keystroke figures (the slowest part of a run)
//   OMAMORI_BENCH_PORT=4186  the preview port (default 4250), so two worktrees can run it at once
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';
import { median, recordResults, restoreVault, startPreview } from './bench-lib.mjs';
import { runnerImport } from 'vite';

const PORT = Number(process.env.OMAMORI_BENCH_PORT ?? 4250);
const flag = (name) => process.argv[process.argv.indexOf(name) + 1];
const COUNTS = process.argv.includes('--counts') ? flag('--counts').split(',').map(Number) : [1000, 10_000];
const SEARCH = !process.argv.includes('--no-search');
const ORIGIN = `http://localhost:${PORT}`;
const OUT = `.tmp/dist-bench-list-${PORT}`;
const PASSPHRASE = 'bench list passphrase';
const UNLOCK_RUNS = 5;
const KEY_RUNS = 21;
const ARGS = chromiumArgs();
const fmt = (ms) => `${ms.toFixed(1)} ms`;

execSync(`npx vite build --outDir ${OUT} --emptyOutDir`, { stdio: 'ignore' });

const { module: seed } = await runnerImport('./e2e/support/seed-backup.ts');

// Deep queries through the shadow roots, by test id only (whatever the list's components are called).
const PAGE_HELPERS = () => {
  const deepAll = (root, selector, out = []) => {
    out.push(...root.querySelectorAll(selector));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, selector, out);
    return out;
  };
  const codes = () => deepAll(document, '[data-testid="code"]');
  window.__bench = {
    cards: codes,
    firstName: () => deepAll(document, '[data-testid="name"]')[0]?.textContent ?? '',
    firstCodePainted: () => /\d/.test(codes()[0]?.textContent ?? ''),
    // Resolves with keydown → the first frame whose DOM shows the expected first account.
    armKey(prefix) {
      window.__bench.pending = new Promise((resolve) => {
        let t0 = 0;
        const poll = () => (window.__bench.firstName().startsWith(prefix) ? resolve(performance.now() - t0) : requestAnimationFrame(poll));
        const onKey = (e) => {
          t0 = e.timeStamp;
          window.removeEventListener('keydown', onKey, true);
          requestAnimationFrame(poll);
        };
        window.addEventListener('keydown', onKey, true);
      });
    },
    // Resolves with the unlock click → first frame with a painted code.
    armUnlock() {
      window.__bench.pending = new Promise((resolve) => {
        let t0 = 0;
        const poll = () => (window.__bench.firstCodePainted() ? resolve(performance.now() - t0) : requestAnimationFrame(poll));
        const onClick = (e) => {
          if (!e.composedPath().some((n) => n.dataset?.testid === 'unlock-submit')) return;
          t0 = e.timeStamp;
          window.removeEventListener('click', onClick, true);
          requestAnimationFrame(poll);
        };
        window.addEventListener('click', onClick, true);
      });
    },
  };
};

async function benchCount(browser, count) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(PAGE_HELPERS);
  const page = await context.newPage();
  await restoreVault(page, { origin: ORIGIN, seed, count, passphrase: PASSPHRASE });

  const unlock = [];
  for (let i = 0; i < UNLOCK_RUNS; i++) {
    await page.getByTestId('lock').click();
    await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
    await page.evaluate(() => {
      performance.clearMeasures();
      window.__bench.armUnlock();
    });
    await page.getByTestId('unlock-submit').click();
    const total = await page.evaluate(() => window.__bench.pending);
    const kdf = await page.evaluate(() => performance.getEntriesByName('omamori:kdf').at(-1)?.duration ?? NaN);
    unlock.push({ total, kdf });
  }

  // Idle with the codes ticking: main-thread busy time over 5 s, heap and nodes.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const metric = async (name) => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === name)?.value ?? NaN;
  await page.waitForTimeout(1000);
  const busy0 = await metric('TaskDuration');
  await page.waitForTimeout(5000);
  const busy = ((await metric('TaskDuration')) - busy0) / 5;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await metric('JSHeapUsedSize');
  const nodes = await metric('Nodes');
  const cards = await page.evaluate(() => window.__bench.cards().length);

  // Search: type all but the last digit, then time the last keystroke.
  const keys = [];
  const clears = [];
  if (!SEARCH) {
    await context.close();
    return { unlock, busy, heap, nodes, cards, keys, clears };
  }
  const digits = String(count - 1).length;
  const search = page.getByTestId('search');
  for (let i = 0; i < KEY_RUNS; i++) {
    const n = 10 ** (digits - 1) + Math.floor(Math.random() * (count - 10 ** (digits - 1)));
    const query = `user${n}`;
    await search.fill(query.slice(0, -1));
    await page.waitForTimeout(100);
    await page.evaluate((prefix) => window.__bench.armKey(prefix), `${query}@`);
    await page.keyboard.press(query.at(-1));
    keys.push(await page.evaluate(() => window.__bench.pending));
  }
  // And clearing the search (one keystroke back to all accounts).
  for (let i = 0; i < 5; i++) {
    await search.fill('user1');
    await page.waitForTimeout(100);
    await page.evaluate(() => window.__bench.armKey('user0@'));
    await search.press('Escape');
    clears.push(await page.evaluate(() => window.__bench.pending));
  }
  await context.close();
  return { unlock, busy, heap, nodes, cards, keys, clears };
}

const { stop } = await startPreview(PORT, OUT);
const browser = await chromium.launch({ executablePath: findChromium()?.executablePath, args: ARGS });
console.log('Omamori list bench (production build, 1280x800)');
const lazy = readdirSync(`${OUT}/assets`).filter((f) => /^(virtualize|flow)-.*\.js$/.test(f));
const lazyGz = lazy.reduce((sum, f) => sum + gzipSync(readFileSync(`${OUT}/assets/${f}`), { level: 9 }).length, 0);
console.log(`Virtualizer, loaded only above 200 accounts: ${lazy.join(' + ')} = ${(lazyGz / 1024).toFixed(1)} KB gzip`);
for (const count of COUNTS) {
  const r = await benchCount(browser, count);
  const total = median(r.unlock.map((u) => u.total));
  const kdf = median(r.unlock.map((u) => u.kdf));
  console.log(`\n${count.toLocaleString('en-US')} accounts`);
  console.log(`  unlock submitted → first code painted: ${fmt(total)} (median of ${UNLOCK_RUNS}); Argon2id ${fmt(kdf)}; the rest ${fmt(total - kdf)}`);
  if (SEARCH) {
    console.log(`  search keystroke → repaint: median ${fmt(median(r.keys))}, max ${fmt(Math.max(...r.keys))} (${KEY_RUNS} keystrokes; target ≤ 16 ms)`);
    console.log(`  Escape (clear search) → repaint of all: median ${fmt(median(r.clears))}`);
  }
  console.log(
    `  codes in the DOM: ${r.cards}; DOM nodes ${r.nodes}; JS heap ${(r.heap / 1048576).toFixed(1)} MB; main thread busy while ticking: ${(r.busy * 100).toFixed(1)} %`,
  );
  recordResults({
    [`unlockRest${count}Ms`]: total - kdf,
    ...(SEARCH ? { [`searchKeystroke${count}Ms`]: median(r.keys) } : {}),
    [`idleBusyPct${count}`]: r.busy * 100,
    [`heap${count}Bytes`]: r.heap,
  });
}
await browser.close();
stop();
process.exit(0);
