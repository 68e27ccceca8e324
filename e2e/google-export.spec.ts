import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { AccountData } from '../src/core/account';
import { parseOtpauthUri } from '../src/core/otpauth-uri';
import { addAccountByKey, addAccountByUri, createVault, openScanner, PASSPHRASE, RFC_SECRET, RFC_TIME_MS, rowAction } from './support/helpers';

const DIR = '.tmp/google-export';

/** Distinct 16-character base32 secrets. */
const secret = (i: number): string => `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}`;

interface CardText {
  issuer: string;
  name: string;
  code: string;
}

/** Issuer, name and shown code of every card, sorted (the clock is fixed, so codes are stable). */
async function cardTexts(page: Page): Promise<CardText[]> {
  const cards = page.getByTestId('code-card');
  const out: CardText[] = [];
  for (let i = 0; i < (await cards.count()); i++) {
    const card = cards.nth(i);
    const hasName = (await card.getByTestId('name').count()) > 0;
    out.push({
      issuer: (await card.getByTestId('issuer').textContent())?.trim() ?? '',
      name: hasName ? ((await card.getByTestId('name').textContent())?.trim() ?? '') : '',
      code: (await card.getByTestId('code').textContent())?.trim() ?? '',
    });
  }
  return out.sort((a, b) => `${a.issuer}|${a.name}`.localeCompare(`${b.issuer}|${b.name}`));
}

/** Screenshot of a rendered QR element (waits for its SVG) saved as a PNG; returns the path. */
async function shootQr(page: Page, testId: string, name: string): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const qr = page.getByTestId(testId);
  await expect(qr.locator('svg')).toBeVisible();
  // Toasts ("… added.") sit over the page for 4 s; a real user would wait for them too.
  await expect(page.getByTestId('toast')).toHaveCount(0, { timeout: 15_000 });
  const path = `${DIR}/${name}.png`;
  await qr.screenshot({ path });
  return path;
}

async function openSettings(page: Page): Promise<void> {
  await page.getByTestId('settings').click();
  await expect(page.getByTestId('show-google-qr')).toBeVisible();
}

test('transfer QR codes (5 per code) are read back by a second browser; the per-account QR enrols the same secret', async ({ browser }) => {
  test.setTimeout(180_000);
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await a.clock.setFixedTime(RFC_TIME_MS);
  await b.clock.setFixedTime(RFC_TIME_MS);
  await a.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __csp: string[] }).__csp.push(e.violatedDirective));
  });

  // 13 accounts: 11 that Google's format carries (one 8-digit SHA-256, one HOTP) + Steam + 60 s.
  await createVault(a);
  for (let i = 0; i < 9; i++) await addAccountByKey(a, { issuer: `Service ${i}`, name: `user${i}@example.com`, secret: secret(i) });
  await addAccountByUri(a, `otpauth://totp/Eight:alice?secret=${secret(9)}&issuer=Eight&digits=8&algorithm=SHA256`);
  await addAccountByKey(a, { issuer: 'Counter', name: 'hotp', secret: secret(10), type: 'hotp', counter: 5 });
  await addAccountByKey(a, { issuer: 'Steam', name: 'gamer', secret: secret(11), type: 'steam' });
  await addAccountByUri(a, `otpauth://totp/Sixty:slow?secret=${secret(12)}&issuer=Sixty&period=60`);
  await expect(a.getByTestId('code-card')).toHaveCount(13);
  const before = await cardTexts(a);

  await openSettings(a);
  await a.getByTestId('show-google-qr').click();
  await a.getByTestId('gqr-per-5').check();
  await a.getByTestId('gqr-start').click();
  await expect(a.getByTestId('gqr-position')).toHaveText('1 of 3');
  await expect(a.getByTestId('gqr-prev')).toBeDisabled();
  const skipped = a.getByTestId('gqr-skipped-item');
  await expect(skipped).toHaveCount(2);
  await expect(skipped.filter({ hasText: 'Steam (gamer)' })).toContainText('Steam accounts cannot be carried');
  await expect(skipped.filter({ hasText: 'Sixty (slow)' })).toContainText('every 60 seconds');

  const shots: string[] = [];
  for (let i = 1; i <= 3; i++) {
    await expect(a.getByTestId('gqr-position')).toHaveText(`${i} of 3`);
    await expect(a.getByTestId('gqr-code').locator('svg')).toHaveAttribute('aria-label', `Transfer QR code ${i} of 3`);
    shots.push(await shootQr(a, 'gqr-code', `transfer-${i}`));
    if (i < 3) await a.getByTestId('gqr-next').click();
  }
  await expect(a.getByTestId('gqr-next')).toBeDisabled();
  await a.getByTestId('gqr-prev').click();
  await expect(a.getByTestId('gqr-position')).toHaveText('2 of 3');
  await a.getByTestId('gqr-close').click();
  await expect(a.getByTestId('gqr-code')).toHaveCount(0);
  await expect(a.locator('omamori-qr')).toHaveCount(0);

  // B: a fresh browser profile scans the three screenshots, last one first.
  await createVault(b);
  await openScanner(b);
  for (const [n, path] of [shots[2]!, shots[0]!, shots[1]!].entries()) {
    await b.getByTestId('scanner-file').setInputFiles(path);
    await expect(b.getByTestId('google-import-progress')).toHaveText(`${n + 1} of 3 codes scanned`);
  }
  await b.getByTestId('google-import-add').click();
  await expect(b.getByTestId('code-card')).toHaveCount(11);
  const after = await cardTexts(b);
  expect(after).toEqual(before.filter((c) => c.issuer !== 'Steam' && c.issuer !== 'Sixty'));
  expect(after.find((c) => c.issuer === 'Service 0')?.code).toMatch(/^\d{3} \d{3}$/);

  // Per-account QR: the 60-second account (which Google's format cannot carry) enrols on B.
  await a.getByTestId('settings-back').click();
  await rowAction(a.getByTestId('code-card').filter({ hasText: 'Sixty' }), 'edit');
  await a.getByTestId('show-account-qr').click();
  await expect(a.getByTestId('account-qr-hint')).toContainText('Anyone who sees this code');
  const accountShot = await shootQr(a, 'account-qr', 'account-sixty');
  await a.getByTestId('hide-account-qr').click();
  await expect(a.getByTestId('account-qr')).toHaveCount(0);
  await a.getByRole('button', { name: 'Cancel' }).click();
  await expect(a.getByTestId('account-form')).toHaveCount(0);

  await openScanner(b);
  await b.getByTestId('scanner-file').setInputFiles(accountShot);
  const preview = b.getByTestId('scan-preview');
  await expect(preview.getByTestId('preview-issuer')).toHaveText('Sixty');
  await expect(preview.getByTestId('preview-code')).toHaveText(before.find((c) => c.issuer === 'Sixty')!.code);
  // The SVG codes need no inline style: nothing was blocked by the CSP.
  expect(await a.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);

  await ctxA.close();
  await ctxB.close();
});

test('choosing accounts: only the ticked ones go into the codes', async ({ page }) => {
  await page.clock.setFixedTime(RFC_TIME_MS);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Keep', name: 'a', secret: secret(0) });
  await addAccountByKey(page, { issuer: 'Drop', name: 'b', secret: secret(1) });
  await openSettings(page);
  await page.getByTestId('show-google-qr').click();
  await page.getByTestId('gqr-choose').check();
  const items = page.getByTestId('gqr-pick-item');
  await expect(items).toHaveCount(2);
  await page.getByRole('checkbox', { name: 'Drop (b)' }).uncheck();
  await page.getByRole('checkbox', { name: 'Keep (a)' }).uncheck();
  await page.getByTestId('gqr-start').click();
  await expect(page.getByTestId('google-export-error')).toHaveText('Choose at least one account.');
  await page.getByRole('checkbox', { name: 'Keep (a)' }).check();
  await page.getByTestId('gqr-start').click();
  await expect(page.getByTestId('gqr-position')).toHaveText('1 of 1');
  const path = await shootQr(page, 'gqr-code', 'chosen');
  await page.getByTestId('gqr-close').click();
  // Read it back on the same profile: the one account is already there, so it is flagged.
  await page.getByTestId('settings-back').click();
  await openScanner(page);
  await page.getByTestId('scanner-file').setInputFiles(path);
  await expect(page.getByTestId('google-import-progress')).toHaveText('1 of 1 codes scanned');
  await expect(page.getByTestId('google-import-accounts').locator('li')).toHaveCount(1);
  await expect(page.getByTestId('google-import-accounts')).toContainText('Keep');
  await expect(page.getByTestId('google-import-accounts')).not.toContainText('Drop');
});

test('plain otpauth:// export: the warning must be confirmed; the file parses back to the same accounts', async ({ page }) => {
  await page.clock.setFixedTime(RFC_TIME_MS);
  await createVault(page);
  const expected: AccountData[] = [
    { type: 'totp', issuer: 'Example', name: 'alice', secretB32: RFC_SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, pin: '' },
    { type: 'totp', issuer: '楽天', name: '山田 太郎', secretB32: secret(1), algorithm: 'SHA256', digits: 8, period: 60, counter: 0, pin: '' },
    { type: 'hotp', issuer: 'Counter', name: 'h', secretB32: secret(2), algorithm: 'SHA1', digits: 6, period: 30, counter: 7, pin: '' },
    { type: 'steam', issuer: 'Steam', name: 'gamer', secretB32: secret(3), algorithm: 'SHA1', digits: 5, period: 30, counter: 0, pin: '' },
  ];
  await addAccountByKey(page, { issuer: 'Example', name: 'alice', secret: RFC_SECRET });
  await addAccountByUri(
    page,
    `otpauth://totp/${encodeURIComponent('楽天')}:${encodeURIComponent('山田 太郎')}?secret=${secret(1)}&issuer=${encodeURIComponent('楽天')}&digits=8&period=60&algorithm=SHA256`,
  );
  await addAccountByKey(page, { issuer: 'Counter', name: 'h', secret: secret(2), type: 'hotp', counter: 7 });
  await addAccountByKey(page, { issuer: 'Steam', name: 'gamer', secret: secret(3), type: 'steam' });

  await openSettings(page);
  await page.getByTestId('export-otpauth').click();
  await expect(page.getByTestId('plain-warning')).toHaveText(
    'This file is not encrypted; anyone who gets it can make your codes. Import it into the other app, then delete it.',
  );
  await expect(page.getByTestId('plain-download')).toBeDisabled();
  await page.getByTestId('plain-confirm').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('plain-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^omamori-otpauth-\d{4}-\d{2}-\d{2}\.txt$/);
  await expect(page.getByTestId('plain-export')).toHaveCount(0);
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(4);
  for (const line of lines) expect(line).toMatch(/^otpauth:\/\//);
  const key = (x: AccountData): string => `${x.issuer}|${x.name}`;
  expect(lines.map((l) => parseOtpauthUri(l)).sort((x, y) => key(x).localeCompare(key(y)))).toEqual([...expected].sort((x, y) => key(x).localeCompare(key(y))));
});

test('transfer QR and account QR ask for the passphrase after 60 s; cancelling shows nothing', async ({ page }) => {
  await page.clock.install();
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Reauth', name: 'me', secret: RFC_SECRET });

  await page.clock.fastForward(61_000);
  await rowAction(page.getByTestId('code-card'), 'edit');
  await page.getByTestId('show-account-qr').click();
  await expect(page.getByTestId('reauth-dialog')).toBeVisible();
  await page.getByTestId('reauth-cancel').click();
  await expect(page.getByTestId('reauth-dialog')).toBeHidden();
  await expect(page.getByTestId('account-qr')).toHaveCount(0);
  await page.getByRole('button', { name: 'Cancel' }).click();

  await openSettings(page);
  for (const button of ['show-google-qr', 'export-otpauth']) {
    await page.getByTestId(button).click();
    await expect(page.getByTestId('reauth-dialog')).toBeVisible();
    await page.getByTestId('reauth-cancel').click();
    await expect(page.getByTestId('reauth-dialog')).toBeHidden();
    await expect(page.getByTestId('gqr-setup')).toHaveCount(0);
    await expect(page.getByTestId('plain-export')).toHaveCount(0);
  }

  await page.getByTestId('show-google-qr').click();
  await page.getByTestId('reauth-passphrase').fill(PASSPHRASE);
  await page.getByTestId('reauth-submit').click();
  await expect(page.getByTestId('gqr-setup')).toBeVisible();
});
