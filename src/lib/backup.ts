/**
 * Backup and restore of a deployment: the database (SQLite through
 * better-sqlite3's online backup API, PostgreSQL through pg_dump's custom
 * format) and the uploaded files, with a manifest holding the sha256 of every
 * file so a restore can prove the copy is whole before it touches anything.
 * Used by `npm run backup -- <folder>` and `npm run restore -- <folder>`.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { AppConfig } from '../config/index.js';
import { MARKER_FILE } from './deployment.js';
import { sqliteFileOf } from './storage-guard.js';

type Config = Pick<AppConfig, 'databaseUrl' | 'databaseKind' | 'dataDir' | 'uploadDir'>;

export type Manifest = {
  format: 1;
  createdAt: string;
  databaseKind: 'sqlite' | 'postgresql';
  /** Every file of the backup but the manifest, relative to the folder, with its sha256. */
  files: { path: string; sha256: string; bytes: number }[];
};

const MANIFEST = 'manifest.json';
const DB_FILE = { sqlite: 'database.sqlite', postgresql: 'database.pgdump' } as const;

export class BackupError extends Error {}

function sha256(file: string): string {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/** pg_dump/pg_restore take libpq URLs: Prisma-only parameters such as `schema` are dropped. */
function libpqUrl(url: string): string {
  const u = new URL(url);
  u.searchParams.delete('schema');
  u.searchParams.delete('connection_limit');
  return u.toString();
}

const isEmptyDir = (dir: string) => !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;

/** Writes a consistent copy of the database and the uploads into `folder` (new or empty). */
export async function backup(config: Config, folder: string, now = new Date()): Promise<Manifest> {
  if (!isEmptyDir(folder)) throw new BackupError(`${folder} is not empty: choose a new folder for each backup.`);
  fs.mkdirSync(path.join(folder, 'uploads'), { recursive: true });
  const dbFile = path.join(folder, DB_FILE[config.databaseKind]);
  // The database first: a file deleted after this moment is simply not copied; one referenced by the copy existed.
  if (config.databaseKind === 'sqlite') {
    const file = sqliteFileOf(config.databaseUrl);
    if (!file) throw new BackupError(`DATABASE_URL is not a SQLite file URL: ${config.databaseUrl}`);
    const source = new Database(file, { fileMustExist: true });
    try {
      await source.backup(dbFile);
    } finally {
      source.close();
    }
  } else {
    execFileSync('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dbFile}`, `--dbname=${libpqUrl(config.databaseUrl)}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
  if (fs.existsSync(config.uploadDir)) {
    for (const name of fs.readdirSync(config.uploadDir)) {
      if (name.startsWith('.')) continue; // health-check probes
      try {
        fs.copyFileSync(path.join(config.uploadDir, name), path.join(folder, 'uploads', name));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
  }
  const marker = path.join(config.dataDir, MARKER_FILE);
  if (fs.existsSync(marker)) fs.copyFileSync(marker, path.join(folder, MARKER_FILE));
  const files = [
    DB_FILE[config.databaseKind],
    ...(fs.existsSync(path.join(folder, MARKER_FILE)) ? [MARKER_FILE] : []),
    ...fs
      .readdirSync(path.join(folder, 'uploads'))
      .sort()
      .map((n) => `uploads/${n}`),
  ];
  const manifest: Manifest = {
    format: 1,
    createdAt: now.toISOString(),
    databaseKind: config.databaseKind,
    files: files.map((f) => ({ path: f, sha256: sha256(path.join(folder, f)), bytes: fs.statSync(path.join(folder, f)).size })),
  };
  fs.writeFileSync(path.join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads the manifest and checks every file against it; throws on anything missing or changed. */
export function verifyBackup(folder: string): Manifest {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(folder, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new BackupError(`${folder} has no readable ${MANIFEST}: not a backup made by npm run backup.`);
  }
  for (const f of manifest.files) {
    const file = path.join(folder, f.path);
    if (path.relative(folder, file).startsWith('..')) throw new BackupError(`bad path in manifest: ${f.path}`);
    if (!fs.existsSync(file) || sha256(file) !== f.sha256) throw new BackupError(`${f.path} is missing or does not match its sha256 in the manifest.`);
  }
  return manifest;
}

async function pgHasTables(url: string): Promise<boolean | 'missing'> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
  } catch (err) {
    if ((err as { code?: string }).code === '3D000') return 'missing';
    throw err;
  }
  try {
    const res = await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return res.rows[0].n > 0;
  } finally {
    await client.end();
  }
}

async function createPgDatabase(url: string) {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * Brings a backup back into DATABASE_URL and DATA_DIR. The app must be stopped.
 * Refuses a target that already holds a database or uploads unless `force`
 * (then the target is replaced by the backup). Checks everything before
 * changing anything.
 */
export async function restore(config: Config, folder: string, opts: { force?: boolean } = {}): Promise<Manifest> {
  const manifest = verifyBackup(folder);
  if (manifest.databaseKind !== config.databaseKind) {
    throw new BackupError(`the backup holds a ${manifest.databaseKind} database but DATABASE_URL is ${config.databaseKind}.`);
  }
  const sqliteFile = sqliteFileOf(config.databaseUrl);
  const pgState = sqliteFile ? null : await pgHasTables(config.databaseUrl);
  const dbInUse = sqliteFile ? fs.existsSync(sqliteFile) && fs.statSync(sqliteFile).size > 0 : pgState === true;
  const uploadsInUse = !isEmptyDir(config.uploadDir);
  if ((dbInUse || uploadsInUse) && !opts.force) {
    const what = [
      dbInUse && `the database at ${config.databaseKind === 'sqlite' ? sqliteFile : 'DATABASE_URL'}`,
      uploadsInUse && `uploaded files in ${config.uploadDir}`,
    ]
      .filter(Boolean)
      .join(' and ');
    throw new BackupError(`Refusing to overwrite ${what}. Restore into an empty target, or pass --force to replace it with the backup.`);
  }

  const dbFile = path.join(folder, DB_FILE[manifest.databaseKind]);
  fs.mkdirSync(config.dataDir, { recursive: true });
  if (sqliteFile) {
    for (const f of [sqliteFile, `${sqliteFile}-wal`, `${sqliteFile}-shm`]) fs.rmSync(f, { force: true });
    fs.mkdirSync(path.dirname(sqliteFile), { recursive: true });
    fs.copyFileSync(dbFile, sqliteFile);
  } else {
    if (pgState === 'missing') await createPgDatabase(config.databaseUrl);
    const clean = pgState === true ? ['--clean', '--if-exists'] : [];
    execFileSync(
      'pg_restore',
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...clean, `--dbname=${libpqUrl(config.databaseUrl)}`, dbFile],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
  }
  fs.rmSync(config.uploadDir, { recursive: true, force: true });
  fs.mkdirSync(config.uploadDir, { recursive: true });
  for (const f of manifest.files.filter((x) => x.path.startsWith('uploads/'))) {
    fs.copyFileSync(path.join(folder, f.path), path.join(config.uploadDir, path.basename(f.path)));
  }
  if (manifest.files.some((f) => f.path === MARKER_FILE)) fs.copyFileSync(path.join(folder, MARKER_FILE), path.join(config.dataDir, MARKER_FILE));
  return manifest;
}
