/**
 * Detection reads a file once (registry.ts, input.ts prepareInput): one decoding, one JSON.parse
 * for every sniffer and the read; files nested too deeply or too large are refused before any
 * parsing; a cut-off Aegis or 2FAS file is named as such; an account-restricted Bitwarden export
 * is refused by detection, before any password.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { utf8Encode } from '../../../../src/core/crypto/bytes';
import { AppError } from '../../../../src/core/errors';
import { IMPORTER_LABELS } from '../../../../src/formats/import/app-names';
import { nestsDeeperThan } from '../../../../src/formats/import/input';
import { detectFormat, IMPORTERS, MAX_IMPORT_BYTES, MAX_JSON_DEPTH, readImport, recogniseFormat } from '../../../../src/formats/import/registry';
import { describeCorpus, readCorpusFile } from '../../../support/corpus';
import { FIXTURE_PASSWORDS } from './fixtures';
import { errorCode, fixtureBytes } from './helpers';

afterEach(() => vi.restoreAllMocks());

function thrownCode(op: () => unknown): string {
  try {
    op();
    return 'no error';
  } catch (err) {
    return err instanceof AppError ? err.code : `untyped: ${String(err)}`;
  }
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');

describe('one reading of the file', () => {
  const JSON_FILES = [
    'aegis/plain-v3.json',
    '2fas/plain-v4.2fas',
    'andotp/plain.json',
    'bitwarden/vault.json',
    'bitwarden/authenticator.json',
    'proton/plain.json',
    'stratum/backup.json',
    'freeotp-plus/backup.json',
    'lastpass/export.json',
    'raivo/raivo-otp-export.json',
    'steam/dave.maFile',
  ];

  it.each(JSON_FILES)('%s: decoded once and parsed once, for every sniffer and the read', async (file) => {
    const bytes = fixtureBytes(file);
    const whole = text(bytes);
    const parse = vi.spyOn(JSON, 'parse');
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    const result = await readImport({ bytes, fileName: file.split('/').pop()! });
    expect(result.accounts.length).toBeGreaterThan(0);
    // Calls on the whole file only: links inside it may carry JSON of their own (Ente).
    expect(parse.mock.calls.filter(([arg]) => arg === whole)).toHaveLength(1);
    expect(decode.mock.calls.filter(([arg]) => arg === bytes)).toHaveLength(1);
  });

  it.each(['otpauth-list/list.txt', 'bitwarden/vault.csv', 'google-migration-text/transfer.txt', 'ente/plain.txt'])(
    '%s: decoded once and never given to JSON.parse',
    async (file) => {
      const bytes = fixtureBytes(file);
      const whole = text(bytes);
      const parse = vi.spyOn(JSON, 'parse');
      const decode = vi.spyOn(TextDecoder.prototype, 'decode');
      await readImport({ bytes, fileName: file.split('/').pop()! });
      expect(parse.mock.calls.filter(([arg]) => arg === whole)).toHaveLength(0);
      expect(decode.mock.calls.filter(([arg]) => arg === bytes)).toHaveLength(1);
    },
  );

  it('hands read() the value detection parsed', () => {
    const detected = detectFormat({ bytes: fixtureBytes('aegis/plain-v3.json') });
    expect(detected?.importer.id).toBe('aegis');
    expect(detected?.input.json).toEqual(JSON.parse(text(fixtureBytes('aegis/plain-v3.json'))));
  });
});

describe('nesting and size limits', () => {
  it('refuses a 10 MB file nested 5 million levels deep before JSON.parse runs', async () => {
    const levels = 5_000_000;
    const bytes = utf8Encode('['.repeat(levels) + ']'.repeat(levels));
    const parse = vi.spyOn(JSON, 'parse');
    expect(thrownCode(() => detectFormat({ bytes, fileName: 'deep.json' }))).toBe('import/too-deep');
    expect(await errorCode(readImport({ bytes, fileName: 'deep.json' }))).toBe('import/too-deep');
    expect(parse).not.toHaveBeenCalled();
  });

  it('counts objects as well as arrays, and inner values, not just the first', async () => {
    const deepObject = '{"a":'.repeat(MAX_JSON_DEPTH + 1) + '1' + '}'.repeat(MAX_JSON_DEPTH + 1);
    expect(await errorCode(readImport({ bytes: utf8Encode(deepObject) }))).toBe('import/too-deep');
    const deepInside = `{"header":{},"db":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`;
    expect(await errorCode(readImport({ bytes: utf8Encode(deepInside) }))).toBe('import/too-deep');
  });

  it('reads a file nested exactly to the limit (it is then just not an export)', async () => {
    const atLimit = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    const detected = thrownCode(() => detectFormat({ bytes: utf8Encode(atLimit) }));
    expect(detected).toBe('no error');
    expect(await errorCode(readImport({ bytes: utf8Encode(atLimit) }))).toBe('import/unknown-format');
  });

  it('does not count brackets inside strings, whatever their escapes', () => {
    const inString = `["${'['.repeat(1000)}"]`;
    expect(nestsDeeperThan(inString, 2)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash before a quote does.
    expect(nestsDeeperThan(`["\\"[[[["]`, 2)).toBe(false);
    expect(nestsDeeperThan(`["\\\\",[[[]]]]`, 3)).toBe(true);
    expect(nestsDeeperThan(`["\\\\\\"[[[["]`, 2)).toBe(false);
    expect(nestsDeeperThan(`[[[]]]`, 3)).toBe(false);
    expect(nestsDeeperThan(`[[[[]]]]`, 3)).toBe(true);
    // Past a closing bracket with nothing open (or an unterminated string), JSON.parse fails anyway.
    expect(nestsDeeperThan(`]${'['.repeat(10)}`, 3)).toBe(false);
    expect(nestsDeeperThan(`["${'['.repeat(10)}`, 3)).toBe(false);
  });

  it('refuses a file over the size limit before decoding or parsing it', async () => {
    const bytes = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x5b);
    const parse = vi.spyOn(JSON, 'parse');
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    expect(thrownCode(() => detectFormat({ bytes }))).toBe('import/too-large');
    expect(await errorCode(readImport({ bytes }))).toBe('import/too-large');
    expect(parse).not.toHaveBeenCalled();
    expect(decode.mock.calls.filter(([arg]) => arg === bytes)).toHaveLength(0);
  });
});

/** The file cut after `at` characters of its text (after trailing white space, which JSON does not need). */
function cut(file: Uint8Array, fraction: number): Uint8Array {
  const whole = text(file).trimEnd();
  return utf8Encode(whole.slice(0, Math.min(whole.length - 1, Math.round(whole.length * fraction))));
}

const CUTS = [0.25, 0.4, 0.5, 0.65, 0.8, 0.95, 1];

describe('a cut-off export is named as that app’s, damaged or incomplete', () => {
  it.each([
    ['aegis/plain-v3.json', 'import/truncated-aegis', 'aegis'],
    ['aegis/encrypted.json', 'import/truncated-aegis', 'aegis'],
    ['2fas/plain-v4.2fas', 'import/truncated-2fas', '2fas'],
    ['2fas/encrypted-ja.2fas', 'import/truncated-2fas', '2fas'],
  ])('%s cut at several points: %s, before any password is asked for', async (file, code, id) => {
    for (const fraction of CUTS) {
      const bytes = cut(fixtureBytes(file), fraction);
      expect(await errorCode(readImport({ bytes, fileName: file }, { password: 'anything' })), `cut at ${fraction}`).toBe(code);
      const detected = detectFormat({ bytes, fileName: file });
      expect(detected?.importer.id).toBe(id);
      expect(detected?.sniff.refused).toBe(code);
    }
  });

  it('leaves other apps’ cut-off files and complete Aegis and 2FAS files alone', async () => {
    for (const file of ['bitwarden/vault.json', 'andotp/plain.json', 'proton/plain.json', 'lastpass/export.json']) {
      expect(await errorCode(readImport({ bytes: cut(fixtureBytes(file), 0.5) })), file).toBe('import/unknown-format');
    }
    expect((await readImport({ bytes: fixtureBytes('aegis/plain-v3.json') })).format).toBe('aegis');
    expect((await readImport({ bytes: fixtureBytes('2fas/encrypted-ja.2fas') }, { password: FIXTURE_PASSWORDS.twofas })).format).toBe('2fas');
  });
});

describeCorpus('cut-off real Aegis and 2FAS exports', () => {
  it.each([
    ['aegis/importers/aegis_plain.json', 'import/truncated-aegis'],
    ['aegis/importers/aegis_encrypted.json', 'import/truncated-aegis'],
    ['2fas/2fas-demo-nopass.2fas', 'import/truncated-2fas'],
    ['2fas/2fas-demo-pass.2fas', 'import/truncated-2fas'],
    ['aegis/importers/2fas_authenticator.json', 'import/truncated-2fas'],
    ['aegis/importers/2fas_authenticator_encrypted_v3.2fas', 'import/truncated-2fas'],
  ])('%s cut in half: %s', async (file, code) => {
    expect(await errorCode(readImport({ bytes: cut(readCorpusFile(file), 0.5), fileName: file }))).toBe(code);
  });
});

describe('refusals detection makes before any password', () => {
  it('an account-restricted Bitwarden export is recognised as Bitwarden and refused', () => {
    const bytes = fixtureBytes('bitwarden/account-restricted.json');
    const detected = detectFormat({ bytes, fileName: 'account-restricted.json' });
    expect(detected?.importer.id).toBe('bitwarden');
    expect(detected?.sniff).toEqual({ encrypted: true, refused: 'import/account-restricted' });
    expect(thrownCode(() => recogniseFormat({ bytes }))).toBe('import/account-restricted');
  });

  it('a password-protected Bitwarden export is not refused', () => {
    expect(recogniseFormat({ bytes: fixtureBytes('bitwarden/protected-pbkdf2.json') }).sniff).toEqual({ encrypted: true });
  });
});

describe('the importers’ names without the importers', () => {
  it('IMPORTER_LABELS lists every importer label once, in registry order', () => {
    expect(IMPORTER_LABELS).toEqual([...new Set(IMPORTERS.map((i) => i.label))]);
  });
});
