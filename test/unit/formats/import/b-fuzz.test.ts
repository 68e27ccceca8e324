/**
 * Fuzzing of every family-B importer: 10,000 inputs per importer per run. Encrypted formats
 * spend most of them on the decoder behind the decryption (the plaintext parser) and a few
 * hundred on the full path, with a stub KDF (or the format's cheap KDF) so the ciphers are
 * reached. Every call must give a result or an AppError within 2 s, and sniff never throws.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { readEnteText } from '../../../../src/formats/import/ente-encrypted';
import { importersB } from '../../../../src/formats/import/family-b';
import { readJavaStringMap } from '../../../../src/formats/import/java-serial';
import { readProtonPlain } from '../../../../src/formats/import/proton';
import { readRaivo } from '../../../../src/formats/import/raivo';
import { readStratumJson } from '../../../../src/formats/import/stratum';
import { readTotpAuthenticatorPlain } from '../../../../src/formats/import/totp-authenticator';
import { readUriList } from '../../../../src/formats/import/link-lists';
import type { ImportOptions, Importer } from '../../../../src/formats/import/types';
import { readFixture as readOmamoriFixture, TRANSFER_CODE } from '../../core/export-fixtures';
import * as F from './b-fixtures';
import { expectResultOrAppError, fuzzInputs, mutatedBytes } from './b-fuzz-arbitraries';
import * as W from './b-writers';

const TIMEOUT = 120_000;
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function importer(id: string): Importer {
  const found = importersB.find((i) => i.id === id);
  if (found === undefined) throw new Error(`no importer ${id}`);
  return found;
}

/** sniff (must not throw at all), then read (result or AppError). */
async function fuzzImporter(id: string, base: Uint8Array, runs: number, options: ImportOptions, fileName?: string, arb = fuzzInputs(base)): Promise<void> {
  const imp = importer(id);
  await fc.assert(
    fc.asyncProperty(arb, async (bytes) => {
      const input = fileName === undefined ? { bytes } : { bytes, fileName };
      imp.sniff(input);
      await expectResultOrAppError(() => imp.read(input, options));
    }),
    { numRuns: runs },
  );
}

async function fuzzDecoder(base: Uint8Array, runs: number, decode: (bytes: Uint8Array) => unknown): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fuzzInputs(base), async (bytes) => {
      await expectResultOrAppError(() => decode(bytes));
    }),
    { numRuns: runs },
  );
}

const jsonOrNull = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(dec(bytes)) as unknown;
  } catch {
    return null;
  }
};

const withPassword: ImportOptions = { password: F.PASSWORD, kdf: W.STUB_KDF };

describe('family-B fuzz (10,000 inputs per importer)', () => {
  it('proton: 9,500 plain + 500 encrypted (stub KDF)', async () => {
    await fuzzDecoder(enc(F.PROTON_PLAIN), 4_500, (b) => readProtonPlain(jsonOrNull(b)));
    await fuzzImporter('proton-authenticator', enc(F.PROTON_PLAIN), 5_000, {});
    await fuzzImporter('proton-authenticator', await W.writeProtonEncrypted(F.PROTON_PLAIN, F.PASSWORD, W.stubArgon2), 500, withPassword);
  }, TIMEOUT);

  it('stratum: 9,500 plain + 400 strong (stub KDF) + 100 legacy (PBKDF2, 64,000 rounds)', async () => {
    await fuzzDecoder(enc(F.STRATUM_PLAIN), 4_500, (b) => readStratumJson(jsonOrNull(b)));
    await fuzzImporter('stratum', enc(F.STRATUM_PLAIN), 5_000, {});
    await fuzzImporter('stratum', await W.writeStratumStrong(F.STRATUM_PLAIN, F.PASSWORD, W.stubArgon2), 400, withPassword);
    await fuzzImporter('stratum', F.readImportFixture(F.FILES.stratumLegacy), 100, withPassword);
  }, TIMEOUT);

  it('ente-encrypted: 9,700 decrypted text + 300 full path (tiny libsodium limits)', async () => {
    await fuzzDecoder(enc(F.ENTE_TEXT), 9_700, (b) => readEnteText(dec(b)));
    const file = F.readImportFixture(F.FILES.enteEncrypted);
    const aborted = AbortSignal.abort();
    const imp = importer('ente-encrypted');
    await fc.assert(
      fc.asyncProperty(fuzzInputs(file), async (bytes) => {
        imp.sniff({ bytes });
        // A mutation that asks for more than 1 MiB still has its bounds checked, but the
        // (already aborted) signal stops it before libsodium would spend seconds on it.
        const k = (jsonOrNull(bytes) as { kdfParams?: { memLimit?: unknown; opsLimit?: unknown } } | null)?.kdfParams;
        const cheap = Number(k?.memLimit ?? 0) * Math.max(1, Number(k?.opsLimit ?? 1)) <= 1 << 20;
        await expectResultOrAppError(() => imp.read({ bytes }, cheap ? { password: F.PASSWORD } : { password: F.PASSWORD, signal: aborted }));
      }),
      { numRuns: 300 },
    );
  }, TIMEOUT);

  it('freeotp-v2: 9,000 Java-serialized maps + 1,000 full path (PBKDF2 1000)', async () => {
    const file = F.readImportFixture(F.FILES.freeOtpV2);
    await fc.assert(
      fc.asyncProperty(mutatedBytes(file), async (bytes) => {
        await expectResultOrAppError(() => readJavaStringMap(bytes));
      }),
      { numRuns: 9_000 },
    );
    await fuzzImporter('freeotp-v2', file, 1_000, { password: F.PASSWORD });
  }, TIMEOUT);

  it('totp-authenticator: 9,500 decrypted JSON + 500 full path', async () => {
    const plain = enc(JSON.stringify({ [JSON.stringify(F.TOTP_AUTHENTICATOR_ENTRIES)]: '1700000000' }));
    await fuzzDecoder(plain, 9_500, (b) => readTotpAuthenticatorPlain(b));
    await fuzzImporter('totp-authenticator', F.readImportFixture(F.FILES.totpAuthenticator), 500, { password: F.PASSWORD }, 'backup.bin');
  }, TIMEOUT);

  it.each([
    ['authenticator-plus', F.FILES.authenticatorPlus, F.URI_LIST],
    ['winauth-zip', F.FILES.winAuth, F.URI_LIST],
    ['raivo-zip', F.FILES.raivoZip, F.RAIVO],
  ])('%s: 5,000 ZIP directories + 4,500 members + 500 full path', async (id, file, member) => {
    const zip = F.readImportFixture(file);
    const imp = importer(id);
    await fc.assert(
      fc.asyncProperty(mutatedBytes(zip), async (bytes) => {
        await expectResultOrAppError(() => imp.sniff({ bytes }));
      }),
      { numRuns: 5_000 },
    );
    const decode = id === 'raivo-zip' ? (b: Uint8Array) => readRaivo(jsonOrNull(b)) : (b: Uint8Array) => readUriList(id, dec(b));
    await fuzzDecoder(enc(member), 4_500, decode);
    await fuzzImporter(id, zip, 500, { password: F.PASSWORD });
  }, TIMEOUT);

  it.each([
    ['freeotp-plus', F.FREEOTP_PLUS],
    ['lastpass', F.LASTPASS],
    ['raivo', F.RAIVO],
    ['stratum-html', F.STRATUM_HTML],
  ])('%s: 10,000 inputs', async (id, text) => {
    await fuzzImporter(id, enc(text), 10_000, {});
  }, TIMEOUT);

  it('steam: 5,000 single + 5,000 wrapped maFiles', async () => {
    await fuzzImporter('steam', enc(F.STEAM_SINGLE), 5_000, {});
    await fuzzImporter('steam', enc(F.STEAM_WRAPPED), 5_000, {});
  }, TIMEOUT);

  it('omamori: 10,000 mutated transfer-code exports', async () => {
    await fuzzImporter('omamori', readOmamoriFixture('transfer-code.omamori'), 10_000, { password: TRANSFER_CODE });
  }, TIMEOUT);
});
