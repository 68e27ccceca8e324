/**
 * @file The SQLite databases of apps that offer no export (docs/formats.md), as people copy them
 * from a rooted Android phone or a device backup: Google Authenticator (`databases/databases`),
 * Microsoft Authenticator (`databases/PhoneFactor`) and Stratum (`authenticator.db3`). Each is
 * recognised by its schema text (sqlite.ts); read() reads its tables. Authenticator
 * Plus's database is encrypted with SQLCipher, which no maintained reader opens in a browser: it
 * is refused with a sentence that points to the app's own export.
 */
import type { OtpType } from '../../core/account';
import { AppError } from '../../core/errors';
import { accountNameFromGoogle } from '../google-migration/codec';
import { accountDraft, canonicalB32, collectAccounts, entryLabel } from './drafts';
import { int, isRecord, str } from './input';
import { readStratumJson } from './stratum';
import { isSqlite, sqliteSchemaHas, withDatabase, type Row, type SqliteDb } from './sqlite';
import type { ImportResult, Importer, ParsedInput } from './types';

/** A column as text ('' for NULL or a blob). */
const text = (row: Row, column: string): string => str(row[column]);

// ---------- Google Authenticator ----------

/** Google's `type` column: 0 time-based, 1 counter-based. */
const GOOGLE_TYPES: Readonly<Record<string, OtpType>> = { '0': 'totp', '1': 'hotp' };

/** Google's rows (exported for the fuzz suite). */
export function readGoogle(all: Row[]): ImportResult {
  return collectAccounts(
    'google-authenticator-db',
    all,
    (row) => {
      const type = GOOGLE_TYPES[text(row, 'type') || '0'];
      if (type === undefined) throw new AppError('import/unsupported');
      // `email` is Google's "Issuer:name" label; older versions have no issuer column.
      const issuer = text(row, 'issuer').trim();
      const name = accountNameFromGoogle(text(row, 'email').trim(), issuer).trim();
      // Google's codes are always SHA-1, 6 digits, 30 s: the table has no columns for them.
      return { data: accountDraft(type, { issuer, name, secretB32: canonicalB32(text(row, 'secret')), counter: int(row.counter, 0) }) };
    },
    (row, i) => entryLabel(text(row, 'issuer'), text(row, 'email'), i),
  );
}

export const googleAuthenticatorDbImporter: Importer = {
  id: 'google-authenticator-db',
  label: 'Google Authenticator (app database)',
  sniff(input) {
    // The `accounts` table of Google's schema; Authenticator Plus's (decrypted) has `category` too.
    const ours = sqliteSchemaHas(input.bytes, 'CREATE TABLE accounts', 'email TEXT', 'secret TEXT', 'provider INTEGER');
    return ours ? { encrypted: false } : null;
  },
  async read(input) {
    return readGoogle(await withDatabase(input.bytes, (db) => db.rows('accounts', { orderBy: ['_id'] })));
  },
};

// ---------- Microsoft Authenticator ----------

/** `account_type` 0: a third-party TOTP account added by QR code. 1 (Microsoft account) and 2 (work or school) are Microsoft's own. */
const MICROSOFT_TOTP = 0;

/** Microsoft's rows (exported for the fuzz suite). */
export function readMicrosoft(all: Row[]): ImportResult {
  return collectAccounts(
    'microsoft-authenticator-db',
    all,
    (row) => {
      if (int(row.account_type, -1) !== MICROSOFT_TOTP) throw new AppError('import/microsoft-account');
      const secret = text(row, 'oath_secret_key').trim();
      // Newer versions may keep the key only encrypted under the phone's Android Keystore.
      if (secret === '' && text(row, 'encrypted_oath_secret_key') !== '') throw new AppError('import/keystore-secret');
      // `name` is what the list shows as the service; `username` the account.
      return { data: accountDraft('totp', { issuer: text(row, 'name').trim(), name: text(row, 'username').trim(), secretB32: canonicalB32(secret) }) };
    },
    (row, i) => entryLabel(text(row, 'name'), text(row, 'username'), i),
  );
}

export const microsoftAuthenticatorDbImporter: Importer = {
  id: 'microsoft-authenticator-db',
  label: 'Microsoft Authenticator (app database)',
  sniff(input) {
    return sqliteSchemaHas(input.bytes, 'accounts', 'oath_secret_key', 'account_type') ? { encrypted: false } : null;
  },
  async read(input) {
    return readMicrosoft(await withDatabase(input.bytes, (db) => db.rows('accounts', { orderBy: ['ux_position', '_id'] })));
  },
};

// ---------- Stratum ----------

/** Stratum's rows in the shape of its JSON backup, which readStratumJson already reads (exported for the fuzz suite). */
export function stratumBackup(table: Row[], categoryRows: Row[], linkRows: Row[]): unknown {
  const authenticators = table
    .map((r) => (isRecord(r) ? r : {}))
    .map((r: Row) => ({
      Type: r.type,
      Issuer: r.issuer,
      Username: r.username,
      Secret: r.secret,
      Pin: r.pin,
      Algorithm: r.algorithm,
      Digits: r.digits,
      Period: r.period,
      Counter: r.counter,
    }));
  const categories = categoryRows.filter(isRecord).map((r) => ({ Id: r.id, Name: r.name }));
  const links = linkRows.filter(isRecord).map((r) => ({ CategoryId: r.categoryId, AuthenticatorSecret: r.authenticatorSecret }));
  return { Authenticators: authenticators, Categories: categories, AuthenticatorCategories: links };
}

/** Categories are optional: older versions of the app have none. */
function stratumAsBackup(db: SqliteDb): unknown {
  return stratumBackup(
    db.rows('authenticator', { orderBy: ['ranking'] }),
    db.hasTable('category') ? db.rows('category', { columns: ['id', 'name'] }) : [],
    db.hasTable('authenticatorcategory') ? db.rows('authenticatorcategory', { columns: ['categoryId', 'authenticatorSecret'] }) : [],
  );
}

export const stratumDbImporter: Importer = {
  id: 'stratum-db',
  label: 'Stratum / Authenticator Pro (app database)',
  sniff(input) {
    return sqliteSchemaHas(input.bytes, 'CREATE TABLE "authenticator"', '"secret"', '"ranking"') ? { encrypted: false } : null;
  },
  async read(input) {
    const backup = await withDatabase(input.bytes, stratumAsBackup);
    return { ...readStratumJson(backup), format: 'stratum-db' };
  },
};

// ---------- Authenticator Plus (SQLCipher) ----------

/**
 * Authenticator Plus's backup, `authplus.db`: a SQLCipher database, every page encrypted, so it
 * has no magic. Claimed by its name, and only when the bytes look like one: whole pages, not
 * SQLite, not text.
 */
function isSqlcipherBackup(input: ParsedInput): boolean {
  const { bytes } = input;
  const name = (input.fileName ?? '').toLowerCase();
  if (!/authplus[^/\\]*\.db$/.test(name)) return false;
  return bytes.length >= 1024 && bytes.length % 1024 === 0 && !isSqlite(bytes) && input.text === null;
}

export const authenticatorPlusDbImporter: Importer = {
  id: 'authenticator-plus-db',
  // Only refused, pointing at the app's ZIP export: the list of apps names what does import.
  label: 'Authenticator Plus (ZIP)',
  sniff(input) {
    return isSqlcipherBackup(input) ? { encrypted: true, refused: 'import/authenticator-plus-db' } : null;
  },
  read() {
    return Promise.reject(new AppError('import/authenticator-plus-db'));
  },
};
