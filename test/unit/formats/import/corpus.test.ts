/**
 * Every importer against the real exports of the interop corpus (test/support/corpus.ts; its
 * MANIFEST.json gives each file's format and expected accounts), always through readImport, so
 * sniffing and routing are tested too. Without the corpus the suite is reported skipped by name;
 * our committed fixtures (test/fixtures/import) cover the same paths.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULTS, type OtpType } from '../../../../src/core/account';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { accountNameFromGoogle } from '../../../../src/formats/google-migration/codec';
import { detectFormat, IMPORTERS, prepareInput, readImport, recogniseFormat } from '../../../../src/formats/import/registry';
import type { ImportResult } from '../../../../src/formats/import/types';
import { describeCorpus, readCorpusFile } from '../../../support/corpus';
import { errorCode, expectAccounts, isIntact, manifestFiles, toExpectedShape, type ExpectedAccount, type ManifestFile } from './helpers';

/** Each manifest format the importers read, and the importer that must claim its files. */
const OWNER: Readonly<Record<string, string>> = {
  'aegis-vault-json': 'aegis',
  'otpauth-uri-list': 'otpauth-list',
  'ente-auth-plain-export': 'ente-auth',
  'google-migration-uri-text': 'google-migration-text',
  '2fas-backup-schema1': '2fas',
  '2fas-backup-schema2': '2fas',
  '2fas-backup-schema3': '2fas',
  '2fas-backup-schema4': '2fas',
  'andotp-json': 'andotp',
  'andotp-encrypted-bin': 'andotp-encrypted',
  'andotp-encrypted-bin-old': 'andotp-encrypted',
  'bitwarden-json': 'bitwarden',
  'bitwarden-csv': 'bitwarden-csv',
  'bitwarden-authenticator-json': 'bitwarden-authenticator',
  'bitwarden-json-password-protected': 'bitwarden',
  'bitwarden-json-account-encrypted': 'bitwarden',
  'proton-authenticator-json': 'proton-authenticator',
  'proton-authenticator-json-encrypted': 'proton-authenticator',
  'stratum-authpro-json': 'stratum',
  'stratum-authpro-encrypted': 'stratum',
  'stratum-authpro-encrypted-legacy': 'stratum',
  'stratum-html-export': 'stratum-html',
  'ente-auth-encrypted-export': 'ente-encrypted',
  'freeotp-plus-json': 'freeotp-plus',
  'freeotp-v2-backup': 'freeotp-v2',
  'lastpass-authenticator-json': 'lastpass',
  'raivo-otp-json': 'raivo',
  'steam-maFile-json': 'steam',
  'totp-authenticator-encrypted': 'totp-authenticator',
  'authenticator-plus-zip': 'authenticator-plus',
  'winauth-zip': 'winauth-zip',
  // #17: files of apps that have no export (app-databases.ts, android-prefs.ts, authy.ts, duo.ts)
  'authy-shared-prefs-xml': 'authy-xml',
  'battlenet-shared-prefs-xml': 'battlenet-xml',
  'duo-json': 'duo',
  'freeotp-v1-shared-prefs-xml': 'freeotp-xml',
  'freeotp-plus-shared-prefs-xml': 'freeotp-xml',
  'google-authenticator-sqlite': 'google-authenticator-db',
  'microsoft-authenticator-sqlite': 'microsoft-authenticator-db',
  'stratum-sqlite': 'stratum-db',
  'totp-authenticator-shared-prefs-xml': 'totp-authenticator-xml',
  'authenticator-plus-sqlcipher-db': 'authenticator-plus-db',
};

/**
 * Formats recognised but refused with a sentence, whatever the password: the MANIFEST lists their
 * accounts (another tool decrypted them), which no maintained reader can reach in a browser.
 */
const REFUSED: Readonly<Record<string, string>> = { 'authenticator-plus-sqlcipher-db': 'import/authenticator-plus-db' };

/**
 * Files whose importer is not their format's: the corpus' "text" files, a tool's output that is a
 * plain link list, and Stratum's Ente export, which has no `codeDisplay` and so is a plain list.
 */
const OWNER_BY_PATH: Readonly<Record<string, string>> = {
  'extract_otp_secrets/negative/only_comments.txt': 'otpauth-list',
  'extract_otp_secrets/expected_output/url_list_output.txt': 'otpauth-list',
  'stratum/data/ente.unencrypted.txt': 'otpauth-list',
};

/** Ente's list is also a plain list: the registry tries Ente first (registry.ts). */
const ALSO_CLAIMED_BY: Readonly<Record<string, readonly string[]>> = { 'ente-auth': ['otpauth-list'] };

/** Files of these formats are imported and checked against their expected accounts ("text": negative cases). */
const FORMATS = [...Object.keys(OWNER), 'text'];

/** Placeholder secrets of the `structure_only` files; "EXAMPLE" is valid base32, the others are not. */
const PLACEHOLDERS = ['Secret1One', 'SecretTwo', 'STEAMSECRET', 'EXAMPLE'];
const NOT_BASE32 = ['Secret1One', 'SecretTwo', 'STEAMSECRET'];
const STAND_IN_SECRET = 'JBSWY3DPEHPK3PXP';

/** Ente's file asks for 1 GiB of Argon2id memory: seconds of work even on a fast machine. */
const SLOW = 180_000;

function input(file: ManifestFile, bytes = readCorpusFile(file.path)): { bytes: Uint8Array; fileName: string } {
  return { bytes, fileName: path.basename(file.path) };
}

function read(file: ManifestFile, password = file.password ?? undefined): Promise<ImportResult> {
  return readImport(input(file), password === undefined ? {} : { password });
}

/**
 * The manifest in our model's terms: mOTP has no selectable algorithm here (always MD5, the
 * type's default), a `null` algorithm means the type's default, and Google's raw
 * "Issuer:name" loses its issuer prefix (accountNameFromGoogle, docs/formats.md).
 */
function normalised(file: ManifestFile): ManifestFile {
  const fix = (e: ExpectedAccount): ExpectedAccount => {
    const type = e.type as OtpType;
    let out = e;
    if (e.type === 'motp' || e.algorithm === null) out = { ...out, algorithm: DEFAULTS[type].algorithm };
    if (file.format === 'google-migration-uri-text') out = { ...out, name: accountNameFromGoogle(e.name, e.issuer) };
    return out;
  };
  return { ...file, expected_accounts: file.expected_accounts.map(fix) };
}

function ownerOf(file: ManifestFile): string | undefined {
  return OWNER_BY_PATH[file.path] ?? OWNER[file.format];
}

describeCorpus('importers against the interop corpus', () => {
  const all = manifestFiles();
  const intact = all.filter(isIntact);
  const files = intact.filter((f) => FORMATS.includes(f.format));
  const positive = files.filter(
    (f) => f.expected_error !== true && f.expected_accounts.length > 0 && f.structure_only !== true && REFUSED[f.format] === undefined,
  );

  // Shown as skipped, so that a corpus file changed after the MANIFEST was written is visible.
  it.skip.each(all.filter((f) => !isIntact(f)).map((f) => [f.path] as const))('%s differs from its MANIFEST sha256: not used', () => {});

  // Every file of the corpus, not only those of FORMATS: a sniffer that claims another app's
  // file would take it over wherever it came first in the registry.
  it.each(intact.filter((f) => f.expected_error !== true).map((f) => [f.path, f] as const))(
    '%s is claimed by its own importer only (Ente lists are plain lists too)',
    (_p, f) => {
      const owner = ownerOf(f);
      const parsed = prepareInput(input(f));
      const claims = IMPORTERS.filter((i) => i.sniff(parsed) !== null).map((i) => i.id);
      expect(claims).toEqual(owner === undefined ? [] : [owner, ...(ALSO_CLAIMED_BY[owner] ?? [])]);
      expect(detectFormat(input(f))?.importer.id).toBe(owner);
    },
  );

  it.each(positive.map((f) => [f.path, f] as const))(
    '%s imports the expected accounts',
    async (_p, file) => {
      const result = await read(file);
      const want = normalised(file);
      if (file.expected_failure_count === undefined) {
        expectAccounts(result.accounts, want);
        expect(result.problems).toHaveLength(file.expected_failures?.length ?? 0);
        return;
      }
      // The source does not say which entries fail: every expected account is either imported
      // exactly or reported, and the number of reports matches.
      expect(result.problems).toHaveLength(file.expected_failure_count);
      expect(result.accounts.length + result.problems.length).toBe(file.expected_accounts.length);
      const key = (a: ExpectedAccount): string => JSON.stringify(a);
      const withGroups = want.expected_accounts.some((e) => e.groups !== undefined);
      const wanted = new Set(
        want.expected_accounts.map((e) => {
          const shape = {
            ...toExpectedShape(
              {
                ...e,
                secretB32: e.secret,
                pin: e.pin ?? '',
                groups: e.groups ?? [],
                counter: e.counter ?? 0,
                period: e.period ?? 30,
                notes: '',
                favourite: false,
              } as never,
              withGroups,
            ),
          };
          return key(shape);
        }),
      );
      for (const a of result.accounts) expect(wanted.has(key(toExpectedShape(a, withGroups)))).toBe(true);
    },
    SLOW,
  );

  // Ente's 1 GiB KDF would run twice more for this; its wrong password is tested on our fixture.
  const encrypted = positive.filter((f) => f.encrypted && f.password !== null && f.format !== 'ente-auth-encrypted-export');
  it.each(encrypted.map((f) => [f.path, f] as const))(
    '%s asks for a password, refuses a wrong one',
    async (_p, file) => {
      expect(await errorCode(readImport(input(file)))).toBe('import/password-required');
      expect(await errorCode(read(file, `${file.password ?? ''}x`))).toBe('import/wrong-password');
    },
    SLOW,
  );

  it.each(files.filter((f) => f.structure_only === true).map((f) => [f.path, f] as const))(
    '%s maps every field: placeholder secrets that are not base32 are problems named after their entry; swapped for a valid key, they import',
    async (_p, file) => {
      const expected = file.expected_accounts as unknown as {
        type: string;
        issuer: string;
        name: string;
        secret_raw: string;
        algorithm: string;
        digits: number;
        period?: number;
        favorite?: boolean;
      }[];
      const label = (e: (typeof expected)[number]): string => (e.issuer && e.name ? `${e.issuer} (${e.name})` : e.issuer || e.name);
      const asShipped = await read(file);
      expect(asShipped.problems.map((p) => p.label).sort()).toEqual(
        expected
          .filter((e) => NOT_BASE32.includes(e.secret_raw))
          .map(label)
          .sort(),
      );
      expect(asShipped.problems.length + asShipped.accounts.length).toBe(expected.length);
      let text = new TextDecoder().decode(readCorpusFile(file.path));
      for (const p of PLACEHOLDERS) text = text.split(p).join(STAND_IN_SECRET);
      const fixed = await readImport(input(file, utf8Encode(text)));
      expect(fixed.problems).toEqual([]);
      // Favourites are compared where the manifest records them (2FAS has none).
      const withFavourite = expected.every((e) => e.favorite !== undefined);
      const fields = (a: { type: string; issuer: string; name: string; algorithm: string; digits: number; period?: number }, favorite?: boolean): object =>
        withFavourite
          ? { type: a.type, issuer: a.issuer, name: a.name, algorithm: a.algorithm, digits: a.digits, period: a.period, favorite }
          : { type: a.type, issuer: a.issuer, name: a.name, algorithm: a.algorithm, digits: a.digits, period: a.period };
      expect(fixed.accounts.map((a) => fields(a, a.favourite))).toEqual(expected.map((e) => fields(e, e.favorite)));
    },
  );

  it.each(files.filter((f) => REFUSED[f.format] !== undefined).map((f) => [f.path, f] as const))(
    '%s is refused at once with its own sentence, with or without its password',
    async (_p, file) => {
      expect(() => recogniseFormat(input(file))).toThrow(REFUSED[file.format]);
      expect(await errorCode(read(file))).toBe(REFUSED[file.format]);
    },
  );

  it.each(files.filter((f) => f.expected_error === true).map((f) => [f.path, f] as const))('%s is refused with a typed import error', async (_p, file) => {
    expect(await errorCode(read(file))).toMatch(/^import\//);
  });

  it.each(files.filter((f) => f.expected_error === false && f.expected_accounts.length === 0).map((f) => [f.path, f] as const))(
    '%s holds no accounts and says so',
    async (_p, file) => {
      expect(await errorCode(read(file))).toBe('import/no-accounts');
    },
  );
});
