/**
 * @file Apple Passwords' CSV export (Passwords app → File → Export All Passwords; docs/formats.md
 * "Apple Passwords"): header `Title,URL,Username,Password,Notes,OTPAuth`, one row per login, RFC
 * 4180 quoting. A row with an `otpauth://` link in OTPAuth is an account; the others are
 * passwords only and not accounts. The Password column is never looked at: only the columns
 * below are copied out of the parsed rows.
 */
import { AppError } from '../../core/errors';
import { csvRows } from './csv';
import { collectAccounts, entryLabel } from './drafts';
import { parseForeignUri } from './link-lists';
import type { Importer, ParsedInput } from './types';

interface Row {
  title: string;
  username: string;
  notes: string;
  otpauth: string;
}

/** The header names the sniff requires (Apple writes exactly these, in this order). */
const REQUIRED = ['title', 'url', 'username', 'notes', 'otpauth'];

function rowsOf(input: ParsedInput): Row[] | null {
  return (
    csvRows(input.text, REQUIRED)?.map((at) => ({ title: at('title'), username: at('username'), notes: at('notes'), otpauth: at('otpauth').trim() })) ?? null
  );
}

export const applePasswordsImporter: Importer = {
  id: 'apple-passwords-csv',
  label: 'Apple Passwords (CSV)',
  sniff(input) {
    return rowsOf(input) === null ? null : { encrypted: false };
  },
  async read(input) {
    const rows = rowsOf(input);
    if (rows === null) throw new AppError('import/damaged');
    const withCodes = rows.filter((r) => r.otpauth !== '');
    if (withCodes.length === 0) throw new AppError('import/no-accounts');
    return collectAccounts(
      'apple-passwords-csv',
      withCodes,
      (r) => {
        const data = parseForeignUri(r.otpauth);
        // Apple's link may carry neither issuer nor account name; the row's title and user name do.
        if (data.issuer === '') data.issuer = r.title.trim();
        if (data.name === '') data.name = r.username.trim();
        return { data, extras: { notes: r.notes } };
      },
      (r, i) => entryLabel(r.title, r.username, i),
    );
  },
};
