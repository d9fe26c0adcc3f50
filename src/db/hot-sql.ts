import type Database from 'better-sqlite3';
import type { Db, Tx } from './client.js';
import { sqliteWriter, type SqliteWriter } from './sqlite-writer.js';

/**
 * Reads of the comment intake's hot path (issue 10): the ward of the request, the draft with its
 * articles, the residential groups, a rate-limit counter, the receipt. Through Prisma, even a raw
 * query costs ~0.3 ms of CPU (its query pipeline, and the SQLite adapter preparing the statement
 * again every time); an accepted comment made nine such reads. On SQLite they run here instead,
 * as statements prepared once on a second, read-only-by-use connection to the same file (WAL:
 * readers never wait for the writer and see only committed rows, as a read outside a transaction
 * through Prisma does). On PostgreSQL they run on a small `pg` pool of their own, as the bare
 * stack does (Prisma's raw query, hotRaw, when there is none).
 *
 * Like Prisma's raw SQL, these statements are not filtered by the ward-scoped access layer: each
 * carries its own ward filter, and tests/features/security/raw-queries.test.ts lists every file
 * that calls `hotRead` or `hotRaw` with why its statements stay inside one ward.
 *
 * SQL is written with PostgreSQL placeholders ($1, $2 …, each used once, in order) and quoted
 * identifiers, the same text on both databases. Values come back as the driver gives them:
 * on SQLite dates as ISO text and booleans as 0/1, on PostgreSQL as Date and boolean (callers
 * convert, as they did for Prisma's raw rows).
 */
export type HotReader = (sql: string, params: readonly unknown[]) => unknown[] | Promise<unknown[]>;

const readers = new WeakMap<object, HotReader>();

const writers = new WeakMap<object, SqliteWriter>();

/**
 * On SQLite, the intake's write (its rate-limit counters and the comment) as ONE transaction on a
 * thread of its own (src/db/sqlite-writer.ts): BEGIN IMMEDIATE, the statements, COMMIT, beside the
 * event loop rather than in it. Undefined on PostgreSQL: the caller then uses a transaction on the
 * hot path's pool (hotTransaction) with the same statements.
 */
export function hotWriter(db: Db): SqliteWriter | undefined {
  return writers.get(db);
}

/** A transaction whose statements go through hotRaw (the intake's write on PostgreSQL). */
export type HotTransaction = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;
const transactions = new WeakMap<object, HotTransaction>();

/**
 * On PostgreSQL, a transaction on the hot path's own pool for statements run through hotRaw (the
 * `tx` it hands over answers only Prisma's `$queryRawUnsafe`): the intake's counts and comment
 * without Prisma's four round trips. Undefined on SQLite (see hotWriter there).
 */
export function hotTransaction(db: Db): HotTransaction | undefined {
  return transactions.get(db);
}

/**
 * A date from a raw row (the hot path's statements, or Prisma's raw queries): PostgreSQL gives a Date; SQLite gives
 * what Prisma stored, milliseconds (as a number, or as a string of digits) or ISO text.
 */
export function rawDate(v: Date | string | number): Date;
export function rawDate(v: Date | string | number | null | undefined): Date | null;
export function rawDate(v: Date | string | number | null | undefined): Date | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v : new Date(typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v);
}

/** Whether this Prisma client (or transaction client) talks to SQLite: for the few statements whose text differs. */
export function isSqlite(db: Db | Tx): boolean {
  return (db as unknown as { _activeProvider?: string })._activeProvider === 'sqlite';
}

/** Runs a read-only statement of the hot path; see above. */
export async function hotRead<T>(db: Db, sql: string, params: readonly unknown[]): Promise<T[]> {
  const reader = readers.get(db);
  if (reader) return (await reader(sql, params)) as T[];
  return hotRaw<T>(db, sql, params);
}

/**
 * Prisma's raw query with the hot path's statement text ($n placeholders): SQLite reads `$1` as a
 * named parameter, so there they become `?`. For statements that must run in a Prisma transaction.
 */
export async function hotRaw<T>(db: Db | Tx, sql: string, params: readonly unknown[]): Promise<T[]> {
  return db.$queryRawUnsafe<T[]>(isSqlite(db) ? sql.replace(/\$\d+/g, '?') : sql, ...params);
}

/** Lets another client object (the ward-scoped one built on `from`) use `from`'s reader. */
export function shareHotReader(from: Db, to: Db) {
  const reader = readers.get(from);
  if (reader) readers.set(to, reader);
  const writer = writers.get(from);
  if (writer) writers.set(to, writer);
  const transaction = transactions.get(from);
  if (transaction) transactions.set(to, transaction);
}

/** A connection's statements, each prepared once from the hot path's text ($n placeholders become ?). */
function statementsOf(conn: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  return (sql: string) => {
    let st = statements.get(sql);
    if (!st) {
      if (statements.size >= 200) statements.clear(); // only the hot path's few fixed texts come here
      st = conn.prepare(sql.replace(/\$\d+/g, '?'));
      statements.set(sql, st);
    }
    return st;
  };
}

/**
 * Opens the SQLite reader of `db` (the file Prisma's adapter uses) and closes it with `db`.
 * The connection never writes; busy_timeout 0 so that a read can never block the event loop
 * waiting for a lock this same process holds (in WAL a reader meets one only for the moment
 * the write-ahead log's index is being rebuilt; it tries again at once, three times).
 */
export async function attachSqliteReader(db: Db, file: string, cacheKib: number) {
  // Loaded here, not at the top: a server on PostgreSQL never loads the SQLite driver (and the reverse for pg).
  const { default: Database } = await import('better-sqlite3');
  const conn = new Database(file, { fileMustExist: true });
  conn.pragma('busy_timeout = 0');
  conn.pragma('query_only = ON');
  conn.pragma(`cache_size = -${cacheKib}`);
  const prepared = statementsOf(conn);
  const reader: HotReader = (sql, params) => {
    const args = params.map(sqliteValue);
    for (let attempt = 0; ; attempt++) {
      try {
        return prepared(sql).all(...args);
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 3) throw err;
      }
    }
  };
  readers.set(db, reader);

  const writer = sqliteWriter(file, cacheKib);
  writers.set(db, writer);

  const disconnect = db.$disconnect.bind(db);
  Object.defineProperty(db, '$disconnect', {
    configurable: true,
    value: async () => {
      readers.delete(db);
      writers.delete(db);
      if (conn.open) conn.close();
      await writer.close();
      return disconnect();
    },
  });
}

/** A parameter as Prisma's SQLite adapter writes it: booleans 1/0, dates ISO with "+00:00". */
export function sqliteValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString().replace('Z', '+00:00');
  return v ?? null;
}

/**
 * The PostgreSQL reader of `db`: a pool of up to six connections with the app’s time limits.
 * TIMESTAMP(3) columns hold UTC without a zone (as Prisma writes them): read as UTC, whatever
 * the process's time zone (pg would take them as local time). Also the intake's transaction (hotTransaction).
 */
export async function attachPgReader(db: Db, url: string, limits: { connectMs?: number; statementMs?: number }) {
  const { default: pg } = await import('pg');
  const TIMESTAMP = 1114;
  const pool = new pg.Pool({
    connectionString: url,
    max: 6,
    connectionTimeoutMillis: limits.connectMs ?? 3000,
    ...(limits.statementMs ? { statement_timeout: limits.statementMs, query_timeout: limits.statementMs + 500 } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMP && format !== 'binary'
          ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server dropped must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  // Each statement is prepared once per connection under a name (a hash of its text): the server then neither
  // parses nor plans it again on every view (it runs on the same machine, and its CPU is the pages' CPU).
  // The texts are the hot path's fixed few, so the names stay few on every connection.
  const { createHash } = await import('node:crypto');
  const names = new Map<string, string>();
  const statement = (text: string, params: readonly unknown[]) => {
    let name = names.get(text);
    if (!name) {
      name = `hot_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
      if (names.size >= 500) names.clear();
      names.set(text, name);
    }
    return { name, text, values: params.map(pgValue) };
  };
  readers.set(db, async (sql, params) => (await pool.query(statement(sql, params))).rows);
  transactions.set(db, async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const tx = {
        _activeProvider: 'postgresql',
        $queryRawUnsafe: async (sql: string, ...params: unknown[]) => (await client.query(statement(sql, params))).rows,
      } as unknown as Tx;
      const result = await fn(tx);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  });
  const disconnect = db.$disconnect.bind(db);
  Object.defineProperty(db, '$disconnect', {
    configurable: true,
    value: async () => {
      readers.delete(db);
      transactions.delete(db);
      await pool.end().catch(() => undefined);
      return disconnect();
    },
  });
}

/** A parameter for a TIMESTAMP(3) column: the UTC time (pg would send local time with an offset, which the column drops). */
export function pgValue(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}
