/**
 * `npm run bench:slow-pages` (issue 10): the two pages that are never kept — the moderation queue
 * (an officer, signed in) and the published summary page — at 1,000 and at BENCH_LARGE comments
 * (default 1,000,000), on SQLite, or on PostgreSQL with BENCH_POSTGRES_URL. For each page and size:
 *   - SQL statements per request: the same app built in this process on the same database with
 *     Prisma's query events on (every statement Prisma sends, relation loads and raw queries included);
 *   - CPU per request of the production server (`npm start`): utime + stime from /proc/<pid>/stat
 *     before and after BENCH_CPU_REQUESTS requests (default 400) at 10 connections, and of the
 *     PostgreSQL server processes (the bench database's backends) on PostgreSQL;
 *   - req/s and p50/p99 at BENCH_CONNECTIONS (default 50) for BENCH_DURATION seconds (default 8).
 * 100 answers are given to the first 300 comments (three comments each, on different articles), so
 * the summary page names the numbers of comments that share an answer, as a real summary does.
 */
import os from 'node:os';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../src/generated/sqlite/client.js';
import { PrismaClient as PgPrismaClient } from '../../src/generated/postgresql/client.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Db } from '../../src/db/client.js';
import { createFileStore } from '../../src/lib/file-store.js';
import { createMailer } from '../../src/lib/mailer.js';
import { Client } from './intake.js';
import { insertComments, setDraftState, type BenchDb } from './seed.js';
import { cpuMs, log, settle, startBench } from './servers.js';

const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const CPU_REQUESTS = Number(process.env.BENCH_CPU_REQUESTS ?? 400);

/** The PostgreSQL backends serving the bench database (their CPU counts the database's share of a request). */
async function pgBackends(target: BenchDb): Promise<number[]> {
  if (target.kind !== 'postgresql') return [];
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  const name = new URL(target.url).pathname.slice(1);
  const r = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  await c.end();
  return r.rows.map((x: { pid: number }) => x.pid);
}
const sumCpu = (pids: number[]) =>
  pids.reduce((n, p) => {
    try {
      return n + cpuMs(p);
    } catch {
      return n;
    }
  }, 0);

/** The app in this process with every SQL statement counted. */
async function countingApp(target: BenchDb, dir: string) {
  let statements = 0;
  const log = [{ emit: 'event', level: 'query' }] as const;
  let db: Db;
  if (target.kind === 'sqlite') {
    const c = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: target.url }), log: [...log] });
    c.$on('query', () => statements++);
    await c.$queryRawUnsafe('PRAGMA busy_timeout = 5000');
    db = c as unknown as Db;
  } else {
    const c = new PgPrismaClient({ adapter: new PrismaPg({ connectionString: target.url, options: '-c jit=off' }), log: [...log] }); // as createDb;
    c.$on('query', () => statements++);
    db = c as unknown as Db;
  }
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, DATABASE_URL: target.url, LOG_LEVEL: 'silent', SESSION_SECRET: 'x'.repeat(40) });
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    files: createFileStore(config, db),
    mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
    now: () => new Date(),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const officer = new Client(base);
  await officer.login('tuphap', 'matkhau-demo-2025');
  return {
    /** Statements for one request of `path` (the second of two: the first warms caches). */
    async count(path: string, asOfficer: boolean) {
      const get = () => (asOfficer ? officer.request(path) : fetch(base + path).then(async (r) => ({ status: r.status, text: await r.text() })));
      await get();
      await new Promise((r) => setTimeout(r, 100));
      const before = statements;
      const res = await get();
      await new Promise((r) => setTimeout(r, 100)); // a session touch runs after the response
      if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
      return statements - before;
    },
    close: async () => {
      server.close();
      await db.$disconnect();
    },
  };
}

/** 100 answers, each shared by three comments among the first 300 (triggers keep the counters). */
async function addAnswers(target: BenchDb, draftId: string) {
  const now = new Date().toISOString();
  if (target.kind === 'sqlite') {
    const sql = new Database(target.file);
    sql.pragma('busy_timeout = 10000');
    sql.transaction(() => {
      const ins = sql.prepare(`INSERT INTO CommentAnswer (id, draftId, outcome, explanation, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)`);
      const link = sql.prepare(`UPDATE Comment SET answerId = ? WHERE id = ?`);
      for (let k = 0; k < 100; k++) {
        ins.run(`bench-answer-${k}`, draftId, ['ACCEPTED', 'PARTLY_ACCEPTED', 'EXPLAINED'][k % 3], `Trả lời chung số ${k}: Ban soạn thảo tiếp thu.`, now, now);
        for (let j = 1; j <= 3; j++) link.run(`bench-answer-${k}`, `bench${String(3 * k + j).padStart(10, '0')}`);
      }
    })();
    sql.close();
    return;
  }
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  await c.query('BEGIN');
  for (let k = 0; k < 100; k++) {
    await c.query(`INSERT INTO "CommentAnswer" (id, "draftId", outcome, explanation, "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, now(), now())`, [
      `bench-answer-${k}`,
      draftId,
      ['ACCEPTED', 'PARTLY_ACCEPTED', 'EXPLAINED'][k % 3],
      `Trả lời chung số ${k}: Ban soạn thảo tiếp thu.`,
    ]);
    const ids = [1, 2, 3].map((j) => `bench${String(3 * k + j).padStart(10, '0')}`);
    await c.query(`UPDATE "Comment" SET "answerId" = $1 WHERE id = ANY($2)`, [`bench-answer-${k}`, ids]);
  }
  await c.query('COMMIT');
  await c.end();
}

type Result = {
  page: string;
  size: string;
  statements: number;
  cpuMs: number;
  dbCpuMs: number | null;
  reqs: number;
  p50: number;
  p99: number;
  bytes: number;
  errors: number;
};

async function main() {
  const b = await startBench(1000, { bare: false });
  let ok = false;
  const results: Result[] = [];
  try {
    await addAnswers(b.target, b.draft.draftId);
    await setDraftState(b.target, b.draft.draftId, 'ANSWERED');
    const officer = new Client(b.portalUrl);
    await officer.login('tuphap', 'matkhau-demo-2025');
    const headers = { cookie: officer.cookieHeader(), 'x-forwarded-proto': 'https' };
    const pages = [
      { name: 'moderation queue', path: `/can-bo/du-thao/${b.draft.draftId}/y-kien`, officer: true },
      { name: 'summary page', path: `/du-thao/${b.draft.draftId}/tiep-thu-giai-trinh`, officer: false },
    ];
    const counter = await countingApp(b.target, b.dir);
    const measure = async (size: string) => {
      for (const p of pages) {
        await settle(b.portalUrl); // the queue's run leaves seconds of requests queued
        const statements = await counter.count(p.path, p.officer);
        const url = b.portalUrl + p.path;
        const h = p.officer ? headers : {};
        const first = await fetch(url, { headers: h });
        const bytes = (await first.arrayBuffer()).byteLength;
        if (first.status !== 200) throw new Error(`${p.name}: HTTP ${first.status}`);
        await autocannon({ url, connections: 10, amount: 50, headers: h }); // warm
        const backends = await pgBackends(b.target);
        const [c0, d0] = [cpuMs(b.portalPid), sumCpu(backends)];
        await autocannon({ url, connections: 10, amount: CPU_REQUESTS, headers: h, timeout: 30 });
        const [c1, d1] = [cpuMs(b.portalPid), sumCpu(backends)];
        const load = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: h, timeout: 10 });
        const r: Result = {
          page: p.name,
          size,
          statements,
          cpuMs: (c1 - c0) / CPU_REQUESTS,
          dbCpuMs: b.target.kind === 'postgresql' ? (d1 - d0) / CPU_REQUESTS : null,
          reqs: load.requests.average,
          p50: load.latency.p50,
          p99: load.latency.p99,
          bytes,
          errors: load.non2xx + load.errors + load.timeouts,
        };
        results.push(r);
        log(JSON.stringify(r));
      }
    };
    await measure('1k');
    const t0 = Date.now();
    await insertComments(b.target, b.draft, 1001, LARGE, b.now);
    log(`seeded up to ${LARGE} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    await measure(`${LARGE / 1000}k`);
    await counter.close();
    console.log(
      `\n## bench:slow-pages — ${b.target.kind}, ${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`,
    );
    console.log('| page | comments | SQL statements | CPU ms/request (app) | CPU ms/request (PostgreSQL) | req/s | p50 ms | p99 ms | size B | errors |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const r of results)
      console.log(
        `| ${r.page} | ${r.size} | ${r.statements} | ${r.cpuMs.toFixed(2)} | ${r.dbCpuMs === null ? '–' : r.dbCpuMs.toFixed(2)} | ${r.reqs.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.bytes} | ${r.errors} |`,
      );
    for (const p of pages) {
      const [s, l] = results.filter((r) => r.page === p.name);
      console.log(`| flat: ${p.name} p50 ${LARGE / 1000}k / 1k | ${(l.p50 / s.p50).toFixed(2)} × | target ≤ 1.5 × |`);
    }
    ok = true;
  } finally {
    await b.close(!ok);
  }
  process.exit(ok ? 0 : 1);
}

await main();
