import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { createInProcessKdf, DEFAULT_ARGON2, FALLBACK_ARGON2, type KdfRunner } from '../../../src/core/crypto/kdf';
import { AppError } from '../../../src/core/errors';
import { VaultService, type VaultState } from '../../../src/services/vault/vault';
import { dumpDb, expectCode, makeService, openDb, PASS, totp, unlockedService } from './vault-fixtures';

describe('VaultService: create, lock, unlock', () => {
  it('goes none → unlocked → locked → unlocked and tells state listeners', async () => {
    const vault = makeService();
    const states: VaultState[] = [];
    vault.subscribeState((s) => states.push(s));
    expect(await vault.getStatus()).toBe('none');
    await vault.create(PASS, { deviceSlot: false });
    expect(await vault.getStatus()).toBe('unlocked');
    vault.lock();
    expect(await vault.getStatus()).toBe('locked');
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.getStatus()).toBe('unlocked');
    expect(states).toEqual(['unlocked', 'locked', 'unlocked']);
  });

  it('refuses an empty passphrase, a second vault, and unlocking a missing vault', async () => {
    const db = openDb();
    const vault = makeService(db);
    await expectCode(vault.create('', { deviceSlot: false }), 'vault/passphrase-empty');
    await expectCode(vault.unlockWithPassphrase(PASS), 'vault/not-found');
    await vault.create(PASS, { deviceSlot: false });
    await expectCode(vault.create('other', { deviceSlot: false }), 'vault/exists');
    // A second tab (another service on the same database) sees the vault too.
    await expectCode(makeService(db).create('x', { deviceSlot: false }), 'vault/exists');
  });

  it('stores one passphrase slot with its parameters and no device slot unless asked', async () => {
    const { db } = await unlockedService();
    const row = await db.vault.get('vault');
    expect(row?.formatVersion).toBe(1);
    expect(row?.slots.map((s) => s.kind)).toEqual(['passphrase']);
    const slot = row?.slots[0];
    expect(slot?.kind === 'passphrase' && { ...slot.kdf, salt: slot.kdf.salt.length }).toEqual({ alg: 'argon2id', m: 8192, t: 1, p: 1, salt: 16 });
    expect(await db.deviceKeys.count()).toBe(0);
  });

  it('opens with the NFD form of an NFC passphrase, and with a Japanese passphrase', async () => {
    const vault = makeService();
    await vault.create('pässwörd'.normalize('NFC'), { deviceSlot: false });
    vault.lock();
    await vault.unlockWithPassphrase('pässwörd'.normalize('NFD'));
    expect(await vault.getStatus()).toBe('unlocked');

    const ja = makeService();
    await ja.create('お守りの合言葉は秘密です', { deviceSlot: false });
    ja.lock();
    await expectCode(ja.unlockWithPassphrase('お守りの合言葉は秘密'), 'vault/wrong-passphrase');
    await ja.unlockWithPassphrase('お守りの合言葉は秘密です');
    expect(await ja.getStatus()).toBe('unlocked');
  });

  it('writes nothing when the KDF is aborted', async () => {
    const vault = makeService();
    const controller = new AbortController();
    controller.abort();
    await expectCode(vault.create(PASS, { deviceSlot: true }, { signal: controller.signal }), 'aborted');
    expect(await vault.getStatus()).toBe('none');
  });

  it('works with the real default Argon2id parameters (64 MiB, t=3, p=4)', async () => {
    const db = openDb();
    const vault = new VaultService({ db, kdf: createInProcessKdf() });
    await vault.create(PASS, { deviceSlot: false });
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
    const slot = (await db.vault.get('vault'))?.slots[0];
    expect(slot?.kind === 'passphrase' && { m: slot.kdf.m, t: slot.kdf.t, p: slot.kdf.p }).toEqual({ ...DEFAULT_ARGON2 });
  });

  it('records the fallback parameters when 64 MiB cannot be allocated, and unlocks with them', async () => {
    const real = createInProcessKdf();
    const kdf: KdfRunner = {
      argon2id: (pw, params, opts) => {
        if (params.m > FALLBACK_ARGON2.m) return Promise.reject(new AppError('crypto/kdf-memory'));
        // Same salt and passphrase at a cheap cost: the test checks bookkeeping, not Argon2id.
        return real.argon2id(pw, { ...params, m: 8192, t: 1 }, opts);
      },
    };
    const db = openDb();
    const vault = new VaultService({ db, kdf });
    await vault.create(PASS, { deviceSlot: false });
    const slot = (await db.vault.get('vault'))?.slots[0];
    expect(slot?.kind === 'passphrase' && { m: slot.kdf.m, t: slot.kdf.t, p: slot.kdf.p }).toEqual({ ...FALLBACK_ARGON2 });
    vault.lock();
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.getStatus()).toBe('unlocked');
  });

  it('throws vault/locked from every method that needs the vault key', async () => {
    const { vault } = await unlockedService();
    const account = await vault.addAccount(totp('Example'));
    vault.lock();
    await expectCode(vault.addAccount(totp('X')), 'vault/locked');
    await expectCode(vault.updateAccount(account.id, totp('Y')), 'vault/locked');
    await expectCode(vault.deleteAccount(account.id), 'vault/locked');
    await expectCode(vault.restoreAccount(account), 'vault/locked');
    await expectCode(vault.advanceHotp(account.id), 'vault/locked');
    await expectCode(vault.listAccounts(), 'vault/locked');
    await expectCode(vault.setDeviceSlot(true, PASS), 'vault/locked');
    await expectCode(vault.changePassphrase(PASS, 'new'), 'vault/locked');
  });
});

describe('VaultService: device slot', () => {
  it('unlocks without a passphrase when on, also in a new service (reload), and not when off', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    expect(await vault.hasDeviceSlot()).toBe(true);
    const stored = await db.deviceKeys.get('device');
    expect(stored?.cryptoKey).toBeInstanceOf(CryptoKey);
    expect(stored?.cryptoKey.extractable).toBe(false);
    vault.lock();
    expect(await makeService(db).unlockWithDevice()).toBe(true);
    expect(await vault.unlockWithDevice()).toBe(true);

    await expectCode(vault.setDeviceSlot(false, 'wrong'), 'vault/wrong-passphrase');
    await vault.setDeviceSlot(false, PASS);
    expect(await vault.hasDeviceSlot()).toBe(false);
    expect(await db.deviceKeys.count()).toBe(0);
    vault.lock();
    expect(await vault.unlockWithDevice()).toBe(false);
  });

  it('can be turned on later, only with the right passphrase', async () => {
    const { vault, db } = await unlockedService();
    expect(await vault.unlockWithDevice()).toBe(false);
    const before = await dumpDb(db);
    await expectCode(vault.setDeviceSlot(true, 'wrong'), 'vault/wrong-passphrase');
    expect(await dumpDb(db)).toBe(before);
    await vault.setDeviceSlot(true, PASS);
    vault.lock();
    expect(await vault.unlockWithDevice()).toBe(true);
  });

  it('refuses a device key that does not fit the slot', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    const other = await unlockedService({ deviceSlot: true });
    const foreign = await other.db.deviceKeys.get('device');
    await db.deviceKeys.put({ key: 'device', cryptoKey: foreign!.cryptoKey });
    vault.lock();
    await expectCode(vault.unlockWithDevice(), 'vault/device-slot-unavailable');
  });
});

describe('VaultService: passphrase change', () => {
  it('rewraps VK only: old passphrase fails, new one opens, records untouched and still open', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    for (let i = 0; i < 3; i++) await vault.addAccount(totp(`Issuer ${i}`));
    const rowsBefore = JSON.stringify(await dumpDb(db).then((d) => JSON.parse(d).accounts));
    const saltBefore = (await db.vault.get('vault'))?.slots.find((s) => s.kind === 'passphrase');

    await expectCode(vault.changePassphrase('wrong', 'new passphrase'), 'vault/wrong-passphrase');
    await expectCode(vault.changePassphrase(PASS, ''), 'vault/passphrase-empty');
    await vault.changePassphrase(PASS, '新しい合言葉');

    const slotAfter = (await db.vault.get('vault'))?.slots.find((s) => s.kind === 'passphrase');
    expect(slotAfter?.kind === 'passphrase' && saltBefore?.kind === 'passphrase' && Buffer.compare(slotAfter.kdf.salt, saltBefore.kdf.salt)).not.toBe(0);
    expect(JSON.stringify(await dumpDb(db).then((d) => JSON.parse(d).accounts))).toBe(rowsBefore);

    vault.lock();
    await expectCode(vault.unlockWithPassphrase(PASS), 'vault/wrong-passphrase');
    await vault.unlockWithPassphrase('新しい合言葉');
    expect((await vault.listAccounts()).map((a) => a.issuer)).toEqual(['Issuer 0', 'Issuer 1', 'Issuer 2']);
    expect(vault.getDamagedCount()).toBe(0);
    vault.lock();
    expect(await vault.unlockWithDevice()).toBe(true); // the device slot still holds the same VK
  });
});

describe('OmamoriDb: other connections', () => {
  it('closes on versionchange and reports it; later calls fail with storage/version-change', async () => {
    const { vault, db } = await unlockedService();
    const events: string[] = [];
    vault.subscribeStorage((e) => events.push(e));
    const onVersionChange = vi.fn();
    db.onVersionChange(onVersionChange);
    const newer = new Dexie(db.name, { indexedDB, IDBKeyRange });
    newer.version(2).stores({ vault: 'key', accounts: 'id, sortKey', deviceKeys: 'key', meta: 'key', extra: 'key' });
    await newer.open();
    expect(onVersionChange).toHaveBeenCalledTimes(1);
    expect(events).toEqual(['version-change']);
    await expectCode(vault.addAccount(totp('Late')), 'storage/version-change');
    newer.close();
  });
});
