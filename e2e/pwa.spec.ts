import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import {
  addAccountByKey,
  createVault,
  dumpStorage,
  E2E_ORIGIN,
  listOption,
  openAddForm,
  openScanner,
  RFC_SECRET,
  RFC_TIME_MS,
  rowAction,
} from './support/helpers';
import { CSP_PROBE } from './support/csp-teardown';

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }));
    }
  });
}

function logForeignRequests(context: BrowserContext): string[] {
  const foreign: string[] = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.origin !== E2E_ORIGIN && !['data:', 'blob:'].includes(url.protocol)) foreign.push(req.url());
  });
  return foreign;
}

test('the device slot opens the vault straight to the codes after a reload', async ({ page }) => {
  await page.clock.setFixedTime(RFC_TIME_MS);
  await createVault(page, { deviceSlot: true });
  await addAccountByKey(page, { issuer: 'Device', name: 'slot', secret: RFC_SECRET });
  await page.reload();
  await expect(page.getByTestId('code-card').getByTestId('code')).toHaveText('081 804');
  await expect(page.getByTestId('unlock-passphrase')).toHaveCount(0);
});

test('works offline after the first visit: reload, a fresh tab and a deep link', async ({ page, context }) => {
  const foreign = logForeignRequests(context);
  await createVault(page, { deviceSlot: true });
  await addAccountByKey(page, { issuer: 'Offline', name: 'me', secret: RFC_SECRET });
  await waitForServiceWorker(page);
  await context.setOffline(true);

  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.getByTestId('code-card')).toHaveCount(1);

  const tab = await context.newPage();
  const deep = await tab.goto('/some/deep/link');
  expect(deep?.fromServiceWorker()).toBe(true);
  await expect(tab.getByTestId('code-card')).toHaveCount(1);
  expect(foreign).toEqual([]);
});

test('the manifest parses and the app is installable', async ({ page }) => {
  await page.goto('/');
  const cdp = await page.context().newCDPSession(page);
  const manifest = (await cdp.send('Page.getAppManifest')) as { errors: unknown[]; url: string; data?: string };
  expect(manifest.errors).toEqual([]);
  const data = JSON.parse(manifest.data ?? '{}') as Record<string, unknown>;
  expect(data).toMatchObject({ name: 'Omamori Authenticator', short_name: 'Omamori', display: 'standalone' });
  const sizes = (data.icons as { sizes: string; purpose?: string }[]).map((i) => `${i.sizes}/${i.purpose ?? 'any'}`);
  expect(sizes).toEqual(expect.arrayContaining(['192x192/any', '512x512/any', '512x512/maskable']));
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  // A normal test context is incognito; that is the only acceptable "error".
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveCount(1);
});

test('storage holds no secret, issuer or name of 20 sentinel accounts, and no group name after lock', async ({ page }) => {
  await createVault(page, { deviceSlot: true });
  const sentinels = Array.from({ length: 20 }, (_, i) => ({
    issuer: `IssuerSentinel${i}Qz`,
    name: `NameSentinel${i}Xk`,
    // Distinct valid base32 secrets that cannot occur by chance in other data.
    secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRST'[i]}MZXW6YTB`,
  }));
  // Adding through the URI field is faster than 20 form fills and uses the same service call.
  for (const s of sentinels) {
    await openAddForm(page);
    await page.getByTestId('mode-uri').check();
    await page.getByTestId('field-uri').fill(`otpauth://totp/${s.issuer}:${s.name}?secret=${s.secret}&issuer=${s.issuer}`);
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('account-form')).toHaveCount(0);
  }
  await expect(page.getByTestId('code-card')).toHaveCount(20);
  const dump = await dumpStorage(page);
  expect(dump.length).toBeGreaterThan(1000);
  for (const s of sentinels) {
    expect(dump).not.toContain(s.issuer);
    expect(dump).not.toContain(s.name);
    expect(dump).not.toContain(s.secret);
  }

  // The chosen group chip is a name from the vault: in this tab's sessionStorage while it is
  // open (which also shows that the dump reads sessionStorage), gone from every store on lock.
  const group = 'GroupSentinelWq';
  await listOption(page, 'mode-select');
  await page.getByTestId('select-account').first().check();
  await page.getByTestId('group-name').fill(group);
  await page.getByTestId('add-to-group').click();
  await page.getByTestId('group-chip').filter({ hasText: group }).click();
  await expect(page.getByTestId('code-card')).toHaveCount(1);
  expect(await dumpStorage(page)).toContain(`sessionStorage omamori.list.group=${group}`);
  await page.getByTestId('lock').click();
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
  const locked = await dumpStorage(page);
  expect(locked).not.toContain(group);
  for (const s of sentinels) {
    expect(locked).not.toContain(s.issuer);
    expect(locked).not.toContain(s.name);
  }
});

test('a full journey causes no CSP or Trusted Types violation; injected HTML and script are refused', async ({ page, context }) => {
  test.setTimeout(120_000);
  const foreign = logForeignRequests(context);
  await page.addInitScript(() => {
    (window as unknown as { __cspViolations: string[] }).__cspViolations = [];
    // Trusted Types refusals are CSP violations too (directive require-trusted-types-for or trusted-types).
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __cspViolations: string[] }).__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  const violations = (): Promise<string[]> => page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations);
  // The sinks the bundle reaches with plain strings: the Argon2id Worker (creating the vault)…
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Csp', name: 'me', secret: RFC_SECRET, type: 'hotp' });
  await page.getByTestId('hotp-next').click();
  // …Lit's templates and the QR encoder (the account's QR code)…
  await rowAction(page.getByTestId('code-card'), 'edit');
  await page.getByTestId('show-account-qr').click();
  await expect(page.getByTestId('account-qr-hint')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  // …qr-scanner's decoder Worker from a blob: URL (an image given to the scanner)…
  await openScanner(page);
  const png = await QRCode.toBuffer(`otpauth://totp/Scanned:me?secret=${RFC_SECRET}&issuer=Scanned`, { type: 'png', margin: 4, scale: 6 });
  await page.getByTestId('scanner-file').setInputFiles({ name: 'code.png', mimeType: 'image/png', buffer: png });
  await expect(page.getByTestId('preview-issuer')).toHaveText('Scanned');
  await page.getByTestId('enroll-back').click();
  // …and workbox-window's service-worker registration, with the service worker taking control.
  await waitForServiceWorker(page);
  await page.getByTestId('settings').click();
  await page.getByTestId('settings-back').click();
  await page.getByTestId('lock').click();
  expect(await violations()).toEqual([]);

  // The deliberate injections run on a probe page, which the suite-wide CSP watch
  // (e2e/support/csp-teardown.ts) expects to report violations.
  await page.goto(`/?${CSP_PROBE}`);
  const injected = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean };
    const refused = (fn: () => void): boolean => {
      try {
        fn();
        return false;
      } catch {
        return true;
      }
    };
    const script = document.createElement('script');
    const result = {
      // Trusted Types: no policy turns a string into HTML or script text.
      // eslint-disable-next-line no-restricted-syntax -- proving that the banned sink is refused at run time too
      html: refused(() => (document.createElement('div').innerHTML = '<img src=x onerror="window.__injected=true">')),
      text: refused(() => (script.textContent = 'window.__injected = true;')),
      ran: false,
    };
    // A text node bypasses the textContent sink: the script is still refused when it is inserted.
    script.append(document.createTextNode('window.__injected = true;'));
    document.body.append(script);
    await new Promise((r) => setTimeout(r, 100));
    result.ran = w.__injected === true;
    return result;
  });
  expect(injected).toEqual({ html: true, text: true, ran: false });
  const refusals = await violations();
  expect(refusals.filter((v) => v.startsWith('require-trusted-types-for')).length).toBeGreaterThanOrEqual(3);
  expect(foreign).toEqual([]);
});
