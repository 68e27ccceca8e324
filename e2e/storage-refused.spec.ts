/**
 * Issue #12 §4: storage that refuses. A full disk (a tiny quota through the DevTools protocol),
 * no usable IndexedDB (opening throws, as in a private window or with site data blocked) and a
 * database written by a newer version of Omamori each show their own sentence, in English and in
 * Japanese, never a raw error, and leave storage as it was.
 */
import { expect, test, type Page } from '@playwright/test';
import { E2E_ORIGIN, PASSPHRASE } from './support/helpers';

const SENTENCES = {
  en: {
    quota: 'The browser is out of storage space. Nothing was changed.',
    unavailable:
      'This browser does not let Omamori save data here (a private window or blocked site data can cause this). Nothing was saved; open Omamori in a normal window.',
    newer: 'Your vault was saved by a newer version of Omamori. Nothing was changed; reload to get the newer version.',
  },
  ja: {
    quota: 'ブラウザの保存容量が足りません。何も変更されていません。',
    unavailable:
      'このブラウザでは Omamori がデータを保存できません（プライベートウィンドウやサイトデータのブロックが原因のことがあります）。何も保存されていません。通常のウィンドウで開いてください。',
    newer: '保管庫は新しいバージョンの Omamori で保存されています。何も変更されていません。再読み込みして新しいバージョンを使ってください。',
  },
} as const;

/** What a raw error would look like on screen. */
const RAW = /Error\b|DOMException|IndexedDB|Dexie|\bat \w+ \(/;

/** Every text on the page, shadow roots included. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const walk = (root: ShadowRoot | HTMLElement): string =>
      [root.textContent ?? '', ...[...root.querySelectorAll('*')].map((el) => (el.shadowRoot ? walk(el.shadowRoot) : ''))].join('\n');
    return walk(document.body);
  });
}

/** The origin's IndexedDB databases with their native versions and stores, and localStorage's keys. */
function storageShape(page: Page) {
  return page.evaluate(async () => {
    const dbs = [];
    for (const info of await indexedDB.databases()) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(info.name!);
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      dbs.push({ name: db.name, version: db.version, stores: [...db.objectStoreNames] });
      db.close();
    }
    return { dbs, localStorage: Object.keys(localStorage).sort() };
  });
}

/** How many rows the vault database holds (0 and 0 when it was never created). */
function vaultRows(page: Page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((d) => d.name === 'omamori')) return { vault: 0, accounts: 0 };
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('omamori');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const count = (store: string) =>
      new Promise<number>((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve(0);
        const req = db.transaction(store).objectStore(store).count();
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    const rows = { vault: await count('vault'), accounts: await count('accounts') };
    db.close();
    return rows;
  });
}

for (const lang of ['en', 'ja'] as const) {
  test.describe(`in ${lang}`, () => {
    test.use({ locale: lang === 'ja' ? 'ja-JP' : 'en-US' });
    const say = SENTENCES[lang];

    test('a full disk: creating the vault says so, and nothing is left half-made', async ({ page, context }) => {
      // Chromium applies an overridden quota to an origin whose storage is not in use yet.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Storage.overrideQuotaForOrigin', { origin: E2E_ORIGIN, quotaSize: 1 });
      await page.goto('/');
      await page.getByTestId('start-create').click();
      await page.getByTestId('new-passphrase').fill(PASSPHRASE);
      await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
      await page.getByTestId('create-submit').click();
      await expect(page.getByTestId('create-error')).toHaveText(say.quota, { timeout: 30_000 });
      expect(await pageText(page)).not.toMatch(RAW);

      // No vault row, no account, no marker claiming a vault: a reload offers to create one again.
      expect(await vaultRows(page)).toEqual({ vault: 0, accounts: 0 });
      expect(await page.evaluate(() => localStorage.getItem('omamori.vault-marker'))).toBeNull();
      await page.reload();
      await expect(page.getByTestId('start-create')).toBeVisible();
      await expect(page.getByTestId('vault-missing')).toHaveCount(0);
    });

    test('no usable IndexedDB: the app says why instead of a lock screen, and stores nothing', async ({ page }) => {
      await page.addInitScript(() => {
        IDBFactory.prototype.open = () => {
          throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
        };
      });
      await page.goto('/');
      await expect(page.getByTestId('start-error')).toHaveText(say.unavailable);
      await expect(page.getByTestId('unlock-passphrase')).toHaveCount(0);
      await expect(page.getByTestId('start-create')).toHaveCount(0);
      expect(await pageText(page)).not.toMatch(RAW);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('vault')))).toEqual([]);
    });

    test('a database from a newer version: refused with a reload offer, and left untouched', async ({ page }) => {
      // A page of the origin that runs no app code, to plant the newer database first.
      await page.goto('/manifest.webmanifest');
      await page.evaluate(
        () =>
          new Promise<void>((resolve, reject) => {
            const req = indexedDB.open('omamori', 50);
            req.onupgradeneeded = () => req.result.createObjectStore('vault-v5', { keyPath: 'key' });
            req.onsuccess = () => {
              req.result.close();
              resolve();
            };
            req.onerror = () => reject(req.error);
          }),
      );
      await page.goto('/');
      await expect(page.getByTestId('start-error')).toContainText(say.newer);
      await expect(page.getByTestId('start-error-reload')).toBeVisible();
      await expect(page.getByTestId('unlock-passphrase')).toHaveCount(0);
      expect(await pageText(page)).not.toMatch(RAW);
      expect(await storageShape(page)).toEqual({ dbs: [{ name: 'omamori', version: 50, stores: ['vault-v5'] }], localStorage: [] });
    });
  });
}
