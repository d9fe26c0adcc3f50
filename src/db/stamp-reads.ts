/**
 * The queries every public view makes, on the cheapest path each database allows: the ward the
 * request is for (src/middleware/ward.ts) and the stamp a kept public page is checked with
 * (src/lib/page-cache.ts). On SQLite: a read-only better-sqlite3 connection of its own with each
 * statement prepared once — through Prisma the stamp read cost 0.3 ms of CPU with $queryRaw (1.8 ms
 * with findUnique), mostly preparing the statement again on every call, and the ward's findMany
 * about 0.5 ms (its query compiler); here each costs a few microseconds. In WAL mode this connection
 * sees every committed write of the app's own and of any other process. Should the file not open
 * read-only (it was deleted under the server), Prisma's connection, opened at start, answers instead.
 * On PostgreSQL: Prisma's $queryRaw on the app's pool (the query travels anyway).
 */
import Database from 'better-sqlite3';
import type { Db } from './client.js';
import { Prisma } from '../generated/sqlite/client.js'; // sql tag only: the same runtime serves both databases

type Statement = Database.Statement<unknown[], unknown>;
const connections = new Map<string, { db: Database.Database; statements: Map<string, Statement> } | null>();

function sqliteFile(databaseUrl: string): string | null {
  return databaseUrl.startsWith('file:') ? databaseUrl.slice('file:'.length).split('?')[0] : null;
}

function readOnlyConnection(file: string) {
  if (connections.has(file)) return connections.get(file) ?? null;
  let c: { db: Database.Database; statements: Map<string, Statement> } | null = null;
  try {
    const handle = new Database(file, { readonly: true, fileMustExist: true });
    handle.pragma('busy_timeout = 5000');
    c = { db: handle, statements: new Map() };
  } catch {
    c = null; // Prisma's own connection reads instead
  }
  connections.set(file, c);
  return c;
}

/** Rows of a read-only query written with $1, $2 … placeholders (PostgreSQL style; SQLite gets ?). */
export async function stampRead<T>(db: Db, databaseUrl: string, sql: string, params: unknown[]): Promise<T[]> {
  const file = sqliteFile(databaseUrl);
  const c = file ? readOnlyConnection(file) : null;
  if (!c) return db.$queryRaw<T[]>(Prisma.sql([...sql.split(/\$\d+/)], ...params));
  let st = c.statements.get(sql);
  if (!st) {
    st = c.db.prepare<unknown[], unknown>(sql.replace(/\$\d+/g, '?'));
    c.statements.set(sql, st);
  }
  return st.all(...params) as T[];
}
