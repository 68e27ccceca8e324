/** The paper backup (services/backup/paper.ts): sealed to the checked kit only, read back from its codes. */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { sheetQrText, sheetWords } from '../../../src/core/recovery/kit';
import { BackupService, createLastExportStore } from '../../../src/services/backup/backup';
import { createPaperReader, makePaperBackup, plainSheet } from '../../../src/services/backup/paper';
import { parseOtpauthUri } from '../../../src/core/otpauth-uri';
import { recoverySecret } from '../../../src/services/backup/recovery-secret';
import { expectCode, FAST_ARGON2, PASS, totp, unlockedService } from './vault-fixtures';

function makeBackup(): { backup: BackupService; lastExport: () => string | undefined } {
  const storage = new Map<string, string>();
  const lastExport = createLastExportStore({ getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) });
  return {
    backup: new BackupService({ kdf: createInProcessKdf(), app: 'Omamori test', argon2: FAST_ARGON2, lastExport }),
    lastExport: () => [...storage.values()][0],
  };
}

describe('paper backup', () => {
  it('needs a recovery kit that was checked', async () => {
    const { backup } = makeBackup();
    const { vault } = await unlockedService();
    await vault.addAccount(totp('Example'));
    await expectCode(makePaperBackup(backup, vault), 'paper/no-kit', 'no kit');
    const kit = await (await vault.recoveryKit()).create(PASS, null);
    await expectCode(makePaperBackup(backup, vault), 'paper/no-kit', 'kit not checked');
    await (await vault.recoveryKit()).check(kit.sheets.map(sheetQrText));
    expect((await makePaperBackup(backup, vault)).count).toBe(1);
  });

  it('restores from its codes, shuffled with one missing, and two of three sheets into a new vault; nothing else opens it', async () => {
    const { backup, lastExport } = makeBackup();
    const { vault } = await unlockedService();
    const many = Array.from({ length: 40 }, (_, i) => totp(`Issuer ${i}`, `user${i}@example.com`));
    await vault.addAccounts(many);
    const kits = await vault.recoveryKit();
    const kit = await kits.create(PASS, { k: 2, n: 3 });
    await kits.check([sheetQrText(kit.sheets[0]!), sheetQrText(kit.sheets[1]!)]);
    const paper = await makePaperBackup(backup, vault);
    expect(paper.count).toBe(40);
    expect(paper.fingerprint).toBe(kit.fingerprint);
    expect(paper.parts.length).toBeGreaterThan(3);
    // No account's name or issuer in clear on any code.
    expect(paper.parts.join('\n')).not.toMatch(/Issuer|example\.com/iu);
    // A whole-vault paper backup counts as a backup.
    expect(lastExport()).toBe(String(paper.at));

    const reader = await createPaperReader();
    const shuffled = paper.parts.slice(1).reverse();
    for (const part of shuffled) reader.receive(part);
    const bytes = reader.result();
    expect(bytes).not.toBeNull();
    expect(backup.inspect(bytes!).slots).toEqual(['recovery-key']);

    const fresh = await unlockedService();
    await expectCode(backup.previewImport(fresh.vault, bytes!, { kind: 'passphrase', passphrase: PASS }), 'file/wrong-passphrase');
    const other = await (await fresh.vault.recoveryKit()).create(PASS, null);
    await expectCode(backup.previewImport(fresh.vault, bytes!, await recoverySecret(other.sheets.map(sheetQrText))), 'recovery/wrong-key');
    const secret = await recoverySecret([sheetWords(kit.sheets[2]!, 'ja').join(' '), sheetQrText(kit.sheets[0]!)]);
    const preview = await backup.previewImport(fresh.vault, bytes!, secret);
    expect(await backup.commitImport(fresh.vault, preview, { updateChanged: false })).toBe(40);
    expect((await fresh.vault.listAccounts()).map((a) => a.issuer).sort()).toEqual(many.map((a) => a.issuer).sort());
  });
});

describe('unencrypted sheet', () => {
  it('lists every account with a link that reads back as the same account, only after a recent proof', async () => {
    const { vault } = await unlockedService({ deviceSlot: true });
    await vault.addAccounts([totp('Example'), totp('銀行', 'たろう', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')]);
    const sheet = await plainSheet(vault);
    expect(sheet.map((e) => `${e.issuer}|${e.name}`)).toEqual(['Example|alice@example.com', '銀行|たろう']);
    expect(sheet.map((e) => parseOtpauthUri(e.uri).secretB32)).toEqual(['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']);
    // Opened by the device slot: no proof of who is there.
    vault.lock();
    await vault.unlockWithDevice();
    await expectCode(plainSheet(vault), 'vault/reauth-required');
  });
});
