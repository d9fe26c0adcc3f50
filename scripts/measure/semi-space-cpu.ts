/**
 * What V8's young-generation size costs the pages (issue 10, idle memory):
 * `BENCH_PORT=… npx tsx scripts/measure/semi-space-cpu.ts [requests] [rounds] [flags…]`.
 * Starts the portal (production, a throwaway SQLite database with 1,000 comments, one copy each) once per
 * setting — as `npm start` runs it (--max-semi-space-size=8 since exports3), then with each of
 * SEMI_SPACE_FLAGS (default "--max-semi-space-size=16", V8's own default on 64-bit, the setting before)
 * as NODE_OPTIONS, which comes after npm start's flag and wins ("-" for none), with VARIANT_ENV (e.g.
 * "MALLOC_TRIM_THRESHOLD_=131072") added to their environment — all at once on neighbouring ports, and measures
 * server CPU time per request (/proc/<pid>/stat) page by page, the settings taking turns within
 * each round, so a busy machine weighs on all of them alike. Also prints each server's RSS when
 * ready and after the rounds. Not a test: the figures go to the README.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cpuUsPerRequest, log, median, pidOn, rssOf, startBench, startPortal, stopServers, type Started } from '../bench/servers.js';

const REQUESTS = Number(process.argv[2] ?? 3000);
const ROUNDS = Number(process.argv[3] ?? 3);
// SEMI_COMMENTS: comments seeded (default 1,000; 1,000,000 to measure SQLite's page cache, which a small database never fills).
const COMMENTS = Number(process.env.SEMI_COMMENTS ?? 1000);
const FLAGS = (process.env.SEMI_SPACE_FLAGS ?? '--max-semi-space-size=16').split(' ').filter(Boolean);
const VARIANT_ENV = Object.fromEntries(
  (process.env.VARIANT_ENV ?? '')
    .split(' ')
    .filter(Boolean)
    .map((kv) => kv.split('=') as [string, string]),
);
const mb = (pid: number) => (rssOf(pid) / 2 ** 20).toFixed(0);

const setup = await startBench(COMMENTS, { bare: false });
const extra: Started[] = [];
const dirs: string[] = [];
const basePort = Number(new URL(setup.portalUrl).port);
try {
  const servers: { name: string; url: string; pid: number; ready: string }[] = [
    { name: 'npm start', url: setup.portalUrl, pid: setup.portalPid, ready: mb(setup.portalPid) },
  ];
  for (const [i, flag] of FLAGS.entries()) {
    const port = basePort + 2 + i;
    const before = process.env.BENCH_PORTAL_NODE_OPTIONS;
    if (flag === '-') delete process.env.BENCH_PORTAL_NODE_OPTIONS;
    else process.env.BENCH_PORTAL_NODE_OPTIONS = flag;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-semi-'));
    dirs.push(dir);
    try {
      // Its own copy of the database: a second portal's start-up migration cannot lock the first one's file.
      if (setup.target.kind !== 'sqlite') throw new Error('SQLite only');
      const copy = path.join(dir, 'portal.db');
      const source = new Database(setup.target.file, { readonly: true });
      await source.backup(copy);
      source.close();
      extra.push(
        await startPortal({ port, dir, databaseUrl: `file:${copy}`, env: { BASE_URL: `http://127.0.0.1:${port}`, TRUST_PROXY: 'loopback', ...VARIANT_ENV } }),
      );
    } catch (err) {
      console.error(fs.readFileSync(path.join(dir, 'portal.log'), 'utf8'));
      throw err;
    }
    if (before === undefined) delete process.env.BENCH_PORTAL_NODE_OPTIONS;
    else process.env.BENCH_PORTAL_NODE_OPTIONS = before;
    const pid = pidOn(port);
    servers.push({
      name: [flag === '-' ? '' : flag, process.env.VARIANT_ENV ?? ''].join(' ').trim() || 'same',
      url: `http://127.0.0.1:${port}`,
      pid,
      ready: mb(pid),
    });
  }
  const draft = `/du-thao/${setup.draft.draftId}`;
  const pages: [string, string][] = [
    ['draft page (kept)', draft],
    ['draft list (kept)', '/du-thao'],
    ['home (kept)', '/'],
    ['RSS feed (kept)', '/du-thao/feed.rss'],
    ['draft list search (rendered)', '/du-thao?q=quy'],
    ['comment form (rendered)', `${draft}/gop-y`],
    ['summary page (rendered)', `${draft}/tiep-thu-giai-trinh`],
  ];
  const usable = [];
  for (const p of pages) if ((await fetch(setup.portalUrl + p[1])).status === 200) usable.push(p);
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [page, p] of usable)
      for (const s of servers) {
        const key = `${page}|${s.name}`;
        results.set(key, [...(results.get(key) ?? []), await cpuUsPerRequest(s.pid, s.url + p, REQUESTS)]);
      }
    log(`round ${round + 1} of ${ROUNDS} done`);
  }
  const head = `| page | ${servers.map((s) => `${s.name} µs`).join(' | ')} |`;
  const out = [head, `| --- | ${servers.map(() => '---').join(' | ')} |`];
  for (const [page] of usable) {
    const base = median(results.get(`${page}|npm start`) ?? [0]);
    out.push(
      `| ${page} | ${servers
        .map((s) => {
          const xs = results.get(`${page}|${s.name}`) ?? [];
          const m = median(xs);
          return `${m.toFixed(0)}${s.name === 'npm start' ? '' : ` (${m >= base ? '+' : ''}${(((m - base) / base) * 100).toFixed(0)} %)`} [${xs.map((x) => x.toFixed(0)).join(', ')}]`;
        })
        .join(' | ')} |`,
    );
  }
  out.push(`| RSS ready / after, MB | ${servers.map((s) => `${s.ready} / ${mb(s.pid)}`).join(' | ')} |`);
  console.log(`\n${REQUESTS} requests per page, server and round, 10 connections, ${ROUNDS} rounds (median [all])\n${out.join('\n')}`);
} finally {
  await stopServers(
    extra,
    FLAGS.map((_, i) => basePort + 2 + i),
  );
  await setup.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}
