/**
 * The preview server sends what docs/hosting.md recommends, on every kind of path: the page, a
 * deep link, a hashed asset, a Worker script, the service worker and the manifest. The expected
 * headers are read from the document itself, so the docs and the server cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { CSP_PROBE, cspReports, isProbe } from './support/csp-teardown';

const HOSTING = readFileSync(path.resolve(import.meta.dirname, '../docs/hosting.md'), 'utf8');

/** `Name: value` lines of the first code block after "## Headers". */
function documentedHeaders(): Map<string, string> {
  const section = HOSTING.slice(HOSTING.indexOf('## Headers'));
  const block = /```\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const headers = new Map<string, string>();
  for (const line of block.split('\n')) {
    const colon = line.indexOf(': ');
    if (colon > 0) headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 2));
  }
  return headers;
}

test('every path carries the headers docs/hosting.md lists, Trusted Types included', async ({ request }) => {
  const expected = documentedHeaders();
  // The list is complete (a header dropped from the docs would otherwise go unnoticed).
  expect([...expected.keys()].sort()).toEqual([
    'content-security-policy',
    'cross-origin-opener-policy',
    'cross-origin-resource-policy',
    'permissions-policy',
    'referrer-policy',
    'x-content-type-options',
  ]);
  const csp = expected.get('content-security-policy') ?? '';
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toContain('trusted-types lit-html default');
  expect(csp).toContain("frame-ancestors 'none'");

  const html = await (await request.get('/')).text();
  const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
  expect(asset).toBeDefined();
  // The Argon2id Worker's script, from the service worker's precache list.
  const worker = /assets\/argon2\.worker-[\w-]+\.js/.exec(await (await request.get('/sw.js')).text())?.[0];
  expect(worker).toBeDefined();
  const paths = ['/', '/some/deep/link', asset ?? '', `/${worker ?? ''}`, '/sw.js', '/manifest.webmanifest', '/icons/icon-192.png'];
  for (const p of paths) {
    const res = await request.get(p);
    expect(res.status(), p).toBe(200);
    const got = res.headers();
    for (const [name, value] of expected) expect(got[name], `${name} on ${p}`).toBe(value);
  }
});

test('the CSP in the page itself (for hosts that send no header) carries Trusted Types, without the header-only frame-ancestors', async ({ request }) => {
  const html = await (await request.get('/')).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  const header = documentedHeaders().get('content-security-policy') ?? '';
  expect(meta).toBe(header.replace("; frame-ancestors 'none'", ''));
});

test('the HTTPS-only header is documented: Strict-Transport-Security', () => {
  expect(HOSTING).toMatch(/^Strict-Transport-Security: max-age=\d{8,}/m);
});

test('the suite-wide CSP watch sees a violation: injected HTML on a probe page is refused and reported', async ({ page }) => {
  const reports = await cspReports();
  expect(reports, 'the preview server collects CSP reports (a reused server started without OMAMORI_E2E_CSP_REPORTS=1 does not)').toBeDefined();
  const before = (reports ?? []).filter(isProbe).length;
  await page.goto(`/?${CSP_PROBE}`);
  const refused = await page.evaluate(() => {
    try {
      // eslint-disable-next-line no-restricted-syntax -- the probe: a banned sink the policy must refuse and report
      document.body.innerHTML = '<b>injected</b>';
      return false;
    } catch {
      return true;
    }
  });
  expect(refused).toBe(true);
  // Reports are posted asynchronously.
  await expect.poll(async () => ((await cspReports()) ?? []).filter(isProbe).length).toBeGreaterThan(before);
  const probe = ((await cspReports()) ?? []).filter(isProbe).at(-1)?.['csp-report'];
  expect(probe?.['violated-directive']).toBe('require-trusted-types-for');
});
