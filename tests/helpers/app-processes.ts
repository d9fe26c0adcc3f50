/**
 * Several real app processes (`node --import tsx src/server.ts`, as `npm start`
 * runs it) on ONE throwaway PostgreSQL database cloned from the test template,
 * each on a port the OS picks as it binds: for what must hold across processes (sessions,
 * CSRF tokens, rate limits, jobs that must run once). Drive them with Browser,
 * which carries its cookies from one process to another like a browser behind
 * a load balancer. Used by tests/**\/*.pg.test.ts, collected only on PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDb, type Db } from '../../src/db/client.js';
import { TEST_DB_KIND, cloneTemplate } from './databases.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type AppProcess = { name: string; baseUrl: string; pid: number; output: () => string; stop: () => Promise<void> };

export type AppCluster = {
  processes: AppProcess[];
  /** A client on the shared database, to set up data and check what was saved. */
  db: Db;
  databaseUrl: string;
  dataDir: string;
  stop: () => Promise<void>;
};

/**
 * Each process listens on PORT=0 (a port the OS picks as it binds) and prints the one it got. A port
 * found free beforehand and released could be taken meanwhile by another server of the run (supertest
 * binds one per request): the health poll and the test then talked to that other app (its 302/403, or a
 * heartbeat row written into another test's database).
 */
const LISTENING = /LISTENING PORT=(\d+)/;

async function startProcess(name: string, env: Record<string, string>): Promise<AppProcess> {
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    // One public address for all, as behind a load balancer; each process's own port is read back below.
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', BASE_URL: 'http://127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-50_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => log.slice(-8000);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  // Generous: tsx compiles the sources at start, and CI machines may be shared.
  const deadline = Date.now() + 180_000;
  let baseUrl = '';
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}:\n${output()}`);
    const port = LISTENING.exec(log)?.[1];
    if (port) baseUrl = `http://127.0.0.1:${port}`;
    try {
      if (baseUrl && (await fetch(`${baseUrl}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} did not answer ${baseUrl || '(no port printed yet)'}/healthz within 180 s:\n${output()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return { name, baseUrl, pid: child.pid!, output, stop };
}

/**
 * Starts `count` app processes sharing one fresh PostgreSQL database (and one
 * data folder), with the same SESSION_SECRET. `env` is added to each process's
 * environment (e.g. a job interval); `prepare` writes data before they start.
 */
export async function startAppProcesses(count = 2, env: Record<string, string> = {}, prepare?: (db: Db) => Promise<void>): Promise<AppCluster> {
  if (TEST_DB_KIND !== 'postgresql') throw new Error('startAppProcesses needs TEST_DB=postgresql (name the test file *.pg.test.ts)');
  const database = await cloneTemplate();
  const shared = { DATABASE_URL: database.url, DATA_DIR: database.dataDir, SESSION_SECRET: 'shared-secret-of-the-test-cluster-0123456789', ...env };
  const db = await createDb(database.url);
  // Data the processes must find when they start (e.g. what a job at start works on).
  if (prepare) await prepare(db);
  const processes = await Promise.all(Array.from({ length: count }, (_, i) => startProcess(String.fromCharCode(65 + i), shared)));
  return {
    processes,
    db,
    databaseUrl: database.url,
    dataDir: database.dataDir,
    stop: async () => {
      await Promise.all(processes.map((p) => p.stop()));
      await db.$disconnect();
      await database.drop();
    },
  };
}

export type Page = { status: number; location: string | null; text: string };

/**
 * One browser: keeps its cookies (by name; the processes share a host) and
 * sends them to whichever process it talks to. Redirects are not followed.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attrs.some((a) => /^\s*expires=thu, 01 jan 1970/i.test(a) || /^\s*max-age=0\b/i.test(a));
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
  }

  private header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.header(), ...headers } });
    this.remember(res);
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  /** Posts a urlencoded form. */
  async post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: this.header(), 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(fields).toString(),
    });
    this.remember(res);
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  /** Posts a multipart form (files as a browser sends them); the CSRF token must be in the URL (?_csrf=). */
  async postMultipart(url: string, fields: Record<string, string>, files: { field: string; name: string; bytes: Buffer; type: string }[]): Promise<Page> {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append(f.field, new Blob([new Uint8Array(f.bytes)], { type: f.type }), f.name);
    const res = await fetch(url, { method: 'POST', redirect: 'manual', headers: { cookie: this.header() }, body: form });
    this.remember(res);
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }

  /** Downloads a file: status, headers and the bytes. */
  async download(url: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
    const res = await fetch(url, { redirect: 'manual', headers: { cookie: this.header() } });
    this.remember(res);
    return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
  }
}

/** A hidden field's value on a page (`_csrf`, `submissionId` …). */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`name="${name}" value="([^"]+)"`).exec(html);
  if (!match) throw new Error(`no ${name} field on the page`);
  return match[1];
}
