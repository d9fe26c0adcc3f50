import { defineConfig } from 'prisma/config';
import { databaseUrlOf } from './src/config/index.js';

/**
 * The Prisma CLI runs here without downloaded engine binaries: it talks to the
 * database through the same driver adapters as the app. DATABASE_URL picks the
 * schema: file:… uses prisma/schema.prisma (SQLite), postgresql://… uses
 * prisma/postgresql/schema.prisma. Both have committed migrations.
 */
const url = databaseUrlOf(process.env);
const isPostgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: isPostgres ? 'prisma/postgresql/schema.prisma' : 'prisma/schema.prisma',
  migrations: { path: isPostgres ? 'prisma/postgresql/migrations' : 'prisma/migrations' },
  async adapter() {
    if (isPostgres) {
      const { PrismaPg } = await import('@prisma/adapter-pg');
      return new PrismaPg({ connectionString: url });
    }
    const { PrismaBetterSQLite3 } = await import('@prisma/adapter-better-sqlite3');
    return new PrismaBetterSQLite3({ url });
  },
});
