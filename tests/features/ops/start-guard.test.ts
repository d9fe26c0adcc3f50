/**
 * `npm start` does not create (and seed) a new database where DATA_DIR shows a
 * deployment already ran, unless ALLOW_NEW_DATABASE=1 says so.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { MARKER_FILE, readMarker, recordDeployment, refuseNewDatabase } from '../../../src/lib/deployment.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { pgUrlFor } from '../../helpers/databases.js';

const tmpDirs: string[] = [];
function dataDir(files: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-start-'));
  tmpDirs.push(dir);
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  return dir;
}
const configFor = (dir: string, env: Record<string, string> = {}) => loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...env });
const marker = JSON.stringify({ deploymentId: 'b3c1', databaseKind: 'sqlite', createdAt: '2025-01-01T00:00:00.000Z' });

describe('starting on a lost database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const d of tmpDirs) fs.rmSync(d, { recursive: true, force: true });
    await t.close();
  });

  it('refuses a new SQLite database where the marker, uploads or mail say one existed', async () => {
    expect(await refuseNewDatabase(configFor(dataDir()))).toBeNull(); // a first start
    const cases: Record<string, string>[] = [{ [MARKER_FILE]: marker }, { 'uploads/Xk2': 'pdf' }, { 'mail/1.eml': 'mail' }];
    for (const files of cases) {
      const message = await refuseNewDatabase(configFor(dataDir(files)));
      expect(message).toContain('Refusing to create a new, empty database');
      expect(message).toContain('ALLOW_NEW_DATABASE=1');
    }
    expect(await refuseNewDatabase(configFor(dataDir({ [MARKER_FILE]: marker }), { ALLOW_NEW_DATABASE: '1' }))).toBeNull();
  });

  it('refuses a PostgreSQL database that does not exist or has no tables when DATA_DIR has a marker', async () => {
    const dir = dataDir({ [MARKER_FILE]: marker });
    const message = await refuseNewDatabase(configFor(dir, { DATABASE_URL: pgUrlFor('portal_never_created_xyz') }));
    expect(message).toContain('Refusing to create a new, empty database');
  });

  it('lets an existing database start, writes the marker, and stops on a marker of another database', async () => {
    const config = configFor(t.dataDir, { DATABASE_URL: t.ctx.config.databaseUrl });
    expect(await refuseNewDatabase(config)).toBeNull();
    expect(await recordDeployment(config, t.db, new Date())).toBeNull();
    const written = readMarker(t.dataDir)!;
    const row = await t.db.systemState.findUniqueOrThrow({ where: { key: 'deploymentId' } });
    expect(written.deploymentId).toBe(row.value);
    expect(await recordDeployment(config, t.db, new Date())).toBeNull(); // the same deployment again

    fs.writeFileSync(path.join(t.dataDir, MARKER_FILE), marker);
    expect(await recordDeployment(config, t.db, new Date())).toContain('belongs to deployment b3c1');
  });

  it('npm start stops with the reason and creates no database file', { timeout: 60_000 }, () => {
    const dir = dataDir({ [MARKER_FILE]: marker, 'uploads/Xk2': 'pdf' });
    // A clean environment, as on a server (vitest sets variables such as BASE_URL of its own).
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATA_DIR: dir };
    const res = spawnSync('npx', ['tsx', 'scripts/start.ts'], {
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Refusing to create a new, empty database');
    expect(fs.existsSync(path.join(dir, 'portal.db'))).toBe(false);
  });

  it('npm start on an unreachable PostgreSQL server stops with one readable line, password hidden, no stack trace', { timeout: 60_000 }, () => {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      DATA_DIR: dataDir(),
      DATABASE_URL: 'postgresql://postgres:secret-pw@127.0.0.1:1/portal',
    };
    const res = spawnSync('npx', ['tsx', 'scripts/start.ts'], { env, encoding: 'utf8', timeout: 60_000 });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('Không kết nối được cơ sở dữ liệu');
    expect(res.stderr).toContain('postgresql://postgres:***@127.0.0.1:1/portal');
    expect(res.stderr).not.toContain('secret-pw');
    expect(res.stderr).not.toMatch(/\n\s+at /);
  });
});
