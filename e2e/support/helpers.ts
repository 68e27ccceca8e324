import { expect, test, type Locator, type Page } from '@playwright/test';

/** The preview server of this run (OMAMORI_E2E_PORT lets two checkouts test side by side). */
export const E2E_PORT = Number(process.env.OMAMORI_E2E_PORT ?? 4173);
export const E2E_ORIGIN = `http://localhost:${E2E_PORT}`;

export const PASSPHRASE = 'correct horse battery staple';

/** RFC 6238 SHA1 seed; at unix time 1111111109 its 8-digit code is 07081804 (6-digit: 081804). */
export const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const RFC_TIME_MS = 1111111109 * 1000;

export async function createVault(page: Page, opts: { passphrase?: string; deviceSlot?: boolean } = {}): Promise<void> {
  const passphrase = opts.passphrase ?? PASSPHRASE;
  await page.goto('/');
  await page.getByTestId('start-create').click();
  await page.getByTestId('new-passphrase').fill(passphrase);
  await page.getByTestId('confirm-passphrase').fill(passphrase);
  if (opts.deviceSlot) await page.getByTestId('device-slot').check();
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
}

export interface KeyEntry {
  issuer: string;
  name: string;
  secret: string;
  type?: 'totp' | 'hotp' | 'steam';
  digits?: number;
  counter?: number;
}

/** The header's Add menu → "Enter a setup key": the account form. */
export async function openAddForm(page: Page): Promise<void> {
  await page.getByTestId('add-account').first().click();
  await page.getByTestId('add-key').click();
}

/** The header's Add menu → "Scan QR code": the scan screen. */
export async function openScanner(page: Page): Promise<void> {
  await page.getByTestId('add-account').first().click();
  await page.getByTestId('scan-qr').click();
}

/** A row's ⋮ menu item: `edit`, `delete`, `favourite` (a checkbox item) or `large-open`. */
export async function rowAction(row: Locator, item: 'edit' | 'delete' | 'favourite' | 'large-open'): Promise<void> {
  await row.getByTestId('row-menu').click();
  await row.getByTestId(item).click();
}

/** The list's options menu item: `sort-custom|issuer|recent`, `mode-select`, `mode-reorder`, `manage-groups`. */
export async function listOption(page: Page, item: string): Promise<void> {
  await page.getByTestId('list-options').click();
  await page.getByTestId(item).click();
}

export async function addAccountByKey(page: Page, entry: KeyEntry): Promise<void> {
  await openAddForm(page);
  await page.getByTestId('field-issuer').fill(entry.issuer);
  await page.getByTestId('field-name').fill(entry.name);
  await page.getByTestId('field-secretB32').fill(entry.secret);
  if (entry.type || entry.digits !== undefined || entry.counter !== undefined) {
    await page.getByTestId('advanced').click();
    if (entry.type) await page.getByTestId('field-type').selectOption(entry.type);
    if (entry.digits !== undefined) await page.getByTestId('field-digits').fill(String(entry.digits));
    if (entry.counter !== undefined) await page.getByTestId('field-counter').fill(String(entry.counter));
  }
  await page.getByTestId('save-account').click();
  await expect(page.getByTestId('account-form')).toHaveCount(0);
}

export async function addAccountByUri(page: Page, uri: string): Promise<void> {
  await openAddForm(page);
  await page.getByTestId('mode-uri').check();
  await page.getByTestId('field-uri').fill(uri);
  await page.getByTestId('save-account').click();
  await expect(page.getByTestId('account-form')).toHaveCount(0);
}

export async function unlock(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByTestId('unlock-passphrase').fill(passphrase);
  await page.getByTestId('unlock-submit').click();
}

/**
 * Everything the origin stores, as text: every IndexedDB store (bytes rendered as latin1 and
 * UTF-8), localStorage, this tab's sessionStorage and Cache Storage bodies. Used to prove no
 * plaintext reaches storage.
 */
export async function dumpStorage(page: Page): Promise<string> {
  // Where the project blocks the service worker (playwright.config.ts) there is no precache to wait for.
  const worker = test.info().project.use.serviceWorkers !== 'block';
  return page.evaluate(async (worker) => {
    // The service worker registers once the first screen is up and then fills its precache:
    // wait for it (bounded), so that two dumps differ only by what the test did.
    if (worker && 'serviceWorker' in navigator) await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 15_000))]);
    const out: string[] = [];
    const bytesToText = (bytes: Uint8Array): string =>
      `${Array.from(bytes, (b) => String.fromCharCode(b)).join('')}|${new TextDecoder('utf-8', { fatal: false }).decode(bytes)}`;
    const render = (value: unknown): string =>
      JSON.stringify(value, (_k, v: unknown) => {
        if (v instanceof Uint8Array) return bytesToText(v);
        if (v instanceof ArrayBuffer) return bytesToText(new Uint8Array(v));
        if (typeof CryptoKey !== 'undefined' && v instanceof CryptoKey) return '[CryptoKey]';
        return v;
      });
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      for (const store of Array.from(db.objectStoreNames)) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(store, 'readonly').objectStore(store).getAll();
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
        out.push(`${info.name}/${store}: ${render(rows)}`);
      }
      db.close();
    }
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)!;
      out.push(`localStorage ${key}=${localStorage.getItem(key)}`);
    }
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i)!;
      out.push(`sessionStorage ${key}=${sessionStorage.getItem(key)}`);
    }
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const req of await cache.keys()) {
        const res = await cache.match(req);
        out.push(`cache ${req.url}: ${res ? await res.text() : ''}`);
      }
    }
    return out.join('\n');
  }, worker);
}

/** Deletes the account whose row shows `text`, through the row's ⋮ menu. */
export async function deleteAccountFromList(page: Page, text: string): Promise<void> {
  await rowAction(page.getByTestId('code-card').filter({ hasText: text }), 'delete');
}

/** Opens the edit screen of the account whose list entry shows `text` (see deleteAccountFromList). */
export async function openAccountEditor(page: Page, text: string): Promise<void> {
  await rowAction(page.getByTestId('code-card').filter({ hasText: text }), 'edit');
}
