/**
 * Runs once per browser-test run: a SQLite database migrated with the committed
 * migrations and seeded with the demo data relative to the real clock (the
 * server under test uses the real clock). Each test file's server starts on a
 * copy of it, so migrating and seeding happen once, not per file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrate } from '../../../scripts/migrate.js';
import { createDb } from '../../../src/db/client.js';
import { seed } from '../../../prisma/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-tpl-'));
  const file = path.join(dir, 'portal.db');
  const url = `file:${file}`;
  migrate(url, dir);
  const db = await createDb(url);
  try {
    await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: new Date() });
    // Fold the WAL into the main file so a plain copy holds everything.
    await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await db.$disconnect();
  }
  project.provide('e2eTemplate', file);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
