/**
 * Telling a deployment's own database from a new one at start-up. The first
 * start writes DATA_DIR/.portal-deployment.json with the database's identity
 * (a random id also stored in the database's SystemState table). Later starts
 * refuse to create — and seed — a new database where that marker, uploaded
 * files or mail say one existed (a lost disk, a wrong DATABASE_URL), unless
 * ALLOW_NEW_DATABASE=1 says it is meant.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../config/index.js';
import type { Db } from '../db/client.js';
import { sqliteFileOf } from './storage-guard.js';

export const MARKER_FILE = '.portal-deployment.json';
const ID_KEY = 'deploymentId';

export type Marker = { deploymentId: string; databaseKind: string; createdAt: string };

type Config = Pick<AppConfig, 'databaseUrl' | 'databaseKind' | 'dataDir' | 'uploadDir' | 'mailDir' | 'allowNewDatabase'>;

/** True when DATABASE_URL names no database with the portal's tables yet (migrations never ran). */
export async function databaseIsNew(config: Pick<AppConfig, 'databaseUrl'>): Promise<boolean> {
  const file = sqliteFileOf(config.databaseUrl);
  if (file) return !fs.existsSync(file) || fs.statSync(file).size === 0;
  // pg only for a PostgreSQL database: a server on SQLite never loads it (issue 10: idle memory).
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    // A database that does not exist yet is new; any other failure is not ours to decide.
    if ((err as { code?: string }).code === '3D000') return true;
    throw err;
  }
  try {
    const res = await client.query(`SELECT to_regclass('public."_prisma_migrations"') IS NULL AS missing`);
    return res.rows[0].missing === true;
  } finally {
    await client.end();
  }
}

export function readMarker(dataDir: string): Marker | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dataDir, MARKER_FILE), 'utf8')) as Marker;
  } catch {
    return null;
  }
}

const nonEmptyDir = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).some((f) => !f.startsWith('.probe-'));

/** What in DATA_DIR says a deployment already ran here (empty when nothing does). */
export function priorDeploymentEvidence(config: Config): string[] {
  const found: string[] = [];
  if (readMarker(config.dataDir)) found.push(`the marker ${path.join(config.dataDir, MARKER_FILE)}`);
  if (nonEmptyDir(config.uploadDir)) found.push(`uploaded files in ${config.uploadDir}`);
  if (nonEmptyDir(config.mailDir)) found.push(`mail in ${config.mailDir}`);
  return found;
}

/**
 * Before migrating: null when the start may go on, else the message to stop with.
 * Call it before anything creates the database (migrations would).
 */
export async function refuseNewDatabase(config: Config): Promise<string | null> {
  if (config.allowNewDatabase || !(await databaseIsNew(config))) return null;
  const evidence = priorDeploymentEvidence(config);
  if (evidence.length === 0) return null;
  return [
    `Refusing to create a new, empty database at ${redact(config.databaseUrl)}:`,
    `DATA_DIR (${config.dataDir}) shows that a deployment already ran here (${evidence.join('; ')}).`,
    'The database may have been lost or DATABASE_URL may point to the wrong place. Restore it from a backup',
    '(npm run restore -- <folder>), or, if a new empty database is really meant, start once with ALLOW_NEW_DATABASE=1.',
  ].join('\n');
}

/**
 * After migrating and seeding: the database gets an identity if it has none and
 * the marker is written. A marker naming another database stops the start
 * (unless allowed), since DATA_DIR's files belong to that one.
 */
export async function recordDeployment(config: Config, db: Db, now: Date): Promise<string | null> {
  let row = await db.systemState.findUnique({ where: { key: ID_KEY } });
  if (!row) row = await db.systemState.create({ data: { key: ID_KEY, value: crypto.randomUUID() } });
  const marker = readMarker(config.dataDir);
  if (marker && marker.deploymentId !== row.value && !config.allowNewDatabase) {
    return [
      `DATA_DIR (${config.dataDir}) belongs to deployment ${marker.deploymentId}, but the database at ${redact(config.databaseUrl)} is deployment ${row.value}.`,
      'Point DATABASE_URL at the right database, or start once with ALLOW_NEW_DATABASE=1 to adopt this one.',
    ].join('\n');
  }
  if (!marker || marker.deploymentId !== row.value) {
    fs.mkdirSync(config.dataDir, { recursive: true });
    const next: Marker = { deploymentId: row.value, databaseKind: config.databaseKind, createdAt: now.toISOString() };
    fs.writeFileSync(path.join(config.dataDir, MARKER_FILE), `${JSON.stringify(next, null, 2)}\n`);
  }
  fs.mkdirSync(config.uploadDir, { recursive: true });
  return null;
}

/** A database URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
