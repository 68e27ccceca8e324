/**
 * Issue #12 §4: storage that refuses — IndexedDB missing or forbidden, a database written by a
 * newer version of Omamori, a full disk — ends as one typed error each, and nothing is written
 * half-way. The browser side (the sentence in en and ja on screen) is e2e/storage-refused.spec.ts.
 */
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/core/errors';
import { OmamoriDb, toStorageError } from '../../../src/storage/db';
import { makeService, PASS, totp } from './vault-fixtures';

/** A database at a later native version than ours (10), with a store of its own. */
function createNewerDb(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name, 50);
    req.onupgradeneeded = () => req.result.createObjectStore('future', { keyPath: 'key' });
    req.onsuccess = () => {
      req.result.close();
      resolve();
    };
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
}

function nativeShape(name: string): Promise<{ version: number; stores: string[] }> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => {
      const shape = { version: req.result.version, stores: [...req.result.objectStoreNames] };
      req.result.close();
      resolve(shape);
    };
    req.onerror = () => reject(req.error ?? new Error('open failed'));
  });
}

describe('a database newer than the code', () => {
  it('is refused with storage/newer-version, and its version and stores stay as they were', async () => {
    const name = `omamori-newer-${crypto.randomUUID()}`;
    await createNewerDb(name);
    const vault = makeService(new OmamoriDb(name, { indexedDB, IDBKeyRange }));
    await expect(vault.openOnStart()).rejects.toMatchObject({ code: 'storage/newer-version' });
    // Every later call says the same, and none of them created our tables in the newer database.
    await expect(vault.create(PASS, { deviceSlot: false })).rejects.toMatchObject({ code: 'storage/newer-version' });
    expect(await nativeShape(name)).toEqual({ version: 50, stores: ['future'] });
  });

  it('does not stop our own database from opening at its version', async () => {
    const db = new OmamoriDb(`omamori-own-${crypto.randomUUID()}`, { indexedDB, IDBKeyRange });
    const vault = makeService(db);
    await vault.create(PASS, { deviceSlot: false });
    await vault.addAccount(totp('Kept'));
    db.close();
    const again = makeService(new OmamoriDb(db.name, { indexedDB, IDBKeyRange }));
    expect(await again.openOnStart()).toBe('locked');
  });
});

describe('IndexedDB missing or forbidden', () => {
  it('is storage/unavailable when the browser has no IndexedDB', async () => {
    const vault = makeService(new OmamoriDb(`omamori-none-${crypto.randomUUID()}`, { indexedDB: undefined as never, IDBKeyRange }));
    await expect(vault.openOnStart()).rejects.toMatchObject({ code: 'storage/unavailable' });
  });

  it('is storage/unavailable when opening throws (a private window, blocked site data)', async () => {
    for (const name of ['InvalidStateError', 'SecurityError']) {
      const refusing = {
        open: () => {
          throw new DOMException('denied', name);
        },
      };
      const vault = makeService(new OmamoriDb(`omamori-denied-${crypto.randomUUID()}`, { indexedDB: refusing as never, IDBKeyRange }));
      await expect(vault.openOnStart()).rejects.toMatchObject({ code: 'storage/unavailable' });
    }
  });
});

describe('toStorageError', () => {
  it('maps a full disk, also wrapped by Dexie, to storage/quota without copying its text', () => {
    const quota = new DOMException('secret-looking text', 'QuotaExceededError');
    expect(toStorageError(quota)).toMatchObject({ code: 'storage/quota', message: 'storage/quota' });
    expect(toStorageError(Object.assign(new Error('x'), { name: 'AbortError', inner: quota }))).toMatchObject({ code: 'storage/quota' });
  });

  it('keeps an AppError and maps anything else to storage/failed', () => {
    const own = new AppError('vault/locked');
    expect(toStorageError(own)).toBe(own);
    expect(toStorageError(new Error('whatever'))).toMatchObject({ code: 'storage/failed' });
  });
});
