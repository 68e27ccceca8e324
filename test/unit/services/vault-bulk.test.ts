import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeMigrationUri } from '../../../src/formats/google-migration/codec';
import { MigrationSession } from '../../../src/formats/google-migration/session';
import { fixtureUris } from '../formats/migration-helpers';
import { dumpDb, expectCode, hotp, PASS, randomSecretB32, totp, unlockedService } from './vault-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

const sortKeys = async (db: Awaited<ReturnType<typeof unlockedService>>['db']): Promise<number[]> =>
  (await db.accounts.orderBy('sortKey').toArray()).map((r) => r.sortKey);

describe('VaultService.addAccounts', () => {
  it('appends validated accounts after the existing ones with consecutive sort keys', async () => {
    const { vault, db } = await unlockedService();
    await vault.addAccount(totp('First'));
    const added = await vault.addAccounts([totp('  A  '), hotp('B', 7), totp('C', 'c', 'jbsw y3dp ehpk 3pxp')]);
    expect(added.map((a) => [a.issuer, a.secretB32])).toEqual([
      ['A', 'JBSWY3DPEHPK3PXP'],
      ['B', 'JBSWY3DPEHPK3PXP'],
      ['C', 'JBSWY3DPEHPK3PXP'],
    ]);
    expect(new Set(added.map((a) => a.id)).size).toBe(3);
    expect(await sortKeys(db)).toEqual([1, 2, 3, 4]);
    expect(await vault.listAccounts()).toEqual([expect.objectContaining({ issuer: 'First' }), ...added]);
    await vault.addAccount(totp('Last'));
    expect(await sortKeys(db)).toEqual([1, 2, 3, 4, 5]);
  });

  it('writes nothing when one entry is invalid', async () => {
    const { vault, db } = await unlockedService();
    await vault.addAccount(totp('Existing'));
    const before = await dumpDb(db);
    await expectCode(vault.addAccounts([totp('Good'), totp('Bad', 'x', 'not base32!'), totp('Also good')]), 'account/invalid-secret');
    await expectCode(vault.addAccounts([totp('Good'), { ...totp('Digits'), digits: 11 }]), 'account/invalid-digits');
    expect(await dumpDb(db)).toBe(before);
  });

  it('writes nothing when the transaction fails part-way', async () => {
    const { vault, db } = await unlockedService();
    await vault.addAccount(totp('Existing'));
    const before = await dumpDb(db);
    // The third row collides with the first inside the one bulk write.
    const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '11111111-1111-4111-8111-111111111111'];
    vi.spyOn(crypto, 'randomUUID').mockImplementation(
      () => (ids.shift() ?? '33333333-3333-4333-8333-333333333333') as `${string}-${string}-${string}-${string}-${string}`,
    );
    await expect(vault.addAccounts([totp('A'), totp('B'), totp('C')])).rejects.toMatchObject({ name: 'AppError', code: 'storage/failed' });
    expect(await dumpDb(db)).toBe(before);
  });

  it('refuses while locked and does nothing for an empty list', async () => {
    const { vault, db } = await unlockedService();
    const before = await dumpDb(db);
    expect(await vault.addAccounts([])).toEqual([]);
    vault.lock();
    await expectCode(vault.addAccounts([totp('A')]), 'vault/locked');
    expect(await dumpDb(db)).toBe(before);
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.listAccounts()).toEqual([]);
  });

  it('adds 500 accounts in one call and one transaction', async () => {
    const { vault, db } = await unlockedService();
    const list = Array.from({ length: 500 }, (_, i) => totp(`Service ${i}`, `user${i}@example.com`, randomSecretB32()));
    const transaction = vi.spyOn(db, 'transaction');
    const added = await vault.addAccounts(list);
    expect(transaction).toHaveBeenCalledTimes(1);
    expect(added).toHaveLength(500);
    expect(await sortKeys(db)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect((await vault.listAccounts()).map((a) => [a.issuer, a.secretB32])).toEqual(list.map((a) => [a.issuer, a.secretB32]));
  });

  it('stores a scanned Google export as one batch', async () => {
    const { vault } = await unlockedService();
    const session = new MigrationSession();
    for (const uri of fixtureUris('multi-batch.txt').reverse()) session.add(decodeMigrationUri(uri));
    await vault.addAccounts(session.accounts());
    expect((await vault.listAccounts()).map((a) => a.issuer)).toEqual(['GitHub', 'Example', '', 'Amazon', 'Dropbox', 'GitLab', 'Slack']);
  });
});
