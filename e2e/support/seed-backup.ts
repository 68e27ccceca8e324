/**
 * Seeds a vault through the app's own restore path: an Omamori backup written in Node with the
 * production codec (transfer-code slot, so no Argon2 in the test runner), restored through the UI.
 */
import { expect, type Page } from '@playwright/test';
import type { AccountData, AccountExtras } from '../../src/core/account';
import { encodeBase32 } from '../../src/core/base32';
import { createInProcessKdf } from '../../src/core/crypto/kdf';
import { writeExportFile } from '../../src/core/export-file';
import { generateTransferCode } from '../../src/core/transfer-code';
import { PASSPHRASE } from './helpers';

export type SeedAccount = Pick<AccountData, 'issuer' | 'name'> & Partial<AccountData> & Partial<AccountExtras>;

export function totp(seed: SeedAccount): AccountData & Partial<AccountExtras> {
  return {
    type: 'totp',
    secretB32: encodeBase32(crypto.getRandomValues(new Uint8Array(20))),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    pin: '',
    ...seed,
  };
}

export async function backupOf(accounts: readonly SeedAccount[]): Promise<{ bytes: Buffer; code: string }> {
  const code = generateTransferCode();
  const bytes = await writeExportFile(accounts.map(totp), { kind: 'transfer-code', code }, { kdf: createInProcessKdf(), now: new Date(), app: 'e2e' });
  return { bytes: Buffer.from(bytes), code };
}

/** First run → "Restore from a backup" → a new vault holding exactly `accounts`, on the list screen. */
export async function restoreNewVault(page: Page, accounts: readonly SeedAccount[], timeout = 30_000): Promise<void> {
  const { bytes, code } = await backupOf(accounts);
  await page.goto('/');
  await page.getByTestId('start-restore').click();
  await page.getByTestId('new-passphrase').fill(PASSPHRASE);
  await page.getByTestId('confirm-passphrase').fill(PASSPHRASE);
  await page.getByTestId('create-submit').click();
  await expect(page.getByTestId('restore-file')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('restore-file').setInputFiles({ name: 'seed.omamori', mimeType: 'application/json', buffer: bytes });
  await page.getByTestId('restore-code').fill(code);
  await page.getByTestId('restore-submit').click();
  await expect(page.getByTestId('restore-import')).toHaveText(`Import ${accounts.length.toLocaleString('en-US')} accounts`, { timeout });
  await page.getByTestId('restore-import').click();
  await expect(page.getByTestId('code-card').first()).toBeVisible({ timeout });
}
