/**
 * Shared helpers for the importer corpus tests (not a test file itself): reads
 * ../shared/testdata/MANIFEST.json (absent on machines without the corpus: then every list is
 * empty and the data-driven tests generate nothing) and compares results with
 * `expected_accounts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { ImportedAccount } from '../../../../src/formats/import/types';

export const SHARED = path.resolve(process.cwd(), '../shared/testdata');

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
  expected_accounts: ExpectedAccount[];
  expected_error?: boolean;
  structure_only?: boolean;
  expected_failure_count?: number;
  notes?: string;
}

export function manifestFiles(): ManifestFile[] {
  const file = path.join(SHARED, 'MANIFEST.json');
  if (!existsSync(file)) return [];
  return (JSON.parse(readFileSync(file, 'utf8')) as { files: ManifestFile[] }).files;
}

/** Manifest entries of these formats (by the manifest's `format` field). */
export function filesOfFormats(formats: readonly string[]): ManifestFile[] {
  return manifestFiles().filter((f) => formats.includes(f.format));
}

export function readShared(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(SHARED, rel)));
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
