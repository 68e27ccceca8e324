/**
 * The wrong-passphrase backoff is kept with the vault, in the database: two VaultService
 * instances on one database are two tabs, a new instance on it is a reload. It covers the lock
 * screen and the re-authentication dialog (verifyPassphrase), and never changes the vault itself.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { BACKOFF_KEY } from '../../../src/storage/db';
import { VaultService } from '../../../src/services/vault/vault';
import { loadDb } from './db-fixture';
import { dumpVault, expectCode, FAST_ARGON2, openDb, PASS, totp } from './vault-fixtures';

/** One clock for every "tab", as in a browser. */
function browser() {
  const time = { now: 1_700_000_000_000 };
  const db = openDb();
  const tab = (): VaultService => new VaultService({ db, kdf: createInProcessKdf(), argon2: FAST_ARGON2, now: () => time.now });
  return { db, tab, advance: (ms: number) => void (time.now += ms), time };
}

async function lockedVault() {
  const b = browser();
  const first = b.tab();
  await first.create(PASS, { deviceSlot: true });
  await first.addAccount(totp('Example'));
  first.lock();
  return { ...b, first };
}

async function wrong(vault: VaultService, times: number, how: 'unlock' | 'verify' = 'unlock'): Promise<void> {
  for (let i = 0; i < times; i++) {
    const attempt = how === 'unlock' ? vault.unlockWithPassphrase(`${PASS} ${i}`) : vault.verifyPassphrase(`${PASS} ${i}`);
    await expectCode(attempt, 'vault/wrong-passphrase');
  }
}

describe('wrong-passphrase backoff', () => {
  it('ten wrong passphrases: a growing wait after five, capped at 30 s; the vault, accounts and keys stay byte-identical', async () => {
    const { db, first: vault, advance } = await lockedVault();
    const before = await dumpVault(db);
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      await expectCode(vault.unlockWithPassphrase(`${PASS} ${i}`), 'vault/wrong-passphrase');
      expect(await vault.getStatus()).toBe('locked');
      const delay = await vault.retryDelayMs();
      delays.push(delay);
      if (delay > 0) {
        // During the wait even the right passphrase is refused, before any KDF work.
        await expectCode(vault.unlockWithPassphrase(PASS), 'vault/retry-later');
        advance(delay);
      }
    }
    expect(delays).toEqual([0, 0, 0, 0, 1000, 2000, 4000, 8000, 16000, 30000]);
    expect(await db.meta.get(BACKOFF_KEY)).toMatchObject({ value: { failures: 10 } });
    expect(await dumpVault(db)).toBe(before);
    advance(30_000);
    await vault.unlockWithPassphrase(PASS);
    // The right passphrase clears the count: no row left behind.
    expect(await db.meta.get(BACKOFF_KEY)).toBeUndefined();
    expect(await vault.retryDelayMs()).toBe(0);
  });

  it('a reload (a new service on the same database) keeps the wait and the count', async () => {
    const { first, tab, advance } = await lockedVault();
    await wrong(first, 5);
    advance(1000);
    await wrong(first, 1);
    const reloaded = tab();
    expect(await reloaded.getStatus()).toBe('locked');
    expect(await reloaded.retryDelayMs()).toBe(2000);
    await expectCode(reloaded.unlockWithPassphrase(PASS), 'vault/retry-later');
    advance(1500);
    expect(await reloaded.retryDelayMs()).toBe(500);
    advance(500);
    // The seventh wrong guess, after the reload, waits as the seventh: 4 s.
    await wrong(reloaded, 1);
    expect(await tab().retryDelayMs()).toBe(4000);
  });

  it('two tabs count their wrong guesses together, even at the same moment, and a success in one clears both', async () => {
    const { tab, advance } = await lockedVault();
    const a = tab();
    const b = tab();
    await Promise.all([wrong(a, 2), wrong(b, 2)]);
    await wrong(a, 1);
    // Five in a row across the two tabs: the next attempt in either waits.
    expect(await b.retryDelayMs()).toBe(1000);
    await expectCode(b.unlockWithPassphrase(PASS), 'vault/retry-later');
    advance(1000);
    await b.unlockWithPassphrase(PASS);
    expect(await a.retryDelayMs()).toBe(0);
    await wrong(a, 1);
    expect(await a.retryDelayMs()).toBe(0);
  });

  it('the re-authentication dialog (verifyPassphrase) counts wrong guesses and waits too, shared with the lock screen', async () => {
    const { tab, advance, db } = await lockedVault();
    const open = tab();
    await open.unlockWithPassphrase(PASS);
    const before = await dumpVault(db);
    await wrong(open, 5, 'verify');
    expect(await open.retryDelayMs()).toBe(1000);
    await expectCode(open.verifyPassphrase(PASS), 'vault/retry-later');
    expect(open.proofNeeded()).toBe(false); // the unlock a moment ago is still the last proof
    // Another tab's lock screen waits as well.
    const other = tab();
    await expectCode(other.unlockWithPassphrase(PASS), 'vault/retry-later');
    advance(1000);
    await open.verifyPassphrase(PASS);
    expect(await other.retryDelayMs()).toBe(0);
    expect(await dumpVault(db)).toBe(before);
  });

  it('a clock set back before the last failure waits at most the delay, counted from now', async () => {
    const { first, advance } = await lockedVault();
    await wrong(first, 5);
    advance(-3_600_000);
    expect(await first.retryDelayMs()).toBe(1000);
    advance(1000);
    expect(await first.retryDelayMs()).toBe(0);
  });

  it('when the count cannot be stored, the wrong passphrase is still reported and this tab still waits', async () => {
    const { first, db } = await lockedVault();
    const put = vi.spyOn(db.meta, 'put').mockImplementation(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    await wrong(first, 5);
    put.mockRestore();
    expect(await db.meta.get(BACKOFF_KEY)).toBeUndefined();
    await expectCode(first.unlockWithPassphrase(PASS), 'vault/retry-later');
  });

  it('works on a database written by version 1 (the meta store is there, empty): no migration', async () => {
    const fixture = JSON.parse(readFileSync(new URL('../../fixtures/vault-v1.json', import.meta.url), 'utf8')) as {
      passphrase: string;
      vault: never;
      accounts: never;
    };
    const { db, tab, advance } = browser();
    await loadDb(db, fixture);
    // Version 2 only added the Recently deleted table: the backoff's `meta` row is as in version 1.
    expect(db.verno).toBe(2);
    const vault = tab();
    expect(await vault.retryDelayMs()).toBe(0);
    await wrong(vault, 5);
    expect(await tab().retryDelayMs()).toBe(1000);
    advance(1000);
    await tab().unlockWithPassphrase(fixture.passphrase);
  });
});
