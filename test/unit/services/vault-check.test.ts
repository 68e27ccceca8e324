/** vaultCheck: the count and short check a Safari tab and the home-screen app both show after a move. */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { BackupService, vaultCheck } from '../../../src/services/backup/backup';
import { FAST_ARGON2, hotp, randomSecretB32, totp, unlockedService } from './vault-fixtures';

const CODE = { kind: 'transfer-code', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' } as const;

async function filledVault() {
  const { vault } = await unlockedService();
  await vault.addAccounts([totp('Example'), hotp('Counter', 42), totp('銀行', 'たろう', randomSecretB32())]);
  const [first] = await vault.listAccounts();
  await vault.updateExtras(first!.id, { notes: 'recovery at the bank', favourite: true });
  return vault;
}

describe('vaultCheck', () => {
  it('is the same in a fresh vault restored from a transfer-code backup', async () => {
    const backup = new BackupService({ kdf: createInProcessKdf(), app: 'test', argon2: FAST_ARGON2 });
    const tab = await filledVault();
    const { bytes } = await backup.exportBackup(tab, { secret: CODE });
    const { vault: installed } = await unlockedService();
    await backup.commitImport(installed, await backup.previewImport(installed, bytes, CODE), { updateChanged: false });
    const before = vaultCheck(await tab.listAccounts());
    expect(before.count).toBe(3);
    expect(before.check).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}$/);
    expect(vaultCheck(await installed.listAccounts())).toEqual(before);
  });

  it('does not depend on the order of the accounts', async () => {
    const accounts = await (await filledVault()).listAccounts();
    expect(vaultCheck([...accounts].reverse())).toEqual(vaultCheck(accounts));
  });

  it('changes when an account is missing, or when a note or secret differs', async () => {
    const vault = await filledVault();
    const accounts = await vault.listAccounts();
    const { check } = vaultCheck(accounts);
    expect(vaultCheck(accounts.slice(1)).check).not.toBe(check);
    const [first, ...rest] = accounts;
    expect(vaultCheck([{ ...first!, notes: 'recovery at the bank.' }, ...rest]).check).not.toBe(check);
    expect(vaultCheck([{ ...first!, secretB32: randomSecretB32() }, ...rest]).check).not.toBe(check);
  });
});
