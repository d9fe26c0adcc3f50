/**
 * The committed migrations build exactly the database the schema describes.
 * Two fresh databases of the kind under test: one gets `prisma migrate deploy`
 * (what `npm start` runs), the other the SQL Prisma writes for the schema from
 * nothing (`prisma migrate diff --from-empty --to-schema-datamodel`); their
 * tables, columns, indexes, foreign keys and constraints must be the same.
 * `prisma migrate diff --from-url` does not work with driver adapters, and
 * `prisma db push` fails on PostgreSQL here (adapter-pg 7 under a 6.19 CLI:
 * "Column type 'char' could not be deserialized"), so the two catalogues are
 * compared directly: PRAGMAs on SQLite, information_schema, pg_indexes and
 * pg_constraint on PostgreSQL. Triggers only migrations can create (the comment
 * counters) are outside the schema language and not compared.
 */
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { TEST_DB_KIND, pgAdmin, pgUrlFor } from '../../helpers/databases.js';

const run = promisify(execFile);
const prisma = (databaseUrl: string, ...args: string[]) => run('npx', ['prisma', ...args], { env: { ...process.env, DATABASE_URL: databaseUrl } });

/** Both at once: the migrations applied to one database, and the SQL that creates the schema from nothing. */
async function build(migratedUrl: string, schemaFile: string) {
  const [, script] = await Promise.all([
    prisma(migratedUrl, 'migrate', 'deploy'),
    prisma(migratedUrl, 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', schemaFile, '--script'),
  ]);
  return script.stdout;
}

type Catalogue = Record<string, unknown>;

function sqliteCatalogue(file: string): Catalogue {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name")
      .pluck()
      .all() as string[];
    const catalogue: Catalogue = {};
    for (const t of tables) {
      // A migration's ADD COLUMN appends where the schema may list the column earlier: order is not compared.
      const columns = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string; notnull: number; dflt_value: unknown; pk: number }[])
        .map(({ name, type, notnull, dflt_value, pk }) => ({ name, type, notnull, dflt_value, pk }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const indexes = (db.prepare(`PRAGMA index_list("${t}")`).all() as { name: string; unique: number; origin: string; partial: number }[])
        .map((i) => ({ ...i, seq: undefined, columns: (db.prepare(`PRAGMA index_info("${i.name}")`).all() as { name: string }[]).map((c) => c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      const foreignKeys = (db.prepare(`PRAGMA foreign_key_list("${t}")`).all() as Record<string, unknown>[])
        .map(({ table, from, to, on_update, on_delete }) => ({ table, from, to, on_update, on_delete }))
        .sort((a, b) => String(a.from).localeCompare(String(b.from)));
      catalogue[t] = { columns, indexes, foreignKeys };
    }
    return catalogue;
  } finally {
    db.close();
  }
}

async function pgCatalogue(url: string): Promise<Catalogue> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await q(`SELECT table_name, column_name, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision
                          FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
                         ORDER BY table_name, column_name`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
                         WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`),
      constraints: await q(`SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                             WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"')
                             ORDER BY 1, 2`),
      enums: await q(`SELECT t.typname, e.enumlabel FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid ORDER BY t.typname, e.enumsortorder`),
    };
  } finally {
    await client.end();
  }
}

describe(`the committed migrations on ${TEST_DB_KIND}`, () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('produce exactly the schema: the same tables, columns, indexes and foreign keys as the schema built from nothing', { timeout: 300_000 }, async () => {
    let migrated: Catalogue;
    let fromSchema: Catalogue;
    if (TEST_DB_KIND === 'sqlite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-migrations-'));
      cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
      const [a, b] = [path.join(dir, 'migrated.db'), path.join(dir, 'from-schema.db')];
      const script = await build(`file:${a}`, 'prisma/schema.prisma');
      const target = new Database(b);
      target.exec(script);
      target.close();
      [migrated, fromSchema] = [sqliteCatalogue(a), sqliteCatalogue(b)];
    } else {
      const suffix = crypto.randomBytes(4).toString('hex');
      const names = [`portal_mig_${suffix}`, `portal_schema_${suffix}`];
      for (const name of names) {
        await pgAdmin((c) => c.query(`CREATE DATABASE ${name}`));
        cleanups.push(() => pgAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined));
      }
      const [a, b] = names.map(pgUrlFor);
      const script = await build(a, 'prisma/postgresql/schema.prisma');
      const client = new pg.Client({ connectionString: b });
      await client.connect();
      await client.query(script);
      await client.end();
      [migrated, fromSchema] = [await pgCatalogue(a), await pgCatalogue(b)];
    }
    // A real catalogue, not two empty ones: the plan's tables are there.
    expect(JSON.stringify(migrated)).toContain('ProgressReport');
    expect(migrated).toEqual(fromSchema);
  });
});
