/**
 * @file Bitwarden's CSV export (individual vault): header
 * `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp`
 * (older exports lack `reprompt`; columns are found by name). RFC 4180 quoting: fields may hold
 * commas, doubled quotes and line breaks (notes often do).
 */
import { readBitwardenItems, type BitwardenItem } from './bitwarden';
import { AppError } from '../../core/errors';
import type { Importer, ParsedInput } from './types';

/** Rows of RFC 4180 CSV (also accepts bare LF / CR line ends); null when a quote is unterminated. */
export function parseCsv(text: string): string[][] | null {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else field += c;
    i++;
  }
  if (quoted) return null;
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

interface Table {
  header: string[];
  rows: string[][];
}

function tableOf(input: ParsedInput): Table | null {
  const { text } = input;
  if (text === null) return null;
  // Cheap check on the first line before parsing the whole file.
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).toLowerCase();
  if (!firstLine.includes('login_totp') || !firstLine.includes('name')) return null;
  const rows = parseCsv(text);
  const header = rows?.[0]?.map((h) => h.trim().toLowerCase());
  if (rows === null || header === undefined || !header.includes('login_totp')) return null;
  return { header, rows: rows.slice(1) };
}

function itemsOf(table: Table): BitwardenItem[] {
  const col = (name: string): number => table.header.indexOf(name);
  const at = (row: string[], index: number): string => (index < 0 ? '' : (row[index] ?? ''));
  const [folder, collections, favorite, type, name, notes, username, totp] = [
    'folder',
    'collections',
    'favorite',
    'type',
    'name',
    'notes',
    'login_username',
    'login_totp',
  ].map(col) as [number, number, number, number, number, number, number, number];
  const items: BitwardenItem[] = [];
  for (const row of table.rows) {
    const value = at(row, totp).trim();
    const kind = at(row, type).trim().toLowerCase();
    if (value === '' || (kind !== '' && kind !== 'login')) continue;
    items.push({
      itemName: at(row, name).trim(),
      username: at(row, username).trim(),
      totp: value,
      // Organisation exports have a comma-separated `collections` column instead of `folder`.
      extras: { groups: [at(row, folder), ...at(row, collections).split(',')], notes: at(row, notes), favourite: at(row, favorite).trim() === '1' },
    });
  }
  return items;
}

export const bitwardenCsvImporter: Importer = {
  id: 'bitwarden-csv',
  label: 'Bitwarden (CSV)',
  sniff(input) {
    return tableOf(input) === null ? null : { encrypted: false };
  },
  async read(input) {
    const table = tableOf(input);
    if (table === null) throw new AppError('import/damaged');
    const items = itemsOf(table);
    if (items.length === 0) throw new AppError('import/no-accounts');
    return readBitwardenItems('bitwarden-csv', items, false);
  },
};
