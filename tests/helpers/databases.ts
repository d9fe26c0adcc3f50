/**
 * Throwaway databases for tests. The global setup migrates and seeds one
 * template per run; each test app gets its own copy (a file copy on SQLite,
 * CREATE DATABASE … TEMPLATE on PostgreSQL), so tests never share state.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

export const TEST_DB_KIND: 'sqlite' | 'postgresql' = process.env.TEST_DB === 'postgresql' ? 'postgresql' : 'sqlite';

/** The server to make throwaway PostgreSQL databases on (trust auth on 127.0.0.1 here and in CI). */
export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** The fixed "now" the template was seeded at: 15/10/2025 09:00 in Vietnam, mid-way through the 2025 plan. */
export const SEED_NOW = new Date('2025-10-15T02:00:00.000Z');

export type TemplateInfo = { kind: 'sqlite'; file: string } | { kind: 'postgresql'; name: string; url: string };

export function readTemplateInfo(): TemplateInfo {
  return inject('templateInfo');
}

export function pgUrlFor(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function pgAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh database copied from the template; returns its URL and a function that drops it. */
export async function cloneTemplate(): Promise<{ url: string; dataDir: string; drop: () => Promise<void> }> {
  const info = readTemplateInfo();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-test-'));
  if (info.kind === 'sqlite') {
    const file = path.join(dataDir, 'portal.db');
    fs.copyFileSync(info.file, file);
    return { url: `file:${file}`, dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `portal_t_${crypto.randomBytes(6).toString('hex')}`;
  await pgAdmin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${info.name}`));
  return {
    url: pgUrlFor(name),
    dataDir,
    drop: async () => {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
