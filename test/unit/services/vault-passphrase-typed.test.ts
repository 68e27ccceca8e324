/**
 * "Ready to recover?" needs to know when the passphrase was last typed and right: the vault keeps
 * that date (and only that) in `meta`. "Do you still know your passphrase?" answers right or wrong
 * without the wrong-passphrase backoff and without counting as a proof.
 */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { sheetQrText } from '../../../src/core/recovery/kit';
import { BACKOFF_KEY } from '../../../src/storage/db';
import { VaultService } from '../../../src/services/vault/vault';
import { dumpVault, expectCode, FAST_ARGON2, openDb, PASS } from './vault-fixtures';

function clockedVault() {
  const time = { now: 1_700_000_000_000 };
  const db = openDb();
  const tab = (): VaultService => new VaultService({ db, kdf: createInProcessKdf(), argon2: FAST_ARGON2, now: () => time.now });
  return { db, tab, time };
}

describe('when the passphrase was last typed', () => {
  it('is recorded by creating the vault, unlocking and proving it, and not by a wrong one or a device-slot start', async () => {
    const { tab, time } = clockedVault();
    const vault = tab();
    await vault.create(PASS, { deviceSlot: true });
    expect(await vault.passphraseTypedAt()).toBe(time.now);
    const created = time.now;

    vault.lock();
    time.now += 1000;
    await expectCode(vault.unlockWithPassphrase('not it'), 'vault/wrong-passphrase');
    expect(await vault.passphraseTypedAt()).toBe(created);
    await vault.unlockWithDevice();
    expect(await vault.passphraseTypedAt()).toBe(created);

    time.now += 1000;
    await vault.verifyPassphrase(PASS);
    expect(await vault.passphraseTypedAt()).toBe(time.now);
    vault.lock();
    time.now += 1000;
    await vault.unlockWithPassphrase(PASS);
    expect(await vault.passphraseTypedAt()).toBe(time.now);
    time.now += 1000;
    await vault.changePassphrase(PASS, 'another passphrase');
    expect(await vault.passphraseTypedAt()).toBe(time.now);
  });

  it('is recorded when the recovery kit lets someone in with a new passphrase', async () => {
    const { tab, time } = clockedVault();
    const first = tab();
    await first.create(PASS, { deviceSlot: false });
    const kit = await (await first.recoveryKit()).create(PASS, null);
    first.lock();
    time.now += 5000;
    const vault = tab();
    await (await vault.recoveryKit()).recover(kit.sheets.map(sheetQrText), 'a new passphrase');
    expect(await vault.passphraseTypedAt()).toBe(time.now);
  });

  it('is null for a vault that never recorded it', async () => {
    const { db, tab } = clockedVault();
    const vault = tab();
    await vault.create(PASS, { deviceSlot: false });
    await db.meta.clear();
    expect(await vault.passphraseTypedAt()).toBeNull();
  });
});

describe('"Do you still know your passphrase?"', () => {
  it('says right or wrong, never waits or counts toward the backoff, and is no proof', async () => {
    const { db, tab, time } = clockedVault();
    const vault = tab();
    await vault.create(PASS, { deviceSlot: true });
    vault.lock();
    await vault.unlockWithDevice();
    const before = await dumpVault(db);
    const typed = await vault.passphraseTypedAt();
    time.now += 1000;
    for (let i = 0; i < 8; i++) expect(await vault.checkPassphrase(`${PASS} ${i}`)).toBe(false);
    expect(await db.meta.get(BACKOFF_KEY)).toBeUndefined();
    expect(await vault.retryDelayMs()).toBe(0);
    expect(await dumpVault(db)).toBe(before);
    expect(await vault.passphraseTypedAt()).toBe(typed);

    time.now += 1000;
    expect(await vault.checkPassphrase(PASS)).toBe(true);
    expect(await vault.passphraseTypedAt()).toBe(time.now);
    expect(vault.proofNeeded()).toBe(true);
  });

  it('needs an unlocked vault and a passphrase', async () => {
    const { tab } = clockedVault();
    const vault = tab();
    await vault.create(PASS, { deviceSlot: false });
    await expectCode(vault.checkPassphrase(''), 'vault/passphrase-empty');
    vault.lock();
    await expectCode(vault.checkPassphrase(PASS), 'vault/locked');
  });
});

describe('hasRecoveryKit and recoveryKitDates', () => {
  it('read the vault row while locked', async () => {
    const { tab } = clockedVault();
    const vault = tab();
    expect(await vault.hasRecoveryKit()).toBe(false);
    await vault.create(PASS, { deviceSlot: false });
    expect(await vault.hasRecoveryKit()).toBe(false);
    expect(await vault.recoveryKitDates()).toBeNull();
    const kits = await vault.recoveryKit();
    const kit = await kits.create(PASS, { k: 2, n: 2 });
    expect(await vault.recoveryKitDates()).toEqual({ createdAt: kit.createdAt, checkedAt: 0 });
    await kits.check(kit.sheets.map(sheetQrText));
    vault.lock();
    expect(await vault.hasRecoveryKit()).toBe(true);
    expect(await vault.recoveryKitDates()).toEqual({ createdAt: kit.createdAt, checkedAt: (await kits.info())?.checkedAt });
    expect((await vault.recoveryKitDates())?.checkedAt).toBeGreaterThan(0);
  });
});
