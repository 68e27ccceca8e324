/**
 * The service-worker kill switch (docs/hosting.md): a release built with OMAMORI_SW_KILL_SWITCH=1
 * replaces a broken one. Its sw.js deletes the app's caches and unregisters itself, its pages
 * register nothing, and the vault in IndexedDB is untouched: the app then runs from the network.
 */
import { expect, test, type Page } from '@playwright/test';
import { buildVariant, suiteBuild, type Build } from './support/builds';
import { addAccountByKey, E2E_PORT, openAddForm, PASSPHRASE, RFC_SECRET, unlock } from './support/helpers';
import { startStaticServer, type SwappableServer } from './support/static-server';

const PORT = E2E_PORT + 4;
const ORIGIN = `http://localhost:${PORT}`;
let server: SwappableServer;
let normal: Build;
let kill: Build;

// In order, in one worker: the server's port is fixed, and the builds are made once.
test.describe.configure({ mode: 'default' });

test.beforeAll(() => {
  // v1 is the suite's own build; the kill switch is built here.
  normal = suiteBuild('.tmp/sw-kill-v1');
  kill = buildVariant('.tmp/sw-kill-switch', 'kill-switch', { OMAMORI_SW_KILL_SWITCH: '1' });
});

test.beforeEach(async () => {
  server = await startStaticServer(normal.dir, PORT);
});

test.afterEach(async () => {
  await server.close();
});

/** What the origin has of service workers and caches, seen from a page. */
function workerState(page: Page) {
  return page.evaluate(async () => ({
    controlled: navigator.serviceWorker.controller !== null,
    registrations: (await navigator.serviceWorker.getRegistrations()).length,
    caches: (await caches.keys()).length,
  }));
}

test('the kill-switch build removes the worker and its caches, keeps the vault, and the app runs from the network', async ({ page, context }) => {
  test.setTimeout(120_000);
  // v1 installed: a vault with an account, served by the worker from its precache.
  await page.goto(`${ORIGIN}/`);
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('empty-list')).toBeVisible({ timeout: 30_000 });
  await addAccountByKey(page, { issuer: 'Kept', name: 'me', secret: RFC_SECRET });
  await expect.poll(() => workerState(page), { timeout: 20_000 }).toMatchObject({ controlled: true, registrations: 1 });
  expect((await workerState(page)).caches).toBeGreaterThan(0);

  // A second tab with a form half filled in: the kill switch must not reload it.
  const second = await context.newPage();
  await second.goto(`${ORIGIN}/`);
  await unlock(second);
  await expect(second.getByTestId('code-card')).toHaveCount(1, { timeout: 30_000 });
  await second.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  await openAddForm(second);
  await second.getByTestId('field-issuer').fill('Half typed');

  // Deploy the kill switch. The next load still comes from v1's cache, and the browser finds the
  // new sw.js: it installs, deletes the caches and unregisters.
  server.root = kill.dir;
  await page.bringToFront();
  await page.reload();
  await expect.poll(() => workerState(page), { timeout: 30_000 }).toMatchObject({ registrations: 0, caches: 0 });

  // The other tab kept its document and its typing.
  expect(await second.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(second.getByTestId('field-issuer')).toHaveValue('Half typed');
  await second.close();

  // From now on pages come from the network, register nothing, and the vault opens as before.
  const fromNetwork = await page.reload();
  expect(fromNetwork?.fromServiceWorker()).toBe(false);
  await unlock(page);
  await expect(page.getByTestId('code-card').getByTestId('issuer')).toHaveText('Kept', { timeout: 30_000 });
  await addAccountByKey(page, { issuer: 'Online', name: 'me', secret: 'JBSWY3DPEHPK3PXP' });
  await expect(page.getByTestId('code-card')).toHaveCount(2);
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('version')).toContainText('kill-switch');
  expect(await workerState(page)).toEqual({ controlled: false, registrations: 0, caches: 0 });
});
