/**
 * The fuzz campaigns of the importers of apps without an export (#17), 10,000 runs each, kept
 * beside fuzz.test.ts (which runs them with its helpers) so that its table stays readable:
 * byte mutations of our fixtures through sniff and read (SQLite pages through our reader, XML through
 * xmldom), the JSON inside the preference strings mutated and wrapped back into a valid file, and
 * hostile rows straight into the SQLite row decoders.
 */
import fc from 'fast-check';
import { readGoogle, readMicrosoft, stratumBackup } from '../../../../src/formats/import/app-databases';
import { readStratumJson } from '../../../../src/formats/import/stratum';
import type { Row } from '../../../../src/formats/import/sqlite';
import type { ImportOptions } from '../../../../src/formats/import/types';
import * as A from './app-database-fixtures';
import { TOTP_AUTHENTICATOR_ENTRIES } from './fixtures';
import { fuzzInputs, mutatedBytes, mutatedJsonText, mutatedLines, noise } from './fuzz-inputs';
import { fixtureBytes } from './helpers';

interface Campaign {
  id: string;
  runs: number;
  what: string;
  check: (runs: number) => Promise<void>;
}

export interface FuzzHelpers {
  fuzz<T>(arb: fc.Arbitrary<T>, call: (input: T) => unknown): (runs: number) => Promise<void>;
  sniffThenRead(id: string, arb: fc.Arbitrary<Uint8Array>, options: ImportOptions, fileName?: string): (runs: number) => Promise<void>;
  readText(id: string, text: string, options: ImportOptions): Promise<unknown>;
}

const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const parsedOr = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/** Rows as the SQLite reader gives them, mutated: a hostile value anywhere, or random JSON. */
const rowsFrom = (text: string): Row[] => {
  const v = parsedOr(text);
  return (Array.isArray(v) ? v : [v]) as Row[];
};

export function appDatabaseCampaigns(h: FuzzHelpers): Campaign[] {
  const wrapped = (id: string, seed: unknown, wrap: (json: string) => string, runs: number, options: ImportOptions = {}): Campaign => ({
    id,
    runs,
    what: 'mutated JSON inside its preferences file, through its read',
    check: h.fuzz(fc.oneof(mutatedJsonText(seed), noise), (json) => h.readText(id, wrap(json), options)),
  });
  const bytes = (id: string, rel: string, runs: number, options: ImportOptions = {}, fileName?: string): Campaign => ({
    id,
    runs,
    what: `mutations of ${rel} through sniff and read`,
    check: h.sniffThenRead(id, fuzzInputs(fixtureBytes(rel)), options, fileName),
  });
  const authyTokens = (): unknown => {
    const text = dec(fixtureBytes(A.APP_FILES.authyEncrypted));
    const m = /authenticator\.key">([^<]*)</.exec(text);
    return JSON.parse((m?.[1] ?? '[]').replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
  };
  const sqliteRows = (id: string, seed: unknown, decode: (rows: Row[]) => unknown): Campaign => ({
    id,
    runs: 6000,
    what: 'hostile rows into its row decoder',
    check: h.fuzz(fc.oneof(mutatedJsonText(seed), noise), (text) => decode(rowsFrom(text))),
  });
  return [
    bytes('authy-xml', A.APP_FILES.authyPlain, 4000),
    bytes('authy-xml', A.APP_FILES.authyEncrypted, 500, { password: A.AUTHY_PASSWORD }),
    wrapped('authy-xml', authyTokens(), (json) => A.sharedPrefs([['string', 'com.authy.storage.tokens.authenticator.key', json]]), 5500, {
      password: A.AUTHY_PASSWORD,
    }),
    bytes('battlenet-xml', A.APP_FILES.battleNet, 5000),
    {
      id: 'battlenet-xml',
      runs: 5000,
      what: 'mutated preference lines through its read',
      check: h.fuzz(mutatedLines(dec(fixtureBytes(A.APP_FILES.battleNet)).split('\n')), (text) => h.readText('battlenet-xml', text, {})),
    },
    bytes('freeotp-xml', A.APP_FILES.freeOtpXml, 5000),
    wrapped(
      'freeotp-xml',
      { algo: 'SHA1', counter: 0, digits: 6, issuerExt: 'a', label: 'b', period: 30, secret: [1, -2, 3], type: 'TOTP' },
      (json) =>
        A.sharedPrefs([
          ['string', 'a:b', json],
          ['string', 'tokenOrder', '["a:b"]'],
        ]),
      5000,
    ),
    bytes('totp-authenticator-xml', A.APP_FILES.totpAuthenticatorXml, 5000),
    wrapped('totp-authenticator-xml', TOTP_AUTHENTICATOR_ENTRIES, (json) => A.sharedPrefs([['string', 'STATIC_TOTP_CODES_LIST', json]]), 5000),
    bytes('google-authenticator-db', A.APP_FILES.google, 4000),
    sqliteRows('google-authenticator-db', A.GOOGLE_ROWS, readGoogle),
    bytes('microsoft-authenticator-db', A.APP_FILES.microsoft, 4000),
    sqliteRows('microsoft-authenticator-db', A.MICROSOFT_ROWS, readMicrosoft),
    bytes('stratum-db', A.APP_FILES.stratumDb, 4000),
    sqliteRows('stratum-db', A.STRATUM_ROWS, (rows) =>
      readStratumJson(stratumBackup(rows, [{ id: 'c', name: 'Work' }], [{ categoryId: 'c', authenticatorSecret: A.STRATUM_CATEGORY.secret }])),
    ),
    {
      id: 'authenticator-plus-db',
      runs: 10_000,
      what: 'mutations of authplus.db through sniff and read',
      check: h.sniffThenRead('authenticator-plus-db', mutatedBytes(fixtureBytes(A.APP_FILES.authenticatorPlusDb)), {}, 'authplus.db'),
    },
  ];
}
