/**
 * @file Bitwarden's CSV export (individual vault): header
 * `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp`
 * (older exports lack `reprompt`; columns are found by name). RFC 4180 quoting: fields may hold
 * commas, doubled quotes and line breaks (notes often do).
 */
import { readBitwardenItems, type BitwardenItem } from './bitwarden';
import { csvRows, type CsvRow } from './csv';
import { AppError } from '../../core/errors';
import type { Importer, ParsedInput } from './types';

function itemsOf(rows: readonly CsvRow[]): BitwardenItem[] {
  const items: BitwardenItem[] = [];
  for (const at of rows) {
    const value = at('login_totp').trim();
    const kind = at('type').trim().toLowerCase();
    if (value === '' || (kind !== '' && kind !== 'login')) continue;
    items.push({
      itemName: at('name').trim(),
      username: at('login_username').trim(),
      totp: value,
      // Organisation exports have a comma-separated `collections` column instead of `folder`.
      extras: { groups: [at('folder'), ...at('collections').split(',')], notes: at('notes'), favourite: at('favorite').trim() === '1' },
    });
  }
  return items;
}

const rowsOf = (input: ParsedInput): CsvRow[] | null => csvRows(input.text, ['login_totp']);

export const bitwardenCsvImporter: Importer = {
  id: 'bitwarden-csv',
  label: 'Bitwarden (CSV)',
  sniff(input) {
    return rowsOf(input) === null ? null : { encrypted: false };
  },
  async read(input) {
    const rows = rowsOf(input);
    if (rows === null) throw new AppError('import/damaged');
    const items = itemsOf(rows);
    if (items.length === 0) throw new AppError('import/no-accounts');
    return readBitwardenItems('bitwarden-csv', items, false);
  },
};
