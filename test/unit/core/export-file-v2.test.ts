/**
 * Format v2 (docs/export-format.md, "Version 2"): the version inside the authenticated header and
 * each slot's KDF parameters in its wrap AAD. A changed version or KDF parameter never opens and
 * never reads as an older format; v1 files still open (export-file.test.ts reads every fixture).
 */
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { b64UrlToBytes } from '../../../src/core/crypto/bytes';
import { AppError } from '../../../src/core/errors';
import { openExportFile, writeExportFile, type ExportSecret } from '../../../src/core/export-file';
import { FIXTURE_ACCOUNTS, FIXTURE_ACCOUNTS_READ, FIXTURE_APP, FIXTURE_ARGON2, FIXTURE_NOW, readFixture } from './export-fixtures';
import { countingKdf, craftExportFile, encodeJson, fixChecksum, headerText, parseJson, tamperHeader } from './export-file-helpers';

const PASS = 'correct horse battery staple';
const SECRET: ExportSecret = { kind: 'passphrase', passphrase: PASS };
type Header = Record<string, unknown> & { slots: (Record<string, unknown> & { kdf: Record<string, unknown> })[] };

async function writeV2(kdf = countingKdf()): Promise<Uint8Array> {
  return writeExportFile(FIXTURE_ACCOUNTS, SECRET, { kdf, now: FIXTURE_NOW, app: FIXTURE_APP, argon2: FIXTURE_ARGON2 });
}

async function outcome(bytes: Uint8Array, kdf = countingKdf(), secret = SECRET): Promise<string> {
  return openExportFile(bytes, secret, { kdf }).then(
    (o) => `opened v${o.version}`,
    (err: unknown) => (err instanceof AppError ? err.code : 'not an AppError'),
  );
}

/** Sets the envelope's version, keeping the checksum valid (it covers header and ciphertext only). */
function withEnvelopeVersion(bytes: Uint8Array, version: number): Uint8Array {
  return encodeJson(fixChecksum({ ...parseJson(bytes), version }));
}

describe('export file v2: what a new file looks like', () => {
  it('carries version 2 in the envelope and, first, in the header', async () => {
    const bytes = await writeV2();
    expect(parseJson(bytes).version).toBe(2);
    expect(headerText(bytes)).toMatch(/^\{"version":2,"alg":"A256GCM","iv":"[\w-]{16}","exportId":"[\w-]{22}","slots":\[/);
    expect(await outcome(bytes)).toBe('opened v2');
  });

  it('opens by hand with the documented bytes: slot AAD, then the header as the payload AAD', async () => {
    const kdf = countingKdf();
    const bytes = await writeV2(kdf);
    const header = JSON.parse(headerText(bytes)) as Header;
    const slot = header.slots[0]!;
    const salt = slot.kdf.salt as string;
    const aad = `omamori/export-slot/v2\0${header.exportId as string}\0${0}\0{"type":"passphrase","kdf":{"alg":"argon2id","m":8192,"t":1,"p":1,"salt":"${salt}"}}`;
    const kekBytes = await kdf.argon2id(PASS, { m: 8192, t: 1, p: 1, salt: b64UrlToBytes(salt)! });
    const subtle = webcrypto.subtle;
    const kek = await subtle.importKey('raw', kekBytes, 'AES-GCM', false, ['decrypt']);
    const gcm = (iv: string, extra: Uint8Array) => ({ name: 'AES-GCM', iv: b64UrlToBytes(iv)!, additionalData: extra });
    const rawKey = await subtle.decrypt(gcm(slot.iv as string, new TextEncoder().encode(aad)), kek, b64UrlToBytes(slot.wrappedKey as string)!);
    const payloadKey = await subtle.importKey('raw', rawKey, 'AES-GCM', false, ['decrypt']);
    const headerBytes = b64UrlToBytes(parseJson(bytes).header)!;
    const plain = await subtle.decrypt(gcm(header.iv as string, headerBytes), payloadKey, b64UrlToBytes(parseJson(bytes).ciphertext)!);
    expect((JSON.parse(new TextDecoder().decode(plain)) as { accounts: unknown[] }).accounts).toEqual(FIXTURE_ACCOUNTS);
  });
});

describe('export file v2: a changed version never opens and never reads as v1', () => {
  it('refuses an envelope and a header that disagree, before any KDF runs', async () => {
    const bytes = await writeV2();
    const kdf = countingKdf();
    expect(await outcome(withEnvelopeVersion(bytes, 1), kdf)).toBe('file/damaged');
    expect(
      await outcome(
        tamperHeader(bytes, (h) => ({ ...h, version: 1 })),
        kdf,
      ),
    ).toBe('file/damaged');
    const { version: _dropped, ...v1Shaped } = JSON.parse(headerText(bytes)) as Header;
    expect(
      await outcome(
        tamperHeader(bytes, () => v1Shaped),
        kdf,
      ),
    ).toBe('file/damaged');
    expect(kdf.calls).toEqual([]);
  });

  it('does not open a v2 file rewritten as a v1 file (header and envelope both), nor a v1 file as v2', async () => {
    const bytes = await writeV2();
    const { version: _dropped, ...v1Shaped } = JSON.parse(headerText(bytes)) as Header;
    const asV1 = withEnvelopeVersion(
      tamperHeader(bytes, () => v1Shaped),
      1,
    );
    // Now a well-formed v1 file: only the slot's tag can tell, so it reads as a wrong passphrase.
    expect(await outcome(asV1)).toBe('file/wrong-passphrase');
    const fixture = readFixture('passphrase-ascii.omamori');
    const asV2 = withEnvelopeVersion(
      tamperHeader(fixture, (h) => ({ version: 2, ...h })),
      2,
    );
    expect(await outcome(asV2)).toBe('file/wrong-passphrase');
    expect(await outcome(withEnvelopeVersion(bytes, 4))).toBe('file/unsupported-version');
  });
});

describe('export file v2: the slot AAD covers the KDF parameters and the slot position', () => {
  const CHANGES: [string, (kdf: Record<string, unknown>) => void][] = [
    ['m', (k) => (k.m = 16_384)],
    ['t', (k) => (k.t = 2)],
    ['p', (k) => (k.p = 2)],
  ];

  it.each(CHANGES)('a changed %s never opens, even with a KDF that ignores t and p', async (_name, change) => {
    // A derivation that does not depend on t and p: only the slot AAD can catch their change.
    const blind = countingKdf(['t', 'p']);
    const bytes = await writeV2(blind);
    const tampered = tamperHeader(bytes, (h) => (change((h as Header).slots[0]!.kdf), h));
    expect(await outcome(tampered, blind)).toBe('file/wrong-passphrase');
    expect(await outcome(tampered)).toBe('file/wrong-passphrase');
  });

  it('in v1 the same change was caught only by the payload tag, after the unwrap (contrast)', async () => {
    const blind = countingKdf(['t', 'p']);
    const bytes = await craftExportFile([{ type: 'passphrase', passphrase: PASS, m: 8192, t: 1, p: 1 }], blind, 1);
    expect(await outcome(bytes, blind)).toBe('opened v1');
    const tampered = tamperHeader(bytes, (h) => (((h as Header).slots[0]!.kdf.t = 2), h));
    expect(await outcome(tampered, blind)).toBe('file/damaged');
  });

  it('a slot moved to another position does not open', async () => {
    const kdf = countingKdf();
    const two = await craftExportFile(
      [
        { type: 'passphrase', passphrase: 'other', m: 8192, t: 1, p: 1 },
        { type: 'passphrase', passphrase: PASS, m: 8192, t: 1, p: 1 },
      ],
      kdf,
    );
    expect(await outcome(two, kdf)).toBe('opened v2');
    const swapped = tamperHeader(two, (h) => ({ ...h, slots: [...(h as Header).slots].reverse() }));
    expect(await outcome(swapped, kdf)).toBe('file/wrong-passphrase');
  });

  it('v1 fixtures still open, and say so', async () => {
    const { createInProcessKdf } = await import('../../../src/core/crypto/kdf');
    const opened = await openExportFile(readFixture('passphrase-ascii.omamori'), SECRET, { kdf: createInProcessKdf() });
    expect([opened.version, opened.payload.accounts]).toEqual([1, FIXTURE_ACCOUNTS_READ]);
  });
});
