import { expect, test } from '@playwright/test';
import { splitBackoff } from './support/backoff';
import {
  addAccountByKey,
  addAccountByUri,
  createVault,
  dumpStorage,
  openAddForm,
  PASSPHRASE,
  RFC_SECRET,
  RFC_TIME_MS,
  rowAction,
  unlock,
} from './support/helpers';

test.describe('a new user', () => {
  test('creates a vault, adds an account, and sees the RFC 6238 code at a fixed clock', async ({ page }) => {
    await page.clock.setFixedTime(RFC_TIME_MS);
    await page.goto('/');
    await expect(page.getByText('Omamori keeps the one-time codes')).toBeVisible();
    await createVault(page);
    await expect(page.getByTestId('empty-list')).toBeVisible();

    await addAccountByKey(page, { issuer: 'Example', name: 'alice@example.com', secret: RFC_SECRET.toLowerCase().replace(/(.{4})/g, '$1 ') });
    const card = page.getByTestId('code-card');
    await expect(card).toHaveCount(1);
    await expect(card.getByTestId('issuer')).toHaveText('Example');
    await expect(card.getByTestId('name')).toHaveText('alice@example.com');
    // RFC 6238 Appendix B: 07081804 at T=1111111109 (SHA1); the 6-digit code is its last six digits.
    await expect(card.getByTestId('code')).toHaveText('081 804');
    // 1 s before the period ends the next code (T+1 = RFC time 1111111111 → 14050471) is shown too.
    await expect(card.getByTestId('next-code')).toHaveText('Next: 050 471');
    await expect(card.getByRole('timer')).toHaveAccessibleName('Time left: 1 s');

    // 8 digits through the advanced part.
    await addAccountByUri(page, `otpauth://totp/Eight:bob?secret=${RFC_SECRET}&digits=8`);
    await expect(page.getByTestId('code-card').filter({ hasText: 'Eight' }).getByTestId('code')).toHaveText('0708 1804');

    // The list survives a reload and an unlock.
    await page.reload();
    await unlock(page);
    await expect(page.getByTestId('code-card')).toHaveCount(2);
    await expect(page.getByTestId('code-card').filter({ hasText: 'Example' }).getByTestId('code')).toHaveText('081 804');
  });

  test('a wrong passphrase shows a message and leaves storage byte-identical', async ({ page }) => {
    await createVault(page);
    await addAccountByKey(page, { issuer: 'Bank', name: 'me', secret: 'JBSWY3DPEHPK3PXP' });
    await page.getByTestId('lock').click();
    await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
    await expect(page.getByTestId('code-card')).toHaveCount(0);
    const before = await dumpStorage(page);
    await unlock(page, 'not the passphrase');
    await expect(page.getByTestId('unlock-error')).toHaveText('Wrong passphrase. Nothing was changed.');
    // Only the wrong-passphrase count changed (it is kept so that a reload does not reset the wait).
    const after = splitBackoff(await dumpStorage(page));
    expect(after.failures).toBe(1);
    expect(after.rest).toBe(splitBackoff(before).rest);
    await unlock(page, PASSPHRASE);
    await expect(page.getByTestId('code-card')).toHaveCount(1);
  });

  test('invalid input is explained next to the field', async ({ page }) => {
    await createVault(page);
    await openAddForm(page);
    await page.getByTestId('field-issuer').fill('Site');
    await page.getByTestId('field-secretB32').fill('not base32 !!');
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('error-secret')).toHaveText('The setup key must use letters A–Z and digits 2–7.');
    await page.getByTestId('mode-uri').check();
    await page.getByTestId('field-uri').fill('https://example.com/');
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('error-uri')).toBeVisible();
    await expect(page.getByTestId('error-uri')).not.toContainText('Error');
  });

  test('searches, edits, deletes with undo, and refuses a duplicate', async ({ page }) => {
    await createVault(page);
    await addAccountByKey(page, { issuer: 'GitHub', name: 'octo', secret: 'JBSWY3DPEHPK3PXP' });
    await addAccountByKey(page, { issuer: 'Google', name: 'me@gmail.com', secret: 'GEZDGNBVGY3TQOJQ' });
    await page.getByTestId('search').fill('ｇｉｔ');
    await expect(page.getByTestId('code-card')).toHaveCount(1);
    await expect(page.getByTestId('code-card').getByTestId('issuer')).toHaveText('GitHub');
    await page.getByTestId('search').fill('');

    await rowAction(page.getByTestId('code-card').filter({ hasText: 'GitHub' }), 'edit');
    await page.getByTestId('field-name').fill('octocat');
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('code-card').filter({ hasText: 'octocat' })).toHaveCount(1);

    await openAddForm(page);
    await page.getByTestId('field-issuer').fill('Another name');
    await page.getByTestId('field-secretB32').fill('gezd gnbv gy3t qojq');
    await page.getByTestId('save-account').click();
    await expect(page.getByTestId('form-error')).toContainText('already in your vault');
    await page.getByRole('button', { name: 'Cancel' }).click();

    await rowAction(page.getByTestId('code-card').filter({ hasText: 'Google' }), 'delete');
    await expect(page.getByTestId('code-card')).toHaveCount(1);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('code-card')).toHaveCount(2);
  });

  test('HOTP shows the code for the stored counter and commits the next counter first', async ({ page }) => {
    await createVault(page);
    // RFC 4226: counter 0 → 755224, counter 1 → 287082.
    await addAccountByKey(page, { issuer: 'Hotp', name: 'rfc', secret: RFC_SECRET, type: 'hotp', counter: 0 });
    const card = page.getByTestId('code-card');
    await card.getByTestId('hotp-next').click();
    await expect(card.getByTestId('code')).toHaveText('755 224');
    await page.reload();
    await unlock(page);
    await page.getByTestId('code-card').getByTestId('hotp-next').click();
    await expect(page.getByTestId('code-card').getByTestId('code')).toHaveText('287 082');
  });

  test('tapping a code copies it to the clipboard', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.clock.setFixedTime(RFC_TIME_MS);
    await createVault(page);
    await addAccountByKey(page, { issuer: 'Copy', name: 'me', secret: RFC_SECRET });
    await page.getByTestId('copy').click();
    await expect(page.getByTestId('code-card').getByText('Copied')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('081804');
  });
});
