/**
 * The list after an unlock at scale (#19): rows read while Argon2id runs, opened in slices that
 * let the page run between them, and never delivered twice.
 */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf, type KdfRunner } from '../../../src/core/crypto/kdf';
import { sealAccount, openRows, OPEN_SLICE, RecordCache } from '../../../src/services/vault/records';
import type { Account } from '../../../src/core/account';
import type { AccountRow } from '../../../src/storage/db';
import type { VaultService } from '../../../src/services/vault/vault';
import { makeService, openDb, PASS, totp } from './vault-fixtures';

/** Every list the subscriber receives (issuers), until `until` says the last one came. */
function lists(vault: VaultService, until: (issuers: string[]) => boolean): Promise<string[][]> {
  const seen: string[][] = [];
  return new Promise((resolve) => {
    const stop = vault.subscribeAccounts((accounts) => {
      if (accounts.length === 0) return;
      seen.push(accounts.map((a) => a.issuer));
      if (until(seen.at(-1) ?? [])) {
        stop();
        resolve(seen);
      }
    });
  });
}

describe('the list after an unlock', () => {
  it('reads the rows while the key is derived, and the live list still corrects them', async () => {
    const db = openDb();
    const events: string[] = [];
    let duringKdf: () => Promise<void> = async () => undefined;
    const inner = createInProcessKdf();
    const kdf: KdfRunner = {
      argon2id: async (...args) => {
        await duringKdf();
        const key = await inner.argon2id(...args);
        events.push('key derived');
        return key;
      },
    };
    const vault = makeService(db, kdf);
    await vault.create(PASS, { deviceSlot: false });
    await vault.addAccounts([totp('A'), totp('B'), totp('C')]);
    vault.lock();
    const orderBy = db.accounts.orderBy.bind(db.accounts);
    db.accounts.orderBy = ((index: string) => (events.push('rows read'), orderBy(index))) as typeof db.accounts.orderBy;
    // Another tab deletes C while this one derives its key: rows read before may still hold it.
    duringKdf = async () => {
      duringKdf = async () => undefined;
      const c = (await orderBy('sortKey').toArray()).at(-1);
      await db.accounts.delete(c!.id);
    };
    events.length = 0;
    let seen: Promise<string[][]> | undefined;
    const stop = vault.subscribeState((state) => {
      if (state === 'unlocked') seen = lists(vault, (issuers) => issuers.length === 2);
    });
    await vault.unlockWithPassphrase(PASS);
    stop();
    const lists_ = await seen;
    // The list's rows were being read before the key was ready (not only after it).
    expect(events.indexOf('rows read')).toBeLessThan(events.indexOf('key derived'));
    // Whatever was read ahead, the list ends as the database is, and never shows anything else.
    expect(lists_?.at(-1)).toEqual(['A', 'B']);
    for (const l of lists_ ?? [])
      expect([
        ['A', 'B', 'C'],
        ['A', 'B'],
      ]).toContainEqual(l);
  });

  it('delivers the rows once when the live query finds the same rows as were read ahead', async () => {
    const db = openDb();
    const vault = makeService(db);
    await vault.create(PASS, { deviceSlot: false });
    await vault.addAccounts([totp('A'), totp('B')]);
    vault.lock();
    let seen: Promise<string[][]> | undefined;
    const stop = vault.subscribeState((state) => {
      if (state === 'unlocked') seen = lists(vault, (issuers) => issuers.includes('D'));
    });
    await vault.unlockWithPassphrase(PASS);
    stop();
    // A later change comes after the first list: any repeat of that list would sit between them.
    await vault.addAccount(totp('D'));
    expect(await seen).toEqual([
      ['A', 'B'],
      ['A', 'B', 'D'],
    ]);
  });

  it('forgets rows read for an unlock that failed', async () => {
    const db = openDb();
    const vault = makeService(db);
    await vault.create(PASS, { deviceSlot: true });
    await vault.addAccounts([totp('A'), totp('B')]);
    vault.lock();
    await expect(vault.unlockWithPassphrase('wrong passphrase')).rejects.toMatchObject({ code: 'vault/wrong-passphrase' });
    // B goes while locked; the device slot opens next: the list must not show the old read.
    const b = (await db.accounts.orderBy('sortKey').toArray()).at(-1);
    await db.accounts.delete(b!.id);
    let seen: Promise<string[][]> | undefined;
    const stop = vault.subscribeState((state) => {
      if (state === 'unlocked') seen = lists(vault, () => true);
    });
    expect(await vault.unlockWithDevice()).toBe(true);
    stop();
    expect(await seen).toEqual([['A']]);
  });
});

/** Every list the subscriber receives (issuers, and whether it was only the first screen), until `until` says the last came. */
function deliveries(vault: VaultService, until: (issuers: string[]) => boolean): Promise<{ issuers: string[]; partial: boolean }[]> {
  const seen: { issuers: string[]; partial: boolean }[] = [];
  return new Promise((resolve) => {
    const stop = vault.subscribeAccounts((accounts, info) => {
      if (accounts.length === 0) return;
      const issuers = accounts.map((a) => a.issuer);
      seen.push({ issuers, partial: info.partial !== undefined });
      // A first screen says how many the whole list will hold.
      if (info.partial !== undefined) expect(info.partial.total).toBeGreaterThan(accounts.length);
      if (until(issuers)) {
        stop();
        resolve(seen);
      }
    });
  });
}

/** The lists delivered from an unlock (passphrase, or the device slot at start) until the whole list of `count`. */
async function afterUnlock(vault: VaultService, unlock: () => Promise<unknown>, count: number): Promise<{ issuers: string[]; partial: boolean }[]> {
  let seen: Promise<{ issuers: string[]; partial: boolean }[]> | undefined;
  const stop = vault.subscribeState((state) => {
    if (state === 'unlocked') seen = deliveries(vault, (issuers) => issuers.length === count);
  });
  await unlock();
  stop();
  return (await seen) ?? [];
}

describe('the first screen remembered for the next unlock (#19)', () => {
  async function vaultOf(issuers: string[], deviceSlot = false) {
    const db = openDb();
    const vault = makeService(db);
    await vault.create(PASS, { deviceSlot });
    const accounts = await vault.addAccounts(issuers.map((i) => totp(i)));
    const id = (issuer: string) => ({ id: accounts.find((a) => a.issuer === issuer)!.id });
    return { db, vault, id };
  }

  it('opens only the remembered accounts first after an unlock, then the whole list', async () => {
    const { vault, id } = await vaultOf(['A', 'B', 'C', 'D', 'E']);
    await vault.rememberFirstScreen([id('D'), id('B')]);
    vault.lock();
    expect(await afterUnlock(vault, () => vault.unlockWithPassphrase(PASS), 5)).toEqual([
      { issuers: ['B', 'D'], partial: true }, // in the vault's order: the list sorts what it gets
      { issuers: ['A', 'B', 'C', 'D', 'E'], partial: false },
    ]);
  });

  it('does the same for the device slot at start, and passes over ids no longer in the vault', async () => {
    const { db, vault, id } = await vaultOf(['A', 'B', 'C'], true);
    await vault.rememberFirstScreen([id('C'), id('A')]);
    await vault.deleteAccount(id('A').id);
    const restarted = makeService(db);
    expect(await afterUnlock(restarted, () => restarted.openOnStart(), 2)).toEqual([
      { issuers: ['C'], partial: true },
      { issuers: ['B', 'C'], partial: false },
    ]);
  });

  it('keeps the ids sealed, writes them only when they change, and ignores a record that does not open', async () => {
    const { db, vault, id } = await vaultOf(['A', 'B', 'C']);
    let writes = 0;
    const put = db.meta.put.bind(db.meta);
    db.meta.put = ((row: Parameters<typeof put>[0]) => (writes++, put(row))) as typeof db.meta.put;
    await vault.rememberFirstScreen([id('B'), id('C')]);
    await vault.rememberFirstScreen([id('B'), id('C'), { id: 'x' }].slice(0, 2));
    expect(writes).toBe(1);
    await vault.rememberFirstScreen([id('C'), id('B')]);
    expect(writes).toBe(2);
    const row = (await db.meta.get('first-screen')) as { key: string; value: { iv: Uint8Array; ct: Uint8Array } };
    expect(Buffer.from(row.value.ct).toString('latin1')).not.toContain(id('B').id);
    // A damaged record: no first screen, only the whole list.
    row.value.ct[0]! ^= 1;
    await put(row);
    vault.lock();
    expect(await afterUnlock(vault, () => vault.unlockWithPassphrase(PASS), 3)).toEqual([{ issuers: ['A', 'B', 'C'], partial: false }]);
  });

  it('gives a vault whose first screen is all of it the whole list at once', async () => {
    const { vault, id } = await vaultOf(['A', 'B']);
    await vault.rememberFirstScreen([id('B'), id('A')]);
    vault.lock();
    expect(await afterUnlock(vault, () => vault.unlockWithPassphrase(PASS), 2)).toEqual([{ issuers: ['A', 'B'], partial: false }]);
  });

  it('keeps the first screen when the list is drawn empty (before its rows arrive)', async () => {
    const { db, vault, id } = await vaultOf(['A', 'B', 'C'], true);
    await vault.rememberFirstScreen([id('C'), id('A')]);
    const expected = [
      { issuers: ['A', 'C'], partial: true },
      { issuers: ['A', 'B', 'C'], partial: false },
    ];
    const restarted = makeService(db);
    expect(await afterUnlock(restarted, () => restarted.openOnStart(), 3)).toEqual(expected);
    // The list's first render, before its rows arrive, hands over no rows.
    await restarted.rememberFirstScreen([]);
    const again = makeService(db);
    expect(await afterUnlock(again, () => again.openOnStart(), 3)).toEqual(expected);
  });

  it('writes nothing while locked', async () => {
    const { db, vault, id } = await vaultOf(['A']);
    vault.lock();
    await vault.rememberFirstScreen([id('A')]);
    expect(await db.meta.get('first-screen')).toBeUndefined();
  });
});

describe('openRows in slices', () => {
  async function sealedRows(count: number): Promise<{ vk: CryptoKey; rows: AccountRow[] }> {
    const vk = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const rows = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const id = `id-${i}`;
        const extras = { favourite: false, groups: [], notes: '', recoveryCodes: [], icon: '', lastUsedAt: 0 };
        const account: Account = { ...totp(`S${i}`), ...extras, id, createdAt: 1, updatedAt: 1, changedAt: 1, backedUpAt: 0 };
        const { iv, ct } = await sealAccount(vk, 'vault-1', account);
        return { id, sortKey: i, updatedAt: 1, iv, ct } as AccountRow;
      }),
    );
    return { vk, rows };
  }

  it('lets the page run between slices, keeps the order, and does not pause for rows already open', async () => {
    const count = OPEN_SLICE * 2 + 3;
    const { vk, rows } = await sealedRows(count);
    const cache = new RecordCache();
    let pauses = 0;
    const pause = async (): Promise<void> => void pauses++;
    const first = await openRows(vk, 'vault-1', rows, cache, pause);
    expect(pauses).toBe(2);
    expect(first.accounts.map((a) => a.issuer)).toEqual(rows.map((_, i) => `S${i}`));
    expect(first.damagedCount).toBe(0);
    pauses = 0;
    const again = await openRows(vk, 'vault-1', rows, cache, pause);
    expect(pauses).toBe(0);
    expect(again.accounts).toHaveLength(count);
  });
});
