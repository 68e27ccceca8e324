import { expect, test, type Page } from '@playwright/test';
import { buildVariant, suiteBuild, type Build } from './support/builds';
import { addAccountByKey, E2E_PORT, openAddForm, RFC_SECRET } from './support/helpers';
import { startStaticServer, type SwappableServer } from './support/static-server';

const PORT = E2E_PORT + 3;
const ORIGIN = `http://localhost:${PORT}`;
let server: SwappableServer;
let v1: Build;
let v2: Build;

// In order, in one worker: both tests serve on PORT, and the builds are made once.
test.describe.configure({ mode: 'default' });

test.beforeAll(() => {
  // Two production builds that differ only in their version label, so their precache differs:
  // v1 is the suite's own build, v2 the same sources labelled update-test-2.
  v1 = suiteBuild('.tmp/sw-update-v1');
  v2 = buildVariant('.tmp/sw-update-v2', 'update-test-2');
});

async function waitForController(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test.beforeEach(async () => {
  server = await startStaticServer(v1.dir, PORT);
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
  server.root = v2.dir;
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
  await expect(page.getByTestId('version')).toContainText(v1.version);
  await expect(page.getByTestId('version')).not.toContainText(v2.version);
  await page.getByTestId('settings-back').click();

  // The user chooses to reload: v2 runs and the vault is intact.
  await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Reload' }).click()]);
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 20_000 });
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBeUndefined();
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('version')).toContainText(v2.version);
});

test('accepting the update in one tab never reloads another: a half-typed form survives there', async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto(`${ORIGIN}/`);
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill('update passphrase 2');
  await page.getByTestId('confirm-passphrase').fill('update passphrase 2');
  await page.getByTestId('device-slot').check();
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('empty-list')).toBeVisible({ timeout: 30_000 });
  await addAccountByKey(page, { issuer: 'First tab', name: 'me', secret: RFC_SECRET });
  await waitForController(page);

  // A second tab of the same browser, under the same worker, with a form half filled in.
  const second = await context.newPage();
  await second.goto(`${ORIGIN}/`);
  await expect(second.getByTestId('code-card')).toHaveCount(1);
  await waitForController(second);
  await second.evaluate(() => {
    (window as unknown as { __sameDocument: boolean }).__sameDocument = true;
  });
  await openAddForm(second);
  await second.getByTestId('field-issuer').fill('Half typed');
  await second.getByTestId('field-name').fill('still here');

  // Deploy v2; both tabs learn of it.
  server.root = v2.dir;
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
  await expect(page.getByText('A new version is ready.')).toBeVisible({ timeout: 20_000 });
  await expect(second.getByText('A new version is ready.')).toBeVisible({ timeout: 20_000 });

  // The first tab accepts: it reloads into v2.
  await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: 'Reload' }).click()]);
  await expect(page.getByTestId('code-card')).toHaveCount(1, { timeout: 20_000 });
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('version')).toContainText(v2.version);

  // The second tab only says so: same document, the typing intact, the form still usable.
  await second.bringToFront();
  await expect(second.getByText('A new version is active — reload when you are ready.')).toBeVisible({ timeout: 20_000 });
  await expect(second.getByText('A new version is ready.')).toHaveCount(0);
  expect(await second.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(second.getByTestId('field-issuer')).toHaveValue('Half typed');
  await expect(second.getByTestId('field-name')).toHaveValue('still here');
  await second.getByTestId('field-secretB32').fill('JBSWY3DPEHPK3PXP');
  // Submitted with Enter, as a keyboard user would (the waiting toast keeps clear of the form's buttons).
  await second.getByTestId('field-secretB32').press('Enter');
  await expect(second.getByTestId('code-card')).toHaveCount(2);

  // Its own user reloads it when ready: v2, with both accounts.
  await Promise.all([second.waitForEvent('framenavigated'), second.getByRole('button', { name: 'Reload' }).click()]);
  await expect(second.getByTestId('code-card')).toHaveCount(2, { timeout: 20_000 });
  expect(await second.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBeUndefined();
  await second.getByTestId('settings').click();
  await expect(second.getByTestId('version')).toContainText(v2.version);
});
