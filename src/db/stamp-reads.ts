/**
 * The one query a kept public page is checked with on every view (src/lib/page-cache.ts), on the
 * cheapest path each database allows. On SQLite: a read-only better-sqlite3 connection of its own
 * with the statement prepared once — through Prisma the same read cost 0.3 ms of CPU with $queryRaw
 * (1.8 ms with findUnique), mostly preparing the statement again on every call; here it costs a
 * few microseconds. In WAL mode this connection sees every committed write of the app's own.
 * On PostgreSQL: Prisma's $queryRaw on the app's pool (the query travels anyway).
 */
import Database from 'better-sqlite3';
import type { Db } from './client.js';
import { Prisma } from '../generated/sqlite/client.js'; // sql tag only: the same runtime serves both databases

type Statement = Database.Statement<unknown[], unknown>;
const connections = new Map<string, { db: Database.Database; statements: Map<string, Statement> }>();

function sqliteFile(databaseUrl: string): string | null {
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length).split('?')[0] : null;
}

/** Rows of a read-only query written with $1, $2 … placeholders (PostgreSQL style; SQLite gets ?). */
export async function stampRead<T>(db: Db, databaseUrl: string, sql: string, params: unknown[]): Promise<T[]> {
  const file = sqliteFile(databaseUrl);
  if (!file) return db.$queryRaw<T[]>(Prisma.sql([...sql.split(/\$\d+/)], ...params));
  let c = connections.get(file);
  if (!c) {
    const handle = new Database(file, { readonly: true, fileMustExist: true });
    handle.pragma('busy_timeout = 5000');
    c = { db: handle, statements: new Map() };
    connections.set(file, c);
  }
  let st = c.statements.get(sql);
  if (!st) {
    st = c.db.prepare<unknown[], unknown>(sql.replace(/\$\d+/g, '?'));
    c.statements.set(sql, st);
  }
  return st.all(...params) as T[];
}
