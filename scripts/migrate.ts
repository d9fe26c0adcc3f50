/** Applies the committed migrations to DATABASE_URL (SQLite by default) with `prisma migrate deploy`. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { loadConfig } from '../src/config/index.js';
import { sqliteFileOf } from '../src/lib/storage-guard.js';

export function migrate(databaseUrl: string, dataDir?: string) {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
}

/** The committed migrations of the database's kind, oldest first (prisma.config.ts picks the same folder). */
function committedMigrations(databaseUrl: string): string[] {
  const dir = sqliteFileOf(databaseUrl) ? 'prisma/migrations' : 'prisma/postgresql/migrations';
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && fs.existsSync(`${dir}/${e.name}/migration.sql`))
    .map((e) => e.name)
    .sort();
}

/**
 * The migrations the database has finished (not failed, not rolled back); null when it has no migrations table yet.
 * Read with the bare driver, read-only on SQLite: nothing is created and no lock is held past the read.
 */
async function appliedMigrations(databaseUrl: string): Promise<Set<string> | null> {
  const sql = 'SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL';
  const file = sqliteFileOf(databaseUrl);
  if (file) {
    if (!fs.existsSync(file)) return null;
    const { default: Database } = await import('better-sqlite3');
    const conn = new Database(file, { readonly: true, fileMustExist: true });
    try {
      conn.pragma('busy_timeout = 5000');
      const hasTable = conn.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      return hasTable ? new Set((conn.prepare(sql).all() as { name: string }[]).map((r) => r.name)) : null;
    } finally {
      conn.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    // A database not created yet: everything is due, and the deploy below says what is missing.
    if ((err as { code?: string }).code === '3D000') return null;
    throw err;
  }
  try {
    const exists = await client.query(`SELECT to_regclass('public."_prisma_migrations"') IS NOT NULL AS present`);
    if (!exists.rows[0].present) return null;
    return new Set((await client.query<{ name: string }>(sql)).rows.map((r) => r.name));
  } finally {
    await client.end();
  }
}

/** The committed migrations the database has not applied yet (all of them for a new database). */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const applied = await appliedMigrations(databaseUrl);
  return committedMigrations(databaseUrl).filter((m) => !applied?.has(m));
}

/**
 * `npm start`: runs `prisma migrate deploy` only when a committed migration is not yet applied. Prisma's
 * migration engine takes SQLite's file for itself (an exclusive lock), which it cannot while another portal
 * process has the file open: a second server on the same data folder (a restart that overlaps the old
 * process) failed there with Prisma's own WASM error although there was nothing to migrate. It also saves the
 * second or two that starting Prisma's CLI takes. Returns null, or the reason to stop with.
 */
export async function migrateIfBehind(databaseUrl: string, dataDir?: string): Promise<string | null> {
  if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
  const pending = await pendingMigrations(databaseUrl);
  if (pending.length === 0) return null;
  try {
    migrate(databaseUrl, dataDir);
    return null;
  } catch (err) {
    const output = `${(err as { stderr?: Buffer }).stderr ?? ''}${(err as { stdout?: Buffer }).stdout ?? ''}`;
    const reason = /^Error: .*$/m.exec(output)?.[0] ?? (err as Error).message.split('\n')[0];
    return [
      `Không cập nhật được cấu trúc cơ sở dữ liệu (${pending.length} bản cập nhật chưa áp dụng, đầu tiên: ${pending[0]}).`,
      sqliteFileOf(databaseUrl)
        ? 'Nếu một máy chủ khác của cổng đang mở cùng tệp cơ sở dữ liệu (cùng DATA_DIR), hãy dừng máy chủ đó rồi chạy lại: việc cập nhật cần dùng tệp một mình.'
        : 'Kiểm tra rằng cơ sở dữ liệu đã được tạo, tài khoản có quyền tạo bảng, và thông báo của Prisma dưới đây.',
      `(prisma migrate deploy: ${reason.slice(0, 400)})`,
    ].join('\n');
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  migrate(config.databaseUrl, config.dataDir);
  console.log(`Database migrated (${config.databaseKind}).`);
}
