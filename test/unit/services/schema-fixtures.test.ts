/**
 * Bar #7: every released database schema still opens. test/fixtures/vault-v1.json was written
 * once by the v1 code (VaultService.create with Argon2id m=8 MiB t=1 p=1, three addAccount calls,
 * then dumpDb from ./db-fixture) and is frozen: a later schema adds its own fixture next to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateCode } from '../../../src/core/codes';
import { loadDb } from './db-fixture';
import { makeService, openDb } from './vault-fixtures';

const FIXTURE = new URL('../../fixtures/vault-v1.json', import.meta.url);
const EXPECTED = [
  { issuer: 'GitHub', name: 'octocat' },
  { issuer: '楽天', name: '山田 太郎' },
  { issuer: 'Hotp', name: 'alice@example.com' },
];

describe('database schema v1 fixture', () => {
  it('opens with its passphrase and every record decrypts to the same accounts', async () => {
    expect(existsSync(FIXTURE)).toBe(true);
    const fixture = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { passphrase: string; vault: never; accounts: never };
    const db = openDb();
    await loadDb(db, fixture);
    const vault = makeService(db);
    expect(await vault.getStatus()).toBe('locked');
    await expect(vault.unlockWithPassphrase('not it')).rejects.toMatchObject({ code: 'vault/wrong-passphrase' });
    await vault.unlockWithPassphrase(fixture.passphrase);
    const accounts = await vault.listAccounts();
    expect(accounts.map((a) => ({ issuer: a.issuer, name: a.name }))).toEqual(EXPECTED);
    expect(fixture.passphrase).toBe('fixture passphrase 日本語 v1');
    expect(accounts[2]).toMatchObject({ type: 'hotp', counter: 7 });
    // RFC 6238 seed at T=1111111109 s, 6 digits.
    expect(generateCode(accounts[1]!, 1111111109_000)).toBe('081804');
    expect(vault.getDamagedCount()).toBe(0);
  });
});
