/**
 * The steps the engine journeys (journeys.mjs) are made of, over drivers.mjs's page interface,
 * and the RFC 6238/4226 reference the codes are checked against (computed here, in Node).
 */
import { createHmac } from 'node:crypto';
import { waitFor } from './drivers.mjs';

export const PASSPHRASE = 'ひみつの合言葉は桜もち';
const WRONG = { en: 'Wrong passphrase. Nothing was changed.', ja: 'パスフレーズが違います。何も変更されていません。' };

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  return Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
}

/** RFC 4226 HOTP (RFC 6238 TOTP with counter = floor(t / period)). */
export function hotp(secret, counter, { digits = 6, algorithm = 'SHA1' } = {}) {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), base32(secret)).update(msg).digest();
  const o = mac[mac.length - 1] & 15;
  const n = (mac.readUInt32BE(o) & 0x7fffffff) % 10 ** digits;
  return String(n).padStart(digits, '0');
}

export function assert(ok, message) {
  if (!ok) throw new Error(message);
}

// The reference itself, against RFC 4226 Appendix D and RFC 6238 Appendix B.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
assert(hotp(RFC_SECRET, 0) === '755224' && hotp(RFC_SECRET, 1) === '287082', 'the HOTP reference is wrong');
assert(hotp(RFC_SECRET, Math.floor(1111111109 / 30), { digits: 8 }) === '07081804', 'the TOTP reference is wrong');

/** The code list, whatever screen a failed journey left behind (reload and unlock if needed). */
export async function backToList(page, origin) {
  if ((await page.count('add-account')) > 0) return;
  await page.goto(`${origin}/`);
  await page.element('unlock-passphrase', { timeout: 30_000 });
  await unlock(page, PASSPHRASE);
  await page.element('add-account', { timeout: 60_000 });
}

/**
 * Reads the cards until every account shows the code RFC 6238 gives at the page's own clock. A
 * reading straddling a period's end is discarded, and a code one tick behind (the card redraws
 * each second) is read again; a wrong code stays wrong, and fails after a few seconds.
 */
export async function expectCodes(page, accounts) {
  await waitFor('every expected account on the list', async () => {
    const { list } = await page.exec(() => cards());
    return accounts.every((a) => list.some((c) => c.issuer === a.issuer));
  });
  let wrong = [];
  try {
    await waitFor(
      'the right codes',
      async () => {
        const { before, after, list } = await page.exec(() => cards());
        if (accounts.some((a) => Math.floor(before / 1000 / a.period) !== Math.floor(after / 1000 / a.period))) return null;
        wrong = accounts
          .map((a) => ({
            issuer: a.issuer,
            want: hotp(a.secret, Math.floor(before / 1000 / a.period), a),
            got: list.find((c) => c.issuer === a.issuer)?.code,
            at: before,
          }))
          .filter((c) => c.got !== c.want);
        return wrong.length === 0;
      },
      5_000,
    );
  } catch {
    const c = wrong[0];
    throw new Error(
      c
        ? `${c.issuer}: the page shows ${c.got}, RFC 6238 at the page's clock (${new Date(c.at).toISOString()}) gives ${c.want}`
        : 'no reading within one period',
    );
  }
}

export async function lang(page) {
  return page.exec(() => document.documentElement.lang);
}

export async function createVault(page, origin) {
  await page.goto(`${origin}/`);
  await page.click('start-create');
  await page.fill('new-passphrase', PASSPHRASE);
  await page.fill('confirm-passphrase', PASSPHRASE);
  await page.click('create-submit');
  await page.element('add-account', { timeout: 60_000 });
}

/** The header's Add menu → "Enter a setup key": the account form. */
export async function openAddForm(page) {
  await page.click('add-account');
  await page.click('add-key');
}

export async function addByKey(page, entry) {
  await openAddForm(page);
  await page.fill('field-issuer', entry.issuer);
  await page.fill('field-name', entry.name);
  await page.fill('field-secretB32', entry.secret);
  if (entry.type) {
    await page.click('advanced');
    await page.select('field-type', entry.type);
  }
  await page.click('save-account');
  await waitFor('the form to close', () => page.count('account-form').then((n) => n === 0));
}

export async function unlock(page, passphrase) {
  await page.fill('unlock-passphrase', passphrase);
  await page.click('unlock-submit');
}

export async function openSettings(page) {
  await page.click('settings');
  await page.element('settings-back');
}

export async function closeSettings(page) {
  await page.click('settings-back');
  await page.element('add-account');
}

/** Passkey unlock is offered only where WebAuthn is; otherwise the section says why. */
export async function expectPasskeyDegrades(page, f) {
  await waitFor('the passkey section', async () => (await page.count('passkey-add')) + (await page.count('passkey-unsupported')) > 0);
  if (f.publicKeyCredential) assert((await page.count('passkey-add')) === 1, 'WebAuthn exists but passkey unlock is not offered');
  else assert((await page.count('passkey-unsupported')) === 1 && (await page.count('passkey-add')) === 0, 'no WebAuthn, yet no reason is shown');
}

/** Persistent storage is asked for only where the engine can grant it; otherwise the state says "unknown". */
export async function expectStorageDegrades(page, f) {
  await page.element('storage-state');
  if (!f.storagePersist) assert((await page.count('storage-ask')) === 0, 'a "keep data" button in an engine without navigator.storage.persist');
}

/** @returns {{ name: string, run: (ctx) => Promise<void> }[]} in order; ctx is shared by one engine's journeys. */

/** The unlock error as the page's language says it. */
export async function expectWrongPassphrase(page) {
  await page.expectText('unlock-error', WRONG[(await lang(page)) === 'ja' ? 'ja' : 'en'], { timeout: 60_000 });
}
