/**
 * `npm start` migrates only when a committed migration is not yet applied (scripts/migrate.ts). Prisma's
 * migration engine wants SQLite's file to itself, so a second portal process on the same data folder (a restart
 * that overlaps the old process) used to stop in `prisma migrate deploy` with Prisma's WASM error although there
 * was nothing to migrate; when there is something to migrate and it cannot, the start stops with the reason.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateIfBehind, pendingMigrations } from '../../../scripts/migrate.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { pgUrlFor, TEST_DB_KIND } from '../../helpers/databases.js';

const committed = () =>
  fs
    .readdirSync(TEST_DB_KIND === 'sqlite' ? 'prisma/migrations' : 'prisma/postgresql/migrations', { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe('migrations at start', () => {
  let t: TestApp;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-migrate-'));
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('finds nothing pending on a migrated database and every migration pending on a new one', async () => {
    expect(committed().length).toBeGreaterThan(10);
    expect(await pendingMigrations(t.ctx.config.databaseUrl)).toEqual([]);
    if (TEST_DB_KIND === 'sqlite') {
      const fresh = `file:${path.join(tmp, 'new.db')}`;
      expect(await pendingMigrations(fresh)).toEqual(committed());
      expect(fs.existsSync(path.join(tmp, 'new.db')), 'the check creates no database').toBe(false);
    } else {
      // A database not created yet: everything is due; the check itself does not fail (the deploy then says why).
      expect(await pendingMigrations(pgUrlFor('portal_migrate_never_created_xyz'))).toEqual(committed());
    }
  });

  it('starts beside a running process on the same database when there is nothing to migrate', async () => {
    // The test app's connections hold the database open, as a running portal's do.
    await t.db.draft.count();
    expect(await migrateIfBehind(t.ctx.config.databaseUrl, t.dataDir)).toBeNull();
  });

  // SQLite's file only: PostgreSQL's migration engine takes an advisory lock beside other connections.
  if (TEST_DB_KIND === 'sqlite')
    it('stops with the reason when a migration is due but another process holds the file', async () => {
      const [last] = await t.db.$queryRawUnsafe<{ name: string }[]>(
        'SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1',
      );
      await t.db.$executeRawUnsafe('UPDATE _prisma_migrations SET migration_name = ? WHERE migration_name = ?', `${last.name}_renamed`, last.name);
      expect(await pendingMigrations(t.ctx.config.databaseUrl)).toEqual([last.name]);
      await t.db.draft.count();
      const message = await migrateIfBehind(t.ctx.config.databaseUrl, t.dataDir);
      expect(message).toContain('Không cập nhật được cấu trúc cơ sở dữ liệu');
      expect(message).toContain(last.name);
      expect(message).toContain('hãy dừng máy chủ đó rồi chạy lại');
      // Nothing was applied twice: the database is as it was.
      expect(await t.db.draft.count()).toBeGreaterThan(0);
    }, 60_000);
});
