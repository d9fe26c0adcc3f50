import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/sqlite/client.js';
import { PrismaClient as PgPrismaClient } from '../generated/postgresql/client.js';

export type { Prisma } from '../generated/sqlite/client.js';
export type Db = PrismaClient;
/** The client inside `db.$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Creates the Prisma client for DATABASE_URL. Both generated clients have the same
 * models (a test checks the schemas match), so the app is typed against the SQLite one.
 */
export async function createDb(databaseUrl: string): Promise<Db> {
  if (databaseUrl.startsWith('file:')) {
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: databaseUrl }) });
    // WAL lets readers carry on while one request writes; busy_timeout waits instead of failing.
    await client.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await client.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    await client.$queryRawUnsafe('PRAGMA foreign_keys = ON');
    return client;
  }
  const client = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  return client as unknown as Db;
}
