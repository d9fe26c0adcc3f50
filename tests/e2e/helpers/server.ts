/**
 * The real portal as a child process (`node --import tsx src/server.ts`), the way
 * `npm start` runs it, on its own throwaway SQLite database and data folder, on
 * a free port in 3200–3299. The database is migrated with the committed
 * migrations and seeded with the demo data relative to the real clock, since the
 * server's clock is the real one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from '../../../scripts/migrate.js';
import { createDb, type Db } from '../../../src/db/client.js';
import { seed } from '../../../prisma/seed.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export type E2EServer = {
  baseUrl: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** A Prisma client on the server's database, for setting up data no page creates and for checking what was saved. */
  db: Db;
  /** What the server printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
};

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A free port in this suite's own range (3200–3299), starting at a spot that varies per process. */
export async function freePort(): Promise<number> {
  const start = process.pid % 100;
  for (let i = 0; i < 100; i++) {
    const port = 3200 + ((start + i) % 100);
    if (await portIsFree(port)) return port;
  }
  throw new Error('No free port in 3200–3299 for the browser tests');
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited with code ${child.exitCode} before answering:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The portal did not answer ${url}/healthz within ${timeoutMs / 1000}s:\n${output()}`);
}

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * A migrated and seeded SQLite file, made once per day and per version of the
 * migrations and seed code, then copied for each test file (migrating and
 * seeding every time would cost each file several seconds). Demo data is
 * seeded relative to the real clock, so a template from earlier today is fine.
 */
async function seededTemplate(): Promise<string> {
  const hash = crypto.createHash('sha256');
  const inputs = [...filesUnder(path.join(ROOT, 'prisma')), ...filesUnder(path.join(ROOT, 'src/domain')), path.join(ROOT, 'src/features/auth/auth.service.ts')]
    .filter((f) => /\.(ts|sql|prisma)$/.test(f) && !f.includes(`${path.sep}postgresql${path.sep}`))
    .sort();
  for (const f of inputs) hash.update(f).update(fs.readFileSync(f));
  hash.update(new Date().toISOString().slice(0, 10));
  const file = path.join(os.tmpdir(), `portal-e2e-template-${hash.digest('hex').slice(0, 16)}.db`);
  if (fs.existsSync(file)) return file;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-tpl-'));
  const url = `file:${path.join(dir, 'portal.db')}`;
  migrate(url, dir);
  const db = await createDb(url);
  try {
    await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: new Date() });
    // Fold the WAL into the main file so a plain copy holds everything.
    await db.$queryRawUnsafe('PRAGMA wal_checkpoint(TRUNCATE)');
  } finally {
    await db.$disconnect();
  }
  // Rename is atomic: a parallel run sees either no template or a whole one.
  fs.renameSync(path.join(dir, 'portal.db'), file);
  fs.rmSync(dir, { recursive: true, force: true });
  return file;
}

export async function startServer(): Promise<E2EServer> {
  const template = await seededTemplate();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
  const databaseUrl = `file:${path.join(dataDir, 'portal.db')}`;
  fs.copyFileSync(template, path.join(dataDir, 'portal.db'));
  const db = await createDb(databaseUrl);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      BASE_URL: baseUrl,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log += chunk.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log.slice(-8000);
  try {
    await waitForHealth(baseUrl, child, output);
  } catch (err) {
    child.kill('SIGKILL');
    await db.$disconnect();
    throw err;
  }

  return {
    baseUrl,
    port,
    dataDir,
    databaseUrl,
    db,
    output,
    stop: async () => {
      await db.$disconnect();
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
