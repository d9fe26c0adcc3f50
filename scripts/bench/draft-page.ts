/**
 * `npm run bench:draft-page`: the kept draft page alone (1,000 comments), the bare stack and the portal
 * measured in turns, BENCH_ROUNDS times (default 3): req/s, p50, p99 and the portal's CPU per view
 * (/proc/<pid>/stat) and, on PostgreSQL, the database server's CPU per view. Both at the root and under the
 * ward's prefix (/phuong/<slug>/…). Shorter than `npm run bench` for before/after work on this one
 * page: BENCH_COMPARE_DIR=<another checkout> runs that one too, on the same database, measured in turns.
 * SQLite by default, PostgreSQL with BENCH_POSTGRES_URL; BENCH_DURATION (default 8), BENCH_CONNECTIONS (50).
 */
import autocannon from 'autocannon';
import pg from 'pg';
import type { BenchDb } from './seed.js';
import { cpuMs, log, pidOn, portalDir, startBench, startComparePortal, stopServers, type Started } from './servers.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const COMPARE = process.env.BENCH_COMPARE_DIR;

/**
 * On PostgreSQL, the CPU ms of the bench database's server processes so far, by pid (only one server is under
 * load at a time, so the difference over a run is that server's share; the database runs on this same machine).
 */
async function dbCpu(target: BenchDb): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (target.kind !== 'postgresql') return out;
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  const r = await c.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
  await c.end();
  for (const { pid } of r.rows as { pid: number }[])
    try {
      out.set(pid, cpuMs(pid));
    } catch {
      /* gone */
    }
  return out;
}
const dbCpuSince = (before: Map<number, number>, after: Map<number, number>) => [...after].reduce((n, [pid, ms]) => n + ms - (before.get(pid) ?? 0), 0);

const b = await startBench(1000);
let compare: Started | null = null;
const comparePort = Number(new URL(b.portalUrl).port) + 2;
try {
  const barePid = pidOn(Number(new URL(b.bareUrl).port));
  const draftPath = `/du-thao/${b.draft.draftId}`;
  const portals = [{ name: 'portal', url: b.portalUrl, pid: b.portalPid }];
  if (COMPARE) {
    const started = await startComparePortal(b, comparePort, COMPARE);
    compare = started;
    portals.push({ name: `portal of ${COMPARE}`, url: started.url, pid: started.pid });
  }
  const targets = [
    { name: 'bare stack', url: `${b.bareUrl}/bare${draftPath}`, pid: barePid },
    ...portals.flatMap((p) => [
      { name: p.name, url: `${p.url}${draftPath}`, pid: p.pid },
      { name: `${p.name}, /phuong/<slug>`, url: `${p.url}/phuong/truong-quang-trong${draftPath}`, pid: p.pid },
    ]),
  ];
  for (const t of targets) {
    const r = await fetch(t.url);
    if (r.status !== 200) throw new Error(`${t.name}: HTTP ${r.status}`);
    await r.arrayBuffer();
  }
  // A short warm-up of each (JIT, kept pages), not counted.
  for (const t of targets) await autocannon({ url: t.url, connections: CONNECTIONS, duration: 2 });
  const rows: string[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    for (const t of targets) {
      const [before, dbBefore] = [cpuMs(t.pid), await dbCpu(b.target)];
      const r = await autocannon({ url: t.url, connections: CONNECTIONS, duration: DURATION, timeout: 10 });
      const n = Math.max(1, r.requests.total);
      const cpu = (cpuMs(t.pid) - before) / n;
      const db = b.target.kind === 'postgresql' ? (dbCpuSince(dbBefore, await dbCpu(b.target)) / n).toFixed(3) : '–';
      const bad = r.non2xx + r.errors + r.timeouts;
      const row = `| ${round} | ${t.name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${cpu.toFixed(3)} | ${db} |${bad ? ` ${bad} errors` : ''}`;
      rows.push(row);
      log(row);
    }
  }
  console.log(`\n## Draft page, 1,000 comments — ${b.target.kind}, ${CONNECTIONS} connections, ${DURATION} s each; portal from ${portalDir}\n`);
  console.log('| round | server | req/s | p50 ms | p99 ms | CPU ms/view | PostgreSQL CPU ms/view |\n| --- | --- | --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
} finally {
  if (compare) await stopServers([compare], [comparePort]);
  await b.close();
}
process.exit(0);
