/** Bitwarden's three exports: password-manager JSON (plain and password protected), CSV, Authenticator JSON. */
import { describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { createInProcessKdf, type KdfRunner } from '../../../../src/core/crypto/kdf';
import { parseCsv } from '../../../../src/formats/import/csv';
import { detectFormat } from '../../../../src/formats/import/registry';
import type { ImportedAccount } from '../../../../src/formats/import/types';
import { FIXTURE_PASSWORDS } from './fixtures';
import { detectedId, errorCode, expectSameAccounts, expected, fixtureBytes, readFixture } from './helpers';
import { meter } from './kdf-meter';

vi.mock('../../../../src/core/crypto/other-apps', async (real) => (await import('./kdf-meter')).meterOtherApps(await real()));
vi.mock('../../../../src/core/crypto/kdf', async (real) => (await import('./kdf-meter')).meterKdf(await real()));

/** A bare key is TOTP with the defaults; the item name is the issuer, the user name the account. */
const bareKey = (name: string): ImportedAccount => ({ ...expected(1), issuer: 'Bare key item', name, algorithm: 'SHA1', digits: 6, period: 30 });
const VAULT = [expected(0, { groups: ['Finance'], notes: 'primary login', favourite: true }), bareKey('carol'), { ...expected(3), name: 'Steam' }];

describe('Bitwarden password-manager JSON', () => {
  it('reads login.totp links, bare keys and steam:// keys; folders become groups; items without a key are skipped', async () => {
    expect(detectedId('bitwarden/vault.json')).toBe('bitwarden');
    const result = await readFixture('bitwarden/vault.json');
    expectSameAccounts(result.accounts, VAULT);
    expect(result.problems).toEqual([{ label: 'Broken (erin)', code: 'uri/missing-secret' }]);
  });

  it('names a link without any label after its item', async () => {
    const vault = {
      encrypted: false,
      folders: [],
      items: [{ type: 1, name: 'Acme', login: { username: 'al', totp: 'otpauth://totp/?secret=GEZDGNBVGY3TQOJQ&digits=8' } }],
    };
    const result = await readFixture('x.json', {}, utf8Encode(JSON.stringify(vault)));
    expect(result.accounts.map((a) => [a.issuer, a.name, a.digits])).toEqual([['Acme', 'al', 8]]);
  });

  it('decrypts password-protected exports (PBKDF2 and Argon2id) with the password as typed, not NFKC', async () => {
    const runner = createInProcessKdf();
    const kdf: KdfRunner = { argon2id: vi.fn(runner.argon2id) };
    for (const file of ['bitwarden/protected-pbkdf2.json', 'bitwarden/protected-argon2id.json']) {
      expect(detectFixture(file)).toEqual({ id: 'bitwarden', encrypted: true });
      const result = await readFixture(file, { password: FIXTURE_PASSWORDS.bitwarden, kdf });
      expectSameAccounts(result.accounts, VAULT);
      expect(await errorCode(readFixture(file))).toBe('import/password-required');
      expect(await errorCode(readFixture(file, { password: FIXTURE_PASSWORDS.bitwarden.normalize('NFKC') }))).toBe('import/wrong-password');
    }
    // The runner normalises to NFKC, so it must not see this password.
    expect(kdf.argon2id).not.toHaveBeenCalled();
  });

  it('stops with "aborted" when the caller has given up', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await errorCode(readFixture('bitwarden/protected-pbkdf2.json', { password: FIXTURE_PASSWORDS.bitwarden, signal: controller.signal }))).toBe(
      'aborted',
    );
  });

  it('a changed data block after a correct password is damage, not a wrong password', async () => {
    const json = JSON.parse(new TextDecoder().decode(fixtureBytes('bitwarden/protected-pbkdf2.json'))) as { data: string };
    const [iv, ct, mac] = json.data.slice(2).split('|') as [string, string, string];
    json.data = `2.${iv}|${ct[0] === 'A' ? 'B' : 'A'}${ct.slice(1)}|${mac}`;
    expect(await errorCode(readFixture('x.json', { password: FIXTURE_PASSWORDS.bitwarden }, utf8Encode(JSON.stringify(json))))).toBe('import/damaged');
  });

  it('refuses KDF parameters beyond Bitwarden’s own limits before running them', async () => {
    const base = JSON.parse(new TextDecoder().decode(fixtureBytes('bitwarden/protected-argon2id.json'))) as Record<string, unknown>;
    for (const [change, code] of [
      [{ kdfMemory: 2 ** 40 }, 'import/kdf-bitwarden'],
      [{ kdfIterations: 10 ** 9 }, 'import/kdf-bitwarden'],
      [{ kdfParallelism: 4096 }, 'import/kdf-bitwarden'],
      [{ kdfType: 0, kdfIterations: 2 ** 40 }, 'import/kdf-bitwarden'],
      [{ kdfType: 7 }, 'import/unsupported'],
    ] as const) {
      meter.reset('record');
      expect(await errorCode(readFixture('x.json', { password: 'x' }, utf8Encode(JSON.stringify({ ...base, ...change }))))).toBe(code);
      // The work done, not the time taken: neither PBKDF2 nor Argon2id ran (kdf-meter.ts).
      expect(meter.runs).toEqual([]);
    }
  });

  it('an account-restricted export is refused whatever the password', async () => {
    expect(await errorCode(readFixture('bitwarden/account-restricted.json'))).toBe('import/account-restricted');
    expect(await errorCode(readFixture('bitwarden/account-restricted.json', { password: 'anything' }))).toBe('import/account-restricted');
  });
});

function detectFixture(file: string): { id: string; encrypted: boolean } | null {
  const detected = detectFormat({ bytes: fixtureBytes(file), fileName: file });
  return detected === null ? null : { id: detected.importer.id, encrypted: detected.sniff.encrypted };
}

describe('Bitwarden CSV', () => {
  it('reads login_totp with quoted fields holding commas, quotes and line breaks', async () => {
    expect(detectedId('bitwarden/vault.csv')).toBe('bitwarden-csv');
    const result = await readFixture('bitwarden/vault.csv');
    expectSameAccounts(result.accounts, [
      expected(0, { groups: ['Finance'], notes: 'primary login, with a comma\nand a second "line"', favourite: true }),
      { ...bareKey('carol') },
      { ...expected(3), name: 'Steam' },
    ]);
  });

  it('parses RFC 4180 and refuses an unterminated quote', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"f\ng",h\n')).toEqual([
      ['a', 'b,c', 'd"e'],
      ['f\ng', 'h'],
    ]);
    expect(parseCsv('a,"b\n')).toBeNull();
  });
});

describe('Bitwarden Authenticator JSON', () => {
  it('reads links and steam:// keys; the user name names Steam keys; favourites are kept', async () => {
    expect(detectedId('bitwarden/authenticator.json')).toBe('bitwarden-authenticator');
    const result = await readFixture('bitwarden/authenticator.json');
    expectSameAccounts(result.accounts, [expected(0, { favourite: true }), expected(2), expected(3)]);
  });
});
