/**
 * Family-B importers against the shared corpus (../shared/testdata): every file goes through
 * readImport (the registry), so sniffing is tested too. Without the corpus nothing is generated.
 */
import { describe, expect, it } from 'vitest';
import { importersB } from '../../../../src/formats/import/family-b';
import { readImport } from '../../../../src/formats/import/registry';
import { errorCode } from './b-helpers';
import { expectAccounts, filesOfFormats, manifestFiles, readShared, type ManifestFile } from './corpus-helpers';

const FORMATS = [
  'proton-authenticator-json',
  'proton-authenticator-json-encrypted',
  'stratum-authpro-json',
  'stratum-authpro-encrypted',
  'stratum-authpro-encrypted-legacy',
  'stratum-html-export',
  'ente-auth-encrypted-export',
  'freeotp-plus-json',
  'lastpass-authenticator-json',
  'raivo-otp-json',
  'steam-maFile-json',
  'totp-authenticator-encrypted',
  'authenticator-plus-zip',
  'winauth-zip',
  'freeotp-v2-backup',
];

/** Ente's file asks for 1 GiB of Argon2id memory: seconds of work even on a fast machine. */
const SLOW = 180_000;

/** Which family-B importer must claim each manifest format (and no other file of the corpus). */
const OWNER: Readonly<Record<string, string>> = {
  'proton-authenticator-json': 'proton-authenticator',
  'proton-authenticator-json-encrypted': 'proton-authenticator',
  'ente-auth-encrypted-export': 'ente-encrypted',
  'stratum-authpro-json': 'stratum',
  'stratum-authpro-encrypted': 'stratum',
  'stratum-authpro-encrypted-legacy': 'stratum',
  'stratum-html-export': 'stratum-html',
  'freeotp-plus-json': 'freeotp-plus',
  'freeotp-v2-backup': 'freeotp-v2',
  'lastpass-authenticator-json': 'lastpass',
  'raivo-otp-json': 'raivo',
  'steam-maFile-json': 'steam',
  'totp-authenticator-encrypted': 'totp-authenticator',
  'authenticator-plus-zip': 'authenticator-plus',
  'winauth-zip': 'winauth-zip',
};

const files = filesOfFormats(FORMATS);
const name = (f: ManifestFile): string => `${f.format}: ${f.path}`;

function input(f: ManifestFile): { bytes: Uint8Array; fileName: string } {
  return { bytes: readShared(f.path), fileName: f.path.split('/').pop() ?? f.path };
}

describe('family B corpus', () => {
  // Every corpus file, including family A's: a family-B sniffer that claims another app's file
  // would shadow that importer once the families are merged.
  const all = manifestFiles().filter((f) => f.expected_error !== true);
  it.each(all.map((f) => [name(f), f] as const))('%s is claimed by its own importer only', (_n, f) => {
    const claims = importersB.filter((i) => i.sniff(input(f)) !== null).map((i) => i.id);
    const owner = OWNER[f.format];
    expect(claims).toEqual(owner === undefined ? [] : [owner]);
  });

  const good = files.filter((f) => f.expected_error !== true && f.structure_only !== true);
  it.each(good.map((f) => [name(f), f] as const))('%s imports the expected accounts', async (_n, f) => {
    const result = await readImport(input(f), f.password === null ? {} : { password: f.password });
    expectAccounts(result.accounts, f);
    const failures = (f as ManifestFile & { expected_failures?: unknown[] }).expected_failures?.length ?? 0;
    expect(result.problems).toHaveLength(failures);
  }, SLOW);

  const encrypted = good.filter((f) => f.encrypted === true && f.password !== null && f.format !== 'ente-auth-encrypted-export');
  it.each(encrypted.map((f) => [name(f), f] as const))('%s refuses a wrong password and asks for a missing one', async (_n, f) => {
    expect(await errorCode(readImport(input(f), { password: `${f.password ?? ''}x` }))).toBe('import/wrong-password');
    expect(await errorCode(readImport(input(f), {}))).toBe('import/password-required');
  }, SLOW);

  const failing = files.filter((f) => f.expected_error === true);
  it.each(failing.map((f) => [name(f), f] as const))('%s fails with a typed error', async (_n, f) => {
    const code = await errorCode(readImport(input(f), f.password === null ? {} : { password: f.password }));
    expect(code).toMatch(/^(import|file)\//);
  });

  const structural = files.filter((f) => f.structure_only === true);
  it.each(structural.map((f) => [name(f), f] as const))('%s maps the fields (placeholder secrets)', async (_n, f) => {
    const result = await readImport(input(f));
    const expected = f.expected_accounts as unknown as { issuer: string; name: string; algorithm: string; digits: number; period?: number; favorite?: boolean }[];
    // Placeholder secrets are not base32: every entry is a problem labelled with its names.
    const labels = expected.map((e) => (e.issuer && e.name ? `${e.issuer} (${e.name})` : e.issuer || e.name));
    expect([...result.problems.map((p) => p.label), ...result.accounts.map((a) => (a.issuer && a.name ? `${a.issuer} (${a.name})` : a.issuer || a.name))].sort()).toEqual(labels.sort());
  });
});
