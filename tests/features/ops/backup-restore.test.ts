/**
 * Backup and restore round trip on the test's database (SQLite, or PostgreSQL
 * with TEST_DB=postgresql): every row of every table and every uploaded file
 * comes back identical; a non-empty target is refused unless forced.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { createDb } from '../../../src/db/client.js';
import { createFileStore } from '../../../src/lib/file-store.js';
import { backup, restore, verifyBackup } from '../../../src/lib/backup.js';
import { sqliteFileOf } from '../../../src/lib/storage-guard.js';
import { createTestApp, csrfToken, type TestApp, multipartAction } from '../../helpers/test-app.js';
import { pgAdmin, pgUrlFor, TEST_DB_KIND } from '../../helpers/databases.js';
import { PDF, PNG } from '../drafts/draft-helpers.js';

/** Every row of every table, as sorted JSON lines per table, read with the plain driver. */
async function allRows(databaseUrl: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  const file = sqliteFileOf(databaseUrl);
  if (file) {
    const db = new Database(file, { readonly: true });
    try {
      const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[];
      for (const { name } of tables) out[name] = (db.prepare(`SELECT * FROM "${name}"`).all() as object[]).map((r) => JSON.stringify(r)).sort();
    } finally {
      db.close();
    }
    return out;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tables = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
    for (const { tablename } of tables.rows) out[tablename] = (await client.query(`SELECT * FROM "${tablename}"`)).rows.map((r) => JSON.stringify(r)).sort();
  } finally {
    await client.end();
  }
  return out;
}

function filesIn(dir: string): Record<string, string> {
  if (!fs.existsSync(dir)) return {};
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((n) => [
        n,
        crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(dir, n)))
          .digest('hex'),
      ]),
  );
}

describe('backup and restore', () => {
  let t: TestApp;
  const tmp: string[] = [];
  const newDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backup-'));
    tmp.push(d);
    return d;
  };
  let targetPg: string | null = null;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const d of tmp) fs.rmSync(d, { recursive: true, force: true });
    if (targetPg) await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${targetPg} WITH (FORCE)`));
    await t.close();
  });

  it('brings back every row and every file, and refuses to overwrite unless forced', { timeout: 60_000 }, async () => {
    // Some uploads to carry over.
    const officer = await t.loginAs('tuphap');
    const law = await t.db.draft.findFirstOrThrow({ where: { documentType: 'LAW' } });
    const token = await csrfToken(officer, `/can-bo/du-thao/${law.id}/tep`);
    const up = await officer
      .post(multipartAction(`/can-bo/du-thao/${law.id}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', PDF, 'Tờ trình.pdf')
      .attach('files', PNG, 'so-do.png');
    expect(up.status).toBe(303);
    const source = t.ctx.config;
    const rowsBefore = await allRows(source.databaseUrl);
    expect(rowsBefore.StoredFile.length).toBeGreaterThanOrEqual(2);
    const filesBefore = filesIn(source.uploadDir);
    // FILE_STORAGE=database: the files are rows (StoredBlob…), carried by the database dump; the folder stays empty.
    const inDatabase = source.fileStorage === 'database';
    if (inDatabase) expect(rowsBefore.StoredBlobChunk.length).toBeGreaterThanOrEqual(2);
    else expect(Object.keys(filesBefore).length).toBeGreaterThanOrEqual(2);

    const folder = path.join(newDir(), 'backup-1');
    const manifest = await backup(source, folder);
    expect(manifest.files.filter((f) => f.path.startsWith('uploads/')).length).toBe(Object.keys(filesBefore).length);
    expect(() => verifyBackup(folder)).not.toThrow();

    // Into an empty target: a new data folder and a new database.
    const targetDir = newDir();
    let targetUrl = `file:${path.join(targetDir, 'portal.db')}`;
    if (TEST_DB_KIND === 'postgresql') {
      targetPg = `portal_restore_${crypto.randomBytes(5).toString('hex')}`;
      targetUrl = pgUrlFor(targetPg); // does not exist yet: restore creates it
    }
    const target = loadConfig({ NODE_ENV: 'test', DATA_DIR: targetDir, DATABASE_URL: targetUrl, FILE_STORAGE: source.fileStorage });
    await restore(target, folder);
    expect(await allRows(target.databaseUrl)).toEqual(rowsBefore);
    expect(filesIn(target.uploadDir)).toEqual(filesBefore);
    // The restored deployment serves the uploaded bytes, whichever backend holds them.
    const restoredDb = await createDb(target.databaseUrl);
    try {
      const pdf = await restoredDb.storedFile.findFirstOrThrow({ where: { originalName: 'Tờ trình.pdf' } });
      const opened = await createFileStore(target, restoredDb).open(pdf.storageKey);
      const parts: Buffer[] = [];
      for await (const part of opened?.stream ?? []) parts.push(part as Buffer);
      expect(Buffer.concat(parts).equals(PDF)).toBe(true);
    } finally {
      await restoredDb.$disconnect();
    }

    // The target now holds data: a second restore is refused, then replaces it when forced.
    await expect(restore(target, folder)).rejects.toThrow(/Refusing to overwrite/);
    fs.writeFileSync(path.join(target.uploadDir, 'stray'), 'x');
    await restore(target, folder, { force: true });
    expect(await allRows(target.databaseUrl)).toEqual(rowsBefore);
    expect(filesIn(target.uploadDir)).toEqual(filesBefore);

    // A damaged backup is refused before anything is touched.
    const damaged = manifest.files.find((f) => f.path.startsWith(inDatabase ? 'database' : 'uploads/'))!;
    fs.appendFileSync(path.join(folder, damaged.path), 'tampered');
    await expect(restore(target, folder, { force: true })).rejects.toThrow(/does not match its sha256/);
    expect(filesIn(target.uploadDir)).toEqual(filesBefore);
    // And a backup never writes into a folder that already holds something.
    await expect(backup(source, folder)).rejects.toThrow(/not empty/);
  });
});
