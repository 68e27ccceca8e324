/**
 * The importers of the ALICE … FRANK fixtures (fixtures.ts) against those committed files, as one
 * table: each file, its importer, its accounts, its password. These pass without the corpus. Every
 * file goes through readImport, so sniffing is part of each case.
 */
import { describe, expect, it } from 'vitest';
import { readImport } from '../../../../src/formats/import/registry';
import type { ImportedAccount, ImportResult } from '../../../../src/formats/import/types';
import * as F from './fixtures';
import { errorCode, fixtureBytes } from './helpers';

type Expected = Partial<ImportedAccount> & Pick<ImportedAccount, 'type' | 'issuer' | 'name' | 'secretB32'>;

interface Case {
  file: string;
  format: string;
  encrypted: boolean;
  accounts: Expected[];
  problems?: number;
}

const STEAM_GRACE: Expected = { ...F.DAVE, name: 'grace', secretB32: F.ALICE.secretB32 };

const CASES: Case[] = [
  {
    file: F.FILES.protonPlain,
    format: 'proton-authenticator',
    encrypted: false,
    accounts: [{ ...F.ALICE, notes: 'backup codes are in the safe' }, F.BOB, F.DAVE, F.ERIN],
  },
  {
    file: F.FILES.protonEncrypted,
    format: 'proton-authenticator',
    encrypted: true,
    accounts: [{ ...F.ALICE, notes: 'backup codes are in the safe' }, F.BOB, F.DAVE, F.ERIN],
  },
  { file: F.FILES.stratumPlain, format: 'stratum', encrypted: false, accounts: [F.ALICE, { ...F.BOB, groups: ['Work'] }, F.CAROL, F.DAVE, F.FRANK] },
  { file: F.FILES.stratumStrong, format: 'stratum', encrypted: true, accounts: [F.ALICE, { ...F.BOB, groups: ['Work'] }, F.CAROL, F.DAVE, F.FRANK] },
  { file: F.FILES.stratumLegacy, format: 'stratum', encrypted: true, accounts: [F.ALICE, { ...F.BOB, groups: ['Work'] }, F.CAROL, F.DAVE, F.FRANK] },
  { file: F.FILES.stratumHtml, format: 'stratum-html', encrypted: false, accounts: [F.ALICE, F.BOB, F.CAROL] },
  {
    file: F.FILES.enteEncrypted,
    format: 'ente-encrypted',
    encrypted: true,
    accounts: [{ ...F.ALICE, groups: ['Personal'], favourite: true, notes: 'main mail' }, F.CAROL],
  },
  { file: F.FILES.freeOtpPlus, format: 'freeotp-plus', encrypted: false, accounts: [F.ALICE, F.BOB, F.CAROL_FREEOTP_PLUS] },
  { file: F.FILES.freeOtpV2, format: 'freeotp-v2', encrypted: true, accounts: [F.ALICE, F.BOB, F.CAROL] },
  {
    file: F.FILES.lastPass,
    format: 'lastpass',
    encrypted: false,
    accounts: [
      { ...F.ALICE, groups: ['Favorites'], favourite: true },
      { ...F.BOB, groups: ['Other accounts'], favourite: false },
    ],
  },
  {
    file: F.FILES.raivo,
    format: 'raivo',
    encrypted: false,
    accounts: [
      { ...F.ALICE, favourite: true },
      { ...F.CAROL, favourite: false },
    ],
  },
  {
    file: F.FILES.raivoZip,
    format: 'raivo-zip',
    encrypted: true,
    accounts: [
      { ...F.ALICE, favourite: true },
      { ...F.CAROL, favourite: false },
    ],
  },
  { file: F.FILES.steamSingle, format: 'steam', encrypted: false, accounts: [F.DAVE] },
  { file: F.FILES.steamWrapped, format: 'steam', encrypted: false, accounts: [F.DAVE, STEAM_GRACE] },
  {
    file: F.FILES.totpAuthenticator,
    format: 'totp-authenticator',
    encrypted: true,
    // The app's codes are SHA-1/6/30 whatever the entry's digits/period strings say.
    accounts: [
      { ...F.ALICE, groups: ['personal'], favourite: true },
      { ...F.BOB, algorithm: 'SHA1', digits: 6, period: 30, groups: [] },
    ],
  },
  { file: F.FILES.authenticatorPlus, format: 'authenticator-plus', encrypted: true, accounts: [F.ALICE, F.CAROL, F.ERIN] },
  { file: F.FILES.winAuth, format: 'winauth-zip', encrypted: true, accounts: [F.ALICE, F.CAROL, F.ERIN] },
];

function input(file: string): { bytes: Uint8Array; fileName: string } {
  return { bytes: fixtureBytes(file), fileName: file.split('/').pop() ?? file };
}

function expectResult(result: ImportResult, c: Case): void {
  expect(result.format).toBe(c.format);
  expect(result.problems).toHaveLength(c.problems ?? 0);
  expect(result.accounts).toHaveLength(c.accounts.length);
  c.accounts.forEach((want, i) => {
    expect(result.accounts[i]).toMatchObject({ pin: '', groups: [], notes: '', favourite: false, ...want });
  });
}

describe('importers read their committed fixtures', () => {
  it.each(CASES.map((c) => [c.file, c] as const))('%s', async (_f, c) => {
    expectResult(await readImport(input(c.file), c.encrypted ? { password: F.PASSWORD } : {}), c);
  });

  const encrypted = CASES.filter((c) => c.encrypted);
  it.each(encrypted.map((c) => [c.file, c] as const))('%s: wrong password, missing password', async (_f, c) => {
    expect(await errorCode(readImport(input(c.file), { password: 'wrong horse' }))).toBe('import/wrong-password');
    expect(await errorCode(readImport(input(c.file), {}))).toBe('import/password-required');
  });

  it.each(CASES.map((c) => [c.file, c] as const))('%s: a truncated file gives a typed error or fewer accounts', async (_f, c) => {
    const bytes = fixtureBytes(c.file);
    for (const cut of [1, 7, Math.floor(bytes.length / 2), bytes.length - 1]) {
      const code = await errorCode(readImport({ bytes: bytes.subarray(0, cut), fileName: input(c.file).fileName }, { password: F.PASSWORD }));
      expect(code).toMatch(/^(no error|import\/|file\/)/);
    }
  });
});
