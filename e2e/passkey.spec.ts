import { expect, test, type Page } from '@playwright/test';
import { addAccountByKey, createVault, PASSPHRASE, RFC_SECRET, RFC_TIME_MS, unlock } from './support/helpers';

/** A CDP virtual authenticator with the PRF extension; `hasPrf: false` is one without PRF. */
async function addVirtualAuthenticator(page: Page, hasPrf: boolean): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
      hasPrf,
    },
  });
}

async function openPasskeySettings(page: Page): Promise<void> {
  await page.getByTestId('settings').click();
  await expect(page.getByRole('heading', { name: 'Passkeys' })).toBeVisible();
}

async function addPasskey(page: Page, name: string): Promise<void> {
  await page.getByTestId('passkey-add').click();
  await page.getByTestId('passkey-name').fill(name);
  await page.getByTestId('passkey-passphrase').fill(PASSPHRASE);
  await page.getByTestId('passkey-submit').click();
}

async function lock(page: Page): Promise<void> {
  await page.getByTestId('lock').click();
  await expect(page.getByTestId('unlock-passphrase')).toBeVisible();
}

const code = (page: Page) => page.getByTestId('code-card').getByTestId('code');

test('a passkey with PRF unlocks the vault, and the passphrase still works', async ({ page }) => {
  await page.clock.setFixedTime(RFC_TIME_MS);
  await addVirtualAuthenticator(page, true);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Passkey', name: 'me', secret: RFC_SECRET });

  await openPasskeySettings(page);
  await expect(page.getByTestId('passkey-none')).toBeVisible();
  await addPasskey(page, 'Laptop');
  await expect(page.getByTestId('passkey-label')).toHaveText(['Laptop']);
  await expect(page.getByTestId('passkey-error')).toHaveCount(0);
  await page.getByTestId('settings-back').click();

  await lock(page);
  await expect(code(page)).toHaveCount(0);
  await page.getByTestId('unlock-passkey').click();
  await expect(code(page)).toHaveText('081 804');

  await lock(page);
  await unlock(page);
  await expect(code(page)).toHaveText('081 804');

  // After a reload the lock screen still offers the passkey.
  await page.reload();
  await page.getByTestId('unlock-passkey').click();
  await expect(code(page)).toHaveText('081 804');
});

test('an authenticator without PRF is refused at enrolment with a clear message, and nothing is added', async ({ page }) => {
  await addVirtualAuthenticator(page, false);
  await createVault(page);
  await openPasskeySettings(page);
  await addPasskey(page, 'Old key');
  await expect(page.getByTestId('passkey-error')).toContainText('does not support the PRF extension');
  await expect(page.getByTestId('passkey-item')).toHaveCount(0);
  await page.getByTestId('settings-back').click();
  await lock(page);
  await expect(page.getByTestId('unlock-passkey')).toHaveCount(0);
});

test('a wrong passphrase adds no passkey', async ({ page }) => {
  await addVirtualAuthenticator(page, true);
  await createVault(page);
  await openPasskeySettings(page);
  await page.getByTestId('passkey-add').click();
  await page.getByTestId('passkey-passphrase').fill(`${PASSPHRASE} nope`);
  await page.getByTestId('passkey-submit').click();
  await expect(page.getByTestId('passkey-error')).toContainText('Wrong passphrase');
  await expect(page.getByTestId('passkey-item')).toHaveCount(0);
});

test('removing the passkey leaves passphrase unlock working and the passkey button gone', async ({ page }) => {
  await page.clock.setFixedTime(RFC_TIME_MS);
  await addVirtualAuthenticator(page, true);
  await createVault(page);
  await addAccountByKey(page, { issuer: 'Passkey', name: 'me', secret: RFC_SECRET });
  await openPasskeySettings(page);
  await addPasskey(page, 'Phone');
  await expect(page.getByTestId('passkey-item')).toHaveCount(1);

  // The passphrase was given moments ago when adding, so removal needs no second prompt.
  await page.getByRole('button', { name: 'Remove passkey Phone' }).click();
  await expect(page.getByTestId('passkey-item')).toHaveCount(0);
  await expect(page.getByTestId('passkey-none')).toBeVisible();
  await page.getByTestId('settings-back').click();

  await lock(page);
  await expect(page.getByTestId('unlock-passkey')).toHaveCount(0);
  await unlock(page);
  await expect(code(page)).toHaveText('081 804');
});
