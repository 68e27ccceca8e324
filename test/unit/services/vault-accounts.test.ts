import { describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../src/core/account';
import { dumpDb, expectCode, hotp, makeService, PASS, randomSecretB32, searchableDump, totp, unlockedService } from './vault-fixtures';

describe('VaultService: accounts', () => {
  it('adds, lists in order, edits, deletes and restores (same id, same place)', async () => {
    const { vault, db } = await unlockedService();
    const a = await vault.addAccount(totp('Alpha'));
    const b = await vault.addAccount(totp('  Beta  ', 'bob', 'jbsw y3dp-ehpk 3pxp'));
    const c = await vault.addAccount(totp('Gamma'));
    expect(b).toMatchObject({ issuer: 'Beta', name: 'bob', secretB32: 'JBSWY3DPEHPK3PXP' }); // validated
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect((await db.accounts.toArray()).map((r) => r.sortKey).sort()).toEqual([1, 2, 3]);

    const edited = await vault.updateAccount(b.id, { ...totp('Beta 2', 'bob'), digits: 8 });
    expect(edited).toMatchObject({ id: b.id, issuer: 'Beta 2', digits: 8, createdAt: b.createdAt });
    expect(edited.updatedAt).toBeGreaterThan(b.updatedAt);

    await vault.deleteAccount(b.id);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['Alpha', 'Gamma']);
    const restored = await vault.restoreAccount(edited);
    expect(restored).toMatchObject({ id: b.id, issuer: 'Beta 2', createdAt: b.createdAt });
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['Alpha', 'Beta 2', 'Gamma']);
  });

  it('validates before writing and reports unknown ids', async () => {
    const { vault, db } = await unlockedService();
    const before = await dumpDb(db);
    await expectCode(vault.addAccount(totp('Bad', 'x', 'not base32!')), 'account/invalid-secret');
    await expectCode(vault.addAccount(totp('', '')), 'account/missing-name');
    expect(await dumpDb(db)).toBe(before);
    await expectCode(vault.updateAccount('missing', totp('X')), 'vault/account-not-found');
    await expectCode(vault.deleteAccount('missing'), 'vault/account-not-found');
    await expectCode(vault.advanceHotp('missing'), 'vault/account-not-found');
  });

  it('keeps the list working when records are damaged or swapped between rows', async () => {
    const { vault, db } = await unlockedService();
    const a = await vault.addAccount(totp('A'));
    const b = await vault.addAccount(totp('B'));
    await vault.addAccount(totp('C'));
    const rowA = await db.accounts.get(a.id);
    const rowB = await db.accounts.get(b.id);
    await db.accounts.bulkPut([
      { ...rowA!, iv: rowB!.iv, ct: rowB!.ct },
      { ...rowB!, iv: rowA!.iv, ct: rowA!.ct },
    ]);
    vault.lock(); // drops the plaintext cache
    await vault.unlockWithPassphrase(PASS);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['C']);
    expect(vault.getDamagedCount()).toBe(2);
    await expectCode(vault.updateAccount(a.id, totp('A2')), 'vault/record-damaged');

    const rowC = (await db.accounts.orderBy('sortKey').last())!;
    const ct = new Uint8Array(rowC.ct);
    ct[3] = (ct[3] ?? 0) ^ 1;
    await db.accounts.put({ ...rowC, ct });
    expect(await vault.listAccounts()).toEqual([]);
    expect(vault.getDamagedCount()).toBe(3);
  });

  it('stores no secret, issuer or name in clear (20 sentinel accounts, every store)', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    const sentinels = Array.from({ length: 20 }, (_, i) => ({
      issuer: `SentinelIssuer${i}x${crypto.randomUUID().slice(0, 8)}`,
      name: `sentinel.${i}.${crypto.randomUUID().slice(0, 8)}@example.org`,
      secretB32: randomSecretB32(),
    }));
    for (const s of sentinels) await vault.addAccount(totp(s.issuer, s.name, s.secretB32));
    await db.meta.put({ key: 'language', value: 'ja' });
    const dump = await searchableDump(db);
    expect(dump).toContain('language'); // the dump does see plain rows
    for (const s of sentinels) {
      for (const needle of [s.issuer, s.name, s.secretB32, s.issuer.slice(0, 16)]) expect(dump).not.toContain(needle);
      const secretHex = Buffer.from((await import('../../../src/core/base32')).decodeBase32(s.secretB32)!).toString('hex');
      expect(dump).not.toContain(secretHex);
    }
    expect(dump).not.toContain(PASS);
  });
});

describe('VaultService: HOTP', () => {
  it('commits the next counter before returning it', async () => {
    const { vault, db } = await unlockedService();
    const account = await vault.addAccount(hotp('Bank', 41));
    const next = await vault.advanceHotp(account.id);
    expect(next.counter).toBe(42);
    const other = makeService(db); // another tab reads what is stored
    await other.unlockWithPassphrase(PASS);
    expect((await other.listAccounts())[0]?.counter).toBe(42);
    const totpAccount = await vault.addAccount(totp('T'));
    await expectCode(vault.advanceHotp(totpAccount.id), 'account/invalid-counter');
  });

  it('gives 20 concurrent draws 20 distinct counters, final = start + 20', async () => {
    const { vault } = await unlockedService();
    const account = await vault.addAccount(hotp('Bank', 100));
    const drawn = await Promise.all(Array.from({ length: 20 }, () => vault.advanceHotp(account.id)));
    const counters = drawn.map((a) => a.counter).sort((x, y) => x - y);
    expect(counters).toEqual(Array.from({ length: 20 }, (_, i) => 101 + i));
    expect((await vault.listAccounts())[0]?.counter).toBe(120);
  });

  it('keeps counters distinct across two tabs drawing at once (optimistic check and retry)', async () => {
    const { vault, db } = await unlockedService();
    const account = await vault.addAccount(hotp('Bank', 0));
    const other = makeService(db);
    await other.unlockWithPassphrase(PASS);
    const drawn = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? vault : other).advanceHotp(account.id)));
    expect(new Set(drawn.map((a) => a.counter)).size).toBe(20);
    expect(Math.max(...drawn.map((a) => a.counter))).toBe(20);
    expect((await vault.listAccounts())[0]?.counter).toBe(20);
  });
});

describe('VaultService: live list', () => {
  it('follows writes from another tab, empties on lock, refills on unlock, stops on unsubscribe', async () => {
    const { vault, db } = await unlockedService();
    await vault.addAccount(totp('First'));
    const seen: Account[][] = [];
    const damaged: number[] = [];
    const unsubscribe = vault.subscribeAccounts((accounts, info) => {
      seen.push(accounts);
      damaged.push(info.damagedCount);
    });
    const last = (): string[] => (seen.at(-1) ?? []).map((a) => a.issuer);
    await vi.waitFor(() => expect(last()).toEqual(['First']));

    const other = makeService(db);
    await other.unlockWithPassphrase(PASS);
    await other.addAccount(totp('From other tab'));
    await vi.waitFor(() => expect(last()).toEqual(['First', 'From other tab']));

    vault.lock();
    await vi.waitFor(() => expect(seen.at(-1)).toEqual([]));
    await vault.unlockWithPassphrase(PASS);
    await vi.waitFor(() => expect(last()).toEqual(['First', 'From other tab']));
    expect(damaged.every((d) => d === 0)).toBe(true);

    unsubscribe();
    const count = seen.length;
    await other.addAccount(totp('After unsubscribe'));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.length).toBe(count);
  });
});
