import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { sheetQrText, sheetWords } from '../../../src/core/recovery/kit';
import { BackupService, createLastExportStore } from '../../../src/services/backup/backup';
import { recoverySecret } from '../../../src/services/backup/recovery-secret';
import { expectCode, FAST_ARGON2, PASS, totp, unlockedService } from './vault-fixtures';

const SECRET = { kind: 'passphrase', passphrase: 'backup pass' } as const;

function makeBackup(): BackupService {
  const storage = new Map<string, string>();
  const lastExport = createLastExportStore({ getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) });
  return new BackupService({ kdf: createInProcessKdf(), app: 'Omamori test', argon2: FAST_ARGON2, lastExport });
}

describe('backups and the recovery kit', () => {
  it('restores a backup made after the kit with two of three sheets and no passphrase, into a new vault', async () => {
    const backup = makeBackup();
    const { vault } = await unlockedService();
    await vault.addAccounts([totp('Example'), totp('銀行', 'たろう')]);
    const before = await backup.exportBackup(vault, { secret: SECRET });
    const kit = await (await vault.recoveryKit()).create(PASS, { k: 2, n: 3 });
    const after = await backup.exportBackup(vault, { secret: SECRET });
    expect(backup.inspect(before.bytes).slots).toEqual(['passphrase']);
    expect(backup.inspect(after.bytes).slots).toEqual(['passphrase', 'recovery-key']);

    const fresh = await unlockedService();
    const secret = await recoverySecret([sheetWords(kit.sheets[2]!, 'en').join(' '), sheetQrText(kit.sheets[0]!)]);
    const preview = await backup.previewImport(fresh.vault, after.bytes, secret);
    expect(await backup.commitImport(fresh.vault, preview, { updateChanged: false })).toBe(2);
    expect((await fresh.vault.listAccounts()).map((a) => a.issuer).sort()).toEqual(['Example', '銀行']);
    // The file made before the kit has no kit slot, and says so.
    await expectCode(backup.previewImport(fresh.vault, before.bytes, secret), 'recovery/no-kit');
  });

  it('keeps the old kit in files made before a new kit; the new sheets open only later files', async () => {
    const backup = makeBackup();
    const { vault } = await unlockedService();
    await vault.addAccount(totp('Example'));
    const kits = await vault.recoveryKit();
    const old = await kits.create(PASS, null);
    const oldFile = await backup.exportBackup(vault, { secret: SECRET });
    const current = await kits.create(PASS, { k: 2, n: 2 });
    const newFile = await backup.exportBackup(vault, { secret: SECRET });
    const oldSecret = await recoverySecret(old.sheets.map(sheetQrText));
    const newSecret = await recoverySecret(current.sheets.map(sheetQrText));
    expect((await backup.checkBackup(vault, oldFile.bytes, oldSecret)).ok).toBe(true);
    expect((await backup.checkBackup(vault, newFile.bytes, newSecret)).ok).toBe(true);
    await expectCode(backup.checkBackup(vault, oldFile.bytes, newSecret), 'recovery/wrong-key');
    await expectCode(backup.checkBackup(vault, newFile.bytes, oldSecret), 'recovery/wrong-key');
    await kits.revoke();
    expect(backup.inspect((await backup.exportBackup(vault, { secret: SECRET })).bytes).slots).toEqual(['passphrase']);
  });
});
