/**
 * Issue #12 §4: two tabs of one browser writing the same vault at the same time, driven through
 * the app. Adding: 50 accounts from each tab at once end as 100, none lost, in a stable order that
 * both tabs show. HOTP: 100 "Generate" presses spread over both tabs consume 100 distinct counters,
 * no code is ever shown twice, and a press whose counter cannot be stored shows no code.
 */
import { createHmac } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { encodeBase32 } from '../src/core/base32';
import { addAccountByKey, createVault, RFC_SECRET, rowAction } from './support/helpers';

// Both tabs act at once, so neither may be throttled as a background tab: Playwright launches
// Chromium with --disable-renderer-backgrounding, --disable-backgrounding-occluded-windows and
// --disable-background-timer-throttling already (its default switches), so this file needs no
// launch options of its own — which would also give it a browser and worker of its own, started
// at the end of the run where its long tests ran alone on one worker. Headless Chromium still
// gives the tab behind one animation frame a second, and Playwright's actionability checks wait
// for frames (one add took 2 s there, 0.2 s in front): the clicks below use `force`, which skips
// those checks; each step still waits for what the app shows next.

const issuers = (page: Page): Promise<string[]> => page.getByTestId('code-card').getByTestId('issuer').allTextContents();

async function openSecondTab(page: Page): Promise<Page> {
  const second = await page.context().newPage();
  await second.goto('/');
  // The device slot opens the vault without a passphrase in the new tab.
  await expect(second.getByTestId('add-account').first()).toBeVisible({ timeout: 30_000 });
  return second;
}

test('two tabs add 50 accounts each at the same time: 100 accounts, none lost, in one stable order in both tabs', async ({ page }) => {
  test.setTimeout(300_000);
  await createVault(page, { deviceSlot: true });
  const second = await openSecondTab(page);
  const names = (prefix: string) => Array.from({ length: 50 }, (_, i) => `${prefix} ${String(i).padStart(2, '0')}`);
  const addAll = async (tab: Page, prefix: string): Promise<void> => {
    for (const issuer of names(prefix)) {
      const secret = encodeBase32(new TextEncoder().encode(`${issuer} secret`));
      await tab.getByTestId('add-account').first().click({ force: true });
      await tab.getByTestId('add-key').click({ force: true });
      await tab.getByTestId('mode-uri').check({ force: true });
      await tab.getByTestId('field-uri').fill(`otpauth://totp/${encodeURIComponent(issuer)}:me?secret=${secret}&issuer=${encodeURIComponent(issuer)}`);
      await tab.getByTestId('save-account').click({ force: true });
      await expect(tab.getByTestId('account-form')).toHaveCount(0);
    }
  };
  await Promise.all([addAll(page, 'Alpha'), addAll(second, 'Beta')]);

  await expect(page.getByTestId('code-card')).toHaveCount(100, { timeout: 30_000 });
  await expect(second.getByTestId('code-card')).toHaveCount(100, { timeout: 30_000 });
  const order = await issuers(page);
  expect([...order].sort()).toEqual([...names('Alpha'), ...names('Beta')].sort());
  // Each tab's accounts keep the order they were added in, interleaved with the other tab's.
  expect(order.filter((n) => n.startsWith('Alpha'))).toEqual(names('Alpha'));
  expect(order.filter((n) => n.startsWith('Beta'))).toEqual(names('Beta'));
  await expect.poll(() => issuers(second)).toEqual(order);
  // The order is the stored one: the same after a reload.
  await page.reload();
  await expect(page.getByTestId('code-card')).toHaveCount(100, { timeout: 30_000 });
  expect(await issuers(page)).toEqual(order);
});

/** RFC 4226 HOTP, 8 digits, SHA-1, of the RFC's seed (RFC_SECRET is its base32 form). */
function hotp(counter: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', Buffer.from('12345678901234567890')).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** 8).padStart(8, '0');
}

const shownCode = async (tab: Page): Promise<string> => ((await tab.getByTestId('code-card').getByTestId('code').textContent()) ?? '').replace(/\s/g, '');

/** Presses "Generate" and returns the new code once it is on screen. */
async function press(tab: Page): Promise<string> {
  const before = await shownCode(tab);
  await tab.getByTestId('hotp-next').click({ force: true });
  let code = '';
  await expect
    .poll(async () => {
      code = await shownCode(tab);
      return /^\d{8}$/.test(code) && code !== before;
    })
    .toBe(true);
  return code;
}

test('100 HOTP presses over two tabs: 100 distinct counters, no code shown twice, and no code without a stored counter', async ({ page }) => {
  test.setTimeout(300_000);
  const START = 10;
  const counterOf = new Map(Array.from({ length: 200 }, (_, c) => [hotp(c), c] as const));
  expect(counterOf.size).toBe(200); // no two of these counters share a code, so a code names its counter
  expect(hotp(0)).toBe('84755224'); // RFC 4226 appendix D (its 6-digit code is 755224)

  await createVault(page, { deviceSlot: true });
  await addAccountByKey(page, { issuer: 'Counter', name: 'hotp', secret: RFC_SECRET, type: 'hotp', digits: 8, counter: START });
  const second = await openSecondTab(page);
  await expect(second.getByTestId('hotp-next')).toBeVisible();

  const pressMany = async (tab: Page, times: number): Promise<string[]> => {
    const codes: string[] = [];
    for (let i = 0; i < times; i++) codes.push(await press(tab));
    return codes;
  };
  const [first, other] = await Promise.all([pressMany(page, 50), pressMany(second, 50)]);
  const shown = [...first, ...other];
  expect(new Set(shown).size).toBe(100);
  const counters = shown.map((code) => counterOf.get(code)).sort((a, b) => a! - b!);
  expect(counters).toEqual(Array.from({ length: 100 }, (_, i) => START + i));

  // The counter is stored before its code is shown: a press whose write fails shows nothing new.
  const lastShown = await shownCode(page);
  await page.evaluate(() => {
    const w = window as unknown as { __put: typeof IDBObjectStore.prototype.put };
    w.__put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
  });
  await page.getByTestId('hotp-next').click();
  await expect(page.getByText('The browser is out of storage space. Nothing was changed.')).toBeVisible();
  expect(await shownCode(page)).toBe(lastShown);
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = (window as unknown as { __put: typeof IDBObjectStore.prototype.put }).__put;
  });

  // The stored counter is START + 100, and a reloaded tab's next code is that counter's: new.
  await rowAction(page.getByTestId('code-card'), 'edit');
  await page.getByTestId('advanced').click();
  await expect(page.getByTestId('field-counter')).toHaveValue(String(START + 100));
  await second.reload();
  const next = await press(second);
  expect(counterOf.get(next)).toBe(START + 100);
  expect(shown).not.toContain(next);
});
