/**
 * KDBX 4 export (formats/export/keepass.ts) round-trips through our KeePass importer: every
 * TOTP, HOTP and Steam account with its first group and its notes (recovery codes appended);
 * mOTP and Yandex listed as skipped; the file is KDBX 4 with Argon2id, at the cost asked for,
 * and opens only with its password. (keepassxc-cli 2.7.4 was seen to open such a file and show
 * the `otp` values, by hand: see test/fixtures/import/keepass/README.md.)
 */
import { describe, expect, it } from 'vitest';
import { EXPORTERS } from '../../../../src/formats/export/registry';
import { readKdbxHeader } from '../../../../src/formats/kdbx/header';
import { readImport } from '../../../../src/formats/import/registry';
import { errorCode } from '../import/helpers';
import { ALL_SAMPLES, FIXTURE_ARGON2, FIXTURE_PASSWORD, SAMPLE_ACCOUNTS } from './export-samples';

describe('KeePass (.kdbx) export', () => {
  it('round-trips every TOTP, HOTP and Steam account; mOTP and Yandex are skipped', async () => {
    const { file, skipped } = await EXPORTERS.keepass.write(ALL_SAMPLES, { password: FIXTURE_PASSWORD, argon2: FIXTURE_ARGON2 });
    expect(skipped.map((s) => [s.label, s.reason])).toEqual([
      ['Legacy VPN (dave)', 'type'],
      ['Yandex (erin)', 'type'],
    ]);
    expect(file.fileName).toBe('omamori-export.kdbx');
    const header = readKdbxHeader(file.bytes);
    expect([header.versionMajor, header.kdf]).toEqual([
      4,
      { kind: 'argon2id', memoryBytes: FIXTURE_ARGON2.m * 1024, iterations: FIXTURE_ARGON2.t, parallelism: FIXTURE_ARGON2.p, version: 0x13 },
    ]);

    const back = await readImport({ bytes: file.bytes, fileName: file.fileName }, { password: FIXTURE_PASSWORD });
    expect(back.format).toBe('keepass');
    expect(back.problems).toEqual([]);
    const want = SAMPLE_ACCOUNTS.map(({ recoveryCodes, favourite: _f, ...a }) => ({
      ...a,
      // Title is the issuer, or the name when there is none; the otp link names both.
      groups: a.groups.slice(0, 1),
      notes: recoveryCodes === undefined ? a.notes : `${a.notes}\n\nRecovery codes:\na1b2-c3d4\ne5f6-g7h8 (used 2026-01-02)`,
      favourite: false,
    }));
    const sort = <T extends { issuer: string; name: string }>(list: T[]): T[] =>
      [...list].sort((x, y) => `${x.issuer}|${x.name}`.localeCompare(`${y.issuer}|${y.name}`));
    expect(sort(back.accounts)).toEqual(sort(want.map((a) => (a.type === 'hotp' ? { ...a, period: 30 } : a))));
  }, 30_000);

  it('opens only with its password', async () => {
    const { file } = await EXPORTERS.keepass.write(SAMPLE_ACCOUNTS.slice(0, 1), { password: FIXTURE_PASSWORD, argon2: FIXTURE_ARGON2 });
    expect(await errorCode(readImport({ bytes: file.bytes }, { password: 'another password' }))).toBe('import/keepass-wrong-key');
  });

  it('refuses to write without a password', async () => {
    expect(await errorCode(EXPORTERS.keepass.write(SAMPLE_ACCOUNTS))).toBe('vault/passphrase-empty');
  });
});
