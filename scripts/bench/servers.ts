/**
 * How every bench starts its servers (`npm run bench`, `bench:intake`, `bench:exports`, and the portal
 * of `bench:scale`): a throwaway database seeded for the bench, the portal started as a user does
 * (`NODE_ENV=production npm start`) and the bare-stack reference on the same database. The portal
 * listens on BENCH_PORT and the bare stack on BENCH_PORT + 1; without BENCH_PORT, `npm run bench`
 * uses 3481/3482 and the focused benches 41180/41181, so both can run on one machine.
 * BENCH_PORTAL_NODE_OPTIONS: NODE_OPTIONS for the portal process only (V8 heap flags);
 * BENCH_PORTAL_NODE_ARGS: node flags for it (--cpu-prof), running `node scripts/launch.mjs` as npm start does.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';
import { insertComments, seedBench, type BenchDb, type BenchDraft } from './seed.js';

const here = path.dirname(fileURLToPath(import.meta.url));
export const portalDir = path.resolve(process.env.BENCH_PORTAL_DIR ?? path.join(here, '../..'));
const started = Date.now();
export const log = (m: string) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

export type BenchSetup = {
  dir: string;
  target: BenchDb;
  draft: BenchDraft;
  portalUrl: string;
  bareUrl: string;
  portalPid: number;
  now: Date;
  /** Stops both servers and drops the database (the folder is kept when `keep`). */
  close: (keep?: boolean) => Promise<void>;
};

/** A throwaway PostgreSQL database `<prefix>_<random>` on the server of `admin`, and how to drop it. */
export async function createPgDatabase(admin: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await d.end();
  };
  return { url: url.toString(), drop };
}

async function makeDatabase(dir: string): Promise<{ target: BenchDb; drop: () => Promise<void> }> {
  const admin = process.env.BENCH_POSTGRES_URL;
  if (!admin) {
    const file = path.join(dir, 'portal.db');
    return { target: { kind: 'sqlite', file, url: `file:${file}` }, drop: async () => {} };
  }
  const { url, drop } = await createPgDatabase(admin, 'portal_bench');
  return { target: { kind: 'postgresql', url }, drop };
}

async function waitFor(url: string, child: ChildProcess, logFile: string, seconds = 240) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited (${child.exitCode}); see ${logFile}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

/** The pid listening on a port (npm start runs the server under npm and sh). */
export function pidOn(port: number): number {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`]).toString();
  const m = /pid=(\d+)/.exec(out);
  if (!m) throw new Error(`nothing listens on ${port}`);
  return Number(m[1]);
}

/**
 * User + system CPU time of a process so far, in ms (/proc/<pid>/stat: utime and stime, the 14th and 15th
 * fields, counted after the command name "(…)", in clock ticks of 10 ms). CPU per request survives a shared
 * machine's noise, where a rate does not: every bench and measurement reads it here.
 */
export function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

type Amount = { url: string; connections: number; amount: number; timeout: number };
const fire = autocannon as unknown as (o: Amount) => Promise<{ non2xx: number; errors: number }>;

/** Server CPU µs per request of `url`: `requests` requests at 10 connections after 200 to warm up (JIT, kept page). */
export async function cpuUsPerRequest(pid: number, url: string, requests: number): Promise<number> {
  await fire({ url, connections: 10, amount: 200, timeout: 10 });
  const before = cpuMs(pid);
  const r = await fire({ url, connections: 10, amount: requests, timeout: 10 });
  const after = cpuMs(pid);
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return ((after - before) * 1000) / requests;
}

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
};

/** A server a bench started; `group`: it leads its own process group (stopped with all it runs). */
export type Started = { child: ChildProcess; url: string; log: string; group: boolean };

/**
 * The portal as a user starts it (`npm start`, production) on `port`: every bench starts it here.
 * `env` adds to the production settings (BASE_URL, TRUST_PROXY, WARD_SLUG …).
 * BENCH_PORTAL_NODE_ARGS (e.g. --cpu-prof) runs `node scripts/launch.mjs`, what npm start runs, with
 * node flags; BENCH_PORTAL_NODE_OPTIONS sets NODE_OPTIONS (V8 heap flags) for the portal process only, after
 * npm start's own --max-semi-space-size=8 and --v8-pool-size=1 (the last of a flag given twice wins).
 * Detached, so that stopping it (`-pid`) also stops the server under npm and sh.
 */
export async function startPortal(o: {
  port: number;
  dir: string;
  databaseUrl: string;
  env?: Record<string, string>;
  waitSeconds?: number;
  /** Another checkout to run (default: portalDir), e.g. main beside this branch on the same database. */
  checkout?: string;
}): Promise<Started> {
  const url = `http://127.0.0.1:${o.port}`;
  const logFile = path.join(o.dir, o.checkout ? `portal-${o.port}.log` : 'portal.log');
  const nodeArgs = process.env.BENCH_PORTAL_NODE_ARGS?.split(' ').filter(Boolean);
  const [command, args] = nodeArgs ? [process.execPath, [...nodeArgs, 'scripts/launch.mjs']] : ['npm', ['start']];
  const child = spawn(command, args, {
    cwd: o.checkout ?? portalDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
      DATA_DIR: o.dir,
      DATABASE_URL: o.databaseUrl,
      PORT: String(o.port),
      HOST: '127.0.0.1',
      // What `npm start` sets (package.json), also when BENCH_PORTAL_NODE_ARGS runs node directly.
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
      MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '32768',
      ...o.env,
      // npm start puts its V8 flags before NODE_OPTIONS (package.json); node run directly gets them here.
      ...(nodeArgs
        ? { NODE_OPTIONS: `--max-semi-space-size=8 --v8-pool-size=1 ${process.env.BENCH_PORTAL_NODE_OPTIONS ?? ''}`.trim() }
        : process.env.BENCH_PORTAL_NODE_OPTIONS
          ? { NODE_OPTIONS: process.env.BENCH_PORTAL_NODE_OPTIONS }
          : {}),
    },
    stdio: ['ignore', 'ignore', fs.openSync(logFile, 'w')],
    detached: true,
  });
  await waitFor(`${url}/healthz`, child, logFile, o.waitSeconds);
  return { child, url, log: logFile, group: true };
}

/** The bare-stack reference (bare-server.mjs: Express 5 + EJS + raw better-sqlite3 or pg) on the same database. */
export async function startBare(o: { port: number; dir: string; target: BenchDb }): Promise<Started> {
  const url = `http://127.0.0.1:${o.port}`;
  const logFile = path.join(o.dir, 'bare.log');
  const child = spawn(process.execPath, [path.join(here, 'bare-server.mjs')], {
    env: { ...process.env, BARE_DB_KIND: o.target.kind, BARE_DB: o.target.kind === 'sqlite' ? o.target.file : o.target.url, PORT: String(o.port) },
    stdio: ['ignore', 'ignore', fs.openSync(logFile, 'w')],
  });
  await waitFor(`${url}/bare/size/10`, child, logFile);
  return { child, url, log: logFile, group: false };
}

/**
 * Stops what a bench started: SIGTERM (the portal's whole process group), then, after 3 s, SIGKILL
 * to whatever still listens on the ports: a server busy with a long request may ignore SIGTERM, and
 * the next run needs the ports.
 */
export async function stopServers(started: Started[], ports: number[]) {
  for (const { child, group } of started)
    if (child.pid && child.exitCode === null)
      try {
        process.kill(group ? -child.pid : child.pid, 'SIGTERM');
      } catch {
        /* gone */
      }
  await new Promise((r) => setTimeout(r, 3000));
  for (const port of ports)
    try {
      process.kill(pidOn(port), 'SIGKILL');
    } catch {
      /* none left */
    }
}

/**
 * BENCH_COMPARE_DIR: another checkout (e.g. main, node_modules linked) started beside the bench's portal on
 * `port`, to be measured in turns with it; on SQLite on a copy of the bench's database (its start migrates,
 * which a file another server holds refuses).
 */
export async function startComparePortal(b: BenchSetup, port: number, checkout: string): Promise<Started & { pid: number }> {
  const url = `http://127.0.0.1:${port}`;
  let databaseUrl = b.target.url;
  if (b.target.kind === 'sqlite') {
    const copy = path.join(b.dir, 'compare.db');
    const { default: Database } = await import('better-sqlite3');
    const source = new Database(b.target.file, { readonly: true });
    source.exec(`VACUUM INTO '${copy}'`);
    source.close();
    databaseUrl = `file:${copy}`;
  }
  const started = await startPortal({ port, dir: b.dir, databaseUrl, env: { BASE_URL: url, TRUST_PROXY: 'loopback' }, checkout }).catch((err) => {
    log(fs.readFileSync(`${b.dir}/portal-${port}.log`, 'utf8').slice(-2000));
    throw err;
  });
  return { ...started, pid: pidOn(port) };
}

/**
 * Seeds `comments` comments, starts the portal (production) and the bare stack on the same database.
 * The portal listens on BENCH_PORT (default `defaultPort`), the bare stack on the next port.
 */
export async function startBench(comments: number, opts: { bare?: boolean; defaultPort?: number } = {}): Promise<BenchSetup> {
  const portalPort = Number(process.env.BENCH_PORT ?? opts.defaultPort ?? 41180);
  const barePort = portalPort + 1;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
  const { target, drop } = await makeDatabase(dir);
  log(`${target.kind} database in ${dir}; portal from ${portalDir}`);
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: portalDir, env: { ...process.env, DATABASE_URL: target.url }, stdio: 'ignore' });
  const now = new Date();
  const draft = await seedBench(target, now);
  const t0 = Date.now();
  await insertComments(target, draft, 1, comments, now);
  log(`seeded ${comments} comments in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const children: Started[] = [];
  const close = async (keep = false) => {
    await stopServers(children, [portalPort, barePort]);
    await drop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const tStart = Date.now();
    const portalUrl = `http://127.0.0.1:${portalPort}`;
    const portal = await startPortal({ port: portalPort, dir, databaseUrl: target.url, env: { BASE_URL: portalUrl, TRUST_PROXY: 'loopback' } });
    children.push(portal);
    // The bare server starts once the portal has migrated (both on the same database).
    const bare = opts.bare === false ? null : await startBare({ port: barePort, dir, target });
    if (bare) children.push(bare);
    const portalPid = pidOn(portalPort);
    log(`portal ready in ${((Date.now() - tStart) / 1000).toFixed(1)} s (pid ${portalPid}, RSS ${(rssOf(portalPid) / 2 ** 20).toFixed(0)} MB)`);
    return { dir, target, draft, portalUrl, bareUrl: `http://127.0.0.1:${barePort}`, portalPid, now, close };
  } catch (err) {
    await close(true); // the folder keeps the servers' logs
    throw err;
  }
}

// Before each page run the server is let settle: see settle.
const SETTLE_PAUSE_MS = Number(process.env.BENCH_SETTLE_PAUSE_MS ?? 500);

/**
 * Before a page is measured: after a load run the server may still be working off queued requests (the
 * moderation queue's run leaves seconds of them), so wait until it answers /healthz promptly; then pause
 * BENCH_SETTLE_PAUSE_MS (default 500) so that what the last run left in the heap is given back in the lull
 * (src/middleware/quiet-compaction.ts, after 200 ms without a request), not collected by V8 during the next
 * page's run, on the core the load tool needs. Without it a light page measured after a heavy one read
 * 30–40 % slower than the same page measured alone. 0: no pause.
 */
export async function settle(base: string) {
  for (let i = 0; i < 20; i++) {
    const t0 = Date.now();
    try {
      await (await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) })).arrayBuffer();
    } catch {
      /* still busy */
    }
    if (Date.now() - t0 < 200) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  if (SETTLE_PAUSE_MS > 0) await new Promise((r) => setTimeout(r, SETTLE_PAUSE_MS));
}
