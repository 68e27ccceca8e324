/**
 * @file SQLite databases of apps that have no export (Google and Microsoft Authenticator,
 * Stratum), read with sql.js (SQLite compiled to WebAssembly). sql.js is loaded on first use
 * only, when a file with the SQLite magic is read: never at start-up, never for other formats.
 * In Node (CLI, tests) it finds its wasm beside itself in node_modules; the import Worker tells it
 * where Vite put the wasm (`setSqliteWasmUrl`, services/browser/import-worker.ts).
 */
import type { Database, SqlJsStatic, SqlValue } from 'sql.js';
import { AppError, isAppError } from '../../core/errors';
import { startsWithAscii } from './input';

const MAGIC = 'SQLite format 3\0';
/** The schema is on the first pages; the files these apps write are a few pages long. */
const SCHEMA_SCAN_BYTES = 256 * 1024;

let wasmUrl: string | undefined;
let loading: Promise<SqlJsStatic> | undefined;

/** Where the browser build serves sql.js's wasm (a Vite asset URL); unset in Node. */
export function setSqliteWasmUrl(url: string): void {
  wasmUrl = url;
}

function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= import('sql.js')
    .then((m) => m.default(wasmUrl === undefined ? {} : { locateFile: () => wasmUrl ?? '' }))
    .catch((err: unknown) => {
      loading = undefined; // a failed fetch (offline before the precache) may succeed later
      throw err;
    });
  return loading;
}

export function isSqlite(bytes: Uint8Array): boolean {
  return startsWithAscii(bytes, MAGIC);
}

/**
 * Whether a SQLite file's schema (the CREATE statements sqlite_master keeps as text on its first
 * pages) holds every one of `words`: how sniffers tell one app's database from another's
 * without loading sql.js.
 */
export function sqliteSchemaHas(bytes: Uint8Array, ...words: string[]): boolean {
  if (!isSqlite(bytes)) return false;
  let text = '';
  const end = Math.min(bytes.length, SCHEMA_SCAN_BYTES);
  for (let i = 0; i < end; i += 8192) text += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 8192)));
  return words.every((w) => text.includes(w));
}

export type Row = Record<string, SqlValue>;
/** An open database, for the importers' queries (they never import sql.js themselves). */
export type SqliteDb = Database;

/** Every row of a query as name → value; a table or column the file lacks is 'import/damaged'. */
export function rows(db: Database, sql: string): Row[] {
  const result = db.exec(sql)[0];
  if (result === undefined) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])) as Row);
}

/** Whether the database has this table (a query of sqlite_master, so never a SQL error). */
export function hasTable(db: Database, table: string): boolean {
  const stmt = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [table]);
  try {
    return stmt.step();
  } finally {
    stmt.free();
  }
}

/**
 * Opens a copy of the bytes (sql.js never writes to the file), runs `read`, and closes the
 * database whatever happens. SQLite's own errors (not a database, malformed pages, a missing
 * column) become 'import/damaged'.
 */
export async function withDatabase<T>(bytes: Uint8Array, read: (db: Database) => T): Promise<T> {
  if (!isSqlite(bytes)) throw new AppError('import/damaged');
  let SQL: SqlJsStatic;
  try {
    SQL = await loadSqlJs();
  } catch (err) {
    throw new AppError('unknown', { cause: err });
  }
  let db: Database | undefined;
  try {
    db = new SQL.Database(new Uint8Array(bytes));
    return read(db);
  } catch (err) {
    if (isAppError(err)) throw err;
    throw new AppError('import/damaged');
  } finally {
    db?.close();
  }
}
