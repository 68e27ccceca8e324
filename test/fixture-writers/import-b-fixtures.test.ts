/**
 * Writes test/fixtures/import/* (family-B importers) once:
 * `npx vitest run --config vitest.fixture-writers.config.ts test/fixture-writers/import-b-fixtures.test.ts`.
 * Not part of `npm test`; the committed files are what the unit tests read.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import * as F from '../unit/formats/import/b-fixtures';
import * as W from '../unit/formats/import/b-writers';

function put(rel: string, bytes: Uint8Array | string): void {
  const url = new URL(rel, F.FIXTURE_ROOT);
  mkdirSync(new URL('.', url), { recursive: true });
  writeFileSync(url, typeof bytes === 'string' ? bytes : Buffer.from(bytes));
}

describe('family-B import fixture writer', () => {
  it('writes every fixture', async () => {
    put(F.FILES.protonPlain, F.PROTON_PLAIN);
    put(F.FILES.protonEncrypted, await W.writeProtonEncrypted(F.PROTON_PLAIN, F.PASSWORD));
    put(F.FILES.stratumPlain, F.STRATUM_PLAIN);
    put(F.FILES.stratumStrong, await W.writeStratumStrong(F.STRATUM_PLAIN, F.PASSWORD));
    put(F.FILES.stratumLegacy, W.writeStratumLegacy(F.STRATUM_PLAIN, F.PASSWORD));
    put(F.FILES.stratumHtml, F.STRATUM_HTML);
    put(F.FILES.enteEncrypted, await W.writeEnteEncrypted(F.ENTE_TEXT, F.PASSWORD, F.ENTE_MEM_LIMIT, F.ENTE_OPS_LIMIT));
    put(F.FILES.freeOtpPlus, F.FREEOTP_PLUS);
    put(F.FILES.freeOtpV2, W.writeFreeOtpV2(F.FREEOTP_V2_TOKENS, F.PASSWORD));
    put(F.FILES.lastPass, F.LASTPASS);
    put(F.FILES.raivo, F.RAIVO);
    put(F.FILES.raivoZip, await W.writeZipCrypto('raivo-otp-export.json', F.RAIVO, F.PASSWORD, false));
    put(F.FILES.steamSingle, F.STEAM_SINGLE);
    put(F.FILES.steamWrapped, F.STEAM_WRAPPED);
    put(F.FILES.totpAuthenticator, W.writeTotpAuthenticator(F.TOTP_AUTHENTICATOR_ENTRIES, F.PASSWORD));
    put(F.FILES.authenticatorPlus, await W.writeZipCrypto('Accounts.txt', F.URI_LIST, F.PASSWORD));
    put(F.FILES.winAuth, await W.writeZipCrypto('winauth-2026-01-01.txt', F.URI_LIST, F.PASSWORD));
  }, 60_000);
});
