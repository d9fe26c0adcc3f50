/**
 * Runs once per test run: migrates a template database with the committed
 * migrations (prisma migrate deploy, as `npm start` does) and seeds it with the
 * seed plan and demo data at a fixed date.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migrate } from '../../scripts/migrate.js';
import { createDb } from '../../src/db/client.js';
import { seed } from '../../prisma/seed.js';
import type { TestProject } from 'vitest/node';
import { PG_ADMIN_URL, SEED_NOW, TEST_DB_KIND, pgAdmin, pgUrlFor, type TemplateInfo } from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templateInfo: TemplateInfo;
  }
}

export default async function setup(project: TestProject) {
  let info: TemplateInfo;
  if (TEST_DB_KIND === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-template-'));
    const file = path.join(dir, 'template.db');
    const url = `file:${file}`;
    migrate(url);
    const db = await createDb(url);
    await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: SEED_NOW });
    // Fold the WAL into the main file so a plain file copy holds everything.
    await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
    await db.$disconnect();
    info = { kind: 'sqlite', file };
  } else {
    const name = `portal_tpl_${process.pid}_${Date.now()}`;
    await pgAdmin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name}`);
    });
    const url = pgUrlFor(name);
    migrate(url);
    const db = await createDb(url);
    await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: SEED_NOW });
    await db.$disconnect();
    info = { kind: 'postgresql', name, url };
    console.log(`PostgreSQL template ${name} on ${new URL(PG_ADMIN_URL).host}`);
  }
  // Each run passes its own template to its workers, so parallel runs never collide.
  project.provide('templateInfo', info);
  return async () => {
    if (info.kind === 'sqlite') fs.rmSync(path.dirname(info.file), { recursive: true, force: true });
    else await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${info.name} WITH (FORCE)`));
  };
}
