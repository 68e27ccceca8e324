/** Format quirks one at a time: KDF bounds read from files, versions, the Java stream reader, passwords as typed. */
import { describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import type { KdfRunner } from '../../../../src/core/crypto/kdf';
import { readJavaStringMap } from '../../../../src/formats/import/java-serial';
import { readImport } from '../../../../src/formats/import/registry';
import * as F from './fixtures';
import { errorCode, fixtureBytes } from './helpers';
import { meter } from './kdf-meter';
import * as W from './writers';

vi.mock('../../../../src/core/crypto/sodium', async (real) => (await import('./kdf-meter')).meterSodium(await real()));

describe('KDF parameters from files are bounded before anything runs', () => {
  const ente = JSON.parse(new TextDecoder().decode(fixtureBytes(F.FILES.enteEncrypted))) as { kdfParams: Record<string, unknown> };
  it.each([
    ['memLimit 2^40', 'import/kdf-ente', { memLimit: 2 ** 40 }],
    ['memLimit 1 GiB with 8 passes', 'import/kdf-ente', { memLimit: 2 ** 30, opsLimit: 8 }],
    ['opsLimit 0', 'import/damaged', { opsLimit: 0 }],
    ['memLimit as text', 'import/damaged', { memLimit: 'lots' }],
    ['salt of 3 bytes', 'import/damaged', { salt: 'AAAA' }],
  ])('Ente: %s is %s', async (_n, code, patch) => {
    const bytes = utf8Encode(JSON.stringify({ ...ente, kdfParams: { ...ente.kdfParams, ...patch } }));
    meter.reset('record');
    expect(await errorCode(readImport({ bytes }, { password: F.PASSWORD }))).toBe(code);
    // The work done, not the time taken: libsodium never ran (kdf-meter.ts).
    expect(meter.runs).toEqual([]);
  });

  it('Proton and Stratum run Argon2id through the runner they are given', async () => {
    const calls: number[] = [];
    const spy: KdfRunner = {
      argon2id: async (p, params, opts) => {
        calls.push(params.m);
        return W.STUB_KDF.argon2id(p, params, opts);
      },
    };
    await readImport({ bytes: await W.writeProtonEncrypted(F.PROTON_PLAIN, F.PASSWORD, W.stubArgon2) }, { password: F.PASSWORD, kdf: spy });
    await readImport({ bytes: await W.writeStratumStrong(F.STRATUM_PLAIN, F.PASSWORD, W.stubArgon2) }, { password: F.PASSWORD, kdf: spy });
    expect(calls).toEqual([19_456, 65_536]);
  });

  it('an aborted import stops before the KDF', async () => {
    expect(await errorCode(readImport({ bytes: fixtureBytes(F.FILES.protonEncrypted) }, { password: F.PASSWORD, signal: AbortSignal.abort() }))).toBe(
      'aborted',
    );
  });
});

describe('versions', () => {
  it('a Proton encrypted export of another version is unsupported', async () => {
    const file = JSON.parse(new TextDecoder().decode(fixtureBytes(F.FILES.protonEncrypted))) as Record<string, unknown>;
    expect(await errorCode(readImport({ bytes: utf8Encode(JSON.stringify({ ...file, version: 2 })) }, { password: F.PASSWORD }))).toBe('import/unsupported');
  });
});

describe('Java serialization reader (FreeOTP v2)', () => {
  it('reads back what the writer wrote, including non-ASCII and empty strings', () => {
    const map = readJavaStringMap(
      W.writeJavaStringMap([
        ['a', 'b'],
        ['日本', ''],
        ['masterKey', '{}'],
      ]),
    );
    expect([...map]).toEqual([
      ['a', 'b'],
      ['日本', ''],
      ['masterKey', '{}'],
    ]);
  });

  it('follows a back-reference to an earlier string and decodes modified UTF-8 NUL', () => {
    const bytes = W.writeJavaStringMap([
      ['k1', 'v'],
      ['k2', 'x'],
    ]);
    // Replace the last value (TC_STRING "x") by a TC_REFERENCE. Handles: 0x7e0000 class
    // description, 0x7e0001 the map, then the strings in order: "k1", "v" (0x7e0003), "k2".
    const tail = bytes.length - 1 - 4;
    const patched = new Uint8Array([...bytes.subarray(0, tail), 0x71, 0x00, 0x7e, 0x00, 0x03, 0x78]);
    expect(readJavaStringMap(patched).get('k2')).toBe('v');
    const nul = new Uint8Array([...bytes.subarray(0, tail), 0x74, 0x00, 0x02, 0xc0, 0x80, 0x78]);
    expect(readJavaStringMap(nul).get('k2')).toBe('\u0000');
  });

  it('refuses other classes and dangling references', async () => {
    const bytes = W.writeJavaStringMap([['a', 'b']]);
    const other = bytes.slice();
    other[8 + 'java.util.'.length] = 'X'.charCodeAt(0);
    expect(await errorCode(Promise.resolve().then(() => readJavaStringMap(other)))).toBe('import/damaged');
    const dangling = new Uint8Array([...bytes.subarray(0, bytes.length - 4), 0x71, 0x00, 0x7f, 0x00, 0x00, 0x78]);
    expect(await errorCode(Promise.resolve().then(() => readJavaStringMap(dangling)))).toBe('import/damaged');
  });
});

describe('passwords are used exactly as typed', () => {
  it('a password that NFKC would change still opens a Proton export (even with a KDF runner given)', async () => {
    const password = 'ｐａｓｓ ﬁle'; // full-width letters and a ligature: NFKC turns them into ASCII
    const bytes = await W.writeProtonEncrypted(F.PROTON_PLAIN, password);
    const result = await readImport({ bytes }, { password, kdf: W.STUB_KDF });
    expect(result.accounts).toHaveLength(4);
    expect(await errorCode(readImport({ bytes }, { password: password.normalize('NFKC') }))).toBe('import/wrong-password');
  });
});

describe('archives (zip-lists.ts)', () => {
  it('refuse a member that would expand past its bound, naming the archive, not a backup', async () => {
    const { extract } = await import('../../../../src/formats/import/zip-lists');
    const zipped = await W.writeZipCrypto('list.txt', 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n'.repeat(20), 'pw');
    expect(await errorCode(extract(zipped, 'list.txt', 'pw', 100))).toBe('import/member-too-large');
    expect(new TextDecoder().decode(await extract(zipped, 'list.txt', 'pw', 10_000))).toContain('otpauth://totp/A');
  });
});
