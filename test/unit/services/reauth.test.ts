/**
 * The re-authentication policy is the services' (services/vault/session.ts): revealing a setup
 * key or recovery codes and every export refuse with `vault/reauth-required` once the last
 * passphrase or passkey is older than the window, whatever the UI does; a new proof opens them
 * again.
 */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { BackupService } from '../../../src/services/backup/backup';
import { googleMigrationCodes, otpauthListFile } from '../../../src/services/backup/google-export';
import { exportForApp } from '../../../src/services/other-apps/other-apps';
import { REAUTH_WINDOW_MS } from '../../../src/services/vault/session';
import { VaultService } from '../../../src/services/vault/vault';
import { expectCode, FAST_ARGON2, openDb, PASS, totp } from './vault-fixtures';

async function setUp() {
  let clock = 1_700_000_000_000;
  const vault = new VaultService({ db: openDb(), kdf: createInProcessKdf(), argon2: FAST_ARGON2, now: () => clock });
  await vault.create(PASS, { deviceSlot: false });
  const account = await vault.addAccount({ ...totp('Example'), recoveryCodes: [{ code: 'abcd-efgh', usedAt: 0 }] });
  const backup = new BackupService({ kdf: createInProcessKdf(), app: 'test', now: () => clock, argon2: FAST_ARGON2 });
  return { vault, account, backup, advance: (ms: number) => void (clock += ms) };
}

/** Every sensitive operation, as the UI calls it. */
function sensitive(vault: VaultService, backup: BackupService, id: string): Record<string, () => Promise<unknown>> {
  return {
    revealSecret: () => vault.revealSecret(id),
    revealRecoveryCodes: () => vault.revealRecoveryCodes(id),
    exportBackup: () => backup.exportBackup(vault, { secret: { kind: 'passphrase', passphrase: 'backup pass 1' } }),
    googleMigrationCodes: () => googleMigrationCodes(vault, { perCode: 10 }),
    otpauthListFile: () => otpauthListFile(vault),
    exportForApp: () => exportForApp(vault, '2fas'),
  };
}

describe('re-authentication is enforced by the services', () => {
  it('allows sensitive operations within the window after the passphrase was given', async () => {
    const { vault, account, backup, advance } = await setUp();
    advance(REAUTH_WINDOW_MS);
    expect(vault.proofNeeded()).toBe(false);
    expect(await vault.revealSecret(account.id)).toEqual({ secretB32: account.secretB32, link: expect.stringMatching(/^otpauth:\/\/totp\/.*secret=/) });
    expect(await vault.revealRecoveryCodes(account.id)).toEqual([{ code: 'abcd-efgh', usedAt: 0 }]);
    for (const [name, op] of Object.entries(sensitive(vault, backup, account.id))) await expect(op(), name).resolves.toBeDefined();
  });

  it('refuses every one of them once the last proof is older than the window, and writes nothing', async () => {
    const { vault, account, backup, advance } = await setUp();
    advance(REAUTH_WINDOW_MS + 1);
    expect(vault.proofNeeded()).toBe(true);
    for (const [name, op] of Object.entries(sensitive(vault, backup, account.id))) {
      await expectCode(op(), 'vault/reauth-required', name);
    }
    expect(backup.lastExportAt()).toBeNull();
  });

  it('opens them again after the passphrase is proven, and refuses a wrong one', async () => {
    const { vault, account, backup, advance } = await setUp();
    advance(REAUTH_WINDOW_MS + 1);
    await expectCode(vault.verifyPassphrase('wrong passphrase'), 'vault/wrong-passphrase');
    await expectCode(vault.revealSecret(account.id), 'vault/reauth-required');
    await vault.verifyPassphrase(PASS);
    expect(vault.proofNeeded()).toBe(false);
    await expect(sensitive(vault, backup, account.id).exportBackup!()).resolves.toMatchObject({ count: 1 });
  });

  it('a device-slot open is no proof, and a lock forgets the last one', async () => {
    const { vault, account } = await setUp();
    vault.lock();
    await expectCode(vault.revealSecret(account.id), 'vault/locked');
    await vault.unlockWithPassphrase(PASS);
    expect(vault.proofNeeded()).toBe(false);
    vault.lock();
    expect(vault.proofNeeded()).toBe(true);
  });
});
