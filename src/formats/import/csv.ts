/**
 * @file CSV exports (Bitwarden, Apple Passwords, KeePassXC): RFC 4180 rows, and the rows of a file
 * read by the names in its header, so each reader names the columns it needs and no other.
 */

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

/** One row, read by column name: '' where the column is absent or the row short. */
export type CsvRow = (column: string) => string;

/**
 * The rows of a CSV file whose header (any case, any order) names every column in `required`;
 * null when the text is not such a file. The first line is checked before the whole file is parsed.
 */
export function csvRows(text: string | null, required: readonly string[]): CsvRow[] | null {
  if (text === null) return null;
  const firstLine = text.slice(0, text.search(/\r|\n|$/)).toLowerCase();
  if (!required.every((name) => firstLine.includes(name))) return null;
  const rows = parseCsv(text);
  const header = rows?.[0]?.map((h) => h.trim().toLowerCase());
  if (rows === null || header === undefined || !required.every((name) => header.includes(name))) return null;
  return rows.slice(1).map((row) => (column) => {
    const index = header.indexOf(column);
    return index < 0 ? '' : (row[index] ?? '');
  });
}
