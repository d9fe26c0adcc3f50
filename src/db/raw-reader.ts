/**
 * A read-only connection of its own, without Prisma, for work done in a worker thread (the
 * exports, src/lib/export-thread.ts): loading Prisma's client and query compiler there would
 * cost the worker more heap than the export itself. SQL as in hot-sql.ts: $1, $2 … placeholders
 * (each used once, in order), rows as the driver gives them.
 * - SQLite: better-sqlite3 opened read-only on the same file (WAL: never waits for writers, sees
 *   committed rows); the worker thread may block on it, the server's event loop does not.
 * - PostgreSQL: one `pg` client, TIMESTAMP(3) read as UTC as the hot path's pool does, jit off.
 */
import type Database from 'better-sqlite3';
import { pgValue, sqliteValue } from './hot-sql.js';

export type RawReader = {
  read: (sql: string, params: readonly unknown[]) => Promise<unknown[]>;
  close: () => Promise<void>;
};

const TIMESTAMP = 1114;

export async function openRawReader(databaseUrl: string): Promise<RawReader> {
  if (databaseUrl.startsWith('file:')) {
    const { default: Database } = await import('better-sqlite3');
    const conn = new Database(databaseUrl.replace(/^file:/, ''), { readonly: true, fileMustExist: true });
    conn.pragma('busy_timeout = 5000');
    // better-sqlite3 builds SQLite with a 16 MB page cache per connection; an export reads each page
    // once, in index order, so a small cache reads as fast and the worker stays ~15 MB smaller (measured).
    conn.pragma('cache_size = -256');
    const statements = new Map<string, Database.Statement<unknown[]>>();
    return {
      read: async (sql, params) => {
        let st = statements.get(sql);
        if (!st) {
          st = conn.prepare<unknown[]>(sql.replace(/\$\d+/g, '?'));
          statements.set(sql, st);
        }
        return st.all(...params.map(sqliteValue));
      },
      close: async () => {
        if (conn.open) conn.close();
      },
    };
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: 5000,
    options: '-c jit=off',
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === TIMESTAMP && format !== 'binary'
          ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  client.on('error', () => undefined); // a dropped connection fails the next query, not the process
  await client.connect();
  return {
    read: async (sql, params) => (await client.query(sql, params.map(pgValue) as unknown[])).rows,
    close: async () => {
      await client.end().catch(() => undefined);
    },
  };
}
