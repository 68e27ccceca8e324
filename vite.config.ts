import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };
/** The early read's modules (src/early-read.ts): its own entry, not part of the start-up chunk. */
const EARLY_READ_MODULES = /[\\/]src[\\/](early-read|storage[\\/](early-read|start-read|schema))\.ts$/u;

/**
 * The policy of docs/security.md ("Web platform rules"). `worker-src blob:` because qr-scanner starts
 * its decoder from a blob URL. Trusted Types: Lit's own policy for its templates, and `default`
 * (src/services/browser/trusted-types.ts) for the Workers and the service worker, which are given
 * plain URL strings; no policy creates HTML or script from a string.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "media-src 'self' blob: mediastream:",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html default',
].join('; ');

/**
 * Headers for `vite preview`, on every response, as docs/hosting.md recommends: the meta CSP cannot
 * carry frame-ancestors; COOP keeps other sites' windows from holding a reference to ours, CORP
 * keeps other sites from embedding our files. HSTS belongs to the HTTPS host (hosting.md), not to
 * this plain-HTTP preview, where browsers ignore it.
 */
export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': `${CSP}; frame-ancestors 'none'`,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * The CSP goes into the built HTML only (the dev server injects inline code of its own), right
 * after the charset so that it governs every script and style tag that follows.
 */
function cspMeta(): Plugin {
  return {
    name: 'omamori-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

/**
 * The head's order: the early read (src/early-read.ts, async: it runs as soon as it arrives, and
 * begins the start's IndexedDB read while the rest loads), the stylesheet, the entry's module
 * script, then the start shell's script. The first paint waits for the stylesheet, and behind the
 * module script and its preloads the service worker served it after them (lock shell ready to
 * type, offline, median of 11: 152 -> 124-128 ms). The shell's script blocks the parser until it
 * is fetched, so what comes before it is fetched meanwhile: after it, the start-up chunk was asked
 * for only once the shell had arrived (the module still runs after parsing, so after the shell).
 * Offline, 50 accounts, median of 21: the chunk arrives 16 ms sooner, first code 130 -> 114 ms,
 * lock form 71 -> 66 ms.
 */
function startOrder(): Plugin {
  return {
    name: 'omamori-start-order',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const sheets = html.match(/^ *<link rel="stylesheet"[^>]*>\n/gm) ?? [];
        const modules = html.match(/^ *<script type="module"[^>]*><\/script>\n/gm) ?? [];
        const shell = '<script src="/start-shell.js"></script>\n';
        if (sheets.length === 0 || !html.includes(shell)) return html;
        const early = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'early-read');
        const first = early ? [`<script type="module" async crossorigin src="/${early.fileName}"></script>\n`] : [];
        const rest = [...sheets, ...modules].reduce((h, tag) => h.replace(tag, ''), html);
        return rest.replace(shell, [...first, ...sheets, ...modules].map((t) => t.trimStart()).join('    ') + '    ' + shell);
      },
    },
  };
}

/**
 * `npm run bench` builds with OMAMORI_BENCH=1: a trivial static page is added (and precached), so
 * that the app's offline first paint is compared with a static page served the same way.
 */
function benchStaticPage(): Plugin {
  return {
    name: 'omamori-bench-static-page',
    apply: () => process.env.OMAMORI_BENCH === '1',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: 'bench-static.html',
        source: '<!doctype html><meta charset="utf-8"><title>static</title><p>123 456</p><script type="module" src="/bench-static.js"></script>',
      });
      this.emitFile({ type: 'asset', fileName: 'bench-static.js', source: 'requestAnimationFrame((ts) => { window.__firstCode = ts; });' });
    },
  };
}

/**
 * OMAMORI_SW_KILL_SWITCH=1 builds the kill switch of docs/hosting.md for a broken release: the app
 * as usual, but no page registers a worker and sw.js only deletes the origin's Cache Storage and
 * unregisters itself, so every page loads from the network again. It has no fetch handler and
 * never touches IndexedDB or localStorage (the vault), and it reloads no open tab (the plugin's
 * own self-destroying worker navigates every tab, which would cost typing): it replaces that file.
 */
const SW_KILL_SWITCH = process.env.OMAMORI_SW_KILL_SWITCH === '1';
const KILL_SWITCH_SW = `// Omamori's service-worker kill switch (docs/hosting.md).
const deleteCaches = () => caches.keys().then((names) => Promise.all(names.map((name) => caches.delete(name))));
self.addEventListener('install', (event) => {
  // Done at install already: activation may wait for as long as other tabs keep the old worker
  // busy. unregister() is a job queued after this install, so it is started, never awaited here.
  event.waitUntil(deleteCaches());
  void self.registration.unregister();
  self.skipWaiting();
});
self.addEventListener('activate', (event) => event.waitUntil(deleteCaches().then(() => self.registration.unregister())));
`;

function swKillSwitch(): Plugin {
  let swFile: string | undefined;
  return {
    name: 'omamori-sw-kill-switch',
    config: () => ({ define: { __OMAMORI_SW_KILL_SWITCH__: JSON.stringify(SW_KILL_SWITCH) } }),
    configResolved(config) {
      if (SW_KILL_SWITCH && config.command === 'build') swFile = resolve(config.root, config.build.outDir, 'sw.js');
    },
    // After vite-plugin-pwa has written its own sw.js (also in closeBundle).
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        if (swFile !== undefined) writeFileSync(swFile, KILL_SWITCH_SW);
      },
    },
  };
}

/**
 * The e2e suite's CSP watch (OMAMORI_E2E_CSP_REPORTS=1, set by playwright.config.ts): the preview
 * also sends the same policy as Report-Only with a report-uri, so every violation of any page,
 * Worker or service worker in any browser is posted here, and e2e/support/csp-teardown.ts fails the
 * run if the suite caused one. The enforced header stays exactly what docs/hosting.md lists.
 */
const CSP_REPORTS = process.env.OMAMORI_E2E_CSP_REPORTS === '1';
const CSP_REPORT_PATH = '/__csp-reports';

function cspReports(): Plugin {
  const reports: unknown[] = [];
  return {
    name: 'omamori-e2e-csp-reports',
    apply: () => CSP_REPORTS,
    configurePreviewServer(server) {
      server.middlewares.use(CSP_REPORT_PATH, (req, res) => {
        if (req.method === 'POST') {
          let body = '';
          req.setEncoding('utf8');
          req.on('data', (chunk: string) => (body += chunk));
          req.on('end', () => {
            try {
              reports.push(JSON.parse(body));
            } catch {
              reports.push({ unreadable: body.slice(0, 200) });
            }
            res.statusCode = 204;
            res.end();
          });
          return;
        }
        res.setHeader('Content-Type', 'application/json');
        res.end(JSON.stringify(reports));
      });
    },
  };
}

const PREVIEW_HEADERS: Record<string, string> = CSP_REPORTS
  ? { ...SECURITY_HEADERS, 'Content-Security-Policy-Report-Only': `${CSP}; frame-ancestors 'none'; report-uri ${CSP_REPORT_PATH}` }
  : SECURITY_HEADERS;

export default defineConfig({
  // OMAMORI_BUILD_LABEL marks test builds (the service-worker update test builds v1 and v2).
  define: { __APP_VERSION__: JSON.stringify(pkg.version + (process.env.OMAMORI_BUILD_LABEL ? `+${process.env.OMAMORI_BUILD_LABEL}` : '')) },
  build: {
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
    // Everything the first code needs in one chunk (the entry): split into ten files shared with
    // lazy chunks, the service worker answered ten requests before the first code could run
    // (offline, 50 accounts: first code 163 -> 125 ms in one bench, the last module 15 ms sooner).
    // The early read (src/early-read.ts) is an entry of its own, kept out of that group: index.html
    // loads it async, before the entry chunk (startOrder).
    rolldownOptions: {
      input: { index: 'index.html', 'early-read': 'src/early-read.ts' },
      output: {
        codeSplitting: {
          groups: [
            { name: 'early-read', test: EARLY_READ_MODULES, priority: 1 },
            { name: 'start', tags: ['$initial'] },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  preview: { headers: PREVIEW_HEADERS },
  plugins: [
    cspMeta(),
    startOrder(),
    benchStaticPage(),
    swKillSwitch(),
    cspReports(),
    VitePWA({
      registerType: 'prompt',
      injectRegister: false,
      selfDestroying: SW_KILL_SWITCH,
      includeAssets: ['icons/*.png', 'icons/icon.svg'],
      manifest: {
        id: '/',
        name: 'Omamori Authenticator',
        short_name: 'Omamori',
        description: 'Two-step verification codes that work offline and move with you to any device.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#fffbf7',
        theme_color: '#b3261e',
        categories: ['security', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,wasm,webmanifest}'],
        navigateFallback: '/index.html',
        cleanupOutdatedCaches: true,
        // The first install takes control at once so the first visit already works offline;
        // updates still wait in 'waiting' until the user presses Reload (registerType 'prompt').
        clientsClaim: true,
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        // One self-contained sw.js: the separate runtime would be loaded with importScripts(),
        // which the CSP's Trusted Types requirement refuses in the service worker (no policy there).
        inlineWorkboxRuntime: true,
      },
    }),
  ],
});
