/**
 * Shared by the focused benches (`npm run bench:intake`, `npm run bench:exports`): a throwaway
 * database seeded like `npm run bench`, the portal started as a user does (`NODE_ENV=production
 * npm start`) and the bare-stack reference on the same database. Ports default to 41180/41181
 * (BENCH_PORT and BENCH_PORT + 1), apart from `npm run bench`'s, so both can run on one machine.
 * BENCH_PORTAL_NODE_OPTIONS: NODE_OPTIONS for the portal process only (V8 heap flags);
 * BENCH_PORTAL_NODE_ARGS: node flags for it (--cpu-prof), running `node scripts/launch.mjs` as npm start does.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

async function makeDatabase(dir: string): Promise<{ target: BenchDb; drop: () => Promise<void> }> {
  const admin = process.env.BENCH_POSTGRES_URL;
  if (!admin) {
    const file = path.join(dir, 'portal.db');
    return { target: { kind: 'sqlite', file, url: `file:${file}` }, drop: async () => {} };
  }
  const name = `portal_bench_${crypto.randomBytes(4).toString('hex')}`;
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
  return { target: { kind: 'postgresql', url: url.toString() }, drop };
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

export const rssOf = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
};

/** Seeds `comments` comments, starts the portal (production) and the bare stack on the same database. */
export async function startBench(comments: number, opts: { bare?: boolean } = {}): Promise<BenchSetup> {
  const portalPort = Number(process.env.BENCH_PORT ?? 41180);
  const barePort = portalPort + 1;
  const portalUrl = `http://127.0.0.1:${portalPort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-bench-'));
  const { target, drop } = await makeDatabase(dir);
  log(`${target.kind} database in ${dir}; portal from ${portalDir}`);
  execFileSync('npx', ['prisma', 'migrate', 'deploy'], { cwd: portalDir, env: { ...process.env, DATABASE_URL: target.url }, stdio: 'ignore' });
  const now = new Date();
  const draft = await seedBench(target, now);
  const t0 = Date.now();
  await insertComments(target, draft, 1, comments, now);
  log(`seeded ${comments} comments in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const children: ChildProcess[] = [];
  const portalLog = path.join(dir, 'portal.log');
  // npm start is `node scripts/launch.mjs`; BENCH_PORTAL_NODE_ARGS (e.g. --cpu-prof) runs that with node flags.
  const nodeArgs = process.env.BENCH_PORTAL_NODE_ARGS?.split(' ').filter(Boolean);
  const [command, args] = nodeArgs ? [process.execPath, [...nodeArgs, 'scripts/launch.mjs']] : ['npm', ['start']];
  const portal = spawn(command, args, {
    cwd: portalDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SESSION_SECRET: crypto.randomBytes(24).toString('hex'),
      DATA_DIR: dir,
      DATABASE_URL: target.url,
      PORT: String(portalPort),
      HOST: '127.0.0.1',
      BASE_URL: portalUrl,
      TRUST_PROXY: 'loopback',
      // e.g. --cpu-prof, or V8 heap flags, for the portal process only
      ...(process.env.BENCH_PORTAL_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_PORTAL_NODE_OPTIONS } : {}),
    },
    stdio: ['ignore', 'ignore', fs.openSync(portalLog, 'w')],
    detached: true,
  });
  children.push(portal);
  await waitFor(`${portalUrl}/healthz`, portal, portalLog);
  if (opts.bare !== false) {
    const bareLog = path.join(dir, 'bare.log');
    const bare = spawn(process.execPath, [path.join(here, 'bare-server.mjs')], {
      env: { ...process.env, BARE_DB_KIND: target.kind, BARE_DB: target.kind === 'sqlite' ? target.file : target.url, PORT: String(barePort) },
      stdio: ['ignore', 'ignore', fs.openSync(bareLog, 'w')],
    });
    children.push(bare);
    await waitFor(`${bareUrl}/bare/size/10`, bare, bareLog);
  }
  const portalPid = pidOn(portalPort);
  log(`portal ready (pid ${portalPid}, RSS ${(rssOf(portalPid) / 2 ** 20).toFixed(0)} MB)`);
  const close = async (keep = false) => {
    for (const c of children)
      if (c.pid && c.exitCode === null)
        try {
          process.kill(c === portal ? -c.pid : c.pid, 'SIGTERM');
        } catch {
          /* gone */
        }
    await new Promise((r) => setTimeout(r, 3000));
    try {
      process.kill(portalPid, 'SIGKILL'); // a server busy with a long request may ignore SIGTERM
    } catch {
      /* gone */
    }
    await drop();
    if (!keep) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { dir, target, draft, portalUrl, bareUrl, portalPid, now, close };
}
