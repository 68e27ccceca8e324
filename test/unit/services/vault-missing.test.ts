import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { createMemoryMarker, createStorageMarker } from '../../../src/services/vault/marker';
import { VaultService } from '../../../src/services/vault/vault';
import { FAST_ARGON2, openDb, PASS } from './vault-fixtures';

function service(db = openDb(), marker = createMemoryMarker()): VaultService {
  return new VaultService({ db, kdf: createInProcessKdf(), argon2: FAST_ARGON2, marker });
}

describe('the guard against a vanished vault database', () => {
  it('reports missing, not none, when the marker says a vault existed', async () => {
    const marker = createMemoryMarker();
    const first = service(openDb(), marker);
    expect(await first.getStatus()).toBe('none');
    await first.create(PASS, { deviceSlot: false });
    expect(marker.read()).not.toBeNull();
    // Same browser, fresh (evicted) database.
    const afterEviction = service(openDb(), marker);
    expect(await afterEviction.getStatus()).toBe('missing');
    expect(await afterEviction.openOnStart()).toBe('missing');
  });

  it('starts over only when asked, and then reports none', async () => {
    const marker = createMemoryMarker();
    marker.write('old-vault-id');
    const vault = service(openDb(), marker);
    const states: string[] = [];
    vault.subscribeState((s) => states.push(s));
    expect(await vault.getStatus()).toBe('missing');
    vault.forgetMissingVault();
    expect(states).toEqual(['none']);
    expect(await vault.getStatus()).toBe('none');
  });

  it('detects a database deleted under an unlocked vault and drops the keys', async () => {
    const marker = createMemoryMarker();
    const db = openDb();
    const vault = service(db, marker);
    await vault.create(PASS, { deviceSlot: false });
    const states: string[] = [];
    vault.subscribeState((s) => states.push(s));
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(db.name);
      req.onsuccess = () => resolve();
    });
    expect(await vault.detectMissingVault()).toBe(true);
    expect(states).toEqual(['missing']);
    expect(vault.authenticatedWithin(60_000)).toBe(false);
  });

  it('does not call an upgraded (still existing) database missing', async () => {
    const marker = createMemoryMarker();
    const vault = service(openDb(), marker);
    await vault.create(PASS, { deviceSlot: false });
    expect(await vault.detectMissingVault()).toBe(false);
  });

  it('keeps the marker in storage as the vault id only, and survives broken values', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
      removeItem: (k: string) => void map.delete(k),
    };
    const marker = createStorageMarker(storage);
    marker.write('3f1c-uuid');
    expect([...map.values()]).toEqual(['{"vaultId":"3f1c-uuid"}']);
    expect(marker.read()).toBe('3f1c-uuid');
    map.set('omamori.vault-marker', '{not json');
    expect(marker.read()).toBeNull();
    marker.clear();
    expect(map.size).toBe(0);
  });
});

describe('re-authentication window', () => {
  it('counts creating, a passphrase unlock or verification, not a device-slot open, and ends with lock', async () => {
    let clock = 1_000_000;
    const db = openDb();
    const vault = new VaultService({ db, kdf: createInProcessKdf(), argon2: FAST_ARGON2, now: () => clock });
    await vault.create(PASS, { deviceSlot: true });
    expect(vault.authenticatedWithin(60_000)).toBe(true);
    vault.lock();
    expect(vault.authenticatedWithin(60_000)).toBe(false);
    await vault.unlockWithPassphrase(PASS);
    expect(vault.authenticatedWithin(60_000)).toBe(true);
    clock += 61_000;
    expect(vault.authenticatedWithin(60_000)).toBe(false);
    await expect(vault.verifyPassphrase('nope nope nope')).rejects.toMatchObject({ code: 'vault/wrong-passphrase' });
    expect(vault.authenticatedWithin(60_000)).toBe(false);
    await vault.verifyPassphrase(PASS);
    expect(vault.authenticatedWithin(60_000)).toBe(true);
    vault.lock();
    expect(await vault.unlockWithDevice()).toBe(true);
    expect(vault.authenticatedWithin(60_000)).toBe(false);
  });
});
