import { describe, expect, it } from 'vitest';
import { makeService, PASS, totp, unlockedService } from './vault-fixtures';

describe('VaultService.openOnStart (app start in one read)', () => {
  it('reports none for a browser without a vault', async () => {
    expect(await makeService().openOnStart()).toBe('none');
  });

  it('stays locked without a device slot', async () => {
    const { vault, db } = await unlockedService();
    await vault.addAccount(totp('Bank'));
    vault.lock();
    const reopened = makeService(db);
    expect(await reopened.openOnStart()).toBe('locked');
    expect(await reopened.getStatus()).toBe('locked');
  });

  it('opens with the device slot and delivers the accounts it read at start', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    await vault.addAccount(totp('Bank', 'me'));
    await vault.addAccount(totp('Mail', 'you', 'GEZDGNBVGY3TQOJQ'));
    const reloaded = makeService(db);
    expect(await reloaded.openOnStart()).toBe('unlocked');
    const accounts = await new Promise<string[]>((resolve) => {
      const stop = reloaded.subscribeAccounts((list) => {
        if (list.length > 0) {
          stop();
          resolve(list.map((a) => `${a.issuer}/${a.name}`));
        }
      });
    });
    expect(accounts).toEqual(['Bank/me', 'Mail/you']);
  });

  it('falls back to locked when the stored device key no longer fits', async () => {
    const { db } = await unlockedService({ deviceSlot: true });
    const other = await unlockedService({ deviceSlot: true });
    const foreignKey = await other.db.deviceKeys.get('device');
    await db.deviceKeys.put(foreignKey!);
    const reloaded = makeService(db);
    expect(await reloaded.openOnStart()).toBe('locked');
    await reloaded.unlockWithPassphrase(PASS);
    expect(await reloaded.getStatus()).toBe('unlocked');
  });

  it('tells from the start read whether a locked vault has a passkey (the next start shell)', async () => {
    const { db } = await unlockedService();
    const plain = makeService(db);
    expect(await plain.openOnStart()).toBe('locked');
    expect(plain.startedWithPasskey()).toBe(false);
    const row = (await db.vault.get('vault'))!;
    const bytes = new Uint8Array(16);
    const passkey = { kind: 'passkey', credentialId: bytes, prfSalt: bytes, hkdfSalt: bytes, iv: bytes, wrapped: bytes, createdAt: 1, label: 'key' } as const;
    await db.vault.put({ ...row, slots: [...row.slots, passkey] });
    const withPasskey = makeService(db);
    expect(await withPasskey.openOnStart()).toBe('locked');
    expect(withPasskey.startedWithPasskey()).toBe(true);
  });

  it('is a no-op when already unlocked', async () => {
    const { vault } = await unlockedService();
    expect(await vault.openOnStart()).toBe('unlocked');
  });
});

describe('slot AAD binding', () => {
  it('a passphrase or device slot moved into a vault with another id no longer opens', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    await vault.addAccount(totp('Bound'));
    vault.lock();
    const row = (await db.vault.get('vault'))!;
    await db.vault.put({ ...row, vaultId: crypto.randomUUID() });
    const moved = makeService(db);
    await expect(moved.unlockWithPassphrase(PASS)).rejects.toMatchObject({ code: 'vault/wrong-passphrase' });
    expect(await moved.openOnStart()).toBe('locked');
  });
});
