/**
 * Every exporter's output goes back through our importers (readImport, the same path as the
 * app's Import button) to the same accounts, and the committed export fixtures still import.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../../src/core/crypto/kdf';
import { readExportFile } from '../../../../src/core/export-file';
import { decodeMigrationUri } from '../../../../src/formats/google-migration/codec';
import { EXPORTERS, type ExportAccount, type ExporterId } from '../../../../src/formats/export/registry';
import { readImport } from '../../../../src/formats/import/registry';
import type { ImportedAccount } from '../../../../src/formats/import/types';
import { accountArb, representable } from '../../fixtures/account-arbitraries';
import { ALL_SAMPLES, EXOTIC_ACCOUNTS, FIXTURE_ARGON2, FIXTURE_DIR, FIXTURE_FILES, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS } from './export-samples';

interface Shape {
  account: string;
  groups?: string[];
  notes?: string;
  favourite?: boolean;
}

function shape(a: ImportedAccount | ExportAccount, extras: { groups?: boolean; notes?: boolean; favourite?: boolean }): Shape {
  const { type, issuer, name, secretB32, algorithm, digits, period, counter, pin } = a;
  const out: Shape = { account: JSON.stringify({ type, issuer, name, secretB32, algorithm, digits, period: type === 'hotp' ? 30 : period, counter, pin }) };
  if (extras.groups === true) out.groups = a.groups;
  if (extras.notes === true) out.notes = a.notes;
  if (extras.favourite === true) out.favourite = a.favourite;
  return out;
}

async function exportThenImport(
  id: ExporterId,
  accounts: readonly ExportAccount[],
): Promise<{ accounts: ImportedAccount[]; problems: unknown[]; format: string }> {
  const { file } = await EXPORTERS[id].write(accounts, { password: FIXTURE_PASSWORD, argon2: FIXTURE_ARGON2, scryptLogN: 10 });
  return readImport({ bytes: file.bytes, fileName: file.fileName }, { password: FIXTURE_PASSWORD });
}

/** 2FAS always names a service: an account without an issuer comes back with its name as issuer. */
function twofasNamed(a: ExportAccount): ExportAccount {
  return a.issuer === '' ? { ...a, issuer: a.name } : a;
}

function withRecoveryNote(a: ExportAccount): ExportAccount {
  const codes = (a.recoveryCodes ?? []).map((c) => (c.usedAt > 0 ? `${c.code} (used ${new Date(c.usedAt).toISOString().slice(0, 10)})` : c.code));
  if (codes.length === 0) return a;
  return { ...a, notes: `${a.notes}\n\nRecovery codes:\n${codes.join('\n')}` };
}

describe('export → import round trips', () => {
  it('aegis (plain): every type, groups, notes with recovery codes, favourites', async () => {
    const got = await exportThenImport('aegis', ALL_SAMPLES);
    expect(got.problems).toEqual([]);
    const all = { groups: true, notes: true, favourite: true };
    expect(got.accounts.map((a) => shape(a, all))).toEqual(ALL_SAMPLES.map((a) => shape(withRecoveryNote(a), all)));
  });

  it('aegis (encrypted) with a non-ASCII password', async () => {
    const got = await exportThenImport('aegis-encrypted', ALL_SAMPLES);
    const all = { groups: true, notes: true, favourite: true };
    expect(got.accounts.map((a) => shape(a, all))).toEqual(ALL_SAMPLES.map((a) => shape(withRecoveryNote(a), all)));
  });

  it('2fas: TOTP/HOTP/Steam with their first group; mOTP and Yandex are skipped', async () => {
    const written = await EXPORTERS['2fas'].write(ALL_SAMPLES);
    expect(written.skipped).toEqual(EXOTIC_ACCOUNTS.map((a) => ({ label: `${a.issuer} (${a.name})`, reason: 'type' })));
    const got = await readImport({ bytes: written.file.bytes, fileName: written.file.fileName });
    expect(got.format).toBe('2fas');
    const expected = SAMPLE_ACCOUNTS.map((a) => ({ ...twofasNamed(a), groups: a.groups.slice(0, 1) }));
    expect(got.accounts.map((a) => shape(a, { groups: true }))).toEqual(expected.map((a) => shape(a, { groups: true })));
  });

  it('otpauth list: the accounts (PINs are never written in links)', async () => {
    const { file } = await EXPORTERS.otpauth.write(SAMPLE_ACCOUNTS);
    expect(new TextDecoder().decode(file.bytes).trim().split('\n')).toHaveLength(SAMPLE_ACCOUNTS.length);
    const got = await readImport({ bytes: file.bytes, fileName: file.fileName });
    expect(got.format).toBe('otpauth-list');
    expect(got.accounts.map((a) => shape(a, {}))).toEqual(SAMPLE_ACCOUNTS.map((a) => shape(a, {})));
  });

  it('omamori: opens with our reader and through readImport, groups, notes, favourites and recovery codes included', async () => {
    const { file } = await EXPORTERS.omamori.write(ALL_SAMPLES, { password: FIXTURE_PASSWORD, argon2: FIXTURE_ARGON2 });
    const payload = await readExportFile(file.bytes, { kind: 'passphrase', passphrase: FIXTURE_PASSWORD }, { kdf: createInProcessKdf() });
    const full = (a: ExportAccount | ImportedAccount): Shape => shape(a, { groups: true, notes: true, favourite: true });
    expect(payload.accounts.map(full)).toEqual(ALL_SAMPLES.map(full));
    expect(payload.accounts.map((a) => a.recoveryCodes)).toEqual(ALL_SAMPLES.map((a) => a.recoveryCodes ?? []));
    const got = await readImport({ bytes: file.bytes, fileName: file.fileName }, { password: FIXTURE_PASSWORD });
    expect(got.accounts.map(full)).toEqual(ALL_SAMPLES.map(full));
  });

  it('google-qr: TOTP-30 and HOTP in batches of --per-code; other periods, digits and types are skipped', async () => {
    const written = await EXPORTERS['google-qr'].write(ALL_SAMPLES, { perCode: 2 });
    expect(written.skipped.map((s) => s.reason)).toEqual(['period', 'type', 'type', 'type']);
    const uris = written.uris ?? [];
    expect(uris).toHaveLength(2);
    const batches = uris.map(decodeMigrationUri);
    expect(batches.map((b) => [b.batchIndex, b.batchSize])).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const usable = ALL_SAMPLES.filter((a) => (a.type === 'totp' && a.period === 30) || a.type === 'hotp');
    expect(batches.flatMap((b) => b.accounts).map((a) => shape({ ...a, groups: [], notes: '', favourite: false }, {}))).toEqual(
      usable.map((a) => shape(a, {})),
    );
  });

  it('property: any representable account survives Aegis plain', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(accountArb.filter(representable), { minLength: 1, maxLength: 5 }), async (data) => {
        const accounts = data.map((a) => ({ ...a, groups: [], notes: '', favourite: false }));
        const got = await exportThenImport('aegis', accounts);
        const { validateAccount } = await import('../../../../src/core/account');
        expect(got.accounts.map((a) => shape(a, {}))).toEqual(accounts.map((a) => shape({ ...a, ...validateAccount(a) }, {})));
      }),
      { numRuns: 100 },
    );
  });
});

describe('committed export fixtures still import', () => {
  const read = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURE_DIR)));
  const cases: { file: string; importer: string; accounts: ExportAccount[] }[] = [
    { file: FIXTURE_FILES.aegisPlain, importer: 'aegis', accounts: ALL_SAMPLES },
    { file: FIXTURE_FILES.aegisEncrypted, importer: 'aegis', accounts: ALL_SAMPLES },
    { file: FIXTURE_FILES.twofas, importer: '2fas', accounts: SAMPLE_ACCOUNTS.map(twofasNamed) },
    { file: FIXTURE_FILES.omamori, importer: 'omamori', accounts: ALL_SAMPLES },
  ];
  for (const c of cases) {
    it(`${c.file} (${c.importer} importer)`, async () => {
      const got = await readImport({ bytes: read(c.file), fileName: c.file }, { password: FIXTURE_PASSWORD });
      expect(got.accounts.map((a) => shape(a, {}))).toEqual(c.accounts.map((a) => shape(a, {})));
    });
  }
});
