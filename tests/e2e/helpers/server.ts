/**
 * The real portal as a child process (`node --import tsx src/server.ts`), the way
 * `npm start` runs it, on its own throwaway SQLite database and data folder, on
 * a free port in 3200–3299, on a copy of the database the global setup migrated with the committed
 * migrations and seeded with the demo data relative to the real clock, since the
 * server's clock is the real one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '../../../src/db/client.js';
import { inject } from 'vitest';

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

/** The seeded template this run's global setup made (tests/e2e/helpers/global-setup.ts). */
async function seededTemplate(): Promise<string> {
  return inject('e2eTemplate');
}

/** `extraEnv`: more environment for the server (e.g. a single sign-on provider the test started). */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<E2EServer> {
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
      ...extraEnv,
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
