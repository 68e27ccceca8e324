/** Export files with a recovery kit's slot (format v3, docs/export-format.md "Recovery slot"). */
import { describe, expect, it } from 'vitest';
import { createInProcessKdf } from '../../../src/core/crypto/kdf';
import { fileKekBytes, newRecoverySalt } from '../../../src/core/crypto/recovery';
import { kekFromBytes } from '../../../src/core/crypto/vault-keys';
import { AppError } from '../../../src/core/errors';
import { inspectExportFile, kitHex, openExportFile, writeExportFile, type ExportSecret, type RecoveryFileKek } from '../../../src/core/export-file';
import { generateRecoveryKey, kitIdOf } from '../../../src/core/recovery/kit';
import { FIXTURE_ACCOUNTS, FIXTURE_APP, FIXTURE_ARGON2, FIXTURE_NOW, readFixture } from './export-fixtures';
import { headerText, parseJson, tamperHeader } from './export-file-helpers';

const PASS: ExportSecret = { kind: 'passphrase', passphrase: 'correct horse battery staple' };
const kdf = createInProcessKdf();

async function kit(): Promise<{ key: Uint8Array; file: RecoveryFileKek }> {
  const key = generateRecoveryKey();
  const fileSalt = newRecoverySalt();
  const kek = await kekFromBytes(await fileKekBytes(key, fileSalt));
  return { key, file: { kitId: kitIdOf(key), fileSalt, kek } };
}

async function outcome(bytes: Uint8Array, secret: ExportSecret): Promise<string> {
  return openExportFile(bytes, secret, { kdf }).then(
    (o) => `opened v${o.version} (${o.payload.count})`,
    (err: unknown) => (err instanceof AppError ? err.code : 'not an AppError'),
  );
}

describe('export file with a recovery slot', () => {
  it('is version 3 with the passphrase slot first and the kit slot second; each opens it alone', async () => {
    const { key, file } = await kit();
    const bytes = await writeExportFile(FIXTURE_ACCOUNTS, PASS, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2, recovery: file });
    expect(parseJson(bytes).version).toBe(3);
    expect(headerText(bytes)).toMatch(
      new RegExp(
        `^\\{"version":3,.*"slots":\\[\\{"type":"passphrase",.*\\{"type":"recovery-key","kdf":\\{"alg":"hkdf-sha256","salt":"[\\w-]{43}","kit":"${kitHex(file.kitId)}"\\},`,
        'u',
      ),
    );
    expect(inspectExportFile(bytes).slots).toEqual(['passphrase', 'recovery-key']);
    const n = FIXTURE_ACCOUNTS.length;
    expect(await outcome(bytes, PASS)).toBe(`opened v3 (${n})`);
    expect(await outcome(bytes, { kind: 'recovery-key', key })).toBe(`opened v3 (${n})`);
    expect(await outcome(bytes, { kind: 'recovery-file-key', file })).toBe(`opened v3 (${n})`);
  });

  it('refuses another kit’s key, and says a file without a kit slot cannot be opened by a kit', async () => {
    const { file } = await kit();
    const other = await kit();
    const bytes = await writeExportFile(FIXTURE_ACCOUNTS, PASS, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2, recovery: file });
    expect(await outcome(bytes, { kind: 'recovery-key', key: other.key })).toBe('recovery/wrong-key');
    const plain = await writeExportFile(FIXTURE_ACCOUNTS, PASS, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2 });
    expect(parseJson(plain).version).toBe(2);
    expect(await outcome(plain, { kind: 'recovery-key', key: other.key })).toBe('recovery/no-kit');
    expect(await outcome(readFixture('passphrase-ascii.omamori'), { kind: 'recovery-key', key: other.key })).toBe('recovery/no-kit');
  });

  it('binds the kit slot: a changed kit id or salt fails, and v3 without a kit slot (or v2 with one) is damaged', async () => {
    const { key, file } = await kit();
    const bytes = await writeExportFile(FIXTURE_ACCOUNTS, PASS, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2, recovery: file });
    type H = { version: number; slots: { type: string; kdf: Record<string, unknown> }[] };
    const edit = (f: (h: H) => void): Uint8Array =>
      tamperHeader(bytes, (h) => {
        const copy = structuredClone(h) as unknown as H;
        f(copy);
        return copy as unknown as Record<string, unknown>;
      });
    expect(
      await outcome(
        edit((h) => (h.slots[1]!.kdf.kit = 'FFFFFFFF')),
        { kind: 'recovery-key', key },
      ),
    ).toBe('recovery/wrong-key');
    expect(
      await outcome(
        edit((h) => (h.slots[1]!.kdf.salt = 'A'.repeat(43))),
        { kind: 'recovery-key', key },
      ),
    ).toBe('recovery/wrong-key');
    expect(
      await outcome(
        edit((h) => (h.slots[1]!.kdf.kit = 'abcd1234')),
        PASS,
      ),
    ).toBe('file/damaged');
    // Refused from the header's structure alone, before any key derivation.
    expect(() => inspectExportFile(edit((h) => h.slots.pop()))).toThrow('file/damaged');
    expect(() => inspectExportFile(edit((h) => (h.version = 2)))).toThrow('file/damaged');
  });
});

describe('export file sealed to the kit only (the paper backup)', () => {
  it('has the kit slot as its only slot: the kit opens it, another kit and any passphrase do not', async () => {
    const { key, file } = await kit();
    const other = await kit();
    const bytes = await writeExportFile(FIXTURE_ACCOUNTS, { kind: 'recovery-file-key', file }, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP });
    expect(parseJson(bytes).version).toBe(3);
    expect(inspectExportFile(bytes).slots).toEqual(['recovery-key']);
    const n = FIXTURE_ACCOUNTS.length;
    expect(await outcome(bytes, { kind: 'recovery-key', key })).toBe(`opened v3 (${n})`);
    expect(await outcome(bytes, { kind: 'recovery-file-key', file })).toBe(`opened v3 (${n})`);
    expect(await outcome(bytes, { kind: 'recovery-key', key: other.key })).toBe('recovery/wrong-key');
    expect(await outcome(bytes, { kind: 'recovery-file-key', file: other.file })).toBe('recovery/wrong-key');
    expect(await outcome(bytes, PASS)).toBe('file/wrong-passphrase');
  });

  it('ignores a second kit given as deps.recovery: one slot, of the kit it was sealed to', async () => {
    const { key, file } = await kit();
    const other = await kit();
    const bytes = await writeExportFile(
      FIXTURE_ACCOUNTS,
      { kind: 'recovery-file-key', file },
      { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, recovery: other.file },
    );
    expect(inspectExportFile(bytes).slots).toEqual(['recovery-key']);
    expect(await outcome(bytes, { kind: 'recovery-key', key })).toBe(`opened v3 (${FIXTURE_ACCOUNTS.length})`);
  });

  it('is never written with the recovery key itself (only the file KEK reaches a writer)', async () => {
    const { key } = await kit();
    await expect(writeExportFile(FIXTURE_ACCOUNTS, { kind: 'recovery-key', key }, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP })).rejects.toThrow('unknown');
  });
});
