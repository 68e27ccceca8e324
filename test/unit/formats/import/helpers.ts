/**
 * @file Helpers of the importer tests (not a test file): reading our committed fixtures through
 * the registry, the results they must give, and the corpus MANIFEST (its files and their
 * expected accounts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { AppError } from '../../../../src/core/errors';
import { detectFormat, readImport } from '../../../../src/formats/import/registry';
import type { ImportedAccount, ImportOptions, ImportResult } from '../../../../src/formats/import/types';
import { CORPUS_PRESENT, readCorpusFile, readCorpusJson } from '../../../support/corpus';
import { ACCOUNTS, type FixtureAccount } from './fixtures';

// ---------- our fixtures (test/fixtures/import) ----------

export const FIXTURE_DIR = path.resolve(process.cwd(), 'test/fixtures/import');

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURE_DIR, rel)));
}

/** A fixture (or other bytes under its name) through readImport, as the Import button reads it. */
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

/** The AppError code a promise rejects with, 'no error', or 'untyped: …' for anything else. */
export async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    return err instanceof AppError ? err.code : `untyped: ${String(err)}`;
  }
}

function sortByIssuer(accounts: readonly ImportedAccount[]): ImportedAccount[] {
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

// ---------- the interop corpus (test/support/corpus.ts) ----------

export interface ExpectedAccount {
  type: string;
  issuer: string;
  name: string;
  secret: string;
  algorithm: string;
  digits: number;
  period?: number;
  counter?: number;
  pin?: string;
  groups?: string[];
}

export interface ManifestFile {
  path: string;
  format: string;
  encrypted: boolean;
  password: string | null;
  sha256?: string;
  expected_accounts: ExpectedAccount[];
  expected_error?: boolean;
  structure_only?: boolean;
  /** Of `expected_accounts`, how many the source app itself fails on (which ones is not said). */
  expected_failure_count?: number;
  /** Entries listed apart from `expected_accounts` that cannot be imported. */
  expected_failures?: unknown[];
  notes?: string;
}

/** The MANIFEST's files; none without the corpus (its suites are then skipped by name). */
export function manifestFiles(): ManifestFile[] {
  return CORPUS_PRESENT ? readCorpusJson<{ files: ManifestFile[] }>('MANIFEST.json').files : [];
}

/** A corpus file that no longer has the MANIFEST's sha256 is not the file its expectations describe. */
export function isIntact(file: ManifestFile): boolean {
  return file.sha256 === undefined || createHash('sha256').update(readCorpusFile(file.path)).digest('hex') === file.sha256;
}

/** Our account in the manifest's shape, for one deep-equal comparison with good diffs. */
export function toExpectedShape(a: ImportedAccount, withGroups: boolean): ExpectedAccount {
  const out: ExpectedAccount = { type: a.type, issuer: a.issuer, name: a.name, secret: a.secretB32, algorithm: a.algorithm, digits: a.digits };
  if (a.type === 'hotp') out.counter = a.counter;
  else out.period = a.period;
  if (a.pin !== '') out.pin = a.pin;
  if (withGroups) out.groups = a.groups;
  return out;
}

function normaliseExpected(e: ExpectedAccount, withGroups: boolean): ExpectedAccount {
  const out: ExpectedAccount = { type: e.type, issuer: e.issuer, name: e.name, secret: e.secret, algorithm: e.algorithm, digits: e.digits };
  if (e.type === 'hotp') out.counter = e.counter;
  else out.period = e.period;
  if (e.pin !== undefined && e.pin !== '') out.pin = e.pin;
  if (withGroups) out.groups = e.groups ?? [];
  return out;
}

/**
 * Exactly the expected accounts (order-insensitive). Groups are compared only when the manifest
 * lists them for some account of the file.
 */
export function expectAccounts(actual: readonly ImportedAccount[], file: ManifestFile): void {
  const withGroups = file.expected_accounts.some((e) => e.groups !== undefined);
  const key = (a: ExpectedAccount): string => JSON.stringify(a);
  const got = actual.map((a) => toExpectedShape(a, withGroups)).sort((x, y) => key(x).localeCompare(key(y)));
  const want = file.expected_accounts.map((e) => normaliseExpected(e, withGroups)).sort((x, y) => key(x).localeCompare(key(y)));
  expect(got).toEqual(want);
}
