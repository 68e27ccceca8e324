import { execSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { addAccountByKey, E2E_PORT, RFC_SECRET } from './support/helpers';
import { startStaticServer, type SwappableServer } from './support/static-server';

const PORT = E2E_PORT + 3;
const ORIGIN = `http://localhost:${PORT}`;
const V1 = '.tmp/sw-update-v1';
const V2 = '.tmp/sw-update-v2';
let server: SwappableServer;

test.beforeAll(() => {
  // Two production builds that differ only in their version label, so their precache differs.
  for (const [dir, label] of [
    [V1, 'update-test-1'],
    [V2, 'update-test-2'],
  ]) {
    execSync(`npx vite build --outDir ${dir} --emptyOutDir`, { stdio: 'ignore', env: { ...process.env, OMAMORI_BUILD_LABEL: label } });
  }
});

test.beforeEach(async () => {
  server = await startStaticServer(V1, PORT);
});

test.afterEach(async () => {
  await server.close();
});

test('a new version is offered, never forced, and the vault survives the update', async ({ page }) => {
  await page.goto(`${ORIGIN}/`);
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill('update passphrase 1');
  await page.getByTestId('confirm-passphrase').fill('update passphrase 1');
  await page.getByTestId('device-slot').check();
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('empty-list')).toBeVisible({ timeout: 30_000 });
  await addAccountByKey(page, { issuer: 'Survivor', name: 'me', secret: RFC_SECRET });
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });

  // Deploy v2 and let the browser find it.
  server.root = V2;
  await page.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  await expect(page.getByText('A new version is ready.')).toBeVisible({ timeout: 20_000 });

  // Nothing was forced: same document, codes still there and usable, still v1.
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(page.getByTestId('code-card')).toHaveCount(1);
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('version')).toContainText('update-test-1');
  await page.getByTestId('settings-back').click();

  // The user chooses to reload: v2 runs and the vault is intact.
  await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Reload' }).click()]);
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBeUndefined();
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('version')).toContainText('update-test-2');
});
