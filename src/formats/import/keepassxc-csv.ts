/**
 * @file KeePassXC's CSV export (Database → Export → CSV File; `keepassxc-cli export -f csv`):
 * header `"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"`
 * (KeePassXC 2.6+, CsvExporter.cpp; columns are found by name), every field quoted. The TOTP
 * column holds the entry's otpauth:// link, which KeePassXC writes for the older
 * `TOTP Seed`/`TOTP Settings` pair too (keepass-otp.ts reads it as the `otp` field). The Group
 * column is the path from the root ("Root/Work"): the last group is kept. The Password and URL
 * columns are never looked at; rows without a TOTP value are counted, not listed.
 */
import { validateExtras } from '../../core/account';
import { AppError } from '../../core/errors';
import { csvRows } from './csv';
import { collectAccounts, entryLabel } from './drafts';
import { keepassOtpDraft } from './keepass-otp';
import type { Importer, ParsedInput } from './types';

const REQUIRED = ['group', 'title', 'username', 'totp'];

interface Row {
  group: string;
  title: string;
  username: string;
  notes: string;
  totp: string;
}

function rowsOf(input: ParsedInput): Row[] | null {
  return (
    csvRows(input.text, REQUIRED)?.map((at) => ({
      group: at('group'),
      title: at('title').trim(),
      username: at('username').trim(),
      notes: at('notes'),
      totp: at('totp').trim(),
    })) ?? null
  );
}

/** "Root/Work/Banks" → "Banks"; the root group alone ("Root") is no group. */
function groupOf(path: string): string {
  const parts = path.split('/');
  return parts.length < 2 ? '' : (parts[parts.length - 1] ?? '');
}

export const keepassXcCsvImporter: Importer = {
  id: 'keepassxc-csv',
  label: 'KeePassXC (CSV)',
  sniff(input) {
    return rowsOf(input) === null ? null : { encrypted: false };
  },
  async read(input) {
    const rows = rowsOf(input);
    if (rows === null) throw new AppError('import/damaged');
    const withOtp = rows.filter((r) => r.totp !== '');
    if (withOtp.length === 0) throw new AppError('import/no-accounts');
    const result = collectAccounts(
      'keepassxc-csv',
      withOtp,
      (r) => {
        const data = keepassOtpDraft((name) => (name === 'otp' ? r.totp : undefined), r.title, r.username);
        if (data === null) throw new AppError('account/invalid-secret', { field: 'secret' });
        const extras = { groups: [groupOf(r.group)], notes: r.notes };
        validateExtras(extras); // a note over our limit is this row's problem, not the whole import's
        return { data, extras };
      },
      (r, i) => entryLabel(r.title, r.username, i),
    );
    return { ...result, notAccounts: rows.length - withOtp.length };
  },
};
