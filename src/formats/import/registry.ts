/**
 * @file The importer registry: every importer in one frozen list, sniffed in order on one
 * reading of the file (input.ts `prepareInput`), so one "Import" button (and `omamori inspect`)
 * reads any supported export, and a file is decoded and parsed once per import.
 */
import { AppError } from '../../core/errors';
import { aegisImporter } from './aegis';
import { andotpEncryptedImporter, andotpImporter } from './andotp';
import { applePasswordsImporter } from './apple-passwords';
import { bitwardenAuthenticatorImporter, bitwardenImporter } from './bitwarden';
import { bitwardenCsvImporter } from './bitwarden-csv';
import { cxfImporter } from './cxf';
import { battleNetXmlImporter, freeOtpXmlImporter, totpAuthenticatorXmlImporter } from './android-prefs';
import { authenticatorPlusDbImporter, googleAuthenticatorDbImporter, microsoftAuthenticatorDbImporter, stratumDbImporter } from './app-databases';
import { authyXmlImporter } from './authy';
import { duoImporter } from './duo';
import { enteEncryptedImporter, enteImporter } from './ente';
import { freeOtpPlusImporter } from './freeotp-plus';
import { freeOtpV2Importer } from './freeotp-v2';
import { googleMigrationTextImporter } from './google-migration-text';
import { keepassImporter } from './keepass';
import { keepassXcCsvImporter } from './keepassxc-csv';
import { lastPassImporter } from './lastpass';
import { omamoriImporter } from './omamori';
import { onePasswordImporter } from './onepassword-1pux';
import { otpauthListImporter } from './otpauth-list';
import { protonImporter } from './proton';
import { raivoImporter } from './raivo';
import { steamImporter } from './steam';
import { stratumImporter } from './stratum';
import { stratumHtmlImporter } from './stratum-html';
import { totpAuthenticatorImporter } from './totp-authenticator';
import { twofasImporter } from './twofas';
import { looksLikeJson, prepareInput } from './input';
import type { ImportInput, ImportOptions, ImportResult, Importer, ParsedInput, SniffResult } from './types';
import { authenticatorPlusImporter, raivoZipImporter, winAuthZipImporter } from './zip-lists';

export type { ImportedAccount, ImportInput, ImportOptions, ImportProblem, ImportResult, Importer, ParsedInput } from './types';
export { MAX_IMPORT_BYTES, MAX_JSON_DEPTH, prepareInput } from './input';

/*
 * The sniffing order: the first importer whose sniff says yes reads the file, so an importer
 * that would also claim another's file must come after it. Most sniffers claim only their own
 * structure (the app's JSON field names, magic bytes, ZIP member names), and for them the place
 * does not matter; it is kept as it is so that no file changes hands. Where it matters:
 *
 * 1. JSON with the app's own fields first: Aegis (header + db), 2FAS (services + schemaVersion/
 *    appOrigin), andOTP (an array of {secret, type, label}), Bitwarden (items + folders or
 *    collections, or encrypted), Bitwarden Authenticator (items without folders), CXF (a
 *    `version` object and `accounts`; before LastPass, whose sniff takes any `accounts` array).
 * 2. Text lists of links, most specific first. Google transfer links come before the plain
 *    otpauth:// list: a transfer file may hold otpauth:// lines too, which the list would claim
 *    by its first line and then fail on the rest. Ente's list (links with `codeDisplay=`) comes
 *    before the plain list, which claims every file whose first significant line is a link.
 *    Bitwarden's CSV (a `login_totp` header line) and KeePassXC's (quoted "Group", "Title",
 *    "Username", "TOTP" headers) follow them: no list claims a CSV, and the
 *    transfer reader claims one only when a row is a transfer link, whose codes it then reads.
 *    Apple Passwords' CSV (an `OTPAuth` header column) follows Bitwarden's, which it never claims.
 * 3. andOTP's encrypted file has no magic: it is claimed by file name only (*.bin, *.aes), and
 * 3. KeePass databases (KDBX), by their two 32-bit signatures only, before andOTP's encrypted
 *    file, which would otherwise claim a database saved under a *.bin name.
 *    andOTP's encrypted file has no magic: it is claimed by file name only (*.bin, *.aes), and
 *    only when it is not UTF-8 text and carries none of the magics of the binary formats after
 *    it (Stratum, Java serialisation, ZIP, SQLite), so its place before them takes nothing away.
 * 4. Formats with a magic or a JSON shape of their own: Omamori (`format: omamori-export`),
 *    Proton, Stratum (magic or `Authenticators`), Ente's encrypted JSON, FreeOTP+ (`tokens`),
 *    FreeOTP v2 (Java serialisation), LastPass (an `accounts` array), Raivo, Steam (`.maFile`
 *    fields), Stratum's HTML page, 1Password's 1PUX (a ZIP with `export.data`) and the password ZIPs,
 *    recognised by member name. Then the
 *    files of apps without an export (#17): Duo's JSON array (accounts with `otpGenerator`),
 *    SQLite databases told apart by their schema text (Google, Microsoft, Stratum), Android
 *    preferences XML by their entry names (Authy, FreeOTP, TOTP Authenticator, Battle.net), and
 *    Authenticator Plus's SQLCipher file, which has no magic and is refused by name and shape.
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
  cxfImporter,
  googleMigrationTextImporter,
  enteImporter,
  otpauthListImporter,
  bitwardenCsvImporter,
  applePasswordsImporter,
  keepassXcCsvImporter,
  keepassImporter,
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
  onePasswordImporter,
  authenticatorPlusImporter,
  winAuthZipImporter,
  raivoZipImporter,
  duoImporter,
  googleAuthenticatorDbImporter,
  microsoftAuthenticatorDbImporter,
  stratumDbImporter,
  authyXmlImporter,
  freeOtpXmlImporter,
  totpAuthenticatorXmlImporter,
  battleNetXmlImporter,
  authenticatorPlusDbImporter,
  totpAuthenticatorImporter,
]);

export interface Detected {
  importer: Importer;
  sniff: SniffResult;
  /** The file as it was read for detection: read() takes it, so the file is not parsed again. */
  input: ParsedInput;
}

/**
 * Reads the file once (prepareInput: `import/too-large`, `import/too-deep`) and returns the first
 * importer whose sniff recognises it, or null. A sniffer never throws; one that did is skipped.
 * When nothing recognises a file that is not valid JSON, an importer's `damagedText` check may
 * still know it: the result then carries that importer with a refusal (`truncated-…`).
 */
export function detectFormat(input: ImportInput): Detected | null {
  const parsed = prepareInput(input);
  for (const importer of IMPORTERS) {
    let sniff: SniffResult | null = null;
    try {
      sniff = importer.sniff(parsed);
    } catch {
      sniff = null;
    }
    if (sniff !== null) return { importer, sniff, input: parsed };
  }
  const { text } = parsed;
  if (text === null || parsed.json !== undefined || !looksLikeJson(text)) return null;
  for (const importer of IMPORTERS) {
    const damaged = importer.damagedText;
    if (damaged?.matches(text) === true) return { importer, sniff: { encrypted: false, refused: damaged.code }, input: parsed };
  }
  return null;
}

/**
 * detectFormat, with every refusal a caller must show at once, before any password is asked
 * for: `import/unknown-format`, and the importer's own (an account-restricted Bitwarden export,
 * a cut-off Aegis file).
 */
export function recogniseFormat(input: ImportInput): Detected {
  const detected = detectFormat(input);
  if (detected === null) throw new AppError('import/unknown-format');
  if (detected.sniff.refused !== undefined) throw new AppError(detected.sniff.refused);
  return detected;
}

/** Recognises and reads, parsing the file once; throws the typed errors of recogniseFormat and of the importer's read(). */
export async function readImport(input: ImportInput, options: ImportOptions = {}): Promise<ImportResult> {
  const { importer, input: parsed } = recogniseFormat(input);
  return importer.read(parsed, options);
}
