import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInProcessKdf, DEFAULT_ARGON2, type KdfRunner } from '../../../src/core/crypto/kdf';
import { inspectExportFile } from '../../../src/core/export-file';
import { countingKdf, craftExportFile } from '../core/export-file-helpers';
import { FIXTURE_ACCOUNTS, readFixture } from '../core/export-fixtures';
import { backupFileName, BackupService, createLastExportStore, LAST_EXPORT_KEY } from '../../../src/services/backup/backup';
import { accountsNotInBackup } from '../../../src/services/backup/health';
import { dumpDb, expectCode, FAST_ARGON2, hotp, makeService, PASS, randomSecretB32, totp, unlockedService } from './vault-fixtures';

afterEach(() => vi.restoreAllMocks());

const NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
const SECRET = { kind: 'passphrase', passphrase: 'backup pass 🔑' } as const;

function makeBackup(kdf: KdfRunner = createInProcessKdf(), storage = new Map<string, string>(), argon2 = FAST_ARGON2): BackupService {
  const lastExport = createLastExportStore({ getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) });
  return new BackupService({ kdf, app: 'Omamori test', now: () => NOW, argon2, lastExport });
}

async function sourceVault() {
  const { vault, db } = await unlockedService();
  await vault.addAccounts([
    totp('Example'),
    hotp('Counter', 42),
    totp('銀行', 'たろう', randomSecretB32()),
    totp('<script>x</script>', 'e', randomSecretB32(32)),
  ]);
  return { vault, db };
}

describe('BackupService.exportBackup', () => {
  it('returns a checked file with a dated name and records the export time', async () => {
    const storage = new Map<string, string>();
    const backup = makeBackup(createInProcessKdf(), storage);
    const { vault } = await sourceVault();
    expect(backup.lastExportAt()).toBeNull();
    const out = await backup.exportBackup(vault, { secret: SECRET });
    expect(out.count).toBe(4);
    expect(out.fileName).toBe(backupFileName(NOW));
    expect(out.fileName).toMatch(/^omamori-backup-\d{4}-\d{2}-\d{2}\.omamori$/);
    expect(inspectExportFile(out.bytes)).toEqual({ version: 2, slots: ['passphrase'] });
    expect(storage.get(LAST_EXPORT_KEY)).toBe(String(NOW));
    expect(backup.lastExportAt()).toBe(NOW);
  });

  it('records the export time only for a file with every account: a partial export leaves the others counted as not backed up', async () => {
    const backup = makeBackup();
    const { vault } = await sourceVault();
    const all = await vault.listAccounts();
    expect(all.length).toBeGreaterThan(1);
    await backup.exportBackup(vault, { ids: [all[0]!.id], secret: SECRET });
    expect(backup.lastExportAt()).toBeNull();
    expect(accountsNotInBackup(await vault.listAccounts(), backup.lastExportAt())).toBe(all.length);
    await backup.exportBackup(vault, { ids: all.map((a) => a.id), secret: SECRET });
    expect(backup.lastExportAt()).toBe(NOW);
    expect(accountsNotInBackup(await vault.listAccounts(), backup.lastExportAt())).toBe(0);
  });

  it('exports only the chosen ids, and refuses an empty vault or an empty choice', async () => {
    const backup = makeBackup();
    const { vault } = await sourceVault();
    const [first] = await vault.listAccounts();
    expect((await backup.exportBackup(vault, { ids: [first!.id], secret: SECRET })).count).toBe(1);
    await expectCode(backup.exportBackup(vault, { ids: [], secret: SECRET }), 'file/empty');
    await expectCode(backup.exportBackup(vault, { ids: ['nope'], secret: SECRET }), 'file/empty');
    const { vault: empty } = await unlockedService();
    await expectCode(backup.exportBackup(empty, { secret: SECRET }), 'file/empty');
  });

  it('fails with file/verify-failed when the read-back does not match, and records nothing', async () => {
    const inner = createInProcessKdf();
    let calls = 0;
    // The second derivation (the read-back) yields another key: the check must catch it.
    const flaky: KdfRunner = { argon2id: (p, params, o) => inner.argon2id(calls++ === 0 ? p : `${p}x`, params, o) };
    const storage = new Map<string, string>();
    const backup = makeBackup(flaky, storage);
    const { vault } = await sourceVault();
    await expectCode(backup.exportBackup(vault, { secret: SECRET }), 'file/verify-failed');
    expect(storage.size).toBe(0);
  });
});

describe('BackupService restore', () => {
  it('restores every account into a fresh vault in one go', async () => {
    const backup = makeBackup();
    const { vault: a } = await sourceVault();
    const { bytes } = await backup.exportBackup(a, { secret: { kind: 'transfer-code', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' } });
    const { vault: b } = await unlockedService();
    const preview = await backup.previewImport(b, bytes, { kind: 'transfer-code', code: 'aaaaabbbbbcccccdddddeeeeefffff' });
    expect([preview.added.length, preview.present.length, preview.changed.length]).toEqual([4, 0, 0]);
    expect(await backup.commitImport(b, preview, { updateChanged: false })).toBe(4);
    // backedUpAt too: b's accounts came from the file, a's were typed in.
    const strip = (list: Awaited<ReturnType<typeof a.listAccounts>>) => list.map(({ id: _i, createdAt: _c, updatedAt: _u, backedUpAt: _b, ...rest }) => rest);
    expect(strip(await b.listAccounts())).toEqual(strip(await a.listAccounts()));
  });

  it("counts what a restore wrote as backed up until it changes; typed-in and other apps' accounts still count", async () => {
    const { vault: a } = await sourceVault();
    const code = { kind: 'transfer-code', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' } as const;
    const { bytes } = await makeBackup().exportBackup(a, { secret: code });
    // The new device has never exported anything.
    const onB = makeBackup();
    const { vault: b, db } = await unlockedService();
    await b.addAccount(totp('Typed in', 'me', randomSecretB32()));
    await b.importAccounts([totp('From another app', 'me', randomSecretB32())]);
    await onB.commitImport(b, await onB.previewImport(b, bytes, code), { updateChanged: false });
    const notInBackup = async (vault = b) => accountsNotInBackup(await vault.listAccounts(), onB.lastExportAt());
    expect(onB.lastExportAt()).toBeNull();
    expect(await notInBackup()).toBe(2);

    // Kept inside the records: a fresh service on the same database opens them the same way.
    const reopened = makeService(db);
    await reopened.unlockWithPassphrase(PASS);
    expect(await notInBackup(reopened)).toBe(2);

    const restored = (await b.listAccounts()).filter((x) => x.backedUpAt > 0);
    expect(restored).toHaveLength(4);
    // Copying a code is no change; a note is.
    await b.markUsed(restored[0]!.id);
    expect(await notInBackup()).toBe(2);
    await b.updateExtras(restored[1]!.id, { notes: 'new' });
    expect(await notInBackup()).toBe(3);
  });

  it('counts changed accounts the restore updated as backed up, and those it left alone as not', async () => {
    const { vault } = await sourceVault();
    // Exported on the vault's own (fake) clock, just after its last change, so later edits count.
    const exportAt = Math.max(...(await vault.listAccounts()).map((x) => x.changedAt)) + 1;
    const backup = new BackupService({ kdf: createInProcessKdf(), app: 'Omamori test', now: () => exportAt, argon2: FAST_ARGON2 });
    const code = { kind: 'transfer-code', code: 'AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF' } as const;
    const { bytes } = await backup.exportBackup(vault, { secret: code });
    const [first, second] = await vault.listAccounts();
    await vault.updateExtras(first!.id, { notes: 'after the export' });
    await vault.updateExtras(second!.id, { notes: 'after the export' });
    const health = async () => accountsNotInBackup(await vault.listAccounts(), backup.lastExportAt());
    expect(await health()).toBe(2);
    const preview = await backup.previewImport(vault, bytes, code);
    expect(preview.changed).toHaveLength(2);
    // Only one of the two is taken back from the file.
    await backup.commitImport(vault, { ...preview, changed: preview.changed.slice(0, 1) }, { updateChanged: true });
    expect(await health()).toBe(1);
  });

  it('sorts the file into new, already present and changed; updates changed only when asked', async () => {
    const backup = makeBackup();
    const { vault: a } = await sourceVault();
    const { bytes } = await backup.exportBackup(a, { secret: SECRET });
    const { vault: b, db } = await unlockedService();
    const [example, counter] = await a.listAccounts();
    await b.addAccount(example!);
    await b.addAccount({ ...counter!, name: 'renamed', counter: 50 });
    await b.addAccount(totp('Only here', 'x', randomSecretB32()));
    const preview = await backup.previewImport(b, bytes, SECRET);
    expect(preview.added.map((x) => x.issuer)).toEqual(['銀行', '<script>x</script>']);
    expect(preview.present.map((x) => x.issuer)).toEqual(['Example']);
    expect(preview.changed.map((c) => [c.existing.name, c.incoming.name, c.incoming.counter])).toEqual([['renamed', counter!.name, 42]]);
    const rowsBefore = await db.accounts.count();
    expect(await backup.commitImport(b, preview, { updateChanged: true })).toBe(3);
    expect(await db.accounts.count()).toBe(rowsBefore + 2);
    const after = await b.listAccounts();
    expect(after.find((x) => x.issuer === 'Counter')).toMatchObject({ name: counter!.name, counter: 42 });
    // Importing the same file again adds nothing.
    const again = await backup.previewImport(b, bytes, SECRET);
    expect([again.added.length, again.changed.length, again.present.length]).toEqual([0, 0, 4]);
  });

  it('writes nothing when the previewed account changed meanwhile (all or nothing)', async () => {
    const backup = makeBackup();
    const { vault: a } = await sourceVault();
    const { bytes } = await backup.exportBackup(a, { secret: SECRET });
    const { vault: b, db } = await unlockedService();
    const counter = (await a.listAccounts())[1]!;
    const mine = await b.addAccount({ ...counter, name: 'mine' });
    const preview = await backup.previewImport(b, bytes, SECRET);
    await b.updateAccount(mine.id, { ...mine, name: 'edited meanwhile' });
    const before = await dumpDb(db);
    await expectCode(backup.commitImport(b, preview, { updateChanged: true }), 'storage/failed');
    expect(await dumpDb(db)).toBe(before);
  });

  it('leaves the vault byte-identical after ten wrong passphrases and a damaged file', async () => {
    const backup = makeBackup();
    const { vault: a } = await sourceVault();
    const { bytes } = await backup.exportBackup(a, { secret: SECRET });
    const { vault: b, db } = await unlockedService();
    await b.addAccount(totp('Existing'));
    const before = await dumpDb(db);
    for (let i = 0; i < 10; i++) {
      await expectCode(backup.previewImport(b, bytes, { kind: 'passphrase', passphrase: `wrong ${i}` }), 'file/wrong-passphrase');
    }
    const damaged = bytes.slice();
    const mid = Math.floor(damaged.length / 2);
    damaged[mid] = (damaged[mid] ?? 0) ^ 0x04;
    await expectCode(backup.previewImport(b, damaged, SECRET), 'file/damaged');
    await expectCode(backup.previewImport(b, bytes.slice(0, bytes.length - 30), SECRET), 'file/damaged');
    expect(await dumpDb(db)).toBe(before);
  });
});

describe('BackupService.checkBackup', () => {
  it('confirms a matching backup and lists the exact differences otherwise', async () => {
    const backup = makeBackup();
    const { vault } = await sourceVault();
    const { bytes } = await backup.exportBackup(vault, { secret: SECRET });
    expect(await backup.checkBackup(vault, bytes, SECRET)).toEqual({ ok: true, count: 4, weakKdf: true });
    const [first, second] = await vault.listAccounts();
    await vault.updateAccount(first!.id, { ...first!, name: 'edited' });
    await vault.deleteAccount(second!.id);
    const added = await vault.addAccount(totp('New one', 'n', randomSecretB32()));
    const result = await backup.checkBackup(vault, bytes, SECRET);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.missing.map((m) => m.issuer)).toEqual([added.issuer]);
    expect(result.extra.map((m) => m.issuer)).toEqual([second!.issuer]);
    expect(result.different.map((d) => [d.inVault.name, d.inBackup.name])).toEqual([['edited', first!.name]]);
  });
});

describe('BackupService: KDF budget, weak settings and Cancel', () => {
  it('refuses a crafted file (four 1 GiB slots) in inspect, preview and test, with no KDF run and nothing written', async () => {
    const kdf = countingKdf();
    const slot = { type: 'passphrase', passphrase: SECRET.passphrase, m: 1_048_576, t: 1, p: 4 } as const;
    const crafted = await craftExportFile([slot, slot, slot, slot], kdf);
    kdf.calls.length = 0;
    const backup = makeBackup(kdf);
    const { vault, db } = await sourceVault();
    const before = await dumpDb(db);
    expect(() => backup.inspect(crafted)).toThrow('file/kdf-params');
    await expectCode(backup.previewImport(vault, crafted, SECRET), 'file/kdf-params');
    await expectCode(backup.checkBackup(vault, crafted, SECRET), 'file/kdf-params');
    expect(kdf.calls).toEqual([]);
    expect(await dumpDb(db)).toBe(before);
  });

  it('flags a file made with small settings as weak, and one made with the app settings not', async () => {
    const { vault: empty } = await unlockedService();
    const fixture = readFixture('passphrase-ascii.omamori');
    const weak = await makeBackup().previewImport(empty, fixture, { kind: 'passphrase', passphrase: 'correct horse battery staple' });
    expect([weak.added.length, weak.weakKdf]).toEqual([FIXTURE_ACCOUNTS.length, true]);
    // The app's own settings, through a stand-in KDF so that the test stays fast.
    const backup = makeBackup(countingKdf(), new Map(), DEFAULT_ARGON2);
    const { vault } = await sourceVault();
    const { bytes } = await backup.exportBackup(vault, { secret: SECRET });
    expect((await backup.previewImport(empty, bytes, SECRET)).weakKdf).toBe(false);
    expect(await backup.checkBackup(vault, bytes, SECRET)).toEqual({ ok: true, count: 4, weakKdf: false });
  });

  it('a Cancel during the read-back of an export is "aborted", not a failed check, and records nothing', async () => {
    const controller = new AbortController();
    const inner = countingKdf();
    // The second derivation is the read-back: the user cancels while it runs.
    const kdf: KdfRunner = { argon2id: (...args) => (inner.calls.length === 1 && controller.abort(), inner.argon2id(...args)) };
    const storage = new Map<string, string>();
    const backup = makeBackup(kdf, storage);
    const { vault } = await sourceVault();
    await expectCode(backup.exportBackup(vault, { secret: SECRET, signal: controller.signal }), 'aborted');
    expect(inner.calls).toHaveLength(2);
    expect(storage.size).toBe(0);
    expect(backup.lastExportAt()).toBeNull();
  });

  it('a Cancel that lands after the last derivation (during the last decryption) still records no export', async () => {
    const controller = new AbortController();
    const kdf = countingKdf();
    const decrypt = crypto.subtle.decrypt.bind(crypto.subtle);
    let afterReadBackKdf = 0;
    // The read-back's second decryption is the payload's, the last step before the export is recorded.
    vi.spyOn(crypto.subtle, 'decrypt').mockImplementation((...args: Parameters<SubtleCrypto['decrypt']>) => {
      if (kdf.calls.length === 2 && ++afterReadBackKdf === 2) controller.abort();
      return decrypt(...args);
    });
    const storage = new Map<string, string>();
    const { vault } = await sourceVault();
    await expectCode(makeBackup(kdf, storage).exportBackup(vault, { secret: SECRET, signal: controller.signal }), 'aborted');
    expect(afterReadBackKdf).toBe(2);
    expect(storage.size).toBe(0);
  });
});
