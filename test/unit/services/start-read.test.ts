/**
 * The raw start read (storage/start-read.ts) and Dexie (storage/db.ts) share one schema
 * (storage/schema.ts): on the same database they must read the same rows in the same order, and
 * the raw read must never create or upgrade a database it did not find at Dexie's own version.
 */
import { indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { VaultService } from '../../../src/services/vault/vault';
import { FIRST_SCREEN_SIZE, NATIVE_VERSION, SCHEMA_VERSIONS } from '../../../src/storage/schema';
import { readStartRows } from '../../../src/storage/start-read';
import { FAST_ARGON2, openDb, PASS, totp, unlockedService } from './vault-fixtures';

/** Opens `name` at a native `version` with the given stores, as another Omamori would have made it. */
function makeRawDb(name: string, version: number, stores: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onupgradeneeded = () => {
      for (const store of stores) request.result.createObjectStore(store, { keyPath: store === 'vault' || store === 'deviceKeys' ? 'key' : 'id' });
    };
    request.onsuccess = () => {
      request.result.close();
      resolve();
    };
    request.onerror = () => reject(request.error);
  });
}

async function nativeVersionOf(name: string): Promise<number | undefined> {
  return (await indexedDB.databases()).find((db) => db.name === name)?.version;
}

describe('the raw start read', () => {
  it('reads what Dexie reads: the vault row, the device key and the accounts in sortKey order', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    for (const issuer of ['Bank', 'Mail', 'Shop', 'Chat']) await vault.addAccount(totp(issuer));
    // An order that is not the insertion (or id) order.
    const ids = (await db.accounts.orderBy('sortKey').toArray()).map((row) => row.id);
    await vault.setOrder([ids[2]!, ids[0]!, ids[3]!, ids[1]!]);
    db.close();

    const raw = await readStartRows(indexedDB, db.name);
    await db.open();
    expect(raw).not.toBeNull();
    expect(raw!.vault).toEqual(await db.vault.get('vault'));
    expect(raw!.device).toEqual(await db.deviceKeys.get('device'));
    expect(raw!.accounts).toEqual(await db.accounts.orderBy('sortKey').toArray());
    expect(raw!.accounts!.map((row) => row.id)).toEqual([ids[2], ids[0], ids[3], ids[1]]);
  });

  it('counts a vault of more rows than a first screen, with one remembered, and reads the first screen by id', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    const accounts = await vault.addAccounts(Array.from({ length: FIRST_SCREEN_SIZE + 5 }, (_, i) => totp(`S${i}`)));
    const byIssuer = (issuer: string) => ({ id: accounts.find((a) => a.issuer === issuer)!.id });
    const all = await db.accounts.orderBy('sortKey').toArray();
    // Before any first screen is remembered, every row is read.
    db.close();
    const whole = await readStartRows(indexedDB, db.name);
    expect(whole!.accounts).toHaveLength(FIRST_SCREEN_SIZE + 5);
    expect(whole!.count).toBe(FIRST_SCREEN_SIZE + 5);
    await db.open();
    await vault.rememberFirstScreen([byIssuer('S40'), byIssuer('S3')]);
    db.close();

    const raw = await readStartRows(indexedDB, db.name);
    expect(raw!.accounts).toBeNull();
    expect(raw!.count).toBe(FIRST_SCREEN_SIZE + 5);
    expect(raw!.firstScreen).toBeDefined();
    // In the index's order, whatever the order asked; an id no longer there passed over.
    const rows = await raw!.readRows!([byIssuer('S40').id, 'gone', byIssuer('S3').id]);
    expect(rows!.map((row) => row.id)).toEqual(all.filter((row) => [byIssuer('S3').id, byIssuer('S40').id].includes(row.id)).map((row) => row.id));
    expect(rows![0]).toEqual(all.find((row) => row.id === rows![0]!.id));
    // Once: the connection has closed.
    expect(await raw!.readRows!([byIssuer('S3').id])).toBeNull();
  });

  it('reads every row of a vault no larger than a first screen, even with one remembered', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    const accounts = await vault.addAccounts(Array.from({ length: FIRST_SCREEN_SIZE }, (_, i) => totp(`S${i}`)));
    await vault.rememberFirstScreen([{ id: accounts[0]!.id }]);
    db.close();
    const raw = await readStartRows(indexedDB, db.name);
    expect(raw!.accounts).toHaveLength(FIRST_SCREEN_SIZE);
    expect(raw!.readRows).toBeUndefined();
  });

  it("opens exactly the native version Dexie's schema makes", async () => {
    const db = openDb();
    await db.open();
    expect(Math.round(db.verno * 10)).toBe(NATIVE_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual(SCHEMA_VERSIONS.flatMap((v) => Object.keys(v.stores)).sort());
    db.close();
  });

  it('answers null for no database, and creates none', async () => {
    const name = `omamori-none-${crypto.randomUUID()}`;
    expect(await readStartRows(indexedDB, name)).toBeNull();
    expect(await nativeVersionOf(name)).toBeUndefined();
  });

  it('answers null for an older database and leaves it at its version (Dexie upgrades it)', async () => {
    const name = `omamori-old-${crypto.randomUUID()}`;
    await makeRawDb(name, 10, ['vault', 'accounts', 'deviceKeys', 'meta']);
    expect(await readStartRows(indexedDB, name)).toBeNull();
    expect(await nativeVersionOf(name)).toBe(10);
  });

  it('answers null for a newer database (Dexie then reports storage/newer-version)', async () => {
    const name = `omamori-new-${crypto.randomUUID()}`;
    await makeRawDb(name, NATIVE_VERSION + 10, ['vault', 'accounts', 'deviceKeys', 'meta', 'deleted']);
    expect(await readStartRows(indexedDB, name)).toBeNull();
    expect(await nativeVersionOf(name)).toBe(NATIVE_VERSION + 10);
  });
});

/** The app's wiring on database `name`: the raw start read, and Dexie loaded on first use (counted). */
function reloadedService(name: string): { reloaded: VaultService; loads: () => number } {
  let loads = 0;
  const reloaded = new VaultService({
    db: {
      load: async () => {
        loads++;
        const again = openDb(name);
        await again.open();
        return again;
      },
      readStart: () => readStartRows(indexedDB, name),
    },
    kdf: createInProcessKdf(),
    argon2: FAST_ARGON2,
  });
  return { reloaded, loads: () => loads };
}

describe('VaultService with a lazily loaded Dexie (the app wiring)', () => {
  it('opens a device-slot vault from the raw read without loading Dexie, and loads it for the live list', async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    await vault.addAccount(totp('Bank', 'me'));
    db.close();
    const { reloaded, loads } = reloadedService(db.name);
    expect(await reloaded.openOnStart()).toBe('unlocked');
    expect(loads()).toBe(0);
    const first = await new Promise<string[]>((resolve) => {
      const stop = reloaded.subscribeAccounts((list) => {
        stop();
        resolve(list.map((a) => a.issuer));
      });
    });
    expect(first).toEqual(['Bank']);
    await reloaded.addAccount(totp('Mail'));
    expect(loads()).toBe(1);
  });

  it("shows a large vault's first screen from rows read by id, then the whole list from the live query", async () => {
    const { vault, db } = await unlockedService({ deviceSlot: true });
    const accounts = await vault.addAccounts(Array.from({ length: FIRST_SCREEN_SIZE + 5 }, (_, i) => totp(`S${String(i).padStart(2, '0')}`)));
    await vault.rememberFirstScreen([{ id: accounts[7]!.id }, { id: accounts[2]!.id }]);
    db.close();
    const { reloaded, loads } = reloadedService(db.name);
    expect(await reloaded.openOnStart()).toBe('unlocked');
    expect(loads()).toBe(0);
    const seen: { issuers: string[]; total: number | undefined }[] = [];
    await new Promise<void>((resolve) => {
      const stop = reloaded.subscribeAccounts((list, info) => {
        seen.push({ issuers: list.map((a) => a.issuer), total: info.partial?.total });
        if (list.length === FIRST_SCREEN_SIZE + 5) {
          stop();
          resolve();
        }
      });
    });
    expect(seen[0]).toEqual({ issuers: ['S02', 'S07'], total: FIRST_SCREEN_SIZE + 5 });
    expect(seen.at(-1)!.issuers).toEqual(accounts.map((a) => a.issuer));
    expect(seen.at(-1)!.total).toBeUndefined();
    expect(loads()).toBe(1);
  });

  it('falls back to Dexie when the raw read cannot answer (a first start)', async () => {
    let loads = 0;
    const name = `omamori-first-${crypto.randomUUID()}`;
    const fresh = new VaultService({
      db: {
        load: () => {
          loads++;
          return Promise.resolve(openDb(name));
        },
        readStart: () => readStartRows(indexedDB, name),
      },
      kdf: createInProcessKdf(),
      argon2: FAST_ARGON2,
    });
    expect(await fresh.openOnStart()).toBe('none');
    expect(loads).toBe(1);
    await fresh.create(PASS, { deviceSlot: false });
    expect(await nativeVersionOf(name)).toBe(NATIVE_VERSION);
  });
});
