/**
 * The password managers' importers (issue #17): CXF 1.0, Apple Passwords CSV and 1Password 1PUX,
 * against our committed fixtures (password-manager-fixtures.ts), through readImport so that
 * detection is part of each case: what comes across, what does not and why, and that no password
 * in the file reaches the result.
 */
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { readImport } from '../../../../src/formats/import/registry';
import type { ImportResult } from '../../../../src/formats/import/types';
import * as F from './fixtures';
import { detectedId, errorCode, fixtureBytes, readFixture } from './helpers';
import { CXF, PASSWORD_CANARY, PM_FILES } from './password-manager-fixtures';

const base = { counter: 0, pin: '', groups: [], notes: '', favourite: false };
const json = (value: unknown): Uint8Array => utf8Encode(JSON.stringify(value));

function expectNoPassword(result: ImportResult): void {
  expect(JSON.stringify(result)).not.toContain(PASSWORD_CANARY);
}

describe('detection', () => {
  it('recognises each file by its structure', () => {
    expect(detectedId(PM_FILES.cxf)).toBe('cxf');
    expect(detectedId(PM_FILES.applePasswords)).toBe('apple-passwords-csv');
    expect(detectedId(PM_FILES.onePux)).toBe('1password-1pux');
    // Not by name: the same bytes under another name are recognised all the same.
    expect(detectedId('x.bin', fixtureBytes(PM_FILES.onePux))).toBe('1password-1pux');
  });

  it('does not claim the neighbours it must leave alone', () => {
    expect(detectedId('bitwarden/vault.csv')).toBe('bitwarden-csv');
    expect(detectedId(F.FILES.lastPass)).toBe('lastpass');
    expect(detectedId(F.FILES.raivoZip)).toBe('raivo-zip');
  });

  it('refuses a CXF file of another major version before reading it', async () => {
    expect(await errorCode(readImport({ bytes: json({ ...CXF, version: { major: 2, minor: 0 } }) }))).toBe('import/unsupported');
  });
});

describe('CXF 1.0', () => {
  it('reads every totp credential with its item title, notes, tags, collections and favourite', async () => {
    const result = await readFixture(PM_FILES.cxf);
    expect(result.format).toBe('cxf');
    expect(result.accounts).toEqual([
      { ...base, ...F.ALICE, groups: ['Personal'], notes: 'backup codes are in the safe', favourite: true },
      { ...base, ...F.BOB, groups: ['Work'] },
      { ...base, ...F.ERIN },
    ]);
    expectNoPassword(result);
  });

  it('lists what does not come across, and why: unknown algorithm, password, passkey, Wi-Fi, secure note', async () => {
    const result = await readFixture(PM_FILES.cxf);
    expect(result.problems).toEqual([
      { label: 'Future Corp (frank)', code: 'account/invalid-algorithm' },
      { label: 'Example (basic-auth)', code: 'import/not-otp' },
      { label: 'Acme (passkey)', code: 'import/not-otp' },
      { label: 'Home Wi-Fi (wifi)', code: 'import/not-otp' },
      { label: 'Safe combination (note)', code: 'import/not-otp' },
    ]);
  });

  it('lists a file of passwords only without failing, and refuses one with nothing at all', async () => {
    const passwordsOnly = { ...CXF, accounts: [{ ...CXF.accounts[0], items: [CXF.accounts[0]?.items[4]] }] };
    const result = await readImport({ bytes: json(passwordsOnly) });
    expect(result.accounts).toEqual([]);
    expect(result.problems).toEqual([{ label: 'Home Wi-Fi (wifi)', code: 'import/not-otp' }]);
    expect(await errorCode(readImport({ bytes: json({ ...CXF, accounts: [] }) }))).toBe('import/no-accounts');
  });
});

describe('Apple Passwords CSV', () => {
  it('reads the OTPAuth links; rows without one are not accounts; passwords are not kept', async () => {
    const result = await readFixture(PM_FILES.applePasswords);
    expect(result.format).toBe('apple-passwords-csv');
    expect(result.accounts).toEqual([
      { ...base, ...F.ALICE, notes: 'line one\nline "two", with a comma' },
      { ...base, ...F.BOB },
    ]);
    expect(result.problems).toEqual([{ label: 'Broken (x)', code: 'account/invalid-secret' }]);
    expectNoPassword(result);
  });

  it('takes the service name from the row when the link has none, and refuses a file without any link', async () => {
    const header = 'Title,URL,Username,Password,Notes,OTPAuth\r\n';
    const text = `${header}Site,https://s.example/,me,pw,,otpauth://totp/me?secret=JBSWY3DPEHPK3PXP\r\nBare,https://b.example/,you,pw,,otpauth://totp/?secret=JBSWY3DPEHPK3PXP\r\n`;
    const named = await readImport({ bytes: utf8Encode(text) });
    expect(named.accounts.map((a) => [a.issuer, a.name])).toEqual([['Site', 'me']]);
    // A link without any label is refused by the link reader itself, before the row can name it.
    expect(named.problems).toEqual([{ label: 'Bare (you)', code: 'uri/missing-label' }]);
    expect(await errorCode(readImport({ bytes: utf8Encode(`${header}Site,https://s.example/,me,pw,,\r\n`) }))).toBe('import/no-accounts');
  });
});

describe('1Password 1PUX', () => {
  it('reads every totp field (link or bare secret) with the item title, user name, notes, tags and favourite', async () => {
    const result = await readFixture(PM_FILES.onePux);
    expect(result.format).toBe('1password-1pux');
    expect(result.accounts).toEqual([
      { ...base, ...F.ALICE, groups: ['Personal'], notes: 'backup codes are in the safe', favourite: true },
      { ...base, ...F.ERIN, issuer: 'Erin Mail', name: 'erin' },
      { ...base, ...F.BOB, groups: ['Work'] },
    ]);
    expect(result.problems).toEqual([]);
    expectNoPassword(result);
  });

  it('turns a damaged ZIP into a typed error', async () => {
    const bytes = fixtureBytes(PM_FILES.onePux).slice();
    // The first member's data (after its 30-byte header and name) overwritten: its CRC no longer matches.
    bytes.fill(0x41, 60, 200);
    expect(await errorCode(readFixture(PM_FILES.onePux, {}, bytes))).toMatch(/^import\/(damaged|no-accounts)$/);
  });
});
