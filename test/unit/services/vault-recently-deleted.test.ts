/**
 * *Recently deleted* (services/vault/recently-deleted.ts): a delete keeps the encrypted row for
 * 30 days, out of the list and of every export; it comes back, or goes for good, on request; the
 * database upgrade from version 1 keeps every row.
 */
import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { readExportFile } from '../../../src/core/export-file';
import { BackupService, createLastExportStore } from '../../../src/services/backup/backup';
import { otpauthListFile } from '../../../src/services/backup/google-export';
import { accountsNotInBackup } from '../../../src/services/backup/health';
import { exportForApp } from '../../../src/services/other-apps/app-export';
import { KEEP_DELETED_MS } from '../../../src/services/vault/recently-deleted';
import { VaultService } from '../../../src/services/vault/vault';
import { OmamoriDb } from '../../../src/storage/db';
import { expectCode, FAST_ARGON2, openDb, PASS, searchableDump, totp, unlockedService } from './vault-fixtures';

const DAY = 24 * 60 * 60 * 1000;

async function threeAccounts() {
  const { vault, db } = await unlockedService();
  const [a, b, c] = await vault.addAccounts([totp('Alpha'), totp('Bravo-Secretive', 'bob'), totp('Charlie')]);
  return { vault, db, a: a!, b: b!, c: c! };
}

describe('Recently deleted', () => {
  it('a delete moves the encrypted row out of the list into Recently deleted', async () => {
    const { vault, db, b } = await threeAccounts();
    await vault.deleteAccount(b.id);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['Alpha', 'Charlie']);
    expect(await db.accounts.get(b.id)).toBeUndefined();
    const deleted = await vault.listDeleted();
    expect(deleted.map((d) => d.account)).toEqual([expect.objectContaining({ id: b.id, issuer: 'Bravo-Secretive', name: 'bob' })]);
    expect(deleted[0]!.removeAt - deleted[0]!.deletedAt).toBe(KEEP_DELETED_MS);
    // Still encrypted: neither the name nor the secret is stored in clear.
    const dump = await searchableDump(db);
    expect(dump).not.toContain('Bravo-Secretive');
    expect(dump).not.toContain('JBSWY3DPEHPK3PXP');
    expect(await db.deleted.count()).toBe(1);
  });

  it('restores at its old place, counted as not in a backup, once only', async () => {
    const { vault, b } = await threeAccounts();
    await vault.deleteAccount(b.id);
    const restored = await vault.restoreDeleted(b.id);
    expect(restored).toMatchObject({ id: b.id, issuer: 'Bravo-Secretive', createdAt: b.createdAt, backedUpAt: 0 });
    expect(restored.changedAt).toBeGreaterThan(b.changedAt);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['Alpha', 'Bravo-Secretive', 'Charlie']);
    expect(await vault.listDeleted()).toEqual([]);
    // A backup taken before the restore does not hold it.
    expect(accountsNotInBackup(await vault.listAccounts(), restored.changedAt - 1)).toBe(1);
    await expectCode(vault.restoreDeleted(b.id), 'vault/account-not-found');
  });

  it('the undo of a delete also takes it out of Recently deleted', async () => {
    const { vault, b } = await threeAccounts();
    await vault.deleteAccount(b.id);
    await vault.restoreAccount(b);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['Alpha', 'Bravo-Secretive', 'Charlie']);
    expect(await vault.listDeleted()).toEqual([]);
  });

  it('removes one for good on request, and nothing else', async () => {
    const { vault, db, a, b } = await threeAccounts();
    await vault.deleteAccount(a.id);
    await vault.deleteAccount(b.id);
    await vault.removeDeleted(b.id);
    expect((await vault.listDeleted()).map((d) => d.account.id)).toEqual([a.id]);
    expect(await db.deleted.get(b.id)).toBeUndefined();
    await expectCode(vault.removeDeleted(b.id), 'vault/account-not-found');
    await expectCode(vault.restoreDeleted(b.id), 'vault/account-not-found');
  });

  it('several at once (the old phone after a move): all in one transaction, or none when the write fails', async () => {
    const { vault, db, a, b, c } = await threeAccounts();
    const put = vi.spyOn(db.deleted, 'bulkPut').mockRejectedValueOnce(new Error('disk full'));
    await expect(vault.deleteAccounts([a.id, c.id])).rejects.toBeTruthy();
    put.mockRestore();
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['Alpha', 'Bravo-Secretive', 'Charlie']);
    expect(await db.deleted.count()).toBe(0);
    // An id already gone (another tab) is passed over; the rest move.
    await vault.deleteAccount(b.id);
    expect(await vault.deleteAccounts([a.id, b.id, c.id])).toBe(2);
    expect(await vault.listAccounts()).toEqual([]);
    expect((await vault.listDeleted()).map((d) => d.account.issuer).sort()).toEqual(['Alpha', 'Bravo-Secretive', 'Charlie']);
    await expectCode(vault.deleteAccount(a.id), 'vault/account-not-found');
  });

  it('needs the vault unlocked', async () => {
    const { vault, b } = await threeAccounts();
    await vault.deleteAccount(b.id);
    vault.lock();
    await expectCode(vault.listDeleted(), 'vault/locked');
    await expectCode(vault.restoreDeleted(b.id), 'vault/locked');
    await expectCode(vault.removeDeleted(b.id), 'vault/locked');
  });

  it('removes accounts deleted more than 30 days ago at the next unlock', async () => {
    let now = Date.UTC(2026, 0, 1);
    const db = openDb();
    const vault = new VaultService({ db, kdf: createInProcessKdf(), argon2: FAST_ARGON2, now: () => now });
    await vault.create(PASS, { deviceSlot: false });
    const [old, recent] = await vault.addAccounts([totp('Old'), totp('Recent')]);
    await vault.deleteAccount(old!.id);
    now += 2 * DAY;
    await vault.deleteAccount(recent!.id);
    vault.lock();
    now += 29 * DAY; // Old: 31 days; Recent: 29 days.
    await vault.unlockWithPassphrase(PASS);
    await vi.waitFor(async () => expect(await db.deleted.count()).toBe(1));
    expect((await vault.listDeleted()).map((d) => d.account.issuer)).toEqual(['Recent']);
  });

  it('no export holds a deleted account: backup, plain list, other apps', async () => {
    const { vault, b } = await threeAccounts();
    await vault.deleteAccount(b.id);
    const lastExport = createLastExportStore({ getItem: () => null, setItem: () => undefined });
    const backup = new BackupService({ kdf: createInProcessKdf(), app: 'test', now: () => 0, argon2: FAST_ARGON2, lastExport });
    const secret = { kind: 'passphrase', passphrase: 'backup pass' } as const;
    const file = await backup.exportBackup(vault, { secret });
    expect(file.count).toBe(2);
    const payload = await readExportFile(file.bytes, secret, { kdf: createInProcessKdf() });
    expect(payload.accounts.map((a) => a.issuer)).toEqual(['Alpha', 'Charlie']);
    const list = await otpauthListFile(vault);
    expect(list.count).toBe(2);
    expect(list.text).not.toContain('Bravo');
    const twofas = await exportForApp(vault, '2fas');
    expect(twofas.written).toBe(2);
    expect(new TextDecoder().decode(twofas.bytes)).not.toContain('Bravo');
  });
});

describe('database version 2 upgrade', () => {
  it('keeps every version 1 row and adds an empty Recently deleted', async () => {
    const name = `omamori-upgrade-${crypto.randomUUID()}`;
    const v1 = new Dexie(name, { indexedDB, IDBKeyRange });
    v1.version(1).stores({ vault: 'key', accounts: 'id, sortKey', deviceKeys: 'key', meta: 'key' });
    const row = { id: 'a1', sortKey: 1, updatedAt: 5, iv: new Uint8Array([1, 2]), ct: new Uint8Array([3, 4]) };
    await v1.table('accounts').put(row);
    await v1.table('meta').put({ key: 'x', value: 1 });
    v1.close();
    const db = new OmamoriDb(name, { indexedDB, IDBKeyRange });
    expect(await db.accounts.toArray()).toEqual([row]);
    expect(await db.meta.get('x')).toEqual({ key: 'x', value: 1 });
    expect(await db.deleted.count()).toBe(0);
    expect(db.verno).toBe(2);
    db.close();
  });
});
