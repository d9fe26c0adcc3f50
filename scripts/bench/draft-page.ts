/**
 * `npm run bench:draft-page`: the kept draft page alone (1,000 comments), the bare stack and the portal
 * measured in turns, BENCH_ROUNDS times (default 3): req/s, p50, p99 and the portal's CPU per view
 * (/proc/<pid>/stat; the database server's own CPU is not counted). Both at the root and under the
 * ward's prefix (/phuong/<slug>/…). Shorter than `npm run bench` for before/after work on this one
 * page: BENCH_COMPARE_DIR=<another checkout> runs that one too, on the same database, measured in turns.
 * SQLite by default, PostgreSQL with BENCH_POSTGRES_URL; BENCH_DURATION (default 8), BENCH_CONNECTIONS (50).
 */
import autocannon from 'autocannon';
import { cpuMs } from './intake.js';
import { log, pidOn, portalDir, startBench, startPortal, stopServers, type Started } from './servers.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const COMPARE = process.env.BENCH_COMPARE_DIR;

const b = await startBench(1000);
let compare: Started | null = null;
const comparePort = Number(new URL(b.portalUrl).port) + 2;
try {
  const barePid = pidOn(Number(new URL(b.bareUrl).port));
  const draftPath = `/du-thao/${b.draft.draftId}`;
  const portals = [{ name: 'portal', url: b.portalUrl, pid: b.portalPid }];
  if (COMPARE) {
    // BENCH_COMPARE_DIR: another checkout (e.g. main, node_modules linked) on the same database, measured in turns with this one.
    const url = `http://127.0.0.1:${comparePort}`;
    compare = await startPortal({
      port: comparePort,
      dir: b.dir,
      databaseUrl: b.target.url,
      env: { BASE_URL: url, TRUST_PROXY: 'loopback' },
      checkout: COMPARE,
    });
    portals.push({ name: `portal of ${COMPARE}`, url, pid: pidOn(comparePort) });
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
      const before = cpuMs(t.pid);
      const r = await autocannon({ url: t.url, connections: CONNECTIONS, duration: DURATION, timeout: 10 });
      const cpu = (cpuMs(t.pid) - before) / Math.max(1, r.requests.total);
      const bad = r.non2xx + r.errors + r.timeouts;
      const row = `| ${round} | ${t.name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${cpu.toFixed(3)} |${bad ? ` ${bad} errors` : ''}`;
      rows.push(row);
      log(row);
    }
  }
  console.log(`\n## Draft page, 1,000 comments — ${b.target.kind}, ${CONNECTIONS} connections, ${DURATION} s each; portal from ${portalDir}\n`);
  console.log('| round | server | req/s | p50 ms | p99 ms | CPU ms/view |\n| --- | --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
} finally {
  if (compare) await stopServers([compare], [comparePort]);
  await b.close();
}
process.exit(0);
