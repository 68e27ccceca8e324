/**
 * @file Google Authenticator's "Transfer accounts" QR codes:
 * `otpauth-migration://offline?data=<percent-encoded base64 of a MigrationPayload>` (the
 * protobuf layer is google-migration-wire.ts). Decoding maps one code to accounts plus per-entry
 * problems; encoding writes what Google Authenticator itself can import.
 */
import { base64Decode, base64Encode } from '@bufbuild/protobuf/wire';
import { validateAccount, type AccountData, type HashAlgorithm } from '../../core/account';
import { decodeBase32, encodeBase32 } from '../../core/base32';
import { AppError, isAppError } from '../../core/errors';
import type { EncodedMigration, EncodeMigrationOptions, EntryProblem, MigrationBatch, MigrationSkipReason } from './types';
import { readMigrationPayload, writeMigrationPayload, type MigrationPayload, type OtpParameters } from './wire';

/** Longest `data=` value read (percent-encoded characters); checked before decoding anything. */
export const MAX_MIGRATION_DATA_CHARS = 64 * 1024;
/** Google shows 10 accounts per code; 1000 codes is far beyond any real export. */
const MAX_BATCH_SIZE = 1000;
const URI_PREFIX = /^otpauth-migration:\/\/offline\/?\?/i;

/** Enum values: index = protobuf number. 0 (unspecified) means the proto3 default. */
const ALGORITHMS: readonly (HashAlgorithm | 'MD5')[] = ['SHA1', 'SHA1', 'SHA256', 'SHA512', 'MD5'];
const DIGITS: readonly number[] = [6, 6, 8];
const TYPES: readonly ('totp' | 'hotp')[] = ['totp', 'hotp', 'totp'];

/**
 * Google keeps the whole otpauth label as `name`, so an account added from
 * `otpauth://totp/Example:alice?issuer=Example` exports as name "Example:alice", issuer "Example".
 * Drop exactly one `issuer:` prefix (what our otpauth parser does with such a label); a name equal
 * to the issuer means "no account name". Without an issuer, a colon is part of the name.
 */
export function accountNameFromGoogle(googleName: string, issuer: string): string {
  if (issuer === '') return googleName;
  if (googleName === issuer) return '';
  return googleName.startsWith(`${issuer}:`) ? googleName.slice(issuer.length + 1) : googleName;
}

/** The inverse of `accountNameFromGoogle` for every (issuer, name), and what Google itself writes. */
export function accountNameForGoogle(account: Pick<AccountData, 'issuer' | 'name'>): string {
  if (account.issuer === '') return account.name;
  return account.name === '' ? account.issuer : `${account.issuer}:${account.name}`;
}

function toAccount(p: OtpParameters, index: number): { account: AccountData } | { problem: EntryProblem } {
  const issuer = p.issuer.trim();
  const name = accountNameFromGoogle(p.name.trim(), issuer).trim();
  const excerpt = (issuer !== '' && name !== '' ? `${issuer} (${name})` : issuer || name).slice(0, 80);
  const problem = (code: EntryProblem['code']): { problem: EntryProblem } => ({ problem: { index, code, excerpt } });
  const type = TYPES[p.type];
  if (type === undefined) return problem('unsupported-type');
  const algorithm = ALGORITHMS[p.algorithm];
  if (algorithm === undefined || algorithm === 'MD5') return problem('unsupported-algorithm');
  const digits = DIGITS[p.digits];
  if (digits === undefined) return problem('unsupported-digits');
  if (p.secret.length === 0) return problem('invalid-secret');
  const counter = type === 'hotp' ? p.counter : 0n;
  if (counter < 0n || counter > BigInt(Number.MAX_SAFE_INTEGER)) return problem('invalid-entry');
  try {
    const secretB32 = encodeBase32(p.secret);
    return { account: validateAccount({ type, issuer, name, secretB32, algorithm, digits, period: 30, counter: Number(counter), pin: '' }) };
  } catch (err) {
    return problem(isAppError(err) && err.field === 'secret' ? 'invalid-secret' : 'invalid-entry');
  }
}

function dataParam(text: string): string {
  const prefix = URI_PREFIX.exec(text);
  if (prefix === null) throw new AppError('migration/invalid-uri', { field: 'uri' });
  for (const part of text.slice(prefix[0].length).split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).toLowerCase() === 'data') return part.slice(eq + 1);
  }
  throw new AppError('migration/invalid-uri', { field: 'uri' });
}

function decodeData(raw: string): Uint8Array {
  if (raw.length > MAX_MIGRATION_DATA_CHARS) throw new AppError('migration/invalid-data', { field: 'uri' });
  let b64: string;
  try {
    // Never form-decode: a raw '+' is base64. A space can only be a '+' some tool form-decoded.
    b64 = decodeURIComponent(raw).replace(/ /g, '+');
  } catch {
    throw new AppError('migration/invalid-data', { field: 'uri' });
  }
  // Standard or URL-safe alphabet, padding optional; base64Decode alone would skip stray characters.
  const body = b64.replace(/={1,2}$/, '');
  if (!/^[A-Za-z0-9+/_-]*$/.test(body) || body.length % 4 === 1) throw new AppError('migration/invalid-data', { field: 'uri' });
  return base64Decode(body);
}

/** The payload of one transfer code and its batch fields, with every check that does not look inside an entry. */
function decodeBatch(text: string): { payload: MigrationPayload; batchSize: number; batchIndex: number } {
  const trimmed = text.trim();
  if (trimmed.length > MAX_MIGRATION_DATA_CHARS + 1024) throw new AppError('migration/invalid-data', { field: 'uri' });
  const bytes = decodeData(dataParam(trimmed));
  let payload: MigrationPayload;
  try {
    payload = readMigrationPayload(bytes);
  } catch {
    // No cause: nothing derived from the payload goes towards a log.
    throw new AppError('migration/invalid-data', { field: 'uri' });
  }
  const batchSize = payload.batchSize === 0 ? 1 : payload.batchSize;
  const { batchIndex } = payload;
  if (batchSize < 1 || batchSize > MAX_BATCH_SIZE || batchIndex < 0 || batchIndex >= batchSize) {
    throw new AppError('migration/invalid-data', { field: 'uri' });
  }
  // Every entry becomes an account or a problem, so no entries means an empty code.
  if (payload.entries.length === 0) throw new AppError('migration/empty', { field: 'uri' });
  return { payload, batchSize, batchIndex };
}

/**
 * Decodes one transfer code. Throws AppError `migration/invalid-uri` (not such a URI),
 * `migration/invalid-data` (not base64, not a MigrationPayload, too large) or `migration/empty`.
 * Entries that cannot be used are returned as `problems`, never thrown.
 */
export function decodeMigrationUri(text: string): MigrationBatch {
  const { payload, batchSize, batchIndex } = decodeBatch(text);
  const accounts: AccountData[] = [];
  const problems: EntryProblem[] = [];
  payload.entries.forEach((entry, index) => {
    const result = toAccount(entry, index);
    if ('account' in result) accounts.push(result.account);
    else problems.push(result.problem);
  });
  return { version: payload.version, batchSize, batchIndex, batchId: payload.batchId, accounts, problems };
}

/**
 * Which export and which code of it a transfer code is, without checking its accounts: what
 * "2 of 3 codes scanned" needs. Throws exactly when decodeMigrationUri does, at a fraction of
 * its cost (the CLI asks this of every line of a file the importer has already read).
 */
export function migrationBatchOf(text: string): Omit<MigrationBatch, 'accounts' | 'problems'> {
  const { payload, batchSize, batchIndex } = decodeBatch(text);
  return { version: payload.version, batchSize, batchIndex, batchId: payload.batchId };
}

function skipReason(account: AccountData): MigrationSkipReason | null {
  if (account.type !== 'totp' && account.type !== 'hotp') return 'type';
  if (account.type === 'totp' && account.period !== 30) return 'period';
  return account.digits === 6 || account.digits === 8 ? null : 'digits';
}

function toOtpParameters(a: AccountData): OtpParameters {
  return {
    secret: decodeBase32(a.secretB32) ?? new Uint8Array(0),
    name: accountNameForGoogle(a),
    issuer: a.issuer,
    algorithm: ALGORITHMS.indexOf(a.algorithm, 1),
    digits: a.digits === 8 ? 2 : 1,
    type: a.type === 'hotp' ? 1 : 2,
    counter: BigInt(a.counter),
  };
}

/**
 * Writes what Google Authenticator can import: TOTP with a 30-second period and HOTP, 6 or 8
 * digits, SHA-1/256/512, `perCode` accounts per code. Other accounts are returned in `skipped`.
 * Throws AppError `account/*` for an invalid account, RangeError for a bad option.
 */
export function encodeMigrationUris(accounts: readonly AccountData[], opts: EncodeMigrationOptions = {}): EncodedMigration {
  const perCode = opts.perCode ?? 10;
  const batchId = opts.batchId ?? crypto.getRandomValues(new Int32Array(1))[0] ?? 0;
  if (!Number.isSafeInteger(perCode) || perCode < 1) throw new RangeError('perCode must be a positive integer');
  if (!Number.isInteger(batchId) || batchId < -0x8000_0000 || batchId > 0x7fff_ffff) throw new RangeError('batchId must be an int32');
  const usable: OtpParameters[] = [];
  const skipped: EncodedMigration['skipped'] = [];
  for (const account of accounts) {
    const reason = skipReason(account);
    if (reason === null) usable.push(toOtpParameters(validateAccount(account)));
    else skipped.push({ account, reason });
  }
  const batchSize = Math.ceil(usable.length / perCode);
  if (batchSize > MAX_BATCH_SIZE) throw new RangeError('too many codes for one export');
  const uris: string[] = [];
  for (let batchIndex = 0; batchIndex < batchSize; batchIndex++) {
    const entries = usable.slice(batchIndex * perCode, (batchIndex + 1) * perCode);
    const bytes = writeMigrationPayload({ entries, version: 1, batchSize, batchIndex, batchId });
    // Google percent-encodes standard, padded base64: '+' '/' '=' become %2B %2F %3D.
    uris.push(`otpauth-migration://offline?data=${encodeURIComponent(base64Encode(bytes))}`);
  }
  return { uris, skipped };
}
