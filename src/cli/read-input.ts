/**
 * @file Reads whatever FILE is into accounts: an Omamori backup, another app's export (the
 * importer registry), a QR image, or text holding otpauth:// and otpauth-migration:// lines.
 * The file is read from disk up to a limit (never further: `omamori inspect /dev/zero` stops
 * there), its size is judged by what it claims to be, and it is decoded and parsed once.
 * Passphrases are asked for only when the file turns out to be encrypted.
 */
import type { AccountData } from '../core/account';
import { AppError, isAppError, type ErrorCode } from '../core/errors';
import { parseOtpauthUri } from '../core/otpauth-uri';
import { classifyQrText } from '../core/qr-content';
import { decodeMigrationUri, migrationBatchOf } from '../formats/google-migration/codec';
import type { EntryProblem } from '../formats/google-migration/types';
import { isRecord, MAX_IMPORT_BYTES, prepareInput } from '../formats/import/input';
import type { ImportedAccount, ImportProblem, ParsedInput } from '../formats/import/types';
import { CliError } from './cli-error';
import { detectInput } from './detect-input';
import { readFileUpTo } from './node-io';
import { looksLikeImage, readQrTexts } from './qr-image';

export interface InputResult {
  /** 'omamori', an importer id, 'qr-image' or 'otpauth-text'. */
  format: string;
  encrypted: boolean;
  accounts: ImportedAccount[];
  problems: ImportProblem[];
  /** Google Authenticator transfer codes seen, when the input held any. */
  transfer?: { batchSize: number; scanned: number[]; missing: number[] };
  /** The decoded QR texts of an image (they hold secrets: shown only with --secrets). */
  qrTexts?: string[];
  /** Entries that are no authenticator accounts (a password manager's password-only entries). */
  notAccounts?: number;
}

export interface ReadInputDeps {
  /** Called only when the input is encrypted. */
  passphrase: () => Promise<string>;
  /** A KeePass key file's bytes (--key-file); other formats ignore it. */
  keyFile?: Uint8Array;
  /** --no-password: a KeePass database opened by its key file alone; no passphrase is asked for. */
  noPassword?: boolean;
}

function imported(a: AccountData): ImportedAccount {
  return { ...a, groups: [], notes: '', favourite: false };
}

const QR_KIND: Record<ReturnType<typeof classifyQrText>['kind'], string> = {
  otpauth: 'an account link',
  migration: 'a transfer code',
  'transfer-code': "an Omamori backup's transfer code",
  'web-address': 'a web address',
  wifi: 'Wi-Fi settings',
  other: 'other text',
};

const ENTRY_PROBLEM_CODE: Record<EntryProblem['code'], ErrorCode> = {
  'unsupported-algorithm': 'account/invalid-algorithm',
  'unsupported-digits': 'account/invalid-digits',
  'unsupported-type': 'uri/unsupported-type',
  'invalid-secret': 'account/invalid-secret',
  'invalid-entry': 'import/damaged',
};

/** Lines (or QR texts) of otpauth:// and otpauth-migration:// links; null when there are none. */
export function readLinkTexts(texts: readonly string[], format: string): InputResult | null {
  const accounts: ImportedAccount[] = [];
  const problems: ImportProblem[] = [];
  let links = 0;
  const seenMigration = new Set<string>();
  texts.forEach((raw, i) => {
    const content = classifyQrText(raw);
    if (content.kind === 'migration') {
      links++;
      if (seenMigration.has(content.text)) return;
      seenMigration.add(content.text);
      try {
        const batch = decodeMigrationUri(content.text);
        accounts.push(...batch.accounts.map(imported));
        problems.push(...batch.problems.map((p) => ({ label: p.excerpt !== '' ? p.excerpt : `#${p.index + 1}`, code: ENTRY_PROBLEM_CODE[p.code] })));
      } catch (err) {
        problems.push({ label: `line ${i + 1}`, code: isAppError(err) ? err.code : 'migration/invalid-data' });
      }
    } else if (content.kind === 'otpauth') {
      links++;
      try {
        accounts.push(imported(parseOtpauthUri(content.text)));
      } catch (err) {
        problems.push({ label: `line ${i + 1}`, code: isAppError(err) ? err.code : 'uri/invalid' });
      }
    } else if (content.text !== '' && !content.text.startsWith('#')) {
      problems.push({ label: `line ${i + 1}`, code: content.kind === 'transfer-code' ? 'import/unsupported' : 'uri/unsupported-scheme' });
    }
  });
  if (links === 0) return null;
  const result: InputResult = { format, encrypted: false, accounts, problems };
  const transfer = transferInfo(texts);
  if (transfer !== undefined) result.transfer = transfer;
  return result;
}

/**
 * Which codes of a Google Authenticator export the texts hold, so a user sees "2 of 3" before
 * trusting a conversion. One export at a time is the usual case; with several, the first one's.
 */
export function transferInfo(texts: readonly string[]): InputResult['transfer'] {
  let first: { id: number; size: number; seen: Set<number> } | undefined;
  for (const text of texts) {
    if (!/^\s*otpauth-migration:/i.test(text)) continue;
    try {
      const b = migrationBatchOf(text);
      first ??= { id: b.batchId, size: b.batchSize, seen: new Set<number>() };
      if (b.batchId === first.id && b.batchSize === first.size) first.seen.add(b.batchIndex);
    } catch {
      // Reported by the reader of the file.
    }
  }
  if (first === undefined) return undefined;
  const { size, seen } = first;
  return { batchSize: size, scanned: [...seen].sort((a, b) => a - b), missing: Array.from({ length: size }, (_, i) => i).filter((i) => !seen.has(i)) };
}

async function readOmamori(bytes: Uint8Array, deps: ReadInputDeps): Promise<InputResult | null> {
  // Loaded for a backup only: core/export-file brings the whole of core/crypto.
  const { inspectExportFile, readExportFile } = await import('../core/export-file');
  const { createInProcessKdf } = await import('../core/crypto/kdf');
  let slots: string[];
  try {
    slots = inspectExportFile(bytes).slots;
  } catch (err) {
    if (isAppError(err) && err.code === 'file/not-omamori') return null;
    throw err;
  }
  const secretText = await deps.passphrase();
  // A file exported with a transfer code instead of a passphrase takes that code in its place.
  const secret = slots.includes('passphrase') ? { kind: 'passphrase' as const, passphrase: secretText } : { kind: 'transfer-code' as const, code: secretText };
  const payload = await readExportFile(bytes, secret, { kdf: createInProcessKdf() });
  return { format: 'omamori', encrypted: true, accounts: payload.accounts.map(imported), problems: [] };
}

async function readForeign(input: ParsedInput, deps: ReadInputDeps): Promise<InputResult | null> {
  const detected = await detectInput(input);
  if (detected === null) return null;
  const { importer, sniff } = detected;
  // Said before any passphrase is asked for: an account-restricted Bitwarden file, a cut-off one.
  if (sniff.refused !== undefined) throw new AppError(sniff.refused);
  const read = async (password?: string): Promise<InputResult> => {
    const options = { ...(password === undefined ? {} : { password }), ...(deps.keyFile === undefined ? {} : { keyFile: deps.keyFile }) };
    const result = await importer.read(input, options);
    const out: InputResult = {
      format: result.format,
      encrypted: sniff.encrypted || password !== undefined,
      accounts: result.accounts,
      problems: result.problems,
    };
    if (result.notAccounts !== undefined) out.notAccounts = result.notAccounts;
    return out;
  };
  if (sniff.encrypted) return read(deps.noPassword === true ? undefined : await deps.passphrase());
  try {
    return await read();
  } catch (err) {
    if (isAppError(err) && err.code === 'import/password-required') return read(await deps.passphrase());
    throw err;
  }
}

/** Photos and screenshots of QR codes are a few MiB; 20 MiB leaves room for a large PNG. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
/** The most any input is read from disk: the largest of the limits below. */
export const MAX_INPUT_BYTES = Math.max(MAX_IMPORT_BYTES, MAX_IMAGE_BYTES);
const MIB = 1024 * 1024;

/** How much of a file is read, by what its first bytes claim it is, and the line that says so when it is larger. */
export function inputLimit(bytes: Uint8Array): { bytes: number; line: string } {
  if (looksLikeImage(bytes)) return { bytes: MAX_IMAGE_BYTES, line: `This image is too large: images are read up to ${MAX_IMAGE_BYTES / MIB} MiB.` };
  if (namesOmamori(bytes)) {
    return { bytes: MAX_IMPORT_BYTES, line: `This Omamori backup is too large: backups are read up to ${MAX_IMPORT_BYTES / MIB} MiB.` };
  }
  return { bytes: MAX_IMPORT_BYTES, line: `This file is too large: exports, backups and link lists are read up to ${MAX_IMPORT_BYTES / MIB} MiB.` };
}

/** FILE's bytes, read no further than any input may be (one byte past it, so readInput can refuse it). */
export function readInputFile(file: string): Promise<Uint8Array> {
  return readFileUpTo(file, MAX_INPUT_BYTES + 1);
}

/** Names Omamori's format in its first bytes: core/export-file's test for a damaged backup. */
function namesOmamori(bytes: Uint8Array): boolean {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 256)).includes('omamori-export');
}

/**
 * Whether core/export-file may call the file its own (or a damaged one of its own): JSON whose
 * `format` says so, or a file that is not JSON (prepareInput did not parse it, and neither will
 * core's JSON.parse) but names the format in its first bytes. Anything else core would answer
 * `file/not-omamori`, so it is left to the importers without loading core/export-file.
 */
function mayBeOmamori(input: ParsedInput): boolean {
  if (input.json === undefined) return namesOmamori(input.bytes);
  return isRecord(input.json) && input.json.format === 'omamori-export';
}

export async function readInput(bytes: Uint8Array, fileName: string, deps: ReadInputDeps): Promise<InputResult> {
  const limit = inputLimit(bytes);
  if (bytes.length > limit.bytes) throw new CliError(limit.line);
  if (bytes.length === 0) throw new AppError('import/unknown-format');
  if (looksLikeImage(bytes)) {
    const texts = await readQrTexts(bytes);
    const result = readLinkTexts(texts, 'qr-image');
    if (result === null) {
      // Only the kind of what was found (never its text): "a web address", "Wi-Fi settings"…
      const kinds = [...new Set(texts.map((t) => QR_KIND[classifyQrText(t).kind]))];
      throw new CliError(
        `The QR code${texts.length === 1 ? '' : 's'} in this image ${texts.length === 1 ? 'is' : 'are'} not for an authenticator (found ${kinds.join(', ')}).`,
      );
    }
    result.qrTexts = texts;
    return result;
  }
  // Read and parsed once here, with the nesting limit, before anything else looks at the text.
  const input = prepareInput({ bytes, fileName });
  const omamori = mayBeOmamori(input) ? await readOmamori(bytes, deps) : null;
  if (omamori !== null) return omamori;
  const { text } = input;
  const foreign = await readForeign(input, deps);
  if (foreign !== null) {
    const transfer = text === null ? undefined : transferInfo(text.split(/\r?\n/));
    if (transfer !== undefined) foreign.transfer = transfer;
    return foreign;
  }
  const links = text === null ? null : readLinkTexts(text.split(/\r?\n/), 'otpauth-text');
  if (links !== null) return links;
  throw new AppError('import/unknown-format');
}
