/**
 * Fuzzing of every family-A importer: 10,000 runs per importer per run of the suite. Each input
 * must resolve to a result whose accounts are valid, or reject with an AppError, within 2 s; no
 * other exception; Object.prototype untouched.
 *
 * Split (per importer, runs): byte mutations of its fixtures through `readImport` (bit flips,
 * truncation, splices of two files, inserted bytes; this also runs every sniffer), structural
 * mutations of its parsed fixture through its own `read` (random JSON at a random place, huge
 * numbers, deep nesting, `__proto__`/`constructor` keys), and random text/JSON. Encrypted formats
 * put the structural mutations behind the real decryption with the cheapest KDF the format
 * allows (Aegis scrypt N=2: 2,000 runs; andOTP old SHA-256 key: 3,000 and new PBKDF2 1 000: 300;
 * Bitwarden PBKDF2 1 000: 500; 2FAS, whose 10 000 iterations are fixed: 200), and the rest of
 * those importers' budget goes into the decoder behind the decryption (Aegis 3,000, 2FAS 4,800,
 * andOTP 5,700, Bitwarden 3,500). Byte mutations of the committed encrypted fixtures: 300 each (500 andOTP).
 * Totals: 10,000 per importer (checked by a test below). FUZZ_SEED overrides the fixed seed;
 * FUZZ_TRACE=1 prints every call over 300 ms.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateAccount } from '../../../../src/core/account';
import { AppError } from '../../../../src/core/errors';
import { aegisImporter, readAegisDb } from '../../../../src/formats/import/aegis';
import { andotpEncryptedImporter, andotpImporter, readAndotpEntries } from '../../../../src/formats/import/andotp';
import { bitwardenAuthenticatorImporter, bitwardenImporter, readBitwardenJson } from '../../../../src/formats/import/bitwarden';
import { bitwardenCsvImporter } from '../../../../src/formats/import/bitwarden-csv';
import { googleMigrationTextImporter } from '../../../../src/formats/import/google-migration-text';
import { importersA } from '../../../../src/formats/import/family-a';
import { readImport } from '../../../../src/formats/import/registry';
import { readTwofasServices, twofasImporter } from '../../../../src/formats/import/twofas';
import type { Importer, ImportOptions, ImportResult } from '../../../../src/formats/import/types';
import { enteImporter, uriListImporter } from '../../../../src/formats/import/otpauth-lists';
import { fixtureBytes } from './a-helpers';
import { FUZZ_PASSWORD, aegisEncrypter, andotpNewEncrypter, andotpOldEncrypter, bitwardenEncrypter, twofasEncrypter, type Encrypter } from './a-fuzz-seeds';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const LIMIT_MS = 2000;
const enc = new TextEncoder();
const dec = new TextDecoder();
const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();
let slowest = 0;
let current = '';

function checkResult(result: ImportResult): void {
  if (!Array.isArray(result.accounts) || !Array.isArray(result.problems)) throw new Error('malformed result');
  for (const a of result.accounts) {
    validateAccount(a);
    if (!Array.isArray(a.groups) || typeof a.notes !== 'string' || typeof a.favourite !== 'boolean') throw new Error('malformed extras');
  }
}

/** One fuzz call: a valid result or an AppError, in time. Anything else fails the property. */
async function settles(call: () => Promise<ImportResult>): Promise<void> {
  const started = performance.now();
  try {
    checkResult(await call());
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
  const took = performance.now() - started;
  slowest = Math.max(slowest, took);
  if (took > 300 && process.env.FUZZ_TRACE !== undefined) console.info('slow', Math.round(took), current);
  if (took > LIMIT_MS) throw new Error(`took ${Math.round(took)} ms`);
}

// ---------- mutations ----------

const SPECIAL_VALUES: unknown[] = [
  2 ** 40,
  2 ** 53 + 2,
  1e308,
  -1,
  0,
  -0.5,
  '',
  null,
  true,
  [],
  {},
  'x'.repeat(5000),
  '99999999999999999999',
  '\u0000\uD800',
  JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('[' .repeat(2000) + ']'.repeat(2000)),
];

const jsonValue = fc.oneof(fc.constantFrom(...SPECIAL_VALUES), fc.jsonValue({ maxDepth: 3 }));

function paths(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = [], depth = 0): (string | number)[][] {
  out.push(prefix);
  if (depth > 8 || value === null || typeof value !== 'object') return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out, depth + 1));
  else for (const k of Object.keys(value)) paths((value as Record<string, unknown>)[k], [...prefix, k], out, depth + 1);
  return out;
}

/** The seed with the value at one of its paths replaced (paths come from the seed, never from fuzz). */
function replaceAt(seed: unknown, pick: number, replacement: unknown): unknown {
  const copy = structuredClone(seed);
  const all = paths(copy);
  const path = all[pick % all.length] ?? [];
  if (path.length === 0) return replacement;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (Array.isArray(node) && replacement === undefined) node.splice(Number(last), 1);
  else node[last] = replacement;
  return copy;
}

/** Structural mutation of a JSON seed, as JSON text (with a key sometimes renamed to a prototype key). */
function jsonMutation(seed: unknown): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(), jsonValue, fc.nat(), fc.constantFrom('none', '__proto__', 'constructor', 'prototype', 'toString'))
    .map(([pick, value, keyPick, key]) => {
      const text = JSON.stringify(replaceAt(seed, pick, value));
      if (key === 'none') return text;
      const keys = [...text.matchAll(/"([A-Za-z_]+)":/g)];
      const m = keys[keyPick % Math.max(keys.length, 1)];
      return m?.index === undefined ? text : `${text.slice(0, m.index)}"${key}":${text.slice(m.index + m[0].length)}`;
    });
}

function byteMutation(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const seed = fc.nat().map((i) => seeds[i % seeds.length] as Uint8Array);
  return fc.oneof(
    fc.tuple(seed, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 8 })).map(([s, flips]) => {
      const out = new Uint8Array(s);
      for (const [i, bit] of flips) if (out.length > 0) out[i % out.length] = (out[i % out.length] ?? 0) ^ (1 << bit);
      return out;
    }),
    fc.tuple(seed, fc.nat()).map(([s, n]) => s.slice(0, s.length === 0 ? 0 : n % s.length)),
    fc.tuple(seed, seed, fc.nat(), fc.nat()).map(([a, b, i, j]) => Uint8Array.from([...a.subarray(0, i % (a.length + 1)), ...b.subarray(j % (b.length + 1))])),
    fc.tuple(seed, fc.nat(), fc.uint8Array({ maxLength: 64 })).map(([s, i, ins]) => {
      const at = i % (s.length + 1);
      return Uint8Array.from([...s.subarray(0, at), ...ins, ...s.subarray(at)]);
    }),
  );
}

/** Lines for the text formats: seed lines, seed lines with a mangled parameter, and noise. */
function lineMutation(seedLines: readonly string[]): fc.Arbitrary<string> {
  const line = fc.oneof(
    fc.constantFrom(...seedLines),
    fc
      .tuple(fc.constantFrom(...seedLines), fc.constantFrom('digits', 'period', 'counter', 'algorithm', 'secret', 'issuer', 'codeDisplay', 'data', '__proto__'), fc.oneof(fc.string(), fc.constantFrom('99999999999999999999', '-1', '0', '%', '%E0%A4%A', '{"__proto__":{"polluted":1},"tags":"x"}', '%7B%22__proto__%22%3A%7B%22polluted%22%3A1%7D%2C%22trashed%22%3A1%7D')))
      .map(([l, key, value]) => `${l}&${key}=${value}`),
    fc.string({ maxLength: 200 }),
    fc.constantFrom('# comment', '', 'otpauth://', 'otpauth-migration://offline?data=', 'steam://', '"', 'login_totp'),
  );
  return fc.array(line, { minLength: 1, maxLength: 12 }).map((lines) => lines.join('\n'));
}

// ---------- the harness ----------

interface Plan {
  importer: Importer;
  files: string[];
  /** Runs of byte mutations through readImport. */
  bytes: number;
  /** Structural runs: text given to `structural` (the importer's read, or decrypt + read). */
  structural: number;
  structure?: 'json' | 'lines';
  /** Runs of unstructured input (random JSON / strings) straight into the importer's read. */
  noise: number;
  options?: ImportOptions;
}

const PLANS: Plan[] = [
  { importer: aegisImporter, files: ['aegis/plain-v3.json'], bytes: 3200, structural: 0, noise: 1500 },
  { importer: aegisImporter, files: ['aegis/encrypted.json'], bytes: 300, structural: 0, noise: 0 },
  { importer: andotpImporter, files: ['andotp/plain.json'], bytes: 4000, structural: 4000, structure: 'json', noise: 2000 },
  { importer: bitwardenAuthenticatorImporter, files: ['bitwarden/authenticator.json'], bytes: 4000, structural: 4000, structure: 'json', noise: 2000 },
  { importer: bitwardenCsvImporter, files: ['bitwarden/vault.csv'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: googleMigrationTextImporter, files: ['google-migration-text/transfer.txt'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: enteImporter, files: ['ente/plain.txt'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: uriListImporter, files: ['otpauth-list/list.txt'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: twofasImporter, files: ['2fas/plain-v4.2fas'], bytes: 2700, structural: 1000, structure: 'json', noise: 1000 },
  { importer: twofasImporter, files: ['2fas/encrypted-ja.2fas'], bytes: 300, structural: 0, noise: 0 },
  { importer: bitwardenImporter, files: ['bitwarden/vault.json', 'bitwarden/account-restricted.json'], bytes: 2700, structural: 2000, structure: 'json', noise: 1000 },
  { importer: bitwardenImporter, files: ['bitwarden/protected-pbkdf2.json'], bytes: 300, structural: 0, noise: 0 },
  { importer: andotpEncryptedImporter, files: ['andotp/otp_accounts.json.aes.bin', 'andotp/old-format.bin'], bytes: 500, structural: 0, noise: 500 },
];

const noise = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'null'),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(...SPECIAL_VALUES).map((v) => JSON.stringify(v) ?? ''),
);

// After every property of this file: nothing may have been written onto Object.prototype.
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Array.prototype).includes('polluted')).toBe(false);
  console.info(`family A fuzz: slowest call ${Math.round(slowest)} ms`);
});

describe('family A importers under fuzzing', () => {
  for (const plan of PLANS) {
    const seeds = plan.files.map((f) => fixtureBytes(f));
    const run = (bytes: Uint8Array, name: string, options: ImportOptions = plan.options ?? { password: 'wrong' }): Promise<ImportResult> =>
      readImport({ bytes, fileName: name }, options);

    it(`${plan.importer.id}: ${plan.bytes} byte mutations of ${plan.files.join(', ')} through readImport`, async () => {
      current = `${plan.importer.id} bytes`;
      await fc.assert(
        fc.asyncProperty(byteMutation(seeds), async (bytes) => settles(() => run(bytes, plan.files[0] ?? 'x'))),
        { numRuns: plan.bytes, seed: SEED },
      );
    }, 120_000);

    if (plan.structural > 0 && plan.structure !== undefined) {
      const seedText = dec.decode(seeds[0]);
      const arb = plan.structure === 'json' ? jsonMutation(JSON.parse(seedText) as unknown) : lineMutation(seedText.split(/\r?\n/).filter((l) => l !== ''));
      it(`${plan.importer.id}: ${plan.structural} structural mutations through its read`, async () => {
        current = `${plan.importer.id} structural`;
        await fc.assert(
          fc.asyncProperty(arb, async (text) => settles(() => plan.importer.read({ bytes: enc.encode(text), fileName: plan.files[0] }, {}))),
          { numRuns: plan.structural, seed: SEED },
        );
      }, 120_000);
    }

    if (plan.noise > 0) {
      it(`${plan.importer.id}: ${plan.noise} random inputs through its read`, async () => {
        current = `${plan.importer.id} noise`;
        await fc.assert(
          fc.asyncProperty(noise, async (text) => settles(() => plan.importer.read({ bytes: enc.encode(text), fileName: plan.files[0] }, { password: 'x' }))),
          { numRuns: plan.noise, seed: SEED },
        );
      }, 120_000);
    }
  }
});

// ---------- encrypted paths: fuzzed plaintexts behind real decryption ----------

interface EncryptedPlan {
  importer: Importer;
  name: string;
  runs: number;
  /** The plaintext seed (what the app encrypts). */
  plainSeed: () => unknown;
  encrypter: () => Promise<Encrypter>;
}

const AEGIS_DB = (): unknown => (JSON.parse(dec.decode(fixtureBytes('aegis/plain-v3.json'))) as { db: unknown }).db;
const ANDOTP = (): unknown => JSON.parse(dec.decode(fixtureBytes('andotp/plain.json')));
const TWOFAS_SERVICES = (): unknown => (JSON.parse(dec.decode(fixtureBytes('2fas/plain-v4.2fas'))) as { services: unknown }).services;
const BITWARDEN_VAULT = (): unknown => JSON.parse(dec.decode(fixtureBytes('bitwarden/vault.json')));

const ENCRYPTED: EncryptedPlan[] = [
  { importer: aegisImporter, name: 'vault.json', runs: 2000, plainSeed: AEGIS_DB, encrypter: aegisEncrypter },
  { importer: andotpEncryptedImporter, name: 'old.bin', runs: 3000, plainSeed: ANDOTP, encrypter: andotpOldEncrypter },
  { importer: andotpEncryptedImporter, name: 'new.bin', runs: 300, plainSeed: ANDOTP, encrypter: andotpNewEncrypter },
  { importer: twofasImporter, name: 'x.2fas', runs: 200, plainSeed: TWOFAS_SERVICES, encrypter: twofasEncrypter },
  { importer: bitwardenImporter, name: 'export.json', runs: 500, plainSeed: BITWARDEN_VAULT, encrypter: bitwardenEncrypter },
];

/** The decoders behind decryption, fed directly (what decryption would hand them). */
const DECODERS: { id: string; runs: number; seed: () => unknown; decode: (parsed: unknown) => ImportResult }[] = [
  { id: '2fas', runs: 4800, seed: TWOFAS_SERVICES, decode: (p) => readTwofasServices(p, new Map([['group-finance', 'Finance']])) },
  { id: 'aegis', runs: 3000, seed: AEGIS_DB, decode: (p) => readAegisDb(p) },
  { id: 'andotp-encrypted', runs: 5700, seed: ANDOTP, decode: (p) => readAndotpEntries(p, 'andotp-encrypted') },
  { id: 'bitwarden', runs: 3500, seed: BITWARDEN_VAULT, decode: (p) => readBitwardenJson(p, 'bitwarden') },
];

it('gives every family-A importer 10,000 runs', () => {
  const totals = new Map<string, number>();
  const add = (id: string, n: number): void => void totals.set(id, (totals.get(id) ?? 0) + n);
  for (const p of PLANS) add(p.importer.id, p.bytes + p.structural + p.noise);
  for (const p of ENCRYPTED) add(p.importer.id, p.runs);
  for (const d of DECODERS) add(d.id, d.runs);
  expect(Object.fromEntries(totals)).toEqual(Object.fromEntries(importersA.map((i) => [i.id, 10_000])));
});

describe('family A encrypted paths under fuzzing', () => {
  for (const plan of ENCRYPTED) {
    let encrypt: Encrypter;
    beforeAll(async () => {
      encrypt = await plan.encrypter();
    });
    it(`${plan.importer.id}: ${plan.runs} mutated plaintexts through decryption (${plan.name})`, async () => {
      current = `${plan.importer.id} decrypt`;
      const plainSeed = plan.plainSeed();
      await fc.assert(
        fc.asyncProperty(fc.oneof(jsonMutation(plainSeed), noise), async (text) => {
          const bytes = await encrypt(enc.encode(text));
          await settles(() => plan.importer.read({ bytes, fileName: plan.name }, { password: FUZZ_PASSWORD }));
        }),
        { numRuns: plan.runs, seed: SEED },
      );
    }, 120_000);
  }

  for (const d of DECODERS) {
    it(`${d.id}: ${d.runs} mutated plaintexts into the decoder behind its decryption`, async () => {
      current = `${d.id} decoder`;
      await fc.assert(
        fc.asyncProperty(fc.oneof(jsonMutation(d.seed()), noise), async (text) =>
          settles(async () => {
            let parsed: unknown;
            try {
              parsed = JSON.parse(text);
            } catch {
              return { format: d.id, accounts: [], problems: [] };
            }
            return d.decode(parsed);
          }),
        ),
        { numRuns: d.runs, seed: SEED },
      );
    }, 120_000);
  }
});
