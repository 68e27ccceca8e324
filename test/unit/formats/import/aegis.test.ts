/** Aegis vaults, plain and encrypted (test/fixtures/import/aegis), and the db decoder behind them. */
import { describe, expect, it, vi } from 'vitest';
import { readAegisDb } from '../../../../src/formats/import/aegis';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { FIXTURE_PASSWORDS } from './fixtures';
import { detectedId, errorCode, expectSameAccounts, expected, fixtureBytes, readFixture } from './helpers';
import { meter } from './kdf-meter';

vi.mock('../../../../src/core/crypto/other-apps', async (real) => (await import('./kdf-meter')).meterOtherApps(await real()));

const ALL = [
  expected(0, { groups: ['Finance'], notes: 'primary login', favourite: true }),
  expected(1),
  expected(2, { groups: ['Finance'] }),
  expected(3),
  expected(4),
  expected(5),
];

describe('Aegis vault importer', () => {
  it('reads a plain db v3 vault: every type, PINs, groups by uuid, note, favourite; an unknown type is one problem', async () => {
    expect(detectedId('aegis/plain-v3.json')).toBe('aegis');
    const result = await readFixture('aegis/plain-v3.json');
    expect(result.format).toBe('aegis');
    expectSameAccounts(result.accounts, ALL);
    expect(result.problems).toEqual([{ label: 'Future (x)', code: 'import/unsupported' }]);
  });

  it('opens the password slot (skipping a biometric one) and decrypts the db', async () => {
    const result = await readFixture('aegis/encrypted.json', { password: FIXTURE_PASSWORDS.aegis });
    expectSameAccounts(result.accounts, ALL);
  });

  it('asks for the password, and tells a wrong password from a damaged db', async () => {
    expect(await errorCode(readFixture('aegis/encrypted.json'))).toBe('import/password-required');
    expect(await errorCode(readFixture('aegis/encrypted.json', { password: 'correct horse ' }))).toBe('import/wrong-password');
    const vault = JSON.parse(new TextDecoder().decode(fixtureBytes('aegis/encrypted.json'))) as { db: string };
    vault.db = `${vault.db[0] === 'A' ? 'B' : 'A'}${vault.db.slice(1)}`;
    expect(await errorCode(readFixture('aegis/encrypted.json', { password: FIXTURE_PASSWORDS.aegis }, utf8Encode(JSON.stringify(vault))))).toBe(
      'import/damaged',
    );
  });

  it('stops with "aborted" when the caller has given up', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await errorCode(readFixture('aegis/encrypted.json', { password: FIXTURE_PASSWORDS.aegis, signal: controller.signal }))).toBe('aborted');
  });

  it('refuses absurd scrypt parameters before running anything', async () => {
    const vault = JSON.parse(new TextDecoder().decode(fixtureBytes('aegis/encrypted.json'))) as { header: { slots: Record<string, unknown>[] } };
    for (const [n, r, p, code] of [
      [2 ** 40, 8, 1, 'import/kdf-aegis'],
      [2 ** 21, 8, 1, 'import/kdf-aegis'],
      [2 ** 15, 1000, 1, 'import/kdf-aegis'],
      [2 ** 15, 8, 10 ** 6, 'import/kdf-aegis'],
      // Parameters scrypt cannot run at all: no slot can be tried.
      [3000, 8, 1, 'import/unsupported'],
      [-1, 8, 1, 'import/unsupported'],
    ] as const) {
      const slot = vault.header.slots[1] as Record<string, unknown>;
      Object.assign(slot, { n, r, p });
      meter.reset('record');
      expect(await errorCode(readFixture('aegis/encrypted.json', { password: 'x' }, utf8Encode(JSON.stringify(vault))))).toBe(code);
      // The work done, not the time taken: no scrypt ran (kdf-meter.ts).
      expect(meter.runs).toEqual([]);
    }
  });

  it('reads db v1/v2 single group names and tolerates missing optional fields and string numbers', () => {
    const result = readAegisDb({
      version: 2,
      entries: [
        { type: 'TOTP', name: 'n', issuer: 'I', group: 'Legacy', info: { secret: 'gezd gnbv gy3t qojq', algo: 'sha256', digits: '7', period: '20' } },
        { type: 'hotp', name: 'h', issuer: 'I', info: { secret: 'GEZDGNBVGY3TQOJQ' } },
      ],
    });
    expect(result.problems).toEqual([]);
    expect(result.accounts.map((a) => [a.type, a.secretB32, a.algorithm, a.digits, a.period, a.counter, a.groups])).toEqual([
      ['totp', 'GEZDGNBVGY3TQOJQ', 'SHA256', 7, 20, 0, ['Legacy']],
      ['hotp', 'GEZDGNBVGY3TQOJQ', 'SHA1', 6, 30, 0, []],
    ]);
  });

  it('refuses newer vault and db versions, and a db that is not an object', async () => {
    expect(() => readAegisDb({ version: 4, entries: [] })).toThrow('import/unsupported');
    expect(() => readAegisDb([])).toThrow('import/damaged');
    const v2 = utf8Encode(JSON.stringify({ version: 2, header: { slots: null, params: null }, db: { version: 3, entries: [] } }));
    expect(await errorCode(readFixture('x.json', {}, v2))).toBe('import/unsupported');
  });

  it('a type named like an Object.prototype member is an unknown type, not a crash', () => {
    const entries = ['constructor', '__proto__', 'toString'].map((type) => ({ type, name: type, issuer: 'X', info: { secret: 'GEZDGNBVGY3TQOJQ' } }));
    const result = readAegisDb({ version: 3, entries });
    expect(result.problems.map((p) => p.code)).toEqual(['import/unsupported', 'import/unsupported', 'import/unsupported']);
  });

  it('an empty vault says it holds no accounts', () => {
    expect(() => readAegisDb({ version: 3, entries: [], groups: [] })).toThrow('import/no-accounts');
  });
});
