// npm run bench: prints the foundation's figures (not a test; nothing here asserts).
//   1. gzip size of the JS loaded before the first code is painted (target ≤ 80 KB)
//   2. navigation → first code painted, offline, device-slot vault with 50 accounts, vs a trivial
//      static page in the same browser run, and their ratio (target ≤ 2.0)
//   3. unlock with the passphrase vs the Argon2id time alone (target: KDF + ≤ 50 ms)
//   4. decoding a screenshot of a dense (version ~29, 10-account) transfer QR code: paste → codes
//   5. fake camera: "Scan QR code" pressed → first code read, for a small and a dense code
//   6. imports through the Import screen: file picked → preview or refusal, and the longest task
//      on the page's main thread meanwhile (PerformanceObserver; target: never over 200 ms), for
//      a large plain export and for crafted files (too deep, KDF over the limit, many slots)
import { spawn, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { chromiumArgs, findChromium } from './chromium.mjs';
import QRCode from 'qrcode';
import { runnerImport } from 'vite';

const PORT = 4174;
const ORIGIN = `http://localhost:${PORT}`;
const RUNS = 7;
const ARGS = chromiumArgs();

const DENSE_URI = randomMigrationUri(1250);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

// The bench build adds a precached static page (see benchStaticPage in vite.config.ts).
execSync('npx vite build', { stdio: 'ignore', env: { ...process.env, OMAMORI_BENCH: '1' } });
const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    /* already gone */
  }
};
process.on('exit', stop);

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
    await camPage.getByTestId('scan-qr').click();
    await camPage.waitForFunction(() => window.__scan.code !== undefined, null, { timeout: 30_000 });
    times.push(await camPage.evaluate(() => window.__scan.code - window.__scan.open));
    await camPage.getByTestId('enroll-back').click();
  }
  await cam.close();
  return times;
}

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(ORIGIN)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('preview server did not start');
}

// Polls every frame for the first painted code inside the shadow roots; records its time.
const FIRST_CODE_PROBE = () => {
  const find = () => {
    const list = document.querySelector('omamori-app')?.shadowRoot?.querySelector('omamori-code-list');
    const card = list?.shadowRoot?.querySelector('omamori-account-grid')?.shadowRoot?.querySelector('omamori-code-card');
    const code = card?.shadowRoot?.querySelector('[data-testid="code"]');
    return code && /\d/.test(code.textContent ?? '');
  };
  const poll = (ts) => {
    if (find()) {
      window.__firstCode = ts;
    } else requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
};

await waitForServer();
const browser = await chromium.launch({ executablePath: findChromium()?.executablePath, args: ARGS });
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
await page.evaluate(async () => {
  await navigator.serviceWorker.ready;
});
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
  unlockRuns.push(
    await page.evaluate(() => ({
      kdf: performance.getEntriesByName('omamori:kdf').at(-1)?.duration ?? NaN,
      unlock: performance.getEntriesByName('omamori:unlock').at(-1)?.duration ?? NaN,
    })),
  );
}

// --- 4. dense transfer-code screenshot (the scanner's camera has no device here; images still work)
await page.getByTestId('scan-qr').click();
await page.getByTestId('scanner').waitFor();
const denseTimes = await timeDenseScreenshot(page, RUNS);

// --- 5. fake camera: small otpauth code at 640x480, dense transfer code at 1280x720
const {
  module: { writeQrClip },
} = await runnerImport('./e2e/support/y4m.ts');
const smallClip = writeQrClip('.tmp/clips/bench-otpauth.y4m', ['otpauth://totp/Bench:me@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Bench'], {
  framesPerCode: 10,
});
const denseClip = writeQrClip('.tmp/clips/bench-dense.y4m', [DENSE_URI], { width: 1280, height: 720, framesPerCode: 10 });
const smallCamera = await timeCameraToFirstCode(smallClip, 5);
const denseCamera = await timeCameraToFirstCode(denseClip, 5);

// --- 6. imports: time to a preview or a refusal, and the page's longest task meanwhile
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
  await importPage.getByTestId('code-card').first().waitFor({ timeout: 30_000 });
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
const version = QRCode.create(DENSE_URI, { errorCorrectionLevel: 'M' }).version;
console.log(
  `Dense transfer QR (${DENSE_URI.length} chars, version ${version}) in a 1080x2340 screenshot, paste → decoded: first ${fmt(denseTimes[0])}, then median ${fmt(median(denseTimes.slice(1)))}`,
);
console.log(
  `Fake camera, "Scan QR code" → first code: otpauth 640x480 first ${fmt(smallCamera[0])}, then median ${fmt(median(smallCamera.slice(1)))}; dense 1280x720 first ${fmt(denseCamera[0])}, then median ${fmt(median(denseCamera.slice(1)))}`,
);
console.log('Imports (file picked → preview or refusal; longest main-thread task meanwhile, target ≤ 200 ms):');
for (const run of importRuns) console.log(`  ${run.label}: ${fmt(run.ms)}; longest task ${fmt(run.longest)}`);
await browser.close();
stop();
process.exit(0);
