/**
 * Family-A importers against the real exports in ../shared/testdata (see its MANIFEST.json),
 * always through `readImport`, so sniffing and routing are tested too. Without ../shared the
 * data-driven tests generate nothing; test/fixtures/import covers the same paths.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, type OtpType } from '../../../../src/core/account';
import { AppError } from '../../../../src/core/errors';
import { accountNameFromGoogle } from '../../../../src/formats/google-migration/codec';
import { readImport } from '../../../../src/formats/import/registry';
import type { ImportResult } from '../../../../src/formats/import/types';
import { SHARED, expectAccounts, filesOfFormats, toExpectedShape, type ExpectedAccount, type ManifestFile } from './corpus-helpers';

const FORMATS = [
  'aegis-vault-json',
  'otpauth-uri-list',
  'ente-auth-plain-export',
  'google-migration-uri-text',
  'text',
  '2fas-backup-schema1',
  '2fas-backup-schema2',
  '2fas-backup-schema3',
  '2fas-backup-schema4',
  'andotp-json',
  'andotp-encrypted-bin',
  'andotp-encrypted-bin-old',
  'bitwarden-json',
  'bitwarden-csv',
  'bitwarden-authenticator-json',
  'bitwarden-json-password-protected',
  'bitwarden-json-account-encrypted',
];

/** Placeholder secrets of the `structure_only` files, swapped for a valid key before reading. */
const PLACEHOLDERS = ['Secret1One', 'SecretTwo', 'STEAMSECRET', 'EXAMPLE'];
const STAND_IN_SECRET = 'JBSWY3DPEHPK3PXP';

function bytesOf(file: ManifestFile): Uint8Array {
  const raw = readFileSync(path.join(SHARED, file.path));
  if (file.structure_only !== true) return new Uint8Array(raw);
  let text = raw.toString('utf8');
  for (const p of PLACEHOLDERS) text = text.split(p).join(STAND_IN_SECRET);
  return new TextEncoder().encode(text);
}

/**
 * The manifest in our model's terms: mOTP has no selectable algorithm here (always MD5, stored
 * as the SHA1 default), a `null` algorithm means the type's default, and Google's raw
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

async function read(file: ManifestFile, password?: string): Promise<ImportResult> {
  return readImport({ bytes: bytesOf(file), fileName: path.basename(file.path) }, password === undefined ? {} : { password });
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected a rejection');
}

/** A corpus file that no longer has the MANIFEST's sha256 is not the file its expectations describe. */
function intact(file: ManifestFile): boolean {
  const want = (file as ManifestFile & { sha256?: string }).sha256;
  return want === undefined || createHash('sha256').update(readFileSync(path.join(SHARED, file.path))).digest('hex') === want;
}

const listed = filesOfFormats(FORMATS);
const files = listed.filter(intact);
const altered = listed.filter((f) => !intact(f));
const positive = files.filter((f) => f.expected_error !== true && f.expected_accounts.length > 0 && f.structure_only !== true);

describe('family A corpus (../shared/testdata)', () => {
  // Shown as skipped, so that a corpus file changed after the MANIFEST was written is visible.
  it.skip.each(altered.map((f) => [f.path] as const))('%s differs from its MANIFEST sha256: not used', () => {});

  it.each(positive.map((f) => [f.path, f] as const))('%s imports the expected accounts', async (_p, file) => {
    const result = await read(file, file.password ?? undefined);
    const want = normalised(file);
    if (file.expected_failure_count === undefined) {
      expect(result.problems).toEqual([]);
      expectAccounts(result.accounts, want);
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
        const shape = { ...toExpectedShape({ ...e, secretB32: e.secret, pin: e.pin ?? '', groups: e.groups ?? [], counter: e.counter ?? 0, period: e.period ?? 30, notes: '', favourite: false } as never, withGroups) };
        return key(shape);
      }),
    );
    for (const a of result.accounts) expect(wanted.has(key(toExpectedShape(a, withGroups)))).toBe(true);
  });

  it.each(positive.filter((f) => f.encrypted).map((f) => [f.path, f] as const))('%s asks for a password, refuses a wrong one', async (_p, file) => {
    expect((await errorOf(read(file))).code).toBe('import/password-required');
    expect((await errorOf(read(file, `${file.password ?? ''}x`))).code).toBe('import/wrong-password');
  });

  it.each(files.filter((f) => f.structure_only === true).map((f) => [f.path, f] as const))('%s maps issuer, name and type', async (_p, file) => {
    const result = await read(file);
    expect(result.problems).toEqual([]);
    const got = result.accounts.map((a) => `${a.type}|${a.issuer}|${a.name}`).sort();
    expect(got).toEqual(file.expected_accounts.map((e) => `${e.type}|${e.issuer}|${e.name}`).sort());
  });

  it.each(files.filter((f) => f.expected_error === true).map((f) => [f.path, f] as const))('%s is refused with a typed error', async (_p, file) => {
    const err = await errorOf(read(file));
    expect(err.code).toMatch(/^import\//);
  });

  it.each(files.filter((f) => f.expected_error === false && f.expected_accounts.length === 0).map((f) => [f.path, f] as const))(
    '%s holds no accounts and says so',
    async (_p, file) => {
      expect((await errorOf(read(file))).code).toBe('import/no-accounts');
    },
  );
});
