import { describe, expect, it } from 'vitest';
import { sheetQrText, sheetWords, type RecoverySheet } from '../../../src/core/recovery/kit';
import { makeService, openDb, PASS, dumpVault, expectCode, searchableDump, totp, unlockedService } from './vault-fixtures';

const texts = (sheets: readonly RecoverySheet[]): string[] => sheets.map(sheetQrText);

describe('recovery kit in the vault', () => {
  it('makes a 2-of-3 kit, unchecked until two sheets are entered back, and stores no key or share', async () => {
    const { vault, db } = await unlockedService();
    const kits = await vault.recoveryKit();
    expect(await kits.info()).toBeNull();
    const kit = await kits.create(PASS, { k: 2, n: 3 });
    expect(kit.sheets).toHaveLength(3);
    expect(await kits.info()).toEqual({ fingerprint: kit.fingerprint, k: 2, n: 3, createdAt: kit.createdAt, checkedAt: 0 });
    const dump = await searchableDump(db);
    for (const sheet of kit.sheets) {
      expect(dump).not.toContain(sheetQrText(sheet).slice(12, 40));
      const bytes = sheet.kind === 'share' ? Buffer.from(sheet.share.data.subarray(0, 32)).toString('hex') : '';
      expect(dump).not.toContain(bytes);
    }
    await expectCode(kits.check(texts(kit.sheets.slice(0, 1))), 'recovery/not-enough-shares');
    await kits.check([sheetWords(kit.sheets[2]!, 'ja').join(' '), sheetQrText(kit.sheets[0]!)]);
    expect((await kits.info())?.checkedAt).toBeGreaterThan(0);
  });

  it('needs the right passphrase to make a kit, and a wrong one changes nothing', async () => {
    const { vault, db } = await unlockedService();
    const before = await dumpVault(db);
    await expectCode((await vault.recoveryKit()).create('wrong', null), 'vault/wrong-passphrase');
    expect(await dumpVault(db)).toBe(before);
  });

  it('lets someone who forgot the passphrase in with k sheets and a new passphrase; the old passphrase stops working', async () => {
    const db = openDb();
    const first = makeService(db);
    await first.create(PASS, { deviceSlot: false });
    await first.addAccount(totp('Example'));
    const kit = await (await first.recoveryKit()).create(PASS, { k: 2, n: 3 });
    first.lock();
    // A new page load: the passphrase is forgotten.
    const vault = makeService(db);
    const kits = await vault.recoveryKit();
    await expectCode(kits.recover(texts(kit.sheets.slice(1, 2)), 'new pass'), 'recovery/not-enough-shares');
    await kits.recover(texts([kit.sheets[2]!, kit.sheets[0]!]), 'new passphrase');
    expect(await vault.getStatus()).toBe('unlocked');
    expect((await vault.listAccounts()).map((a) => a.issuer)).toEqual(['Example']);
    vault.lock();
    await expectCode(vault.unlockWithPassphrase(PASS), 'vault/wrong-passphrase');
    await vault.unlockWithPassphrase('new passphrase');
    expect(await vault.getStatus()).toBe('unlocked');
  });

  it('refuses the sheets of a replaced or revoked kit, and of another vault', async () => {
    const { vault, db } = await unlockedService();
    const kits = await vault.recoveryKit();
    const old = await kits.create(PASS, null);
    const current = await kits.create(PASS, { k: 2, n: 2 });
    expect(current.fingerprint).not.toBe(old.fingerprint);
    await expectCode(kits.check(texts(old.sheets)), 'recovery/wrong-key');
    await kits.check(texts(current.sheets));
    const other = await unlockedService();
    const foreign = await (await other.vault.recoveryKit()).create(PASS, null);
    const before = await dumpVault(db);
    vault.lock();
    await expectCode(kits.recover(texts(foreign.sheets), 'x'), 'recovery/wrong-key');
    await expectCode(kits.recover(texts(old.sheets), 'x'), 'recovery/wrong-key');
    expect(await dumpVault(db)).toBe(before);
    await vault.unlockWithPassphrase(PASS);
    await kits.revoke();
    expect(await kits.info()).toBeNull();
    vault.lock();
    await expectCode(kits.recover(texts(current.sheets), 'x'), 'recovery/no-kit');
  });

  it('enforces re-authentication for revoking, and gives exports the kit file key only while unlocked', async () => {
    let clock = 1_700_000_000_000;
    const db = openDb();
    const { VaultService } = await import('../../../src/services/vault/vault');
    const { createInProcessKdf } = await import('../../../src/core/crypto/kdf');
    const vault = new VaultService({ db, kdf: createInProcessKdf(), argon2: { m: 8192, t: 1, p: 1 }, now: () => clock });
    await vault.create(PASS, { deviceSlot: false });
    const kits = await vault.recoveryKit();
    expect(await kits.fileKey()).toBeNull();
    await kits.create(PASS, null);
    expect((await kits.fileKey())?.kek.extractable).toBe(false);
    clock += 120_000;
    await expectCode(kits.revoke(), 'vault/reauth-required');
    expect(await kits.info()).not.toBeNull();
    await vault.verifyPassphrase(PASS);
    await kits.revoke();
    vault.lock();
    await expectCode(kits.fileKey(), 'vault/locked');
  });
});
