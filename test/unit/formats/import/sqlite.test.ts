/**
 * The SQLite file reader (formats/import/sqlite.ts) against SQLite itself: sql.js, a development
 * dependency, writes databases of every shape the format allows for rowid tables (page sizes,
 * text encodings, payloads spilling over one or many overflow pages, trees several levels deep,
 * deleted rows, columns added later with their defaults, INTEGER PRIMARY KEY) and reads them back
 * with SELECT; the reader must give the same rows. Then the files a reader must refuse quickly.
 */
import fc from 'fast-check';
import initSqlJs, { type Database, type SqlJsStatic, type SqlValue as SqlJsValue } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCreateTable, SqliteDb, withDatabase, type Row } from '../../../../src/formats/import/sqlite';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/** What SQLite's SELECT gives, as name → value (sql.js: numbers, strings, Uint8Array, null). */
function select(db: Database, sql: string): Row[] {
  const result = db.exec(sql)[0];
  if (result === undefined) return [];
  return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i] ?? null])) as Row);
}

function fileOf(build: (db: Database) => void, pragmas = ''): { bytes: Uint8Array; db: Database } {
  const db = new SQL.Database();
  if (pragmas) db.run(pragmas);
  build(db);
  return { bytes: db.export(), db };
}

const value = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.constantFrom(0, 1, -1, 127, -128, 32767, 2 ** 23, -(2 ** 31), 2 ** 40, -(2 ** 47), Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ minLength: 400, maxLength: 6000 }), // spills onto overflow pages
  fc.uint8Array({ maxLength: 40 }),
  fc.uint8Array({ minLength: 1000, maxLength: 5000 }),
);
const columnType = fc.constantFrom('INTEGER', 'TEXT', 'BLOB', 'REAL', 'NUMERIC', '', 'VARCHAR(20)', 'UNSIGNED BIG INT');

describe('SqliteDb reads what SQLite wrote', () => {
  it('any rows, column types, page size and text encoding, with rows deleted and columns added', () => {
    fc.assert(
      fc.property(
        fc.array(columnType, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.array(value, { minLength: 5, maxLength: 5 }), { maxLength: 40 }),
        fc.constantFrom(512, 1024, 4096, 65536),
        fc.constantFrom('UTF-8', 'UTF-16le', 'UTF-16be'),
        fc.array(fc.nat(60), { maxLength: 8 }),
        fc.option(fc.constantFrom("'later'", '7', '-3', '2.5', 'NULL', "x'00ff'", 'TRUE'), { nil: undefined }),
        (types, withKey, rowsIn, pageSize, encoding, deletes, added) => {
          const columns = types.map((t, i) => `"c ${i}" ${t}`);
          if (withKey) columns.unshift('id INTEGER PRIMARY KEY');
          const names = types.map((_, i) => `"c ${i}"`);
          const { bytes, db } = fileOf((d) => {
            d.run(`CREATE TABLE "my table" (${columns.join(', ')})`);
            for (const r of rowsIn)
              d.run(`INSERT INTO "my table" (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`, r.slice(0, names.length) as SqlJsValue[]);
            for (const id of deletes) d.run('DELETE FROM "my table" WHERE rowid = ?', [id]);
            if (added !== undefined) d.run(`ALTER TABLE "my table" ADD COLUMN extra TEXT DEFAULT ${added}`);
          }, `PRAGMA page_size = ${pageSize}; PRAGMA encoding = '${encoding}';`);
          try {
            expect(new SqliteDb(bytes).rows('my table')).toEqual(select(db, 'SELECT * FROM "my table" ORDER BY rowid'));
          } finally {
            db.close();
          }
        },
      ),
      { numRuns: 120 },
    );
  });

  it('trees several levels deep, on the smallest pages, and a vacuumed file', () => {
    const { bytes, db } = fileOf((d) => {
      d.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)');
      d.run('BEGIN');
      for (let i = 1; i <= 5000; i++) d.run('INSERT INTO t (name, n) VALUES (?, ?)', [`row ${i} ${'x'.repeat(i % 300)}`, (i * 7919) % 1000]);
      d.run('COMMIT');
      d.run('DELETE FROM t WHERE id % 3 = 0');
      d.run('CREATE TABLE other (a, b)');
      d.run("INSERT INTO other VALUES (1, 'one')");
    }, 'PRAGMA page_size = 512;');
    try {
      const reader = new SqliteDb(bytes);
      const expected = select(db, 'SELECT * FROM t ORDER BY rowid');
      expect(expected).toHaveLength(3334);
      expect(reader.rows('t')).toEqual(expected);
      expect(reader.rows('t', { orderBy: ['n'] })).toEqual(select(db, 'SELECT * FROM t ORDER BY n, rowid'));
      expect(reader.rows('other')).toEqual([{ a: 1, b: 'one' }]);
      db.run('VACUUM');
      expect(new SqliteDb(db.export()).rows('t')).toEqual(expected);
    } finally {
      db.close();
    }
  });

  it('sorts as SQLite does: NULL, numbers, text (by UTF-8 bytes), blobs; ties in rowid order; and picks columns', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.constantFrom(1, 2, 3)), { maxLength: 40 }), (rowsIn) => {
        const { db, bytes } = fileOf((d) => {
          d.run('CREATE TABLE t (v, w INTEGER)');
          for (const [v, w] of rowsIn) d.run('INSERT INTO t VALUES (?, ?)', [v, w] as SqlJsValue[]);
        });
        try {
          const reader = new SqliteDb(bytes);
          expect(reader.rows('t', { orderBy: ['w', 'v'] })).toEqual(select(db, 'SELECT * FROM t ORDER BY w, v, rowid'));
          expect(reader.rows('T', { columns: ['w'] })).toEqual(select(db, 'SELECT w FROM t ORDER BY rowid'));
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('knows which tables it has; a missing table or column is import/damaged', async () => {
    const { bytes, db } = fileOf((d) => {
      d.run('CREATE TABLE present (a)');
      d.run('CREATE TABLE keyed (k TEXT PRIMARY KEY, v) WITHOUT ROWID');
      d.run('CREATE INDEX present_a ON present (a)');
    });
    db.close();
    const reader = new SqliteDb(bytes);
    expect(reader.hasTable('present')).toBe(true);
    expect(reader.hasTable('absent')).toBe(false);
    // WITHOUT ROWID tables are index trees: not read (none of these apps has one).
    expect(reader.hasTable('keyed')).toBe(false);
    await expect(withDatabase(bytes, (d) => d.rows('absent'))).rejects.toMatchObject({ code: 'import/damaged' });
    await expect(withDatabase(bytes, (d) => d.rows('present', { columns: ['b'] }))).rejects.toMatchObject({ code: 'import/damaged' });
    await expect(withDatabase(bytes, (d) => d.rows('present', { orderBy: ['b'] }))).rejects.toMatchObject({ code: 'import/damaged' });
  });
});

describe('CREATE TABLE', () => {
  it.each([
    [
      'Room (backquotes, a table key)',
      'CREATE TABLE IF NOT EXISTS `authenticator` (`secret` TEXT NOT NULL, `ranking` INTEGER NOT NULL, PRIMARY KEY(`secret`))',
      ['secret', 'ranking'],
      [],
    ],
    [
      'Android (INTEGER PRIMARY KEY)',
      'CREATE TABLE accounts (_id INTEGER PRIMARY KEY, email TEXT NOT NULL, secret TEXT NOT NULL, counter INTEGER DEFAULT 0)',
      ['_id', 'email', 'secret', 'counter'],
      ['_id'],
    ],
    ['a key as a table constraint', 'CREATE TABLE t (id integer, x, CONSTRAINT pk PRIMARY KEY (id ASC))', ['id', 'x'], ['id']],
    ['DESC is not the rowid', 'CREATE TABLE t (id INTEGER PRIMARY KEY DESC, x)', ['id', 'x'], []],
    ['INT is not the rowid', 'CREATE TABLE t (id INT PRIMARY KEY, x)', ['id', 'x'], []],
    [
      'quoted names, comments, nested parentheses',
      'CREATE TABLE "a ""b""" ( [first col] VARCHAR(10, 2) CHECK (length([first col]) > (1)), -- note, with a comma\n "se,cond" /* c, d */ DEFAULT (\'x,y\') )',
      ['first col', 'se,cond'],
      [],
    ],
  ])('%s', (_what, sql, names, rowids) => {
    const columns = parseCreateTable(sql);
    expect(columns?.map((c) => c.name)).toEqual(names);
    expect(columns?.filter((c) => c.rowid).map((c) => c.name)).toEqual(rowids);
  });

  it('leaves out what it does not read: WITHOUT ROWID, virtual tables, generated columns, AS SELECT', () => {
    expect(parseCreateTable('CREATE TABLE t (a PRIMARY KEY, b) WITHOUT ROWID')).toBeNull();
    expect(parseCreateTable('CREATE VIRTUAL TABLE t USING fts5(a, b)')).toBeNull();
    expect(parseCreateTable('CREATE TABLE t (a INTEGER, b INTEGER GENERATED ALWAYS AS (a * 2) VIRTUAL)')).toBeNull();
    expect(parseCreateTable('CREATE TABLE t AS SELECT 1')).toBeNull();
  });
});

describe('hostile files', () => {
  /** A database of one table on 512-byte pages: page 2 its interior root, the leaves after it. */
  function deepFile(): Uint8Array {
    const { bytes, db } = fileOf((d) => {
      d.run('CREATE TABLE t (v TEXT)');
      for (let i = 0; i < 200; i++) d.run('INSERT INTO t VALUES (?)', [`value ${i} ${'y'.repeat(50)}`]);
    }, 'PRAGMA page_size = 512;');
    db.close();
    return bytes;
  }

  it('refuses a tree whose interior page points back at itself', async () => {
    const bytes = deepFile();
    const root = 2;
    const start = (root - 1) * 512;
    expect(bytes[start]).toBe(0x05); // an interior table page
    new DataView(bytes.buffer).setUint32(start + 8, root); // its right-most child: itself
    await expect(withDatabase(bytes, (d) => d.rows('t'))).rejects.toMatchObject({ code: 'import/damaged' });
  });

  it('refuses cells that all point at one huge payload (a file made to be read many times over)', async () => {
    const { bytes, db } = fileOf((d) => {
      d.run('CREATE TABLE t (v BLOB)');
      d.run('INSERT INTO t VALUES (?)', [new Uint8Array(200_000)]);
      for (let i = 0; i < 20; i++) d.run('INSERT INTO t VALUES (?)', [new Uint8Array([i])]);
    }, 'PRAGMA page_size = 4096;');
    db.close();
    // The leaf holding the rows: every cell pointer made to point at the first (large) cell.
    const pages = bytes.length / 4096;
    let leaf = -1;
    for (let p = 2; p <= pages; p++) if (bytes[(p - 1) * 4096] === 0x0d && new DataView(bytes.buffer).getUint16((p - 1) * 4096 + 3) === 21) leaf = p;
    expect(leaf).toBeGreaterThan(0);
    const at = (leaf - 1) * 4096;
    const view = new DataView(bytes.buffer);
    view.setUint16(at + 3, 100); // and more cells than there were, all of them the first
    for (let i = 1; i < 100; i++) view.setUint16(at + 8 + 2 * i, view.getUint16(at + 8));
    await expect(withDatabase(bytes, (d) => d.rows('t'))).rejects.toMatchObject({ code: 'import/damaged' });
  });

  it('any changed bytes: rows or import/damaged, never another error', async () => {
    const bytes = deepFile();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(bytes.length - 1), fc.nat(255)), { minLength: 1, maxLength: 8 }), async (changes) => {
        const copy = bytes.slice();
        for (const [i, b] of changes) copy[i] = b;
        try {
          await withDatabase(copy, (d) => d.rows('t'));
        } catch (err) {
          expect(err).toMatchObject({ code: 'import/damaged' });
        }
      }),
      { numRuns: 400 },
    );
  });
});
