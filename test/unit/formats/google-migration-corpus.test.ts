/**
 * Interop with the externally written corpus (test/support/corpus.ts; see its README): every
 * migration vector, every transfer-code text file and the QR texts of its images. The corpus is
 * read in place, never copied; where it is absent, its suite is reported skipped by name and the
 * committed-fixture suite still runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountData, HashAlgorithm, OtpType } from '../../../src/core/account';
import { decodeMigrationUri, encodeMigrationUris } from '../../../src/formats/google-migration/codec';
import type { MigrationBatch } from '../../../src/formats/google-migration/types';
import { MigrationSession } from '../../../src/formats/google-migration/session';
import { describeCorpus, readCorpusFile, readCorpusJson } from '../../support/corpus';
import { catchAppError, FIXTURE_DIR, uriLines } from './migration-helpers';

const SCHEME = 'otpauth-migration://';

interface CorpusAccount {
  type: OtpType;
  issuer: string;
  name: string;
  secret: string;
  algorithm: HashAlgorithm;
  digits: number;
  period?: number;
  counter?: number;
}
interface CorpusBatch {
  version?: number;
  batch_size?: number;
  batch_index?: number;
  batch_id?: number;
}
interface VectorCase {
  id: string;
  uri: string;
  expected_error?: boolean;
  expected_accounts: CorpusAccount[];
  batch?: CorpusBatch;
}
interface ManifestFile {
  path: string;
  format: string;
  expected_accounts: CorpusAccount[];
  expected_error?: boolean;
  expected_failure_count?: number;
  migration_batches?: CorpusBatch[];
  expected_qr_text?: string;
  expected_qr_texts?: string[];
}

/** QR images whose text is a transfer code (the decoding of the image itself is tested elsewhere). */
const qrTexts = (f: ManifestFile): string[] => f.expected_qr_texts ?? (f.expected_qr_text === undefined ? [] : [f.expected_qr_text]);

/**
 * The corpus records Google's raw `name` field ("SerenityLabs:test1@…" with issuer
 * "SerenityLabs"). Omamori drops one `issuer:` prefix and treats a name equal to the issuer as
 * no name (accountNameFromGoogle); the expectation applies the same documented rule.
 */
function expectedAccount(a: CorpusAccount): AccountData {
  const prefixed = a.issuer !== '' && a.name.startsWith(`${a.issuer}:`);
  const name = a.issuer !== '' && a.name === a.issuer ? '' : prefixed ? a.name.slice(a.issuer.length + 1) : a.name;
  const hotp = a.type === 'hotp';
  return {
    type: a.type,
    issuer: a.issuer,
    name,
    secretB32: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: hotp ? 30 : (a.period ?? 30),
    counter: hotp ? (a.counter ?? 0) : 0,
    pin: '',
  };
}

function expectBatchFields(batch: MigrationBatch, want: CorpusBatch): void {
  if (want.version !== undefined) expect(batch.version).toBe(want.version);
  if (want.batch_size !== undefined) expect(batch.batchSize).toBe(want.batch_size);
  if (want.batch_index !== undefined) expect(batch.batchIndex).toBe(want.batch_index);
  if (want.batch_id !== undefined) expect(batch.batchId).toBe(want.batch_id);
}

/** Decodes one line the way the app does, with the corpus' two kinds of expected failure. */
function decodeLine(line: string, expectError: boolean): MigrationBatch | null {
  const at = line.toLowerCase().indexOf(SCHEME);
  if (at > 0) {
    // zbarimg's "QR-Code:" prefix: lenient tools read on, we refuse (as classifyQrText does),
    // and the URI after the prefix must still give the expected accounts.
    catchAppError(() => decodeMigrationUri(line), 'migration/invalid-uri');
    return decodeMigrationUri(line.slice(at));
  }
  if (expectError) {
    expect(catchAppError(() => decodeMigrationUri(line)).code).toMatch(/^migration\//);
    return null;
  }
  return decodeMigrationUri(line);
}

describe('committed transfer-code fixtures (always run)', () => {
  const names = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.txt'));

  it('are all present', () => {
    expect(names.sort()).toEqual([
      'hotp-counter-42.txt',
      'japanese.txt',
      'md5-entry.txt',
      'missing-batch.txt',
      'multi-batch.txt',
      'sha256-8-digits.txt',
      'unknown-field-8.txt',
    ]);
  });

  it.each(names)('%s decodes line by line into codes of one export', (name) => {
    const batches = uriLines(readFileSync(path.join(FIXTURE_DIR, name), 'utf8')).map((uri) => decodeMigrationUri(uri));
    expect(batches.length).toBeGreaterThan(0);
    expect(new Set(batches.map((b) => b.batchId)).size).toBe(1);
    for (const b of batches) expect(b.accounts.length + b.problems.length).toBeGreaterThan(0);
  });
});

describeCorpus('Google migration codes from the interop corpus', () => {
  const manifest = readCorpusJson<{ files: ManifestFile[] }>('MANIFEST.json').files;
  const vectors = readCorpusJson<{ cases: VectorCase[] }>('vectors/google_migration_payloads.json').cases;
  const files = manifest.filter((f) => f.format === 'google-migration-uri-text' || (f.format === 'text' && f.path.startsWith('extract_otp_secrets/negative/')));
  const images = manifest.filter((f) => f.format.startsWith('image/') && qrTexts(f).some((t) => t.includes(SCHEME)));

  it.each(vectors.filter((v) => v.expected_error !== true))('shared vector $id decodes to the expected accounts', (v) => {
    const batch = decodeLine(v.uri, false);
    expect(batch?.accounts).toEqual(v.expected_accounts.map(expectedAccount));
    expect(batch?.problems).toEqual([]);
    expectBatchFields(batch as MigrationBatch, v.batch ?? {});
  });

  it.each(vectors.filter((v) => v.expected_error === true))('shared vector $id is refused with a migration/* AppError: $uri', (v) => {
    expect(decodeLine(v.uri, true)).toBeNull();
  });

  // Where Google wrote "issuer:name" (or no issuer) in a one-code export, our writer gives the same bytes.
  const googleShaped = vectors.filter(
    (v) =>
      v.expected_error !== true &&
      v.uri.startsWith(SCHEME) &&
      v.batch?.batch_size === 1 &&
      v.batch.batch_id !== undefined &&
      v.expected_accounts.every((a) => a.issuer === '' || (a.name.startsWith(`${a.issuer}:`) && a.name !== `${a.issuer}:`)),
  );
  it.each(googleShaped)('re-encoding shared vector $id gives byte for byte what Google wrote', (v) => {
    const accounts = v.expected_accounts.map(expectedAccount);
    const [uri] = encodeMigrationUris(accounts, { perCode: accounts.length, batchId: v.batch?.batch_id ?? 0 }).uris;
    const bytes = (u: string): string => Buffer.from(decodeURIComponent(u.slice(u.indexOf('data=') + 5)), 'base64').toString('hex');
    expect(bytes(uri ?? '')).toBe(bytes(v.uri));
  });

  it.each(files)('shared file $path gives its expected accounts and failures', (f) => {
    const text = Buffer.from(readCorpusFile(f.path)).toString('utf8');
    const lines = uriLines(text);
    if (f.expected_error === true && lines.length === 0) catchAppError(() => decodeMigrationUri(text));
    const results = lines.map((line) => decodeLine(line, f.expected_error === true));
    const batches = results.filter((b): b is MigrationBatch => b !== null);
    if (f.expected_failure_count !== undefined) expect(results.length - batches.length).toBe(f.expected_failure_count);
    expect(batches.flatMap((b) => b.accounts)).toEqual(f.expected_accounts.map(expectedAccount));
    expect(batches.flatMap((b) => b.problems)).toEqual([]);
    if (f.migration_batches?.length === batches.length) f.migration_batches.forEach((want, i) => expectBatchFields(batches[i] as MigrationBatch, want));
  });

  it.each(images)('the QR text of shared image $path gives its expected accounts through a transfer session', (f) => {
    if (f.expected_error === true) {
      for (const text of qrTexts(f)) expect(catchAppError(() => decodeMigrationUri(text)).code).toMatch(/^migration\//);
      return;
    }
    const session = new MigrationSession();
    for (const text of [...qrTexts(f)].reverse()) expect(session.add(decodeMigrationUri(text))).toEqual({ kind: 'added' });
    expect(session.isComplete()).toBe(true);
    expect(session.accounts()).toEqual(f.expected_accounts.map(expectedAccount));
  });
});
