/** Omamori's own export files through the import path (fixtures: test/fixtures/export-v1). */
import { describe, expect, it } from 'vitest';
import { readImport } from '../../../../src/formats/import/registry';
import { FIXTURE_ACCOUNTS, FIXTURES, TRANSFER_CODE, readFixture } from '../../core/export-fixtures';
import { errorCode } from './helpers';

describe('omamori importer', () => {
  it.each(FIXTURES.map((f) => [f.file, f] as const))('%s opens with its passphrase or transfer code', async (_f, f) => {
    const password = f.secret.kind === 'passphrase' ? f.secret.passphrase : f.secret.code;
    const result = await readImport({ bytes: readFixture(f.file), fileName: f.file }, { password });
    expect(result.format).toBe('omamori');
    expect(result.problems).toEqual([]);
    expect(result.accounts.map(({ groups: _g, notes: _n, favourite: _f, ...a }) => a)).toEqual(FIXTURE_ACCOUNTS);
  });

  it('accepts the transfer code as people type it (lower case, no dashes)', async () => {
    const result = await readImport({ bytes: readFixture('transfer-code.omamori') }, { password: TRANSFER_CODE.replace(/-/g, '').toLowerCase() });
    expect(result.accounts).toHaveLength(FIXTURE_ACCOUNTS.length);
  });

  it('maps the file errors to import errors', async () => {
    const bytes = readFixture('passphrase-ascii.omamori');
    expect(await errorCode(readImport({ bytes }, { password: 'wrong' }))).toBe('import/wrong-password');
    expect(await errorCode(readImport({ bytes }, {}))).toBe('import/password-required');
    expect(await errorCode(readImport({ bytes: readFixture('transfer-code.omamori') }, { password: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA' }))).toBe(
      'import/wrong-password',
    );
    const flipped = bytes.slice();
    const mid = Math.floor(flipped.length / 2);
    flipped[mid] = (flipped[mid] ?? 0) ^ 1;
    expect(await errorCode(readImport({ bytes: flipped }, { password: 'correct horse battery staple' }))).toBe('import/damaged');
  });
});
