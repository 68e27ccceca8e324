import { mkdirSync, writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import QRCode from 'qrcode';
import type { AccountData } from '../src/core/account';
import { encodeMigrationUris } from '../src/formats/google-migration/codec';
import { addAccountByKey, createVault, openScanner as openAddScanner, RFC_SECRET, RFC_TIME_MS } from './support/helpers';

const DIR = '.tmp/enroll';

function totp(issuer: string, name: string, secretB32: string): AccountData {
  return { type: 'totp', issuer, name, secretB32, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '' };
}

/** Writes a PNG of one QR code and returns its path. */
async function qrPng(name: string, text: string): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const path = `${DIR}/${name}.png`;
  writeFileSync(path, await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 4, scale: 6 }));
  return path;
}

async function openScanner(page: Page): Promise<void> {
  await openAddScanner(page);
  await expect(page.getByTestId('scanner')).toBeVisible();
}

async function scanImage(page: Page, path: string): Promise<void> {
  await page.getByTestId('scanner-file').setInputFiles(path);
}

test('an otpauth QR image → preview with the live code → Add; scanning it again is flagged as a duplicate', async ({ page }) => {
  await page.clock.setFixedTime(RFC_TIME_MS);
  await createVault(page);
  await openScanner(page);
  await scanImage(page, await qrPng('single', `otpauth://totp/Example:alice?secret=${RFC_SECRET}&issuer=Example`));
  const preview = page.getByTestId('scan-preview');
  await expect(preview.getByTestId('preview-issuer')).toHaveText('Example');
  await expect(preview.getByTestId('preview-code')).toHaveText('081 804');
  await preview.getByTestId('preview-add').click();
  await expect(preview).toContainText('Added.');
  await page.getByTestId('enroll-back').click();
  await expect(page.getByTestId('code-card')).toHaveCount(1);

  await openScanner(page);
  await scanImage(page, await qrPng('single', `otpauth://totp/Example:alice?secret=${RFC_SECRET}&issuer=Example`));
  await expect(page.getByTestId('preview-duplicate')).toBeVisible();
  await expect(page.getByTestId('preview-add')).toHaveCount(0);
});

test('a three-code Google transfer: progress, a partial add needs confirmation, Japanese names survive', async ({ page }) => {
  const accounts = Array.from({ length: 25 }, (_, i) =>
    totp(i % 2 ? '楽天' : 'Example', i % 2 ? `山田 太郎 ${i}` : `user${i}@example.com`, `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}`),
  );
  const { uris } = encodeMigrationUris(accounts, { perCode: 10, batchId: 4242 });
  expect(uris).toHaveLength(3);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Example', name: 'user0@example.com', secret: accounts[0]!.secretB32 });
  await openScanner(page);

  await scanImage(page, await qrPng('transfer-3', uris[2]!));
  await expect(page.getByTestId('google-import-progress')).toHaveText('1 of 3 codes scanned');
  await expect(page.getByTestId('scanner-hint')).toContainText('1 of 3 codes scanned');
  await scanImage(page, await qrPng('transfer-1', uris[0]!));
  await expect(page.getByTestId('google-import-progress')).toHaveText('2 of 3 codes scanned');
  await expect(page.getByTestId('google-import-missing')).toHaveText('Code 2 of 3 not scanned yet.');
  // 15 accounts scanned, one of them already in the vault.
  await expect(page.getByTestId('google-import-add')).toHaveText('Add 14 accounts');
  await page.getByTestId('google-import-add').click();
  await expect(page.getByTestId('google-import-partial')).toBeVisible();
  await page.getByRole('button', { name: 'Keep scanning' }).click();

  await scanImage(page, await qrPng('transfer-2', uris[1]!));
  await expect(page.getByTestId('google-import-progress')).toHaveText('3 of 3 codes scanned');
  await expect(page.getByTestId('google-import-missing')).toHaveCount(0);
  await page.getByTestId('google-import-add').click();
  await expect(page.getByTestId('code-card')).toHaveCount(25);
  await page.getByTestId('search').fill('山田 太郎 13');
  await expect(page.getByTestId('code-card').getByTestId('name')).toHaveText('山田 太郎 13');
});

test('a code from another export asks before starting a new transfer', async ({ page }) => {
  const a = encodeMigrationUris([totp('A', 'a', 'JBSWY3DPEHPK3PXA'), totp('B', 'b', 'JBSWY3DPEHPK3PXB')], { perCode: 1, batchId: 1 }).uris;
  const b = encodeMigrationUris([totp('C', 'c', 'JBSWY3DPEHPK3PXC')], { perCode: 1, batchId: 2 }).uris;
  await createVault(page);
  await openScanner(page);
  await scanImage(page, await qrPng('export-a', a[0]!));
  await expect(page.getByTestId('google-import-progress')).toHaveText('1 of 2 codes scanned');
  await scanImage(page, await qrPng('export-b', b[0]!));
  await expect(page.getByTestId('google-import-other-export')).toBeVisible();
  await page.getByTestId('google-import-restart').click();
  await expect(page.getByTestId('google-import-progress')).toHaveText('1 of 1 codes scanned');
  await page.getByTestId('google-import-add').click();
  await expect(page.getByTestId('code-card')).toHaveCount(1);
});

test('hostile names from a QR code render as text and cause no CSP violation', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(e.violatedDirective));
  });
  const hostile = ['<img src=x onerror=alert(1)>', '\u202Egnp.exe', '🦄🔥'.repeat(3), 'x'.repeat(200)];
  await createVault(page);
  await openScanner(page);
  for (const [i, name] of hostile.entries()) {
    const uri = `otpauth://totp/${encodeURIComponent(`Evil${i}`)}:${encodeURIComponent(name)}?secret=JBSWY3DPEHPK3PX${'ABCD'[i]}&issuer=Evil${i}`;
    await scanImage(page, await qrPng(`hostile-${i}`, uri));
    await page.getByTestId('scan-preview').last().getByTestId('preview-add').click();
  }
  await page.getByTestId('enroll-back').click();
  await expect(page.getByTestId('code-card')).toHaveCount(4);
  await expect(page.getByTestId('code-card').filter({ hasText: 'Evil0' }).getByTestId('name')).toHaveText(hostile[0]!);
  // No element was created from the name anywhere, shadow roots included.
  const injected = await page.evaluate(() => {
    const count = (root: Document | ShadowRoot): number =>
      root.querySelectorAll('img[src="x"]').length + [...root.querySelectorAll('*')].reduce((n, el) => n + (el.shadowRoot ? count(el.shadowRoot) : 0), 0);
    return count(document);
  });
  expect(injected).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
});

// ---------- hostile names through manual entry and other apps' files (issue #12 §4) ----------

const XSS = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '"><svg/onload=alert(1)>', 'javascript:alert(1)'];

/** Records CSP violations and dialogs from the first script on. */
async function watchForInjection(page: Page): Promise<{ dialogs: string[] }> {
  await page.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(e.violatedDirective));
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return { dialogs };
}

/** Elements a name could have turned into, anywhere (shadow roots included), and the CSP report. */
async function injectionTraces(page: Page): Promise<{ elements: string[]; csp: string[] }> {
  return page.evaluate(() => {
    const found: string[] = [];
    const walk = (root: Document | ShadowRoot): void => {
      for (const el of root.querySelectorAll('*')) {
        const handlers = el.getAttributeNames().filter((a) => a.startsWith('on'));
        if (handlers.length > 0) found.push(`${el.localName}[${handlers.join(',')}]`);
        if (el.localName === 'script' && (el.textContent ?? '').includes('alert')) found.push('script');
        if ((el.getAttribute('href') ?? '').startsWith('javascript:')) found.push(`${el.localName}[href]`);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(document);
    return { elements: found, csp: (window as unknown as { __csp: string[] }).__csp };
  });
}

const texts = (page: Page, id: 'issuer' | 'name'): Promise<string[]> =>
  page
    .getByTestId('code-card')
    .getByTestId(id)
    .allTextContents()
    .then((xs) => xs.sort());

test('hostile names typed into the account form render as text: no element, no dialog, no CSP violation', async ({ page }) => {
  const { dialogs } = await watchForInjection(page);
  await createVault(page);
  for (const [i, issuer] of XSS.entries()) {
    await addAccountByKey(page, { issuer, name: XSS[(i + 1) % XSS.length]!, secret: `JBSWY3DPEHPK3PX${'ABCD'[i]}` });
  }
  await expect(page.getByTestId('code-card')).toHaveCount(XSS.length);
  expect(await texts(page, 'issuer')).toEqual([...XSS].sort());
  expect(await texts(page, 'name')).toEqual([...XSS].sort());
  expect(await injectionTraces(page)).toEqual({ elements: [], csp: [] });
  expect(dialogs).toEqual([]);
});

test('hostile names in Aegis and 2FAS files render as text in the preview and the list', async ({ page }) => {
  const { dialogs } = await watchForInjection(page);
  const aegis = {
    version: 1,
    header: { slots: null, params: null },
    db: {
      version: 3,
      entries: [0, 2].map((i) => ({
        type: 'totp',
        uuid: `0b5c6a0e-1111-4c1e-8f00-00000000000${i}`,
        name: XSS[i + 1],
        issuer: XSS[i],
        note: '',
        favorite: false,
        icon: null,
        info: { secret: `JBSWY3DPEHPK3PX${'EFGH'[i]}`, algo: 'SHA1', digits: 6, period: 30 },
        groups: ['group-1'],
      })),
      groups: [{ uuid: 'group-1', name: XSS[1] }],
    },
  };
  const twofas = {
    services: [1, 3].map((i, position) => ({
      name: XSS[i],
      secret: `JBSWY3DPEHPK3PX${'IJKL'[i]}`,
      updatedAt: 1700000000000,
      otp: { account: XSS[(i + 1) % XSS.length], issuer: XSS[i], digits: 6, period: 30, algorithm: 'SHA1', tokenType: 'TOTP' },
      order: { position },
    })),
    groups: [],
    updatedAt: 1700000000000,
    schemaVersion: 4,
    appVersionCode: 5000012,
    appVersionName: '5.2.0',
    appOrigin: 'android',
  };
  await createVault(page);
  for (const [fileName, content] of [
    ['aegis-export.json', aegis],
    ['backup.2fas', twofas],
  ] as const) {
    await page.getByTestId('settings').click();
    await page.getByTestId('open-import').click();
    await page.getByTestId('import-file').setInputFiles({ name: fileName, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });
    const listed = page.getByTestId('import-new').getByRole('listitem');
    await expect(listed).toHaveCount(2, { timeout: 30_000 });
    // The preview names each account with the raw strings.
    for (const item of await listed.allTextContents()) expect(XSS.some((x) => item.includes(x))).toBe(true);
    await page.getByTestId('import-commit').click();
    await expect(page.getByTestId('import-file')).toHaveCount(0);
  }
  await expect(page.getByTestId('code-card')).toHaveCount(4);
  expect(await texts(page, 'issuer')).toEqual([...XSS].sort());
  expect(await texts(page, 'name')).toEqual([...XSS].sort());
  await expect(page.getByTestId('group-chip').filter({ hasText: XSS[1]! })).toHaveText(XSS[1]!);
  expect(await injectionTraces(page)).toEqual({ elements: [], csp: [] });
  expect(dialogs).toEqual([]);
});
