import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { describe, expect, it } from 'vitest';
import type { AccountData } from '../../../src/core/account';
import { decodeMigrationUri, encodeMigrationUris } from '../../../src/formats/google-migration/codec';
import { account, catchAppError } from './migration-helpers';

const SECRET = 'JBSWY3DPEHPK3PXP';
const totp = (issuer: string, name = 'me'): AccountData => account({ issuer, name, secretB32: SECRET });

/** The top-level fields of a payload as [field number, wire type] pairs, in order. */
function payloadFields(uri: string): [number, WireType][] {
  const data = decodeURIComponent(uri.slice(uri.indexOf('data=') + 5));
  const r = new BinaryReader(Buffer.from(data, 'base64'));
  const fields: [number, WireType][] = [];
  while (r.pos < r.len) {
    const [no, wire] = r.tag();
    fields.push([no, wire]);
    r.skip(wire, no);
  }
  return fields;
}

describe('encodeMigrationUris', () => {
  it('puts perCode accounts in each code, with version 1 and the batch fields', () => {
    const accounts = Array.from({ length: 25 }, (_, i) => totp(`Service ${i}`));
    const { uris, skipped } = encodeMigrationUris(accounts, { batchId: -5 });
    expect(skipped).toEqual([]);
    const batches = uris.map((uri) => decodeMigrationUri(uri));
    expect(batches.map((b) => [b.version, b.batchSize, b.batchIndex, b.batchId, b.accounts.length])).toEqual([
      [1, 3, 0, -5, 10],
      [1, 3, 1, -5, 10],
      [1, 3, 2, -5, 5],
    ]);
    expect(batches.flatMap((b) => b.accounts)).toEqual(accounts);
  });

  it('writes percent-encoded standard base64, as Google does', () => {
    for (const uri of encodeMigrationUris([totp('a'), totp('b'), totp('c')], { perCode: 1 }).uris) {
      expect(uri).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
      expect(decodeURIComponent(uri.slice(33))).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
    }
  });

  it('writes the entries first, then version, batch_size, batch_index and batch_id', () => {
    const [uri] = encodeMigrationUris([totp('a'), totp('b')], { batchId: 1 }).uris;
    expect(payloadFields(uri ?? '')).toEqual([
      [1, 2],
      [1, 2],
      [2, 0],
      [3, 0],
      [4, 0],
      [5, 0],
    ]);
  });

  it('chooses a random signed 32-bit batch id when none is given', () => {
    const ids = new Set(Array.from({ length: 20 }, () => decodeMigrationUri(encodeMigrationUris([totp('a')]).uris[0] ?? '').batchId));
    expect(ids.size).toBeGreaterThan(1);
    for (const id of ids) expect(id | 0).toBe(id);
  });

  it('writes HOTP with its counter and 8 digits / SHA-512 with their enums', () => {
    const hotp = account({ type: 'hotp', issuer: 'H', name: 'h', secretB32: SECRET, counter: 2 ** 40, digits: 8, algorithm: 'SHA512' });
    const [uri] = encodeMigrationUris([hotp]).uris;
    expect(decodeMigrationUri(uri ?? '').accounts).toEqual([hotp]);
  });

  it('skips what Google Authenticator cannot hold, with the reason', () => {
    const steam = account({ type: 'steam', issuer: 'Steam', secretB32: SECRET, digits: 5 });
    const motp = account({ type: 'motp', issuer: 'm', secretB32: SECRET, period: 10, pin: '1234' });
    const yandex = account({ type: 'yandex', issuer: 'Yandex', secretB32: SECRET, digits: 8, algorithm: 'SHA256', pin: '1234' });
    const sixty = { ...totp('p'), period: 60 };
    const seven = { ...totp('d'), digits: 7 };
    const hotp7 = account({ type: 'hotp', issuer: 'h', secretB32: SECRET, digits: 7 });
    const ok = totp('ok');
    const { uris, skipped } = encodeMigrationUris([steam, motp, yandex, sixty, seven, hotp7, ok]);
    expect(skipped).toEqual([
      { account: steam, reason: 'type' },
      { account: motp, reason: 'type' },
      { account: yandex, reason: 'type' },
      { account: sixty, reason: 'period' },
      { account: seven, reason: 'digits' },
      { account: hotp7, reason: 'digits' },
    ]);
    expect(uris.flatMap((u) => decodeMigrationUri(u).accounts)).toEqual([ok]);
  });

  it('returns no code when nothing can be written', () => {
    expect(encodeMigrationUris([]).uris).toEqual([]);
    expect(encodeMigrationUris([{ ...totp('p'), period: 15 }]).uris).toEqual([]);
  });

  it('canonicalises accounts and throws AppError for an invalid one', () => {
    const [uri] = encodeMigrationUris([{ ...totp('  Spaced  ', ' name '), secretB32: 'jbsw y3dp ehpk 3pxp' }]).uris;
    expect(decodeMigrationUri(uri ?? '').accounts).toEqual([totp('Spaced', 'name')]);
    catchAppError(() => encodeMigrationUris([{ ...totp('x'), secretB32: '1!' }]), 'account/invalid-secret');
  });

  it('rejects a bad perCode or batchId as a programming error', () => {
    expect(() => encodeMigrationUris([totp('a')], { perCode: 0 })).toThrow(RangeError);
    expect(() => encodeMigrationUris([totp('a')], { perCode: 1.5 })).toThrow(RangeError);
    expect(() => encodeMigrationUris([totp('a')], { batchId: 2 ** 31 })).toThrow(RangeError);
  });
});
