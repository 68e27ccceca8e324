/**
 * Bar 4: any header byte changed fails authentication. Each tamper re-encodes the header and fixes
 * the checksum, so it gets past damage detection and must be caught by AES-GCM (slot AAD or the
 * payload's AAD = the exact header bytes), never accepted.
 */
import { describe, expect, it } from 'vitest';
import { b64UrlToBytes, bytesToB64Url } from '../../../src/core/crypto/bytes';
import { AppError } from '../../../src/core/errors';
import { readExportFile, type ExportSecret } from '../../../src/core/export-file';
import { readFixture } from './export-fixtures';
import { encodeJson, fixChecksum, headerText, parseJson, spyKdf, tamperHeader } from './export-file-helpers';

const ASCII: ExportSecret = { kind: 'passphrase', passphrase: 'correct horse battery staple' };
type Header = Record<string, unknown> & { slots: Record<string, unknown>[] };

function other(b64: string): string {
  const bytes = b64UrlToBytes(b64)!;
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  return bytesToB64Url(bytes);
}

const slot0 = (h: Record<string, unknown>): Record<string, unknown> & { kdf: Record<string, unknown> } =>
  (h as Header).slots[0] as Record<string, unknown> & { kdf: Record<string, unknown> };

const TAMPERS: [string, (h: Record<string, unknown>) => Record<string, unknown> | string, string][] = [
  ['alg', (h) => ({ ...h, alg: 'A128GCM' }), 'file/damaged'],
  ['payload iv', (h) => ({ ...h, iv: other(h.iv as string) }), 'file/damaged'],
  ['exportId', (h) => ({ ...h, exportId: other(h.exportId as string) }), 'file/wrong-passphrase'],
  ['kdf m', (h) => ((slot0(h).kdf.m = 16_384), h), 'file/wrong-passphrase'],
  ['kdf t', (h) => ((slot0(h).kdf.t = 2), h), 'file/wrong-passphrase'],
  ['kdf p', (h) => ((slot0(h).kdf.p = 2), h), 'file/wrong-passphrase'],
  ['kdf salt', (h) => ((slot0(h).kdf.salt = other(slot0(h).kdf.salt as string)), h), 'file/wrong-passphrase'],
  ['slot iv', (h) => ((slot0(h).iv = other(slot0(h).iv as string)), h), 'file/wrong-passphrase'],
  ['wrappedKey', (h) => ((slot0(h).wrappedKey = other(slot0(h).wrappedKey as string)), h), 'file/wrong-passphrase'],
  ['slot duplicated', (h) => ({ ...h, slots: [slot0(h), slot0(h)] }), 'file/damaged'],
  [
    'slot order (a foreign slot moved in front)',
    (h) => {
      const foreign = JSON.parse(headerText(readFixture('passphrase-emoji.omamori'))) as Header;
      return { ...h, slots: [foreign.slots[0], slot0(h)] };
    },
    'file/wrong-passphrase',
  ],
  ['key order', (h) => ({ exportId: h.exportId, alg: h.alg, iv: h.iv, slots: h.slots }), 'file/damaged'],
  ['whitespace', (h) => JSON.stringify(h, null, 1), 'file/damaged'],
  ['an escaped character in alg', (h) => JSON.stringify(h).replace('"alg":"A256GCM"', '"alg":"A256\\u0047CM"'), 'file/damaged'],
];

describe('export file v1: header tampering reaches authentication and fails', () => {
  it.each(TAMPERS)('%s', async (_name, change, expected) => {
    const original = readFixture('passphrase-ascii.omamori');
    const tampered = tamperHeader(original, change);
    expect(headerText(tampered)).not.toBe(headerText(original));
    const spy = spyKdf();
    const err = await readExportFile(tampered, ASCII, { kdf: spy }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(expected);
    // Authentication was reached: the KDF ran (alg is refused as unsupported before it).
    if (_name !== 'alg') expect(spy.argon2id).toHaveBeenCalled();
  });

  it('rejects a changed ciphertext with a fixed checksum as damaged after a good unwrap', async () => {
    const env = parseJson(readFixture('passphrase-ascii.omamori'));
    const ct = b64UrlToBytes(env.ciphertext)!;
    for (const pos of [0, Math.floor(ct.length / 2), ct.length - 1]) {
      const changed = ct.slice();
      changed[pos] = (changed[pos] ?? 0) ^ 0x80;
      const bytes = encodeJson(fixChecksum({ ...env, ciphertext: bytesToB64Url(changed) }));
      await expect(readExportFile(bytes, ASCII, { kdf: spyKdf() })).rejects.toMatchObject({ code: 'file/damaged' });
    }
    const cut = encodeJson(fixChecksum({ ...env, ciphertext: bytesToB64Url(ct.subarray(0, ct.length - 1)) }));
    await expect(readExportFile(cut, ASCII, { kdf: spyKdf() })).rejects.toMatchObject({ code: 'file/damaged' });
  });

  it('rejects the transfer-code slot moved to another export id', async () => {
    const tampered = tamperHeader(readFixture('transfer-code.omamori'), (h) => ({ ...h, exportId: other(h.exportId as string) }));
    const secret: ExportSecret = { kind: 'transfer-code', code: 'K7QPM-XR4TD-W2NAB-ZC6HJ-FY3EG-LSV5U' };
    await expect(readExportFile(tampered, secret, { kdf: spyKdf() })).rejects.toMatchObject({ code: 'file/wrong-transfer-code' });
  });
});
