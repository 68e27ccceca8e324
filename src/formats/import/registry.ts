/**
 * @file The importer registry: every importer in one frozen list, sniffed in order, so one
 * "Import" button (and `omamori inspect`) reads any supported export.
 */
import { AppError } from '../../core/errors';
import { aegisImporter } from './aegis';
import { andotpEncryptedImporter, andotpImporter } from './andotp';
import { bitwardenAuthenticatorImporter, bitwardenImporter } from './bitwarden';
import { bitwardenCsvImporter } from './bitwarden-csv';
import { enteEncryptedImporter, enteImporter } from './ente';
import { freeOtpPlusImporter } from './freeotp-plus';
import { freeOtpV2Importer } from './freeotp-v2';
import { googleMigrationTextImporter } from './google-migration-text';
import { lastPassImporter } from './lastpass';
import { omamoriImporter } from './omamori';
import { otpauthListImporter } from './otpauth-list';
import { protonImporter } from './proton';
import { raivoImporter } from './raivo';
import { steamImporter } from './steam';
import { stratumImporter } from './stratum';
import { stratumHtmlImporter } from './stratum-html';
import { totpAuthenticatorImporter } from './totp-authenticator';
import { twofasImporter } from './twofas';
import type { ImportInput, ImportOptions, ImportResult, Importer, SniffResult } from './types';
import { authenticatorPlusImporter, raivoZipImporter, winAuthZipImporter } from './zip-lists';

export type { ImportedAccount, ImportInput, ImportOptions, ImportProblem, ImportResult, Importer } from './types';

/** Largest export we parse (a 10,000-account vault with notes is a few MiB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;

/*
 * The sniffing order: the first importer whose sniff says yes reads the file, so an importer
 * that would also claim another's file must come after it. Most sniffers claim only their own
 * structure (the app's JSON field names, magic bytes, ZIP member names), and for them the place
 * does not matter; it is kept as it is so that no file changes hands. Where it matters:
 *
 * 1. JSON with the app's own fields first: Aegis (header + db), 2FAS (services + schemaVersion/
 *    appOrigin), andOTP (an array of {secret, type, label}), Bitwarden (items + folders or
 *    collections, or encrypted), Bitwarden Authenticator (items without folders).
 * 2. Text lists of links, most specific first. Google transfer links come before the plain
 *    otpauth:// list: a transfer file may hold otpauth:// lines too, which the list would claim
 *    by its first line and then fail on the rest. Ente's list (links with `codeDisplay=`) comes
 *    before the plain list, which claims every file whose first significant line is a link.
 *    Bitwarden's CSV (a `login_totp` header line) follows them: no list claims a CSV, and the
 *    transfer reader claims one only when a row is a transfer link, whose codes it then reads.
 * 3. andOTP's encrypted file has no magic: it is claimed by file name only (*.bin, *.aes), and
 *    only when it is not UTF-8 text and carries none of the magics of the binary formats after
 *    it (Stratum, Java serialisation, ZIP, SQLite), so its place before them takes nothing away.
 * 4. Formats with a magic or a JSON shape of their own: Omamori (`format: omamori-export`),
 *    Proton, Stratum (magic or `Authenticators`), Ente's encrypted JSON, FreeOTP+ (`tokens`),
 *    FreeOTP v2 (Java serialisation), LastPass (an `accounts` array), Raivo, Steam (`.maFile`
 *    fields), Stratum's HTML page, and the password ZIPs, recognised by member name.
 * 5. TOTP Authenticator last: base64 text of whole AES blocks, no magic, so it says yes to much
 *    that is not its own.
 *
 * test/unit/formats/import/corpus.test.ts checks which importers claim each real export.
 */
export const IMPORTERS: readonly Importer[] = Object.freeze([
  aegisImporter,
  twofasImporter,
  andotpImporter,
  bitwardenImporter,
  bitwardenAuthenticatorImporter,
  googleMigrationTextImporter,
  enteImporter,
  otpauthListImporter,
  bitwardenCsvImporter,
  andotpEncryptedImporter,
  omamoriImporter,
  protonImporter,
  stratumImporter,
  enteEncryptedImporter,
  freeOtpPlusImporter,
  freeOtpV2Importer,
  lastPassImporter,
  raivoImporter,
  steamImporter,
  stratumHtmlImporter,
  authenticatorPlusImporter,
  winAuthZipImporter,
  raivoZipImporter,
  totpAuthenticatorImporter,
]);

export interface Detected {
  importer: Importer;
  sniff: SniffResult;
}

/** The first importer that recognises the file, or null. Never throws. */
export function detectFormat(input: ImportInput): Detected | null {
  if (input.bytes.length > MAX_IMPORT_BYTES) return null;
  for (const importer of IMPORTERS) {
    let sniff: SniffResult | null = null;
    try {
      sniff = importer.sniff(input);
    } catch {
      sniff = null;
    }
    if (sniff !== null) return { importer, sniff };
  }
  return null;
}

/** Detects and reads; throws 'import/unknown-format' when no importer recognises the file. */
export async function readImport(input: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new AppError('file/too-large');
  const detected = detectFormat(input);
  if (detected === null) throw new AppError('import/unknown-format');
  return detected.importer.read(input, options);
}
