/** Helpers of the family-A importer tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../../src/core/errors';
import { detectFormat, readImport } from '../../../../src/formats/import/registry';
import type { ImportedAccount, ImportOptions, ImportResult } from '../../../../src/formats/import/types';
import { ACCOUNTS, type FixtureAccount } from './a-fixture-accounts';

export const FIXTURES = path.resolve(process.cwd(), 'test/fixtures/import');

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, rel)));
}

export function readFixture(rel: string, options: ImportOptions = {}, bytes = fixtureBytes(rel)): Promise<ImportResult> {
  return readImport({ bytes, fileName: path.basename(rel) }, options);
}

export function detectedId(rel: string, bytes = fixtureBytes(rel)): string | null {
  return detectFormat({ bytes, fileName: path.basename(rel) })?.importer.id ?? null;
}

/** ACCOUNTS[i] as the importer should return it, with what the source app keeps beside it. */
export function expected(i: number, extras: Partial<ImportedAccount> = {}): ImportedAccount {
  const f = ACCOUNTS[i] as FixtureAccount;
  return {
    type: f.type,
    issuer: f.issuer,
    name: f.name,
    secretB32: f.secret,
    algorithm: f.algorithm,
    digits: f.digits,
    period: f.type === 'hotp' ? 30 : f.period,
    counter: f.counter,
    pin: f.pin,
    groups: [],
    notes: '',
    favourite: false,
    ...extras,
  };
}

export async function rejection(p: Promise<unknown>): Promise<ErrorCode> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return err.code;
  }
  throw new Error('expected an AppError');
}

export function sortByIssuer(accounts: readonly ImportedAccount[]): ImportedAccount[] {
  return [...accounts].sort((a, b) => `${a.issuer}|${a.name}`.localeCompare(`${b.issuer}|${b.name}`));
}

export function expectSameAccounts(actual: readonly ImportedAccount[], want: readonly ImportedAccount[]): void {
  expect(sortByIssuer(actual)).toEqual(sortByIssuer(want));
}

/** The same bytes with one bit flipped at `index` (a copy). */
export function flipBit(bytes: Uint8Array, index: number, bit = 0): Uint8Array {
  const out = new Uint8Array(bytes);
  out[index] = (out[index] ?? 0) ^ (1 << bit);
  return out;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
