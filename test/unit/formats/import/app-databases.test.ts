/**
 * The files of apps that have no export (#17) against our own fixtures (app-database-fixtures.ts),
 * without the corpus: each through readImport under a name that says nothing (detection is by
 * content), what comes across and what is listed as not movable and why, passwords, refusals,
 * and damaged files as typed errors.
 */
import { describe, expect, it } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { detectFormat, readImport, recogniseFormat } from '../../../../src/formats/import/registry';
import type { ImportedAccount } from '../../../../src/formats/import/types';
import * as A from './app-database-fixtures';
import * as F from './fixtures';
import { errorCode, fixtureBytes } from './helpers';

type Expected = Partial<ImportedAccount> & Pick<ImportedAccount, 'type' | 'issuer' | 'name' | 'secretB32'>;

interface Case {
  file: string;
  format: string;
  password?: string;
  accounts: Expected[];
  /** Labels and codes of the entries that do not come across. */
  problems: { label: string; code: string }[];
}

const CASES: Case[] = [
  {
    file: A.APP_FILES.authyPlain,
    format: 'authy-xml',
    accounts: [F.ALICE, A.AUTHY_BOB],
    problems: [{ label: 'Broken (nobody)', code: 'account/invalid-secret' }],
  },
  { file: A.APP_FILES.authyEncrypted, format: 'authy-xml', password: A.AUTHY_PASSWORD, accounts: [F.ALICE, A.AUTHY_BOB], problems: [] },
  { file: A.APP_FILES.battleNet, format: 'battlenet-xml', accounts: [A.BATTLENET], problems: [] },
  {
    file: A.APP_FILES.duo,
    format: 'duo',
    accounts: [A.DUO_ALICE, A.DUO_CAROL],
    problems: [{ label: 'Example Corp', code: 'import/push-only' }],
  },
  { file: A.APP_FILES.freeOtpXml, format: 'freeotp-xml', accounts: [F.ALICE, F.BOB, F.CAROL], problems: [] },
  {
    file: A.APP_FILES.totpAuthenticatorXml,
    format: 'totp-authenticator-xml',
    accounts: [
      { ...F.ALICE, groups: ['personal'], favourite: true },
      { ...F.BOB, algorithm: 'SHA1', digits: 6, period: 30 },
    ],
    problems: [],
  },
  { file: A.APP_FILES.google, format: 'google-authenticator-db', accounts: [F.ALICE, A.GOOGLE_CAROL, A.GOOGLE_ERIN], problems: [] },
  {
    file: A.APP_FILES.microsoft,
    format: 'microsoft-authenticator-db',
    accounts: [F.ALICE],
    problems: [
      { label: 'Microsoft (someone@outlook.example)', code: 'import/microsoft-account' },
      { label: 'Vault (locked)', code: 'import/keystore-secret' },
    ],
  },
  {
    file: A.APP_FILES.stratumDb,
    format: 'stratum-db',
    accounts: [F.ALICE, { ...F.BOB, groups: ['Work'] }, F.CAROL, F.DAVE],
    problems: [],
  },
];

/** Under a name that tells nothing: these files are recognised by what they hold. */
const anonymous = (bytes: Uint8Array): { bytes: Uint8Array; fileName: string } => ({ bytes, fileName: 'file' });

describe('files of apps without an export', () => {
  it.each(CASES.map((c) => [c.file, c] as const))('%s: what comes across, and what does not and why', async (_f, c) => {
    const result = await readImport(anonymous(fixtureBytes(c.file)), c.password === undefined ? {} : { password: c.password });
    expect(result.format).toBe(c.format);
    expect(result.accounts).toHaveLength(c.accounts.length);
    c.accounts.forEach((want, i) => expect(result.accounts[i]).toMatchObject({ pin: '', groups: [], notes: '', favourite: false, ...want }));
    expect(result.problems).toEqual(c.problems);
  });

  it.each(CASES.map((c) => [c.file, c] as const))('%s: every cut-off copy is a typed error or fewer accounts', async (_f, c) => {
    const bytes = fixtureBytes(c.file);
    for (const cut of [1, 16, 100, Math.floor(bytes.length / 2), bytes.length - 1]) {
      expect(await errorCode(readImport(anonymous(bytes.subarray(0, cut)), { password: A.AUTHY_PASSWORD }))).toMatch(/^(no error|import\/)/);
    }
  });

  it("Authy's encrypted file asks for its backups password and refuses a wrong one", async () => {
    const bytes = fixtureBytes(A.APP_FILES.authyEncrypted);
    expect(detectFormat(anonymous(bytes))?.sniff.encrypted).toBe(true);
    expect(detectFormat(anonymous(fixtureBytes(A.APP_FILES.authyPlain)))?.sniff.encrypted).toBe(false);
    expect(await errorCode(readImport(anonymous(bytes)))).toBe('import/password-required');
    expect(await errorCode(readImport(anonymous(bytes), { password: 'wrong horse' }))).toBe('import/wrong-password');
  });

  it("Authy's key derivations are bounded per token and for the whole file before any runs", async () => {
    const token = (iterations: number): object => ({
      ...A.authyToken(F.ALICE, { encryptedSecret: 'AAAAAAAAAAAAAAAAAAAAAA==', salt: 's' }),
      key_derivation_iterations: iterations,
    });
    const file = (tokens: object[]): Uint8Array => utf8Encode(A.authyPrefs(tokens));
    expect(await errorCode(readImport(anonymous(file([token(2_000_000)])), { password: 'x' }))).toBe('import/damaged');
    expect(await errorCode(readImport(anonymous(file(Array.from({ length: 51 }, () => token(1_000_000)))), { password: 'x' }))).toBe('import/damaged');
  });

  it("Battle.net's secret kept under the phone's keystore is listed with the reason", async () => {
    const result = await readImport(anonymous(utf8Encode(A.battleNetPrefs('KEYSTORE'))));
    expect(result.accounts).toEqual([]);
    expect(result.problems).toEqual([{ label: 'Battle.net', code: 'import/keystore-secret' }]);
  });

  it("Authenticator Plus's SQLCipher file is refused on sight with the way to export from the app", async () => {
    const input = { bytes: fixtureBytes(A.APP_FILES.authenticatorPlusDb), fileName: 'authplus.db' };
    expect(() => recogniseFormat(input)).toThrow('import/authenticator-plus-db');
    expect(await errorCode(readImport(input, { password: 'anything' }))).toBe('import/authenticator-plus-db');
    // The same noise under another name is nobody's file.
    expect(detectFormat({ ...input, fileName: 'notes.db' })).toBeNull();
  });

  it('a SQLite database of another app, or an Android preferences file of another app, is not claimed', async () => {
    const google = fixtureBytes(A.APP_FILES.google);
    // Renaming the table in the schema text: the file is still SQLite, but not Google's.
    const other = Buffer.from(google).toString('latin1').replace('CREATE TABLE accounts', 'CREATE TABLE notebook');
    expect(detectFormat(anonymous(Uint8Array.from(Buffer.from(other, 'latin1'))))).toBeNull();
    const prefs = A.sharedPrefs([['string', 'theme', 'dark']]);
    expect(await errorCode(readImport(anonymous(utf8Encode(prefs))))).toBe('import/unknown-format');
  });

  it('a preferences file with a DOCTYPE (entities) or broken XML is damaged, never parsed loosely', async () => {
    const text = new TextDecoder().decode(fixtureBytes(A.APP_FILES.freeOtpXml));
    // Android never writes a DOCTYPE: before <map> the file is nobody's; anywhere else it is refused.
    const before = text.replace('<map>', '<!DOCTYPE map [<!ENTITY a "aaaa">]>\n<map>');
    expect(await errorCode(readImport(anonymous(utf8Encode(before))))).toBe('import/unknown-format');
    const inside = text.replace('<map>', '<map>\n<!DOCTYPE map [<!ENTITY a "aaaa">]>');
    expect(await errorCode(readImport(anonymous(utf8Encode(inside))))).toBe('import/damaged');
    const broken = text.replace('</string>', '</strin>');
    expect(await errorCode(readImport(anonymous(utf8Encode(broken))))).toBe('import/damaged');
  });

  it('a SQLite file whose pages are damaged is a typed error', async () => {
    const bytes = fixtureBytes(A.APP_FILES.microsoft).slice();
    bytes.fill(0xff, 4096, 8192); // the accounts table's page
    expect(await errorCode(readImport(anonymous(bytes)))).toMatch(/^import\//);
  });
});
