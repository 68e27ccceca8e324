import { defineConfig } from '@playwright/test';
import { chromiumArgs, findChromium } from './scripts/chromium.mjs';

// The browser: CHROMIUM_PATH, else a system Chromium or Chrome, else Playwright's own Chromium —
// the rule of scripts/chromium.mjs, which scripts/ensure-browser.mjs (run first by `npm run
// test:e2e`) also follows, and which installs one when there is none.
const BROWSER = findChromium();

/** Launch flags for Debian's Chromium; `--no-sandbox` only when running as root. */
export const CHROMIUM_ARGS = chromiumArgs();

/**
 * `executablePath` for `chromium.launch`: the system or CHROMIUM_PATH binary; undefined for
 * Playwright's own build (and when there is none: Playwright then says what to install).
 */
export const CHROMIUM_EXECUTABLE_PATH = BROWSER?.executablePath;

// Another port (and build folder) lets two checkouts run their e2e suites side by side.
export const E2E_PORT = Number(process.env.OMAMORI_E2E_PORT ?? 4173);
export const E2E_OUT_DIR = E2E_PORT === 4173 ? 'dist' : `dist-e2e-${E2E_PORT}`;

/**
 * The specs that run with the service worker: offline use (the app, the decoder's WASM), updates,
 * the kill switch, the first-run journey, and the proof that no secret reaches any storage, Cache
 * Storage included (pwa.spec.ts). The other specs block it: each fresh browser context would
 * otherwise install it and precache every file of the app (118 files, 4.8 MB) while the test runs
 * — about a quarter of those specs' time on two cores, for a worker they never use.
 */
const WITH_SERVICE_WORKER = ['pwa.spec.ts', 'sw-update.spec.ts', 'sw-kill-switch.spec.ts', 'image-decoding.spec.ts', 'vault-journey.spec.ts'].map(
  (f) => `**/${f}`,
);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // Tests, not files, are shared out between the workers, so that a file of long walks (a11y) is
  // not left to one worker at the end of the run. Tests share nothing but the preview server
  // (each has its own contexts; the specs that start a server on a port of their own, or build,
  // run their tests in order: `test.describe.configure({ mode: 'default' })`).
  fullyParallel: true,
  // Two workers on CI's 2 cores.
  workers: Number(process.env.OMAMORI_E2E_WORKERS ?? 2),
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  // Fails the run if any test caused a CSP or Trusted Types violation (see the file).
  globalTeardown: './e2e/support/csp-teardown.ts',
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    locale: 'en-US',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE_PATH,
      args: CHROMIUM_ARGS,
    },
    trace: 'off',
  },
  projects: [
    { name: 'with-service-worker', testMatch: WITH_SERVICE_WORKER, use: { serviceWorkers: 'allow' } },
    { name: 'app', testIgnore: WITH_SERVICE_WORKER, use: { serviceWorkers: 'block' } },
  ],
  webServer: {
    command: `npx vite build --outDir ${E2E_OUT_DIR} --emptyOutDir && npx vite preview --outDir ${E2E_OUT_DIR} --host 127.0.0.1 --port ${E2E_PORT} --strictPort`,
    url: `http://localhost:${E2E_PORT}`,
    env: { OMAMORI_E2E_CSP_REPORTS: '1' },
    reuseExistingServer: !process.env.CI,
    timeout: 180_000,
  },
});
