/**
 * Fuzzing of every importer: 10,000 runs per importer per run of the suite (checked by the first
 * test). Every call must give a result whose accounts are valid, or an AppError; no other
 * exception; Object.prototype untouched; no key derivation beyond what any app's file may ask
 * for, counted by the KDF meter (fuzz-inputs.ts, expectSettles; kdf-meter.ts) rather than timed.
 *
 * Each importer's budget is split into campaigns, one test each:
 * - byte mutations of its committed fixtures, through readImport (which runs every sniffer) or
 *   through its own sniff (which must not throw at all) and read;
 * - structural mutations of its parsed fixture through its read (a hostile value at a random
 *   place, huge numbers, deep nesting, `__proto__`/`constructor` keys), or random text and JSON;
 * - for encrypted formats, mutated plaintexts behind the real decryption, with the cheapest KDF
 *   the format allows or a stub KDF (a few hundred to 3,000 runs), and the rest of the budget in
 *   the decoder behind the decryption, fed directly.
 * FUZZ_SEED overrides the fixed seed; FUZZ_TRACE=1 prints every call over 300 ms. Over 300 lines
 * because it holds the campaign table of every importer, so that their budgets are seen together.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { readAegisDb } from '../../../../src/formats/import/aegis';
import { readAndotpEntries } from '../../../../src/formats/import/andotp';
import { readCxfHeader } from '../../../../src/formats/import/cxf';
import { readOnePuxData } from '../../../../src/formats/import/onepassword-1pux';
import { readBitwardenJson } from '../../../../src/formats/import/bitwarden';
import { readEnteText } from '../../../../src/formats/import/ente';
import { readJavaStringMap } from '../../../../src/formats/import/java-serial';
import { readKeepassDb } from '../../../../src/formats/import/keepass';
import { keepassOtpDraft, OTP_FIELD_NAMES } from '../../../../src/formats/import/keepass-otp';
import { loadKdbxweb } from '../../../../src/formats/kdbx/kdbxweb';
import { readLinkList } from '../../../../src/formats/import/link-lists';
import { readProtonPlain } from '../../../../src/formats/import/proton';
import { readRaivo } from '../../../../src/formats/import/raivo';
import { IMPORTERS, prepareInput, readImport } from '../../../../src/formats/import/registry';
import { readStratumJson } from '../../../../src/formats/import/stratum';
import { readTotpAuthenticatorPlain } from '../../../../src/formats/import/totp-authenticator';
import { readTwofasServices } from '../../../../src/formats/import/twofas';
import type { Importer, ImportInput, ImportOptions, ParsedInput } from '../../../../src/formats/import/types';
import { AppError } from '../../../../src/core/errors';
import { readFixture as readOmamoriFixture, TRANSFER_CODE } from '../../core/export-fixtures';
import * as F from './fixtures';
import * as P from './password-manager-fixtures';
import {
  expectSettles,
  fuzzInputs,
  hostileKdfNumbers,
  mutatedBytes,
  mutatedJsonText,
  mutatedLines,
  noise,
  slowestCall,
  splicedFiles,
  traceAs,
} from './fuzz-inputs';
import { fixtureBytes } from './helpers';
import * as W from './writers';
import { meter } from './kdf-meter';
import { appDatabaseCampaigns } from './app-database-fuzz';
import { APP_FILES } from './app-database-fixtures';

vi.mock('../../../../src/core/crypto/other-apps', async (real) => (await import('./kdf-meter')).meterOtherApps(await real()));
vi.mock('../../../../src/core/crypto/sodium', async (real) => (await import('./kdf-meter')).meterSodium(await real()));
vi.mock('../../../../src/core/crypto/kdf', async (real) => (await import('./kdf-meter')).meterKdf(await real()));

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);
const TIMEOUT = 120_000;
const dec = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
const protoNames = Object.getOwnPropertyNames(Object.prototype).sort();

/** `runs` inputs of one kind for one importer: one test. */
interface Campaign {
  /** The importer whose 10,000 runs these count toward. */
  id: string;
  runs: number;
  what: string;
  check: (runs: number) => Promise<void>;
}

function importer(id: string): Importer {
  const found = IMPORTERS.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no importer ${id}`);
  return found;
}

/** The one reading detection does; null when it refuses the input with a typed error (too large, nested too deeply). */
function preparedOrRefused(input: ImportInput): ParsedInput | null {
  try {
    return prepareInput(input);
  } catch (err) {
    if (err instanceof AppError) return null;
    throw err;
  }
}

/** Each input of `arb` through `call`, which must settle (expectSettles). */
function fuzz<T>(arb: fc.Arbitrary<T>, call: (input: T) => unknown): (runs: number) => Promise<void> {
  return (runs) =>
    fc.assert(
      fc.asyncProperty(arb, (input) => expectSettles(() => call(input))),
      { numRuns: runs, seed: SEED },
    );
}

/** Bytes through the importer itself: sniff must not throw at all, read must settle. */
function sniffThenRead(id: string, arb: fc.Arbitrary<Uint8Array>, options: ImportOptions, fileName?: string): (runs: number) => Promise<void> {
  const imp = importer(id);
  return (runs) =>
    fc.assert(
      fc.asyncProperty(arb, async (bytes) => {
        const input = preparedOrRefused(fileName === undefined ? { bytes } : { bytes, fileName });
        if (input === null) return;
        imp.sniff(input);
        await expectSettles(() => imp.read(input, options));
      }),
      { numRuns: runs, seed: SEED },
    );
}

const jsonOrNull = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(dec(bytes)) as unknown;
  } catch {
    return null;
  }
};

// ---------- importers fuzzed from their fixtures (fixtures.ts ACCOUNTS) ----------

interface Plan {
  importer: Importer;
  files: string[];
  /** Byte mutations of the files through readImport. */
  bytes: number;
  /** Structural mutations of the first file through the importer's read. */
  structural: number;
  structure?: 'json' | 'lines';
  /** Random text and JSON through the importer's read. */
  noise: number;
  /** Paths of the first file's KDF parameters: the byte mutations also replace them by hostile numbers. */
  kdf?: (string | number)[][];
}

const PLANS: Plan[] = [
  { importer: importer('aegis'), files: ['aegis/plain-v3.json'], bytes: 3200, structural: 0, noise: 1500 },
  {
    importer: importer('aegis'),
    files: ['aegis/encrypted.json'],
    bytes: 300,
    structural: 0,
    noise: 0,
    kdf: [
      ['header', 'slots', 1, 'n'],
      ['header', 'slots', 1, 'r'],
      ['header', 'slots', 1, 'p'],
    ],
  },
  { importer: importer('andotp'), files: ['andotp/plain.json'], bytes: 4000, structural: 4000, structure: 'json', noise: 2000 },
  { importer: importer('bitwarden-authenticator'), files: ['bitwarden/authenticator.json'], bytes: 4000, structural: 4000, structure: 'json', noise: 2000 },
  { importer: importer('bitwarden-csv'), files: ['bitwarden/vault.csv'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: importer('keepassxc-csv'), files: ['keepass/keepassxc-export.csv'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  {
    importer: importer('google-migration-text'),
    files: ['google-migration-text/transfer.txt'],
    bytes: 4000,
    structural: 4000,
    structure: 'lines',
    noise: 2000,
  },
  { importer: importer('ente-auth'), files: ['ente/plain.txt'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: importer('otpauth-list'), files: ['otpauth-list/list.txt'], bytes: 4000, structural: 4000, structure: 'lines', noise: 2000 },
  { importer: importer('2fas'), files: ['2fas/plain-v4.2fas'], bytes: 2700, structural: 1000, structure: 'json', noise: 1000 },
  { importer: importer('2fas'), files: ['2fas/encrypted-ja.2fas'], bytes: 300, structural: 0, noise: 0 },
  {
    importer: importer('bitwarden'),
    files: ['bitwarden/vault.json', 'bitwarden/account-restricted.json'],
    bytes: 2700,
    structural: 2000,
    structure: 'json',
    noise: 1000,
  },
  { importer: importer('bitwarden'), files: ['bitwarden/protected-pbkdf2.json'], bytes: 300, structural: 0, noise: 0, kdf: [['kdfIterations']] },
  { importer: importer('andotp-encrypted'), files: ['andotp/otp_accounts.json.aes.bin', 'andotp/old-format.bin'], bytes: 500, structural: 0, noise: 500 },
  { importer: importer('duo'), files: [APP_FILES.duo], bytes: 4000, structural: 4000, structure: 'json', noise: 2000 },
];

function planCampaigns(plan: Plan): Campaign[] {
  const { id } = plan.importer;
  const seeds = plan.files.map((f) => fixtureBytes(f));
  const fileName = plan.files[0] ?? 'x';
  const read = (text: string, options: ImportOptions): Promise<unknown> => plan.importer.read(prepareInput({ bytes: utf8Encode(text), fileName }), options);
  const mutated = plan.kdf === undefined ? splicedFiles(seeds) : fc.oneof(splicedFiles(seeds), hostileKdfNumbers(JSON.parse(dec(seeds[0])), plan.kdf));
  const out: Campaign[] = [
    {
      id,
      runs: plan.bytes,
      what: `byte mutations of ${plan.files.join(', ')}${plan.kdf === undefined ? '' : ' and hostile KDF parameters'} through readImport`,
      check: fuzz(mutated, (bytes) => readImport({ bytes, fileName }, { password: 'wrong' })),
    },
  ];
  if (plan.structural > 0 && plan.structure !== undefined) {
    const seedText = dec(seeds[0]);
    const arb = plan.structure === 'json' ? mutatedJsonText(JSON.parse(seedText) as unknown) : mutatedLines(seedText.split(/\r?\n/).filter((l) => l !== ''));
    out.push({ id, runs: plan.structural, what: 'structural mutations through its read', check: fuzz(arb, (text) => read(text, {})) });
  }
  if (plan.noise > 0) out.push({ id, runs: plan.noise, what: 'random inputs through its read', check: fuzz(noise, (text) => read(text, { password: 'x' })) });
  return out;
}

const AEGIS_DB = (): unknown => (JSON.parse(dec(fixtureBytes('aegis/plain-v3.json'))) as { db: unknown }).db;
const ANDOTP = (): unknown => JSON.parse(dec(fixtureBytes('andotp/plain.json')));
const TWOFAS_SERVICES = (): unknown => (JSON.parse(dec(fixtureBytes('2fas/plain-v4.2fas'))) as { services: unknown }).services;
const BITWARDEN_VAULT = (): unknown => JSON.parse(dec(fixtureBytes('bitwarden/vault.json')));

/** Mutated plaintexts encrypted as the app does, through the importer's read (its decryption). */
function behindDecryption(id: string, fileName: string, plainSeed: () => unknown, encrypter: () => Promise<W.Encrypter>): (runs: number) => Promise<void> {
  return async (runs) => {
    const encrypt = await encrypter();
    await fuzz(fc.oneof(mutatedJsonText(plainSeed()), noise), (text) =>
      importer(id).read(prepareInput({ bytes: encrypt(utf8Encode(text)), fileName }), { password: W.FUZZ_PASSWORD }),
    )(runs);
  };
}

/** Mutated plaintexts straight into the decoder that decryption hands them to. */
function intoDecoder(seed: () => unknown, decode: (parsed: unknown) => unknown): (runs: number) => Promise<void> {
  return (runs) =>
    fuzz(fc.oneof(mutatedJsonText(seed()), noise), (text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return null;
      }
      return decode(parsed);
    })(runs);
}

const ENCRYPTED: Campaign[] = [
  {
    id: 'aegis',
    runs: 2000,
    what: 'mutated plaintexts through decryption (vault.json)',
    check: behindDecryption('aegis', 'vault.json', AEGIS_DB, W.aegisEncrypter),
  },
  {
    id: 'andotp-encrypted',
    runs: 3000,
    what: 'mutated plaintexts through decryption (old.bin)',
    check: behindDecryption('andotp-encrypted', 'old.bin', ANDOTP, W.andotpOldEncrypter),
  },
  {
    id: 'andotp-encrypted',
    runs: 300,
    what: 'mutated plaintexts through decryption (new.bin)',
    check: behindDecryption('andotp-encrypted', 'new.bin', ANDOTP, W.andotpNewEncrypter),
  },
  {
    id: '2fas',
    runs: 200,
    what: 'mutated plaintexts through decryption (x.2fas)',
    check: behindDecryption('2fas', 'x.2fas', TWOFAS_SERVICES, W.twofasEncrypter),
  },
  {
    id: 'bitwarden',
    runs: 500,
    what: 'mutated plaintexts through decryption (export.json)',
    check: behindDecryption('bitwarden', 'export.json', BITWARDEN_VAULT, W.bitwardenEncrypter),
  },
  {
    id: '2fas',
    runs: 4800,
    what: 'mutated plaintexts into the decoder behind its decryption',
    check: intoDecoder(TWOFAS_SERVICES, (p) => readTwofasServices(p, new Map([['group-finance', 'Finance']]))),
  },
  { id: 'aegis', runs: 3000, what: 'mutated plaintexts into the decoder behind its decryption', check: intoDecoder(AEGIS_DB, (p) => readAegisDb(p)) },
  {
    id: 'andotp-encrypted',
    runs: 5700,
    what: 'mutated plaintexts into the decoder behind its decryption',
    check: intoDecoder(ANDOTP, (p) => readAndotpEntries(p, 'andotp-encrypted')),
  },
  {
    id: 'bitwarden',
    runs: 3500,
    what: 'mutated plaintexts into the decoder behind its decryption',
    check: intoDecoder(BITWARDEN_VAULT, (p) => readBitwardenJson(p, 'bitwarden')),
  },
];

// ---------- importers fuzzed from their contents (fixtures.ts ALICE … FRANK) ----------

const withPassword: ImportOptions = { password: F.PASSWORD, kdf: W.STUB_KDF };

/**
 * Ente's full path, with its KDF parameters also replaced by hostile numbers: every mutation
 * reaches libsodium when Ente's limits let it (beyond 1 MiB × pass the meter answers at once with
 * a wrong key; the fixture's own small derivation runs for real), and the meter checks that none
 * was beyond them.
 */
function enteFullPath(runs: number): Promise<void> {
  const imp = importer('ente-encrypted');
  const base = fixtureBytes(F.FILES.enteEncrypted);
  const kdf = hostileKdfNumbers(JSON.parse(dec(base)), [
    ['kdfParams', 'memLimit'],
    ['kdfParams', 'opsLimit'],
  ]);
  return fc.assert(
    fc.asyncProperty(fc.oneof(fuzzInputs(base), kdf), async (bytes) => {
      const input = preparedOrRefused({ bytes });
      if (input === null) return;
      imp.sniff(input);
      await expectSettles(() => imp.read(input, { password: F.PASSWORD }));
    }),
    { numRuns: runs, seed: SEED },
  );
}

const zipCampaigns = (id: string, file: string, member: string, decode: (b: Uint8Array) => unknown): Campaign[] => [
  {
    id,
    runs: 5000,
    what: 'mutated ZIP directories through its sniff',
    check: fuzz(mutatedBytes(fixtureBytes(file)), (bytes) => {
      const input = preparedOrRefused({ bytes });
      return input === null ? null : importer(id).sniff(input);
    }),
  },
  { id, runs: 4500, what: 'mutated members into the reader behind the ZIP', check: fuzz(fuzzInputs(utf8Encode(member)), decode) },
  { id, runs: 500, what: 'mutations of the ZIP through sniff and read', check: sniffThenRead(id, fuzzInputs(fixtureBytes(file)), { password: F.PASSWORD }) },
];

const fromText = (id: string, text: string, runs: number, what = 'mutations through sniff and read'): Campaign => ({
  id,
  runs,
  what,
  check: sniffThenRead(id, fuzzInputs(utf8Encode(text)), {}),
});

const CONTENTS: Campaign[] = [
  {
    id: 'proton-authenticator',
    runs: 4500,
    what: 'mutated plain exports into its decoder',
    check: fuzz(fuzzInputs(utf8Encode(F.PROTON_PLAIN)), (b) => readProtonPlain(jsonOrNull(b))),
  },
  fromText('proton-authenticator', F.PROTON_PLAIN, 5000, 'mutated plain exports through sniff and read'),
  {
    id: 'proton-authenticator',
    runs: 500,
    what: 'mutated encrypted exports through sniff and read (stub KDF)',
    check: async (runs) =>
      sniffThenRead('proton-authenticator', fuzzInputs(await W.writeProtonEncrypted(F.PROTON_PLAIN, F.PASSWORD, W.stubArgon2)), withPassword)(runs),
  },
  {
    id: 'stratum',
    runs: 4500,
    what: 'mutated plain exports into its decoder',
    check: fuzz(fuzzInputs(utf8Encode(F.STRATUM_PLAIN)), (b) => readStratumJson(jsonOrNull(b))),
  },
  fromText('stratum', F.STRATUM_PLAIN, 5000, 'mutated plain exports through sniff and read'),
  {
    id: 'stratum',
    runs: 400,
    what: 'mutated strong .authpro files through sniff and read (stub KDF)',
    check: async (runs) => sniffThenRead('stratum', fuzzInputs(await W.writeStratumStrong(F.STRATUM_PLAIN, F.PASSWORD, W.stubArgon2)), withPassword)(runs),
  },
  {
    id: 'stratum',
    runs: 100,
    what: 'mutated legacy .authpro files through sniff and read (PBKDF2, 64,000 rounds)',
    check: sniffThenRead('stratum', fuzzInputs(fixtureBytes(F.FILES.stratumLegacy)), withPassword),
  },
  {
    id: 'ente-encrypted',
    runs: 9700,
    what: 'mutated decrypted texts into its reader',
    check: fuzz(fuzzInputs(utf8Encode(F.ENTE_TEXT)), (b) => readEnteText(dec(b))),
  },
  { id: 'ente-encrypted', runs: 300, what: 'mutated encrypted exports and hostile KDF parameters through sniff and read', check: enteFullPath },
  {
    id: 'freeotp-v2',
    runs: 9000,
    what: 'mutated Java-serialized maps into its stream reader',
    check: fuzz(mutatedBytes(fixtureBytes(F.FILES.freeOtpV2)), (b) => readJavaStringMap(b)),
  },
  {
    id: 'freeotp-v2',
    runs: 1000,
    what: 'mutated backups through sniff and read (PBKDF2 1000)',
    check: sniffThenRead('freeotp-v2', fuzzInputs(fixtureBytes(F.FILES.freeOtpV2)), { password: F.PASSWORD }),
  },
  {
    id: 'totp-authenticator',
    runs: 9500,
    what: 'mutated decrypted JSON into its decoder',
    check: fuzz(fuzzInputs(utf8Encode(JSON.stringify({ [JSON.stringify(F.TOTP_AUTHENTICATOR_ENTRIES)]: '1700000000' }))), (b) => readTotpAuthenticatorPlain(b)),
  },
  {
    id: 'totp-authenticator',
    runs: 500,
    what: 'mutated backups through sniff and read',
    check: sniffThenRead('totp-authenticator', fuzzInputs(fixtureBytes(F.FILES.totpAuthenticator)), { password: F.PASSWORD }, 'backup.bin'),
  },
  ...zipCampaigns('authenticator-plus', F.FILES.authenticatorPlus, F.URI_LIST, (b) => readLinkList('authenticator-plus', dec(b))),
  ...zipCampaigns('winauth-zip', F.FILES.winAuth, F.URI_LIST, (b) => readLinkList('winauth-zip', dec(b))),
  ...zipCampaigns('raivo-zip', F.FILES.raivoZip, F.RAIVO, (b) => readRaivo(jsonOrNull(b))),
  fromText('freeotp-plus', F.FREEOTP_PLUS, 10_000),
  fromText('lastpass', F.LASTPASS, 10_000),
  fromText('raivo', F.RAIVO, 10_000),
  fromText('stratum-html', F.STRATUM_HTML, 10_000),
  fromText('steam', F.STEAM_SINGLE, 5000, 'mutated single maFiles through sniff and read'),
  fromText('steam', F.STEAM_WRAPPED, 5000, 'mutated wrapped maFiles through sniff and read'),
  {
    id: 'omamori',
    runs: 10_000,
    what: 'mutated transfer-code exports through sniff and read',
    check: sniffThenRead('omamori', fuzzInputs(readOmamoriFixture('transfer-code.omamori')), { password: TRANSFER_CODE }),
  },
];

// ---------- password managers (issue #17; password-manager-fixtures.ts) ----------

const PASSWORD_MANAGERS: Campaign[] = [
  fromText('cxf', JSON.stringify(P.CXF), 5000),
  {
    id: 'cxf',
    runs: 5000,
    what: 'structural mutations into its reader',
    check: fuzz(mutatedJsonText(P.CXF), (text) => readCxfHeader(jsonOrNull(utf8Encode(text)))),
  },
  fromText('apple-passwords-csv', P.APPLE_PASSWORDS, 5000),
  {
    id: 'apple-passwords-csv',
    runs: 5000,
    what: 'structural mutations of its rows through its read',
    check: fuzz(mutatedLines(P.APPLE_PASSWORDS.split(/\r\n/).filter((l) => l !== '')), (text) =>
      importer('apple-passwords-csv').read(prepareInput({ bytes: utf8Encode(text) }), {}),
    ),
  },
  ...zipCampaigns('1password-1pux', P.PM_FILES.onePux, JSON.stringify(P.ONEPUX_DATA), (b) => readOnePuxData(jsonOrNull(b))),
];

// #17: the files of apps without an export (app-database-fuzz.ts).
const APP_DATABASES = appDatabaseCampaigns({
  fuzz,
  sniffThenRead,
  readText: (id, text, options) => importer(id).read(prepareInput({ bytes: utf8Encode(text), fileName: 'file' }), options),
});

// ---------- KeePass databases (keepass.ts; test/fixtures/import/keepass) ----------

const KEEPASS_XML = (): string => dec(fixtureBytes('keepass/accounts.xml'));
/** Values KeePass apps write in the OTP fields, to mix with noise. */
const OTP_VALUES = [
  'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&period=30',
  'key=JBSWY3DPEHPK3PXP&step=30&size=6',
  '30;S',
  '30;6;SHA256',
  'HMAC-SHA-512',
  '3132',
  'MTIz',
  '8',
  '-1',
  'JBSWY3DPEHPK3PXP',
];

const xmlEscape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The database's XML with 1–4 edits: a field's value or name replaced, or a stretch cut out. */
function mutatedKeepassXml(xml: string): fc.Arbitrary<string> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('value' as const), at: fc.nat(), text: fc.oneof(noise, fc.constantFrom(...OTP_VALUES)) }),
    fc.record({ kind: fc.constant('key' as const), at: fc.nat(), text: fc.constantFrom(...OTP_FIELD_NAMES, 'Title', 'UserName', 'Notes', '__proto__') }),
    fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), text: fc.constant('') }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let out = xml;
    for (const { kind, at, text } of edits) {
      const tag = kind === 'key' ? /<Key>[^<]*<\/Key>/g : /<Value[^>]*>[^<]*<\/Value>/g;
      const hits = [...out.matchAll(tag)];
      const hit = hits[at % Math.max(hits.length, 1)];
      if (kind === 'cut') {
        const from = at % out.length;
        out = out.slice(0, from) + out.slice(from + 1 + (at % 97));
      } else if (hit !== undefined) {
        const open = kind === 'key' ? '<Key>' : '<Value>';
        const close = kind === 'key' ? '</Key>' : '</Value>';
        out = out.slice(0, hit.index) + open + xmlEscape(text) + close + out.slice(hit.index + hit[0].length);
      }
    }
    return out;
  });
}

const KEEPASS: Campaign[] = [
  {
    id: 'keepass',
    runs: 5000,
    what: 'mutated databases (headers, KDF parameters) through its sniff',
    check: fuzz(mutatedBytes(fixtureBytes('keepass/kdbx4-argon2id.kdbx')), (bytes) => {
      const input = preparedOrRefused({ bytes, fileName: 'x.kdbx' });
      return input === null ? null : importer('keepass').sniff(input);
    }),
  },
  {
    id: 'keepass',
    runs: 2500,
    what: 'mutated OTP fields into its field reader',
    check: fuzz(fc.dictionary(fc.constantFrom(...OTP_FIELD_NAMES), fc.oneof(noise, fc.constantFrom(...OTP_VALUES))), (fields) =>
      keepassOtpDraft((name) => (Object.hasOwn(fields, name) ? fields[name] : undefined), 'Title', 'user'),
    ),
  },
  {
    id: 'keepass',
    runs: 2200,
    what: 'databases from mutated XML into the reader behind the decryption',
    check: async (runs) => {
      const k = await loadKdbxweb();
      await fuzz(mutatedKeepassXml(KEEPASS_XML()), async (lines) => {
        let db: Awaited<ReturnType<typeof k.Kdbx.loadXml>>;
        try {
          db = await k.Kdbx.loadXml(lines, new k.Credentials(k.ProtectedValue.fromString('x')));
        } catch {
          return null; // kdbxweb's own refusal: keepass.ts maps it to import/damaged
        }
        return readKeepassDb(db);
      })(runs);
    },
  },
  {
    id: 'keepass',
    runs: 300,
    what: 'mutated databases through sniff and read (Argon2id 1 MiB × 2)',
    check: sniffThenRead('keepass', fuzzInputs(fixtureBytes('keepass/kdbx4-argon2id.kdbx')), { password: 'omamori-test' }, 'x.kdbx'),
  },
];

const CAMPAIGNS: Campaign[] = [...PLANS.flatMap(planCampaigns), ...ENCRYPTED, ...CONTENTS, ...PASSWORD_MANAGERS, ...APP_DATABASES, ...KEEPASS];

// Key derivations of more work than 1 MiB × pass (or 1M iterations) get a wrong key from the
// meter at once instead of running: the fuzzer reaches them and the meter judges them, without
// their cost.
beforeAll(() => meter.reset('run', 1 << 20));

// After every property of this file: nothing may have been written onto Object.prototype.
afterAll(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoNames);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.getOwnPropertyNames(Array.prototype).includes('polluted')).toBe(false);
  console.info(`importer fuzz: slowest call ${Math.round(slowestCall())} ms`);
});

it('gives every importer 10,000 runs', () => {
  const totals = new Map<string, number>();
  for (const c of CAMPAIGNS) totals.set(c.id, (totals.get(c.id) ?? 0) + c.runs);
  expect(Object.fromEntries(totals)).toEqual(Object.fromEntries(IMPORTERS.map((i) => [i.id, 10_000])));
});

describe('importers under fuzzing', () => {
  for (const c of CAMPAIGNS) {
    it(
      `${c.id}: ${c.runs} ${c.what}`,
      async () => {
        traceAs(`${c.id} ${c.what}`);
        await c.check(c.runs);
      },
      TIMEOUT,
    );
  }
});
