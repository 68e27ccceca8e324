import { describe, expect, it } from 'vitest';
import { validateExtras } from '../../../src/core/account';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { accountsNotInBackup } from '../../../src/services/backup/health';
import { BackupService } from '../../../src/services/backup/backup';
import { expectCode, FAST_ARGON2, searchableDump, totp, unlockedService } from './vault-fixtures';

const SECRET = { kind: 'passphrase', passphrase: 'extras pass' } as const;

describe('account extras (favourite, groups, notes, recovery codes, icon)', () => {
  it('new accounts start with empty extras; updateExtras changes only what it is given', async () => {
    const { vault } = await unlockedService();
    const a = await vault.addAccount(totp('Alpha'));
    expect(a).toMatchObject({ favourite: false, groups: [], notes: '', recoveryCodes: [], icon: '', lastUsedAt: 0 });
    const b = await vault.updateExtras(a.id, { favourite: true, notes: 'desk drawer' });
    expect(b).toMatchObject({ favourite: true, notes: 'desk drawer', groups: [] });
    const c = await vault.updateExtras(a.id, { recoveryCodes: [{ code: 'abcd-1234', usedAt: 0 }] });
    expect(c).toMatchObject({ favourite: true, notes: 'desk drawer', recoveryCodes: [{ code: 'abcd-1234', usedAt: 0 }] });
    const [listed] = await vault.listAccounts();
    expect(listed).toMatchObject({ favourite: true, notes: 'desk drawer', recoveryCodes: [{ code: 'abcd-1234', usedAt: 0 }] });
    // An edit of the code fields keeps the extras.
    const d = await vault.updateAccount(a.id, totp('Alpha 2'));
    expect(d).toMatchObject({ issuer: 'Alpha 2', favourite: true, notes: 'desk drawer' });
  });

  it('keeps notes and recovery codes inside the ciphertext', async () => {
    const { vault, db } = await unlockedService();
    const a = await vault.addAccount(totp('Alpha'));
    await vault.updateExtras(a.id, { notes: 'SENTINEL-NOTE-7731', groups: ['SENTINEL-GROUP'], recoveryCodes: [{ code: 'SENTINELCODE99', usedAt: 0 }] });
    const dump = await searchableDump(db);
    for (const s of ['SENTINEL-NOTE-7731', 'SENTINEL-GROUP', 'SENTINELCODE99']) expect(dump).not.toContain(s);
  });

  it('refuses bad extras before writing', async () => {
    const { vault } = await unlockedService();
    const a = await vault.addAccount(totp('Alpha'));
    await expectCode(vault.updateExtras(a.id, { notes: 'x'.repeat(4001) }), 'account/too-long');
    await expectCode(vault.updateExtras(a.id, { icon: 'javascript:alert(1)' }), 'account/too-long');
    await expectCode(vault.updateExtras(a.id, { recoveryCodes: [{ code: '  ', usedAt: 0 }] }), 'account/too-long');
    expect((await vault.listAccounts())[0]).toMatchObject({ notes: '', icon: '', recoveryCodes: [] });
  });

  it('markUsed records the time without counting as a change a backup needs', async () => {
    const { vault } = await unlockedService();
    const a = await vault.addAccount(totp('Alpha'));
    const exportedAt = a.changedAt;
    const used = await vault.markUsed(a.id);
    expect(used.lastUsedAt).toBeGreaterThan(0);
    expect(used.changedAt).toBe(a.changedAt);
    expect(accountsNotInBackup([used], exportedAt)).toBe(0);
    const noted = await vault.updateExtras(a.id, { notes: 'n' });
    expect(accountsNotInBackup([noted], exportedAt)).toBe(1);
  });

  it('assigns several accounts to a group at once, renames (merging) and deletes groups', async () => {
    const { vault } = await unlockedService();
    const [a, b, c] = await vault.addAccounts([totp('A'), totp('B'), totp('C')]);
    await vault.setGroupMembership([a!.id, b!.id], ' Work ', true);
    await vault.setGroupMembership([c!.id], 'Home', true);
    const groupsOf = async () => Object.fromEntries((await vault.listAccounts()).map((x) => [x.issuer, x.groups]));
    expect(await groupsOf()).toEqual({ A: ['Work'], B: ['Work'], C: ['Home'] });
    await vault.setGroupMembership([b!.id], 'Work', false);
    expect(await groupsOf()).toEqual({ A: ['Work'], B: [], C: ['Home'] });
    expect(await vault.renameGroup('Home', 'Work')).toBe(1);
    expect(await groupsOf()).toEqual({ A: ['Work'], B: [], C: ['Work'] });
    expect(await vault.deleteGroup('Work')).toBe(2);
    expect(await groupsOf()).toEqual({ A: [], B: [], C: [] });
    expect((await vault.listAccounts()).length).toBe(3);
  });

  it('setOrder moves accounts by their clear sort keys; an edit afterwards keeps the new place', async () => {
    const { vault } = await unlockedService();
    const [a, b, c] = await vault.addAccounts([totp('A'), totp('B'), totp('C')]);
    await vault.setOrder([c!.id, a!.id, b!.id]);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['C', 'A', 'B']);
    // A subset reorders among its own places only.
    await vault.setOrder([b!.id, a!.id]);
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['C', 'B', 'A']);
    await vault.updateExtras(c!.id, { favourite: true });
    expect((await vault.listAccounts()).map((x) => x.issuer)).toEqual(['C', 'B', 'A']);
    await expectCode(vault.setOrder([a!.id, 'nope']), 'vault/account-not-found');
  });

  it('travel in encrypted backups: export → restore into a fresh vault keeps them (lastUsedAt stays home)', async () => {
    const backup = new BackupService({ kdf: createInProcessKdf(), app: 'test', argon2: FAST_ARGON2, now: () => 1 });
    const { vault } = await unlockedService();
    const a = await vault.addAccount(totp('Alpha'));
    await vault.updateExtras(a.id, {
      favourite: true,
      groups: ['仕事'],
      notes: 'メモ',
      recoveryCodes: [
        { code: 'r1', usedAt: 5 },
        { code: 'r2', usedAt: 0 },
      ],
    });
    await vault.markUsed(a.id);
    const { bytes } = await backup.exportBackup(vault, { secret: SECRET });

    const { vault: fresh } = await unlockedService();
    const preview = await backup.previewImport(fresh, bytes, SECRET);
    expect(preview.added).toHaveLength(1);
    await backup.commitImport(fresh, preview, { updateChanged: false });
    const [restored] = await fresh.listAccounts();
    expect(restored).toMatchObject({
      favourite: true,
      groups: ['仕事'],
      notes: 'メモ',
      recoveryCodes: [
        { code: 'r1', usedAt: 5 },
        { code: 'r2', usedAt: 0 },
      ],
      lastUsedAt: 0,
    });

    // A recovery code marked used after the backup: the check reports it, the preview offers it as changed.
    await vault.updateExtras(a.id, {
      recoveryCodes: [
        { code: 'r1', usedAt: 5 },
        { code: 'r2', usedAt: 9 },
      ],
    });
    const check = await backup.checkBackup(vault, bytes, SECRET);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.different).toHaveLength(1);
    const again = await backup.previewImport(vault, bytes, SECRET);
    expect(again.changed).toHaveLength(1);
  });

  it('validateExtras canonicalises group names and fills defaults', () => {
    expect(validateExtras({ groups: [' Work', 'Work ', '', 'ｗork'.normalize('NFC')] })).toMatchObject({
      groups: ['Work', 'ｗork'],
      notes: '',
      favourite: false,
    });
  });
});
