// npm run bench, part 1 (scripts/bench-all.mjs runs it): prints figures and writes them to
// bench/results.json (not a test; nothing here asserts). Medians of RUNS after one warm-up; the app
// and a trivial static page served by the same service worker alternate in one browser, so machine
// noise hits both sides of each ratio.
//   1. navigation → first code painted, offline, device-slot vault of 50 / 1,000 / 10,000 accounts,
//      and with the CPU throttled 4× (phone class), each ÷ the static page's first paint
//   2. navigation → lock screen ready to type (passphrase vault) ÷ the static page
//   3. gzip size of the JS fetched before the first code; brotli size of the whole precache;
//      the longest main-thread task from navigation to the first code (Long Tasks API: 0 = none
//      over 50 ms)
//   4. unlock with the passphrase vs the Argon2id time alone
//   (not with --quick:)
//   5. decoding a screenshot of a dense (version ~29, 10-account) transfer QR code: paste → codes
//   6. fake camera: "Scan QR code" pressed → first code read, for a small and a dense code
//   7. imports through the Import screen: file picked → preview or refusal, and the longest task
//      on the page's main thread meanwhile (target: never over 200 ms), for a large plain export
//      and for crafted files (too deep, KDF over the limit, many slots)
//   --only qr: 5. and 6. alone, in a fresh passphrase vault (a couple of minutes), to compare the
//   scanner's figures before and after a change without the rest of the bench.
// OMAMORI_BENCH_PORT moves the preview server (4174 by default) when other checkouts bench too.
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { median, recordResults, restoreVault, startPreview } from './bench-lib.mjs';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';
import QRCode from 'qrcode';
import { runnerImport } from 'vite';

// OMAMORI_BENCH_PORT: another port, when several checkouts bench on one machine.
const PORT = Number(process.env.OMAMORI_BENCH_PORT ?? 4174);
const ORIGIN = `http://localhost:${PORT}`;
const QUICK = process.argv.includes('--quick');
const ONLY_QR = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'qr';
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const RUNS = 9;
const ARGS = chromiumArgs();

const DENSE_URI = randomMigrationUri(1250);
const fmt = (ms) => `${ms.toFixed(0)} ms`;

// The bench build adds a precached static page (see benchStaticPage in vite.config.ts).
execSync('npx vite build', { stdio: 'ignore', env: { ...process.env, OMAMORI_BENCH: '1' } });

/** A Google Authenticator transfer URI of about `length` characters: random bytes where the protobuf would be. */
function randomMigrationUri(length) {
  const prefix = 'otpauth-migration://offline?data=';
  for (;;) {
    const uri = prefix + encodeURIComponent(randomBytes(Math.floor((length - prefix.length) / 1.42)).toString('base64'));
    if (Math.abs(uri.length - length) <= 4) return uri;
  }
}

async function createVault(page, passphrase, deviceSlot) {
  await page.goto(ORIGIN);
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill(passphrase);
  await page.getByTestId('confirm-passphrase').fill(passphrase);
  if (deviceSlot) await page.getByTestId('device-slot').check();
  await page.getByTestId('create-submit').click();
  await page.getByTestId('empty-list').waitFor({ timeout: 60_000 });
}

// A 1080x2340 phone screenshot with the code 900 px wide, decoded by the production scanner
// (pasted, as a user would); timed from the paste to its `qr-codes` event.
async function timeDenseScreenshot(page, runs) {
  const { modules } = QRCode.create(DENSE_URI, { errorCorrectionLevel: 'M' });
  const bits = Array.from(modules.data, (b) => (b ? '1' : '0')).join('');
  return page.evaluate(
    async ({ bits, size, uri, runs }) => {
      const canvas = new OffscreenCanvas(1080, 2340);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#f3f0ea';
      ctx.fillRect(0, 0, 1080, 2340);
      ctx.fillStyle = '#fff';
      ctx.fillRect(90, 700, 900, 900);
      ctx.fillStyle = '#000';
      const px = 900 / (size + 8);
      for (let i = 0; i < bits.length; i++)
        if (bits[i] === '1') ctx.fillRect(90 + (4 + (i % size)) * px, 700 + (4 + Math.floor(i / size)) * px, Math.ceil(px), Math.ceil(px));
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      const times = [];
      for (let i = 0; i < runs; i++) {
        const done = new Promise((resolve) =>
          window.addEventListener('qr-codes', (e) => resolve([performance.now(), e.detail.texts]), { capture: true, once: true }),
        );
        const data = new DataTransfer();
        data.items.add(new File([blob], 'screenshot.png', { type: 'image/png' }));
        const t0 = performance.now();
        window.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data }));
        const [t1, texts] = await done;
        if (texts.length !== 1 || texts[0] !== uri) throw new Error('dense screenshot decoded wrongly');
        times.push(t1 - t0);
      }
      return times;
    },
    { bits, size: modules.size, uri: DENSE_URI, runs },
  );
}

// Its own browser (the fake camera is a launch flag); "Scan QR code" → first `qr-codes` event.
async function timeCameraToFirstCode(clip, runs) {
  const cam = await chromium.launch({
    executablePath: findChromium()?.executablePath,
    args: [...ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${clip}`],
  });
  const camPage = await (await cam.newContext({ permissions: ['camera'] })).newPage();
  await camPage.addInitScript(() => {
    window.__scan = {};
    window.addEventListener(
      'click',
      (e) => {
        if (e.composedPath().some((n) => n.dataset?.testid === 'scan-qr')) window.__scan.open = performance.now();
      },
      true,
    );
    window.addEventListener(
      'qr-codes',
      () => {
        window.__scan.code ??= performance.now();
      },
      true,
    );
  });
  await createVault(camPage, 'bench camera passphrase', false);
  const times = [];
  for (let i = 0; i < runs; i++) {
    await camPage.evaluate(() => {
      window.__scan = {};
    });
    await camPage.getByTestId('add-account').click();
    await camPage.getByTestId('scan-qr').click();
    await camPage.waitForFunction(() => window.__scan.code !== undefined, null, { timeout: 30_000 });
    times.push(await camPage.evaluate(() => window.__scan.code - window.__scan.open));
    await camPage.getByTestId('enroll-back').click();
  }
  await cam.close();
  return times;
}

// Runs in every page before its scripts: records the frame in which a code (digits in any
// [data-testid="code"], through the shadow roots) or the unlock field (or the start shell's) is first painted, and every
// long task, so the longest one before the first code can be read.
const PROBE = () => {
  const deepFind = (root, selector) => {
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && deepFind(el.shadowRoot, selector);
      if (inner) return inner;
    }
    return null;
  };
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => [e.startTime, e.duration]))).observe({
    type: 'longtask',
    buffered: true,
  });
  const poll = (ts) => {
    if (window.__firstCode === undefined && /\d/.test(deepFind(document, '[data-testid="code"]')?.textContent ?? '')) window.__firstCode = ts;
    // The start shell's form (index.html) counts once it is shown: what is typed there carries on.
    const shell = document.querySelector('[data-testid="start-shell-passphrase"]');
    const field = shell?.checkVisibility() ? shell : deepFind(document, '[data-testid="unlock-passphrase"]');
    if (window.__lockReady === undefined && field && !field.disabled) window.__lockReady = ts;
    if (window.__firstCode === undefined && window.__lockReady === undefined && ts < 60_000) requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

/** A new context whose vault holds `count` accounts, restored from a backup through the first-run screens. */
async function vaultContext(count, { deviceSlot }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await restoreVault(page, { origin: ORIGIN, seed, count, passphrase: PASSPHRASE, deviceSlot });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.close();
  await context.addInitScript(PROBE);
  return context;
}

/** One navigation in a new tab: the time of `mark`, and the longest task before it. */
async function navigate(context, url, mark, throttle) {
  const tab = await context.newPage();
  if (throttle) await (await context.newCDPSession(tab)).send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await tab.goto(url);
  await tab.waitForFunction((m) => window[m] !== undefined, mark, { timeout: 60_000 });
  const result = await tab.evaluate((m) => {
    const at = window[m];
    const longest = Math.max(0, ...window.__longTasks.filter(([start]) => start < at).map(([, duration]) => duration));
    const js = performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < at && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname);
    return { at, longest, js };
  }, mark);
  await tab.close();
  return result;
}

/** RUNS pairs (after one warm-up pair) of the app's `mark` and the static page's first paint, offline. */
async function versusStatic(context, mark, throttle = 0) {
  await context.setOffline(true);
  const app = [];
  const statics = [];
  for (let i = 0; i <= RUNS; i++) {
    const a = await navigate(context, ORIGIN, mark, throttle);
    const s = await navigate(context, `${ORIGIN}/bench-static.html`, '__firstCode', throttle);
    if (i === 0) continue; // warm-up
    app.push(a);
    statics.push(s.at);
  }
  await context.setOffline(false);
  const appMs = median(app.map((r) => r.at));
  const staticMs = median(statics);
  return { appMs, staticMs, ratio: appMs / staticMs, longest: median(app.map((r) => r.longest)), js: app.at(-1).js };
}

/**
 * Every file the service worker precaches (workbox's manifest inside dist/sw.js, each URL once: it
 * names the manifest's icons twice), brotli-compressed; and the largest, which explain the figure.
 */
function precacheBrotli() {
  const urls = [...new Set([...readFileSync('dist/sw.js', 'utf8').matchAll(/url:"([^"]+)"/g)].map((m) => m[1]))];
  const sizes = ['sw.js', ...urls].map((url) => ({
    url,
    bytes: brotliCompressSync(readFileSync(`dist/${url}`), { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  }));
  const largest = sizes.toSorted((x, y) => y.bytes - x.bytes).slice(0, 4);
  return { bytes: sizes.reduce((sum, s) => sum + s.bytes, 0), files: sizes.length, largest };
}

/** 5. and 6.: `page` is on the code list of an unlocked vault; prints and records the figures. */
async function benchQr(page) {
  // 5. dense transfer-code screenshot (the scanner's camera has no device here; images still work)
  await page.getByTestId('add-account').click();
  await page.getByTestId('scan-qr').click();
  await page.getByTestId('scanner').waitFor();
  const denseTimes = await timeDenseScreenshot(page, RUNS);

  // 6. fake camera: small otpauth code at 640x480, dense transfer code at 1280x720
  const {
    module: { writeQrClip },
  } = await runnerImport('./e2e/support/y4m.ts');
  const smallClip = writeQrClip('.tmp/clips/bench-otpauth.y4m', ['otpauth://totp/Bench:me@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Bench'], {
    framesPerCode: 10,
  });
  const denseClip = writeQrClip('.tmp/clips/bench-dense.y4m', [DENSE_URI], { width: 1280, height: 720, framesPerCode: 10 });
  const smallCamera = await timeCameraToFirstCode(smallClip, 5);
  const denseCamera = await timeCameraToFirstCode(denseClip, 5);

  const version = QRCode.create(DENSE_URI, { errorCorrectionLevel: 'M' }).version;
  console.log(
    `Dense transfer QR (${DENSE_URI.length} chars, version ${version}) in a 1080x2340 screenshot, paste → decoded: first ${fmt(denseTimes[0])}, then median ${fmt(median(denseTimes.slice(1)))}  (target ≤ 60 ms)`,
  );
  console.log(
    `Fake camera, "Scan QR code" → first code: otpauth 640x480 first ${fmt(smallCamera[0])}, then median ${fmt(median(smallCamera.slice(1)))}; dense 1280x720 first ${fmt(denseCamera[0])}, then median ${fmt(median(denseCamera.slice(1)))}  (target ≤ 150 ms)`,
  );
  recordResults({
    denseQrScreenshotMs: median(denseTimes.slice(1)),
    denseQrScreenshotFirstMs: denseTimes[0],
    denseQrCameraMs: median(denseCamera.slice(1)),
    smallQrCameraMs: median(smallCamera.slice(1)),
  });
}

const { stop } = await startPreview(PORT);
const { module: seed } = await runnerImport('./e2e/support/seed-backup.ts');
const PASSPHRASE = 'bench passphrase for omamori';
const browser = await chromium.launch({ executablePath: findChromium()?.executablePath, args: ARGS });
const results = {};
const ratioLine = (label, r, target) =>
  console.log(`${label}: ${fmt(r.appMs)} vs static ${fmt(r.staticMs)} → ratio ${r.ratio.toFixed(2)} (target ≤ ${target})`);
console.log(`Omamori bench (production build, offline from the service worker; medians of ${RUNS} after a warm-up)`);
if (ONLY_QR) {
  const qrPage = await (await browser.newContext()).newPage();
  await createVault(qrPage, PASSPHRASE, false);
  await benchQr(qrPage);
  await browser.close();
  stop();
  process.exit(0);
}

// --- 1. first code, device-slot vaults of three sizes; the 50-account one also CPU-throttled
const firstCode = {};
let context50;
for (const count of QUICK ? [50, 1000] : [50, 1000, 10_000]) {
  const context = await vaultContext(count, { deviceSlot: true });
  firstCode[count] = await versusStatic(context, '__firstCode');
  if (count === 50) context50 = context;
  else await context.close();
}
const throttled = await versusStatic(context50, '__firstCode', 4);
await context50.close();
ratioLine('First code painted, 50 accounts', firstCode[50], 2.0);
ratioLine('First code painted, 1,000 accounts', firstCode[1000], 2.5);
if (firstCode[10_000]) ratioLine('First code painted, 10,000 accounts', firstCode[10_000], 4.0);
ratioLine('First code painted, 50 accounts, CPU throttled 4×', throttled, 2.0);
Object.assign(results, {
  firstCode50Ms: firstCode[50].appMs,
  staticPaintMs: firstCode[50].staticMs,
  firstCodeRatio50: firstCode[50].ratio,
  firstCodeRatio1000: firstCode[1000].ratio,
  ...(firstCode[10_000] ? { firstCodeRatio10000: firstCode[10_000].ratio } : {}),
  firstCodeRatioThrottled50: throttled.ratio,
  longestStartupTaskMs: firstCode[50].longest,
  longestStartupTaskThrottledMs: throttled.longest,
});

// --- 2. the lock screen of a passphrase vault (and the unlock measured there: 4.)
const lockContext = await vaultContext(50, { deviceSlot: false });
const lock = await versusStatic(lockContext, '__lockReady');
ratioLine('Lock screen ready to type, passphrase vault', lock, 1.5);
results.lockScreenRatio = lock.ratio;

// --- 3. sizes: JS before the first code (gzip), the whole precache (brotli); the longest task
let gz = 0;
const files = [];
for (const path of new Set(firstCode[50].js)) {
  const size = gzipSync(readFileSync(`dist${path}`), { level: 9 }).length;
  gz += size;
  files.push(`${path} ${(size / 1024).toFixed(1)} KB`);
}
const precache = precacheBrotli();
console.log(`JS fetched before the first code (gzip): ${(gz / 1024).toFixed(1)} KB  (target ≤ 60 KB; budget 80 KB)`);
for (const f of files) console.log(`  ${f}`);
console.log(
  `Whole precache (${precache.files} files, brotli): ${(precache.bytes / 1024).toFixed(1)} KB  (target ≤ 600 KB); largest: ${precache.largest.map((f) => `${f.url.replace(/^assets\//, '')} ${(f.bytes / 1024).toFixed(0)} KB`).join(', ')}`,
);
console.log(
  `Longest main-thread task, navigation → first code (0 = none over 50 ms): ${fmt(firstCode[50].longest)}; CPU throttled 4×: ${fmt(throttled.longest)}  (target ≤ 50 ms)`,
);
Object.assign(results, { startupJsGzipBytes: gz, precacheBrotliBytes: precache.bytes });

// --- 4. unlock with the passphrase: the app records User Timing measures (no secrets in them)
const page = await lockContext.newPage();
await page.goto(ORIGIN);
const unlockRuns = [];
for (let i = 0; i < 5; i++) {
  await page.evaluate(() => performance.clearMeasures());
  await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await page.getByTestId('unlock-submit').click();
  await page.getByTestId('code').first().waitFor();
  unlockRuns.push(
    await page.evaluate(() => ({
      kdf: performance.getEntriesByName('omamori:kdf').at(-1)?.duration ?? NaN,
      unlock: performance.getEntriesByName('omamori:unlock').at(-1)?.duration ?? NaN,
    })),
  );
  await page.getByTestId('lock').click();
}
const kdf = median(unlockRuns.map((r) => r.kdf));
const unlock = median(unlockRuns.map((r) => r.unlock));
console.log(`Unlock with passphrase: ${fmt(unlock)}; Argon2id alone: ${fmt(kdf)}; overhead ${fmt(unlock - kdf)} (target ≤ 30 ms)`);
Object.assign(results, { unlockMs: unlock, unlockKdfMs: kdf, unlockOverheadMs: unlock - kdf });
recordResults(results);
if (QUICK) {
  await browser.close();
  stop();
  process.exit(0);
}
await page.getByTestId('unlock-passphrase').fill(PASSPHRASE);
await page.getByTestId('unlock-submit').click();
await page.getByTestId('code').first().waitFor();
const context = lockContext;
await benchQr(page);

// --- 7. imports: time to a preview or a refusal, and the page's longest task meanwhile
const aegisFixture = JSON.parse(readFileSync('test/fixtures/import/aegis/encrypted.json', 'utf8'));
const passwordSlot = aegisFixture.header.slots.find((slot) => slot.type === 1);
const aegisWithSlots = (slots) => JSON.stringify({ ...aegisFixture, header: { ...aegisFixture.header, slots } });
const plainAegis = JSON.stringify({
  version: 1,
  header: { slots: null, params: null },
  db: {
    version: 3,
    entries: Array.from({ length: 1000 }, (_, i) => ({
      type: 'totp',
      uuid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `user${i}@example.com`,
      issuer: `Service ${i}`,
      note: '',
      favorite: false,
      icon: null,
      info: { secret: `JBSWY3DPEHPK3PXP${B32[i % 32]}${B32[Math.floor(i / 32) % 32]}AAAAAA`, algo: 'SHA1', digits: 6, period: 30 },
    })),
    groups: [],
  },
});
const IMPORTS = [
  { label: 'plain Aegis export, 1,000 accounts → preview', name: 'aegis-1000.json', text: plainAegis, done: 'import-preview' },
  { label: '10 MB nested 5,000,000 levels → refused', name: 'deep.json', text: '['.repeat(5e6) + ']'.repeat(5e6), done: 'import-error' },
  {
    label: 'Aegis, 200 slots at scrypt N 2^20 → refused before any KDF',
    name: 'aegis-200-max.json',
    text: aegisWithSlots(Array.from({ length: 200 }, () => ({ ...passwordSlot, n: 2 ** 20 }))),
    done: 'import-error',
  },
  {
    label: 'Aegis, 4 slots (the most allowed) at its N 2^15, wrong password → all tried, refused',
    name: 'aegis-4.json',
    text: aegisWithSlots(Array.from({ length: 4 }, () => ({ ...passwordSlot, n: 2 ** 15 }))),
    password: 'not the password',
    done: 'import-error',
  },
];
const importPage = await context.newPage();
await importPage.addInitScript(() => {
  window.__longestTask = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration);
  }).observe({ type: 'longtask' });
});
const importRuns = [];
for (const item of IMPORTS) {
  await importPage.goto(ORIGIN);
  await importPage.getByTestId('unlock-passphrase').fill(PASSPHRASE);
  await importPage.getByTestId('unlock-submit').click();
  await importPage.getByTestId('code').first().waitFor({ timeout: 30_000 });
  await importPage.getByTestId('settings').click();
  await importPage.getByTestId('open-import').click();
  await importPage.getByTestId('import-file').waitFor();
  await importPage.evaluate(() => (window.__longestTask = 0));
  // From a file on disk: Playwright then hands the browser a path, whereas a buffer would be
  // decoded by script in the page and show up as the page's own long task.
  const file = `.tmp/bench-imports/${item.name}`;
  mkdirSync('.tmp/bench-imports', { recursive: true });
  writeFileSync(file, item.text);
  const t0 = Date.now();
  await importPage.getByTestId('import-file').setInputFiles(file);
  if (item.password !== undefined) {
    await importPage.getByTestId('import-password').fill(item.password);
    await importPage.getByTestId('import-open').click();
  }
  await importPage.getByTestId(item.done).waitFor({ timeout: 120_000 });
  importRuns.push({ label: item.label, ms: Date.now() - t0, longest: await importPage.evaluate(() => window.__longestTask) });
}
await importPage.close();

console.log('Imports (file picked → preview or refusal; longest main-thread task meanwhile, target ≤ 200 ms):');
for (const run of importRuns) console.log(`  ${run.label}: ${fmt(run.ms)}; longest task ${fmt(run.longest)}`);
recordResults({
  importAegis1000Ms: importRuns[0].ms,
  importLongestTaskMs: Math.max(...importRuns.map((r) => r.longest)),
});
await browser.close();
stop();
process.exit(0);
