import type { PrismaClient } from '../generated/sqlite/client.js';
import { attachPgReader, attachSqliteReader } from './hot-sql.js';

export type { Prisma } from '../generated/sqlite/client.js';
export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Time limits on PostgreSQL so that a database that accepts connections but
 * never answers fails fast (the web app answers 503 within 5 s) instead of
 * holding every request. Scripts (seed, backup, benchmarks) leave the
 * statement limits off; the connection limit always applies.
 */
export type DbTimeouts = { connectMs?: number; statementMs?: number };

/**
 * SQLite page cache of each of the server's connections, in KiB (issue 10, exports ≤ 150 MB): our
 * better-sqlite3 is compiled with 16 MB a connection (SQLITE_DEFAULT_CACHE_SIZE=-16000), and the
 * server holds three (Prisma's, hot-sql's reader and writer), up to ~48 MB resident once pages have
 * read a million-comment database. 2 MB is SQLite's own default; the file stays in the OS page
 * cache, so a miss is a copy, not a disk read (docs/performance-log.md: pages' CPU measured with both).
 */
export const sqliteCacheKib = 2000;

/**
 * Creates the Prisma client for DATABASE_URL. Both generated clients have the same
 * models (a test checks the schemas match), so the app is typed against the SQLite one.
 * Each database's client and driver are imported only when that database is used: a
 * server on SQLite never loads pg, its adapter or the PostgreSQL client (about 20 MB of
 * resident memory), and one on PostgreSQL never loads better-sqlite3's (issue 10).
 */
export async function createDb(databaseUrl: string, timeouts: DbTimeouts = {}): Promise<Db> {
  if (databaseUrl.startsWith('file:')) {
    const [{ PrismaBetterSQLite3 }, { PrismaClient }] = await Promise.all([import('@prisma/adapter-better-sqlite3'), import('../generated/sqlite/client.js')]);
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
    // WAL lets readers carry on while one request writes; busy_timeout waits instead of failing.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await client.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    await client.$queryRawUnsafe(`PRAGMA cache_size = -${sqliteCacheKib}`);
    // The comment intake's reads, on a second connection with statements prepared once (src/db/hot-sql.ts).
    await attachSqliteReader(client, databaseUrl.replace(/^file:/, ''), sqliteCacheKib);
    return client;
  }
  const [{ PrismaPg }, { PrismaClient: PgPrismaClient }] = await Promise.all([import('@prisma/adapter-pg'), import('../generated/postgresql/client.js')]);
  const statement = timeouts.statementMs ? { statement_timeout: timeouts.statementMs, query_timeout: timeouts.statementMs + 500 } : {};
  // jit=off: PostgreSQL compiles a query with LLVM once its estimated cost passes jit_above_cost, which the
  // summary page's counts did at a million comments: 8.7 s of JIT for 25 ms of work (EXPLAIN ANALYZE).
  // The portal's queries are short index reads, for which JIT never pays.
  const adapter = new PrismaPg({ connectionString: databaseUrl, connectionTimeoutMillis: timeouts.connectMs ?? 3000, options: '-c jit=off', ...statement });
  const client = new PgPrismaClient({ adapter });
  // The comment intake's reads, on a small pool of their own (src/db/hot-sql.ts).
  await attachPgReader(client as unknown as Db, databaseUrl, { connectMs: timeouts.connectMs, statementMs: timeouts.statementMs });
  // The PostgreSQL client is generated from the same models (a test keeps the two schemas equal) but is
  // its own type: its $transaction also accepts PostgreSQL's isolation levels, where SQLite's takes only
  // Serializable, so TypeScript will not convert one client type into the other without `unknown`. The app
  // calls only what both clients share. The cast is not about @prisma/adapter-pg being version 7 under the
  // 6.19 client: the adapter is accepted by the client's constructor, typed, just above.
  return client as unknown as Db;
}
