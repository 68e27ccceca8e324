/**
 * @file SQLite databases of apps that have no export (Google and Microsoft Authenticator,
 * Stratum), read straight from the file format (https://www.sqlite.org/fileformat2.html): the
 * schema table, then each table's B-tree, its records and overflow pages. Only reading whole rowid
 * tables is needed, which is a small part of SQLite; sql.js (SQLite in WebAssembly) did it for
 * 308 KB of the service worker's precache (#13) and a 0.7 MB wasm compile on each such import.
 * sql.js stays a development dependency: the unit tests write databases with it (page sizes,
 * encodings, overflow, deep trees, added columns, deleted rows) and check this reader against it.
 *
 * A hostile file cannot stall it or make it read outside the file: every page number is checked
 * against the file's length, a page is visited once per tree and once per overflow chain, and a
 * record's header and payload sizes are checked before anything is read. Anything the format does
 * not allow is 'import/damaged'. WITHOUT ROWID tables (none of these apps has one) are refused the
 * same way.
 */
import { utf8Encode } from '../../core/crypto/bytes';
import { AppError } from '../../core/errors';
import { startsWithAscii } from './input';

const MAGIC = 'SQLite format 3\0';
/** The schema is on the first pages; the files these apps write are a few pages long. */
const SCHEMA_SCAN_BYTES = 256 * 1024;

export function isSqlite(bytes: Uint8Array): boolean {
  return startsWithAscii(bytes, MAGIC);
}

/**
 * Whether a SQLite file's schema (the CREATE statements sqlite_master keeps as text on its first
 * pages) holds every one of `words`: how sniffers tell one app's database from another's
 * without reading the file.
 */
export function sqliteSchemaHas(bytes: Uint8Array, ...words: string[]): boolean {
  if (!isSqlite(bytes)) return false;
  let text = '';
  const end = Math.min(bytes.length, SCHEMA_SCAN_BYTES);
  for (let i = 0; i < end; i += 8192) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return words.every((w) => text.includes(w));
}

export type SqlValue = number | string | Uint8Array | null;
export type Row = Record<string, SqlValue>;

const damaged = (): AppError => new AppError('import/damaged');

/** A column of a table as its CREATE TABLE statement declares it. */
interface Column {
  name: string;
  /** INTEGER PRIMARY KEY: the rowid itself (the record holds NULL). */
  rowid: boolean;
  /** What rows written before an ALTER TABLE ADD COLUMN hold. */
  fallback: SqlValue;
}

interface Table {
  root: number;
  columns: Column[];
}

/** An open database file, for the importers' reads (they never parse SQLite themselves). */
export class SqliteDb {
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly pageSize: number;
  private readonly usable: number;
  private readonly pageCount: number;
  private readonly text: TextDecoder;
  private readonly tables = new Map<string, Table>();
  /**
   * Payload bytes left to read. A file holds each record once, so reading more than twice its
   * length means cells that point at the same bytes: a file made to stall a reader.
   */
  private budget: number;

  constructor(bytes: Uint8Array) {
    if (!isSqlite(bytes) || bytes.length < 512) throw damaged();
    this.bytes = bytes;
    this.budget = 2 * bytes.length;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const size = this.view.getUint16(16);
    this.pageSize = size === 1 ? 65536 : size;
    if (this.pageSize < 512 || (this.pageSize & (this.pageSize - 1)) !== 0) throw damaged();
    this.usable = this.pageSize - bytes[20]!;
    if (this.usable < 480) throw damaged();
    this.pageCount = Math.floor(bytes.length / this.pageSize);
    if (this.pageCount < 1) throw damaged();
    // 1 UTF-8, 2 UTF-16le, 3 UTF-16be (0: a database with no table yet, read as UTF-8).
    const encoding = this.view.getUint32(56);
    if (encoding > 3) throw damaged();
    this.text = new TextDecoder(encoding === 2 ? 'utf-16le' : encoding === 3 ? 'utf-16be' : 'utf-8');
    // sqlite_master: type, name, tbl_name, rootpage, sql.
    for (const [, record] of this.scan(1)) {
      const [type, name, , root, sql] = record;
      if (type !== 'table' || typeof name !== 'string' || typeof root !== 'number' || typeof sql !== 'string') continue;
      const columns = parseCreateTable(sql);
      if (columns === null) continue; // a virtual or WITHOUT ROWID table: nothing here reads it
      this.tables.set(name.toLowerCase(), { root, columns });
    }
  }

  hasTable(name: string): boolean {
    return this.tables.has(name.toLowerCase());
  }

  /**
   * Every row of a table, as column name → value, in rowid order or sorted by `orderBy` (as SQLite
   * sorts: NULL, then numbers, then text, then blobs; ties in rowid order). `columns` keeps only
   * those. A table or column the file lacks is 'import/damaged'.
   */
  rows(name: string, options: { columns?: readonly string[]; orderBy?: readonly string[] } = {}): Row[] {
    const table = this.tables.get(name.toLowerCase());
    if (table === undefined) throw damaged();
    const index = (column: string): number => {
      const i = table.columns.findIndex((c) => c.name.toLowerCase() === column.toLowerCase());
      if (i < 0) throw damaged();
      return i;
    };
    const picked = (options.columns ?? table.columns.map((c) => c.name)).map(index);
    const order = (options.orderBy ?? []).map(index);
    const all: { rowid: number; values: SqlValue[] }[] = [];
    for (const [rowid, record] of this.scan(table.root)) {
      all.push({ rowid, values: table.columns.map((c, i) => (c.rowid ? rowid : i < record.length ? record[i]! : c.fallback)) });
    }
    all.sort((a, b) => {
      for (const i of order) {
        const c = compareValues(a.values[i]!, b.values[i]!);
        if (c !== 0) return c;
      }
      return a.rowid - b.rowid;
    });
    return all.map(({ values }) => Object.fromEntries(picked.map((i) => [table.columns[i]!.name, values[i]!])) as Row);
  }

  /** The start of a page's bytes (page 1's B-tree header comes after the 100-byte file header). */
  private pageStart(page: number): number {
    if (!Number.isInteger(page) || page < 1 || page > this.pageCount) throw damaged();
    return (page - 1) * this.pageSize;
  }

  /** A table B-tree's records in rowid order, each visited page once. */
  private *scan(root: number): Generator<[number, SqlValue[]]> {
    const seen = new Set<number>();
    const stack = [root];
    while (stack.length > 0) {
      const page = stack.pop()!;
      if (seen.has(page)) throw damaged();
      seen.add(page);
      const start = this.pageStart(page);
      const header = start + (page === 1 ? 100 : 0);
      const kind = this.bytes[header];
      const cells = this.view.getUint16(header + 3);
      if (header + 12 + 2 * cells > start + this.usable) throw damaged();
      if (kind === 0x0d) {
        for (let i = 0; i < cells; i++) yield this.leafCell(start, this.view.getUint16(header + 8 + 2 * i));
      } else if (kind === 0x05) {
        // Children left to right; the stack pops them in that order.
        const children = [this.view.getUint32(header + 8)];
        for (let i = cells - 1; i >= 0; i--) children.push(this.view.getUint32(start + this.cellOffset(header + 12 + 2 * i)));
        stack.push(...children);
      } else throw damaged();
    }
  }

  private cellOffset(at: number): number {
    if (at + 2 > this.bytes.length) throw damaged();
    const offset = this.view.getUint16(at);
    if (offset < 8 || offset + 4 > this.usable) throw damaged();
    return offset;
  }

  /** A table leaf cell: payload size, rowid, the payload's local part, then its overflow pages. */
  private leafCell(pageStart: number, offset: number): [number, SqlValue[]] {
    if (offset < 8 || offset >= this.usable) throw damaged();
    let at = pageStart + offset;
    const size = varintIn(this.bytes, at);
    at = size.next;
    const rowid = varintIn(this.bytes, at);
    at = rowid.next;
    const total = size.value;
    this.budget -= total;
    if (total > this.bytes.length || this.budget < 0) throw damaged();
    // How much of the payload is on the page (fileformat2.html, "Cell Payload Overflow Pages").
    const u = this.usable;
    const x = u - 35;
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((total - m) % (u - 4));
    const local = total <= x ? total : k <= x ? k : m;
    if (at + local > pageStart + u) throw damaged();
    const payload = new Uint8Array(total);
    payload.set(this.bytes.subarray(at, at + local));
    let filled = local;
    if (filled < total) {
      let next = this.view.getUint32(at + local);
      const seen = new Set<number>();
      while (filled < total) {
        if (seen.has(next)) throw damaged();
        seen.add(next);
        const start = this.pageStart(next);
        const part = Math.min(u - 4, total - filled);
        payload.set(this.bytes.subarray(start + 4, start + 4 + part), filled);
        filled += part;
        next = this.view.getUint32(start);
      }
    }
    return [rowid.value, this.record(payload)];
  }

  /** A record: a header of serial types, then the values (fileformat2.html, "Record Format"). */
  private record(payload: Uint8Array): SqlValue[] {
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const read = (at: number): { value: number; next: number } => varintIn(payload, at);
    const headerSize = read(0);
    if (headerSize.value > payload.length || headerSize.value < headerSize.next) throw damaged();
    const values: SqlValue[] = [];
    let at = headerSize.next;
    let body = headerSize.value;
    while (at < headerSize.value) {
      const type = read(at);
      at = type.next;
      const t = type.value;
      const width = t < 12 ? [0, 1, 2, 3, 4, 6, 8, 8, 0, 0, -1, -1][t]! : Math.floor((t - 12) / 2);
      if (width < 0 || body + width > payload.length) throw damaged();
      if (t === 0) values.push(null);
      else if (t <= 6) values.push(signedInt(payload, body, width));
      else if (t === 7) values.push(view.getFloat64(body));
      else if (t === 8 || t === 9) values.push(t - 8);
      else if (t % 2 === 0) values.push(payload.slice(body, body + width));
      else values.push(this.text.decode(payload.subarray(body, body + width)));
      body += width;
    }
    return values;
  }
}

/** SQLite's big-endian varint (1-9 bytes; the ninth gives all 8 bits), as a Number. */
function varintIn(bytes: Uint8Array, at: number): { value: number; next: number } {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const b = bytes[at + i];
    if (b === undefined) throw damaged();
    if (i === 8) return { value: value * 256 + b, next: at + 9 };
    value = value * 128 + (b & 0x7f);
    if (b < 0x80) return { value, next: at + i + 1 };
  }
  throw damaged();
}

/** A big-endian two's-complement integer of 1, 2, 3, 4, 6 or 8 bytes (8: as the nearest Number, as sql.js gives it). */
function signedInt(bytes: Uint8Array, at: number, width: number): number {
  if (width === 8) return Number(new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigInt64(0));
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 256 + bytes[at + i]!;
  const top = 2 ** (8 * width);
  return value >= top / 2 ? value - top : value;
}

/** SQLite's order of values (BINARY collation): NULL < numbers < text < blobs. */
function compareValues(a: SqlValue, b: SqlValue): number {
  const rank = (v: SqlValue): number => (v === null ? 0 : typeof v === 'number' ? 1 : typeof v === 'string' ? 2 : 3);
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareBytes(utf8Encode(a), utf8Encode(b));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return compareBytes(a, b);
  return 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

// ---------------------------------------------------------------------------------------------
// CREATE TABLE, as far as reading rows needs: the columns' names, which one is the rowid
// (INTEGER PRIMARY KEY), and each one's DEFAULT (what rows older than an ADD COLUMN hold).
// ---------------------------------------------------------------------------------------------

type Token = { kind: 'word' | 'name' | 'string' | 'number' | 'blob' | 'punct'; text: string };

function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const closing: Record<string, string> = { '"': '"', '`': '`', '[': ']' };
  while (i < sql.length) {
    const c = sql[i]!;
    if (/\s/.test(c)) i++;
    else if (sql.startsWith('--', i)) i = sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i);
    else if (sql.startsWith('/*', i)) i = sql.indexOf('*/', i) < 0 ? sql.length : sql.indexOf('*/', i) + 2;
    else if (c === "'" || closing[c] !== undefined) {
      const end = c === "'" ? "'" : closing[c]!;
      let text = '';
      let j = i + 1;
      for (;;) {
        const k = sql.indexOf(end, j);
        if (k < 0) throw damaged();
        text += sql.slice(j, k);
        // A doubled quote is the quote itself ('' in strings, "" in names).
        if (end !== ']' && sql[k + 1] === end) {
          text += end;
          j = k + 2;
        } else {
          j = k + 1;
          break;
        }
      }
      tokens.push({ kind: c === "'" ? 'string' : 'name', text });
      i = j;
    } else if (/[xX]/.test(c) && sql[i + 1] === "'") {
      const k = sql.indexOf("'", i + 2);
      if (k < 0) throw damaged();
      tokens.push({ kind: 'blob', text: sql.slice(i + 2, k) });
      i = k + 1;
    } else if (/[0-9.]/.test(c)) {
      const m = /^(0x[0-9a-f]+|(\d+\.?\d*|\.\d+)(e[+-]?\d+)?)/i.exec(sql.slice(i));
      const text = m?.[0] ?? c;
      tokens.push({ kind: 'number', text });
      i += text.length;
    } else if (/[\p{L}_$\d]/u.test(c)) {
      const m = /^[\p{L}\p{N}_$]+/u.exec(sql.slice(i));
      tokens.push({ kind: 'word', text: m![0] });
      i += m![0].length;
    } else {
      tokens.push({ kind: 'punct', text: c });
      i++;
    }
  }
  return tokens;
}

const CONSTRAINT_STARTS = new Set(['CONSTRAINT', 'PRIMARY', 'NOT', 'NULL', 'UNIQUE', 'CHECK', 'DEFAULT', 'COLLATE', 'REFERENCES', 'GENERATED', 'AS']);
/** Generated columns: a VIRTUAL one is not in the records, so the values would be read against the wrong names. */
const GENERATED = new Set(['GENERATED', 'AS']);
const TABLE_CONSTRAINTS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);

/** The columns of a CREATE TABLE statement; null for one this reader does not read (WITHOUT ROWID, AS SELECT, virtual, generated columns). */
export function parseCreateTable(sql: string): Column[] | null {
  const tokens = tokenize(sql);
  const upper = (t: Token | undefined): string => (t?.kind === 'word' ? t.text.toUpperCase() : '');
  const open = tokens.findIndex((t) => t.kind === 'punct' && t.text === '(');
  if (upper(tokens[0]) !== 'CREATE' || !tokens.slice(0, Math.max(open, 0)).some((t) => upper(t) === 'TABLE') || open < 0) return null;
  if (tokens.slice(0, open).some((t) => upper(t) === 'VIRTUAL')) return null;
  // Split the parenthesised list at its top-level commas.
  const parts: Token[][] = [[]];
  let depth = 0;
  let close = -1;
  for (let i = open + 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'punct' && t.text === '(') depth++;
    else if (t.kind === 'punct' && t.text === ')') {
      if (depth === 0) {
        close = i;
        break;
      }
      depth--;
    } else if (depth === 0 && t.kind === 'punct' && t.text === ',') {
      parts.push([]);
      continue;
    }
    parts.at(-1)!.push(t);
  }
  if (close < 0) throw damaged();
  if (tokens.slice(close + 1).some((t) => upper(t) === 'WITHOUT')) return null;
  const columns: (Column & { type: string })[] = [];
  let tableKey: string[] | null = null;
  for (const part of parts) {
    if (part.length === 0) throw damaged();
    if (TABLE_CONSTRAINTS.has(upper(part[0])) && columns.length > 0) {
      const primary = part.findIndex((t) => upper(t) === 'PRIMARY');
      if (primary >= 0 && upper(part[primary + 1]) === 'KEY') {
        const names: string[] = [];
        let inside = 0;
        for (const t of part.slice(primary + 2)) {
          if (t.kind === 'punct' && t.text === '(') inside++;
          else if (t.kind === 'punct' && t.text === ')') inside--;
          else if (inside === 1 && (t.kind === 'name' || t.kind === 'word' || t.kind === 'string') && !['ASC', 'DESC', 'COLLATE'].includes(upper(t)))
            names.push(t.text);
        }
        tableKey = names;
      }
      continue;
    }
    const [name, ...rest] = part;
    if (name === undefined || name.kind === 'punct' || name.kind === 'number') throw damaged();
    let typeEnd = rest.findIndex((t) => CONSTRAINT_STARTS.has(upper(t)));
    if (typeEnd < 0) typeEnd = rest.length;
    const type = rest
      .slice(0, typeEnd)
      .filter((t) => t.kind === 'word')
      .map((t) => t.text.toUpperCase())
      .join(' ');
    const constraints = rest.slice(typeEnd);
    if (constraints.some((t) => GENERATED.has(upper(t)))) return null;
    const key = constraints.findIndex((t, i) => upper(t) === 'PRIMARY' && upper(constraints[i + 1]) === 'KEY');
    const descending = key >= 0 && upper(constraints[key + 2]) === 'DESC';
    columns.push({ name: name.text, type, rowid: key >= 0 && type === 'INTEGER' && !descending, fallback: withAffinity(type, defaultOf(constraints)) });
  }
  if (tableKey?.length === 1) {
    const column = columns.find((c) => c.name.toLowerCase() === tableKey[0]!.toLowerCase());
    if (column?.type === 'INTEGER') column.rowid = true;
  }
  return columns.map(({ name, rowid, fallback }) => ({ name, rowid, fallback }));
}

/** A column's DEFAULT when it is a literal (the only kind ALTER TABLE ADD COLUMN allows besides NULL). */
function defaultOf(constraints: Token[]): SqlValue {
  const at = constraints.findIndex((t) => t.kind === 'word' && t.text.toUpperCase() === 'DEFAULT');
  if (at < 0) return null;
  let i = at + 1;
  let sign = 1;
  while (constraints[i]?.kind === 'punct' && (constraints[i]!.text === '(' || constraints[i]!.text === '+' || constraints[i]!.text === '-')) {
    if (constraints[i]!.text === '-') sign = -sign;
    i++;
  }
  const t = constraints[i];
  if (t === undefined) return null;
  if (t.kind === 'string') return t.text;
  if (t.kind === 'number') return sign * (/^0x/i.test(t.text) ? parseInt(t.text, 16) : Number(t.text));
  if (t.kind === 'blob' && /^([0-9a-f]{2})*$/i.test(t.text)) return Uint8Array.from(t.text.match(/../g) ?? [], (h) => parseInt(h, 16));
  const word = t.kind === 'word' ? t.text.toUpperCase() : '';
  return word === 'TRUE' ? 1 : word === 'FALSE' ? 0 : null;
}

/**
 * A DEFAULT as SQLite stores it in a column of this declared type (its "affinity",
 * https://www.sqlite.org/datatype3.html): a number in a TEXT column is text, numeric text in an
 * INTEGER, REAL or NUMERIC column a number. Blobs and NULL are left as they are.
 */
function withAffinity(type: string, v: SqlValue): SqlValue {
  const affinity = /INT/.test(type) ? 'numeric' : /CHAR|CLOB|TEXT/.test(type) ? 'text' : type === '' || /BLOB/.test(type) ? 'none' : 'numeric';
  if (affinity === 'text' && typeof v === 'number') return String(v);
  if (affinity === 'numeric' && typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(v)) return Number(v);
  return v;
}

/**
 * Reads the file, runs `read`, and turns whatever the format does not allow (a page out of the
 * file, a loop, a record that does not fit, a table or column it lacks) into 'import/damaged'.
 */
export async function withDatabase<T>(bytes: Uint8Array, read: (db: SqliteDb) => T): Promise<T> {
  if (!isSqlite(bytes)) throw damaged();
  try {
    return read(new SqliteDb(bytes));
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw damaged(); // a RangeError of a DataView read past a page, a bad UTF-16 length
  }
}
