/**
 * `npm run bench` (issue 10): the portal in production mode against the bare stack, on a throwaway
 * database with 1,000 and then 1,000,000 comments. Prints one table. Not part of `npm test`.
 *
 * Env: BENCH_POSTGRES_URL (run on PostgreSQL: a database is created on that server and dropped),
 * BENCH_DURATION (seconds per page, default 8), BENCH_CONNECTIONS (default 50),
 * BENCH_INTAKE_SECONDS (default 15), BENCH_INTAKE_WARMUP (comments before each counted intake run, default 10 s),
 * BENCH_INTAKE_ROUNDS (counted intake runs per server, in the order bare, portal, portal, bare …; default 2),
 * BENCH_LARGE (default 1000000), BENCH_SKIP_EXPORTS=1,
 * BENCH_EXPORT_SECONDS (cut each export download after this, default 45; 0 = read to the end),
 * BENCH_EXPORT_PAUSE_MS (the pause between the last page run and the first export, default 1000),
 * BENCH_SETTLE_PAUSE_MS (the pause before each page run once the server answers promptly, default 500),
 * BENCH_PAGE_WARMUP (seconds of load on each page before its counted run, not counted, default 2; 0 for none),
 * BENCH_PORT (the portal's port, default 3481; the bare stack listens on the next one),
 * BENCH_PORTAL_DIR (measure another checkout, e.g. main, with these same scripts copied into it).
 */
import os from 'node:os';
import autocannon from 'autocannon';
import { insertComments, setDraftState, type BenchDb } from './seed.js';
import { runWarmIntake, Client } from './intake.js';
import { exportPeak, type ExportResult } from './exports.js';
import { cpuMs, log, pidOn, settle, startBench } from './servers.js';

const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const INTAKE_SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
/** Comments each server takes right before its counted intake run, not counted (runWarmIntake in intake.ts). */
const INTAKE_WARMUP = Number(process.env.BENCH_INTAKE_WARMUP ?? 10);
/**
 * Counted intake runs per server, in turns (bare, portal, portal, bare, …): a host whose load drifts over the
 * minute of the runs then weighs on both servers alike, where one run each hands the drift to whichever ran second.
 */
const INTAKE_ROUNDS = Math.max(1, Number(process.env.BENCH_INTAKE_ROUNDS ?? 2));
const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const EXPORT_SECONDS = Number(process.env.BENCH_EXPORT_SECONDS ?? 45);
// The exports are asked for this long after the last page run (an officer does not ask in the same millisecond
// as fifty readers stop): the server gives back what the runs left in its heap after 200 ms of quiet
// (src/middleware/quiet-compaction.ts). 0 = at once, the RSS the page runs left counted in the first export.
const EXPORT_PAUSE_MS = Number(process.env.BENCH_EXPORT_PAUSE_MS ?? 1000);
/**
 * Load on each page before its counted run, not counted: the first page measured after a server starts also
 * measured its code being compiled (the draft page at 1,000 comments, measured first, read 559 µs of CPU a view
 * and p99 69 ms in one run against 377 µs at a million minutes later), the same for the bare stack.
 */
const PAGE_WARMUP = Number(process.env.BENCH_PAGE_WARMUP ?? 2);
const SMALL = 1000;
// BENCH_PORT: the portal listens there (default 3481) and the bare stack on the next port (engineers sharing a machine pick their own).
const DEFAULT_PORT = 3481;

/**
 * cpuUs: the measured server's CPU time (user + system, /proc/<pid>/stat) over the run, per request answered: the
 * figure a noisy host moves least, printed beside p50 so that a flat-cost ratio can be told from the host's noise.
 */
type Row = {
  measure: string;
  size: string;
  reqs: number | null;
  p50: number | null;
  p99: number | null;
  cpuUs: number | null;
  bytes: number | null;
  note: string;
};
const rows: Row[] = [];
/** The process behind each server's origin (the portal's and the bare stack's), for the CPU per request. */
const serverPids = new Map<string, number>();

async function load(measure: string, size: string, url: string, headers: Record<string, string> = {}): Promise<Row> {
  await settle(new URL(url).origin); // the server measured: the portal or the bare stack
  // One request first: a page that takes seconds alone is reported as such, not put under load.
  const t0 = Date.now();
  let bytes: number | null = null;
  try {
    const r = await fetch(url, { headers, signal: AbortSignal.timeout(30_000) });
    bytes = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) throw new Error(`HTTP ${r.status}`);
  } catch (err) {
    const row = {
      measure,
      size,
      reqs: null,
      p50: null,
      p99: null,
      cpuUs: null,
      bytes,
      note: `single request failed after ${Date.now() - t0} ms: ${(err as Error).message}`,
    };
    rows.push(row);
    log(`${measure} ${size}: ${row.note}`);
    return row;
  }
  const single = Date.now() - t0;
  const slow = single > 2000;
  if (!slow && PAGE_WARMUP > 0) {
    await autocannon({ url, connections: CONNECTIONS, duration: PAGE_WARMUP, headers, timeout: 10 });
    await settle(new URL(url).origin);
  }
  const pid = serverPids.get(new URL(url).origin);
  const cpuBefore = pid ? cpuMs(pid) : 0;
  const result = await autocannon({ url, connections: slow ? 1 : CONNECTIONS, duration: slow ? 5 : DURATION, headers, timeout: 10 });
  const cpuUs = pid && result.requests.total ? ((cpuMs(pid) - cpuBefore) * 1000) / result.requests.total : null;
  const non2xx = result.non2xx + result.errors + result.timeouts;
  const none = result.requests.total === 0; // every request timed out: no latency to show
  const row: Row = {
    measure,
    size,
    reqs: result.requests.average,
    p50: none ? null : result.latency.p50,
    p99: none ? null : result.latency.p99,
    cpuUs,
    bytes,
    note: `${none ? 'no reply within 10 s; ' : ''}${slow ? `1 connection (one request took ${single} ms)` : `${CONNECTIONS} connections`}${non2xx ? `, ${non2xx} errors/non-2xx` : ''}`,
  };
  rows.push(row);
  log(`${measure} ${size}: ${row.reqs?.toFixed(0)} req/s, p50 ${row.p50} ms, p99 ${row.p99} ms, CPU ${f0(cpuUs)} µs a request, ${bytes} B (${row.note})`);
  return row;
}

async function main() {
  const bench = await startBench(SMALL, { defaultPort: DEFAULT_PORT });
  const { target, draft: d, now, portalUrl, bareUrl, portalPid: pid } = bench;
  const barePid = pidOn(Number(new URL(bareUrl).port));
  serverPids.set(new URL(portalUrl).origin, pid);
  serverPids.set(new URL(bareUrl).origin, barePid);
  let failed = true;
  process.on('SIGINT', () => {
    void bench.close(true).finally(() => process.exit(1));
  });
  try {
    const officer = new Client(portalUrl);
    await officer.login('tuphap', 'matkhau-demo-2025');
    const cookie = { cookie: officer.cookieHeader() };
    const draftPath = `/du-thao/${d.draftId}`;
    const pages: [string, string, Record<string, string>?][] = [
      ['draft page', draftPath],
      ['its last comment page', `${draftPath}?trang=999999`],
      ['draft list', '/du-thao'],
      ['moderation queue (logged in)', `/can-bo/du-thao/${d.draftId}/y-kien`, cookie],
      ['home', '/'],
      ['feed (RSS)', '/du-thao/feed.rss'],
    ];

    const bareDraft = await load('bare stack: draft page', '1k', `${bareUrl}/bare/du-thao/${d.draftId}`);
    const small: Record<string, Row> = {};
    const bareSized: Record<string, Row> = {};
    const bareSame: Record<string, Row> = {};
    for (const [name, p, h] of pages) {
      small[name] = await load(name, '1k', portalUrl + p, h);
      // A page compared with bare ones is measured right before them: the host's load drifts over the minutes of a
      // run, and comparisons a minute apart read 46 % and 105 % in one run for the same page.
      const same = BARE_EQUIVALENTS[name];
      if (!same) continue;
      bareSized[name] = await load(`bare stack: page of the size of ${name}`, '1k', `${bareUrl}/bare/size/${small[name].bytes ?? 1000}`);
      bareSame[name] = await load(`bare stack: ${name}`, '1k', bareUrl + same);
    }
    // The summary of answers (published: the draft set to ANSWERED for this one measure).
    small['summary page (published)'] = await measureSummaryPage(portalUrl, target, d.draftId, '1k');

    const { bare: bareIntake, portal: portalIntake } = await intakeInTurns({
      bare: { kind: 'bare', base: bareUrl, draftId: d.draftId, seconds: INTAKE_SECONDS, clients: CONNECTIONS, target, pid: barePid },
      portal: { kind: 'portal', base: portalUrl, draftId: d.draftId, seconds: INTAKE_SECONDS, clients: CONNECTIONS, target, pid },
    });

    const tSeed = Date.now();
    await insertComments(target, d, SMALL + 1, LARGE, now);
    log(`seeded up to ${LARGE} comments in ${((Date.now() - tSeed) / 1000).toFixed(0)} s`);
    const large: Record<string, Row> = {};
    for (const [name, p, h] of pages.slice(0, 4)) large[name] = await load(name, `${LARGE / 1000}k`, portalUrl + p, h);
    large['summary page (published)'] = await measureSummaryPage(portalUrl, target, d.draftId, `${LARGE / 1000}k`);

    const exports: ExportResult[] = [];
    if (!process.env.BENCH_SKIP_EXPORTS) {
      await new Promise((r) => setTimeout(r, EXPORT_PAUSE_MS));
      // CSV first: an .xlsx of a million rows is still held in memory by exceljs (docs/performance-log.md) and slows what follows.
      exports.push(await exportPeak('public CSV', `${portalUrl}${draftPath}/y-kien.csv`, {}, pid, EXPORT_SECONDS));
      exports.push(await exportPeak('officer CSV', `${portalUrl}/can-bo/du-thao/${d.draftId}/y-kien-day-du.csv`, cookie, pid, EXPORT_SECONDS));
      exports.push(await exportPeak('public XLSX', `${portalUrl}${draftPath}/y-kien.xlsx`, {}, pid, EXPORT_SECONDS));
      exports.push(await exportPeak('officer XLSX', `${portalUrl}/can-bo/du-thao/${d.draftId}/y-kien-day-du.xlsx`, cookie, pid, EXPORT_SECONDS));
    }

    failed = false;
    report({ target, bareDraft, small, large, bareSized, bareIntake, portalIntake, exports });
    reportBareEquivalents(small, bareSame);
  } finally {
    await bench.close(failed); // the folder, with the servers' logs, is kept when the run failed
  }
}

type IntakeTotal = { perSecond: number; accepted: number; cpuPerAccepted: number; check: string; runs: string[] };

/**
 * INTAKE_ROUNDS counted runs per server in turns (bare, portal, then portal, bare, …), each right after its own
 * warm-up; each server's rate is its accepted comments over its counted seconds, its CPU per comment likewise.
 */
async function intakeInTurns(servers: Record<'bare' | 'portal', Parameters<typeof runWarmIntake>[0]>) {
  const totals = {
    bare: { accepted: 0, seconds: 0, cpu: 0, checks: [] as string[], runs: [] as string[] },
    portal: { accepted: 0, seconds: 0, cpu: 0, checks: [] as string[], runs: [] as string[] },
  };
  for (let round = 0; round < INTAKE_ROUNDS; round++) {
    for (const kind of round % 2 === 0 ? (['bare', 'portal'] as const) : (['portal', 'bare'] as const)) {
      log(`intake: ${kind}, round ${round + 1} of ${INTAKE_ROUNDS}`);
      const r = await runWarmIntake(servers[kind], INTAKE_WARMUP, log);
      log(`${kind} intake: ${r.perSecond.toFixed(0)} accepted/s, ${r.cpuPerAccepted.toFixed(2)} ms CPU per accepted; receipts check: ${r.check}`);
      const t = totals[kind];
      t.accepted += r.accepted;
      t.seconds += r.seconds;
      if (r.accepted) t.cpu += r.cpuPerAccepted * r.accepted; // NaN when nothing was accepted
      t.checks.push(r.check);
      t.runs.push(r.perSecond.toFixed(0));
    }
  }
  const total = (t: (typeof totals)['bare']): IntakeTotal => ({
    accepted: t.accepted,
    perSecond: t.accepted / t.seconds,
    cpuPerAccepted: t.accepted ? t.cpu / t.accepted : Number.NaN,
    check: t.checks.find((c) => !c.startsWith('ok')) ?? `ok: ${t.accepted} receipts in ${t.checks.length} runs, all stored, nothing else`,
    runs: t.runs,
  });
  return { bare: total(totals.bare), portal: total(totals.portal) };
}

/** The published summary of answers (the draft set to ANSWERED for this one measure): one page of it, paginated by keyset. */
async function measureSummaryPage(portalUrl: string, target: BenchDb, draftId: string, size: string) {
  await setDraftState(target, draftId, 'ANSWERED');
  try {
    return await load('summary page (published)', size, `${portalUrl}/du-thao/${draftId}/tiep-thu-giai-trinh`);
  } finally {
    await setDraftState(target, draftId, 'PUBLISHED');
  }
}

/** Home, draft list and RSS feed of the bare stack: the same data, queried raw and rendered by EJS (bare-server.mjs). */
const BARE_EQUIVALENTS: Record<string, string> = { home: '/bare/', 'draft list': '/bare/du-thao', 'feed (RSS)': '/bare/feed.rss' };

function reportBareEquivalents(small: Record<string, Row>, bare: Record<string, Row>) {
  const out = ['', '| page | portal req/s | bare equivalent req/s | ratio (target ≥ 60 %) |', '| --- | --- | --- | --- |'];
  for (const name of Object.keys(bare)) {
    const k = ratio(small[name].reqs, bare[name].reqs);
    out.push(
      `| ${name} | ${f0(small[name].reqs)} | ${f0(bare[name].reqs)} | ${k === null ? '–' : `${(k * 100).toFixed(0)} %`} ${verdict(k === null ? null : k >= 0.6)} |`,
    );
  }
  console.log(out.join('\n'));
}

const f0 = (n: number | null) => (n === null ? '–' : n.toFixed(0));
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? a / b : null);
const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'met' : 'NOT met');

function report(r: {
  target: BenchDb;
  bareDraft: Row;
  small: Record<string, Row>;
  large: Record<string, Row>;
  bareSized: Record<string, Row>;
  bareIntake: IntakeTotal;
  portalIntake: IntakeTotal;
  exports: ExportResult[];
}) {
  const out: string[] = [];
  out.push(
    `\n## npm run bench — ${r.target.kind}, ${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), ${CONNECTIONS} connections, ${DURATION} s per page\n`,
  );
  out.push('| page | comments | req/s | p50 ms | p99 ms | server CPU µs a request | size B | note |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows)
    out.push(`| ${row.measure} | ${row.size} | ${f0(row.reqs)} | ${f0(row.p50)} | ${f0(row.p99)} | ${f0(row.cpuUs)} | ${row.bytes ?? '–'} | ${row.note} |`);
  out.push(
    '',
    `| intake (form → post → receipt), ${INTAKE_ROUNDS} × ${INTAKE_SECONDS} s each | accepted/s (each run) | server CPU ms a comment | receipts check |`,
    '| --- | --- | --- | --- |',
  );
  for (const [name, t] of [
    ['bare stack', r.bareIntake],
    ['portal', r.portalIntake],
  ] as const)
    out.push(`| ${name} | ${t.perSecond.toFixed(0)} (${t.runs.join(', ')}) | ${t.cpuPerAccepted.toFixed(2)} | ${t.check} |`);
  if (r.exports.length) {
    // "when asked for": what the server held as the download was requested (the runs before it leave their own).
    out.push('', `| export of ${LARGE} comments | RSS MB when asked for | peak RSS MB | note |`, '| --- | --- | --- | --- |');
    for (const e of r.exports)
      out.push(`| ${e.name} | ${e.idleMb.toFixed(0)} | ${e.peakMb.toFixed(0)} | ${e.note}: ${(e.bytes / 1e6).toFixed(1)} MB in ${e.seconds.toFixed(0)} s |`);
  }
  out.push('', '| target | measured | verdict |', '| --- | --- | --- |');
  const draftRatio = ratio(r.small['draft page'].reqs, r.bareDraft.reqs);
  out.push(
    `| draft page ≥ 60 % of bare req/s | ${draftRatio === null ? '–' : `${(draftRatio * 100).toFixed(0)} %`} | ${verdict(draftRatio === null ? null : draftRatio >= 0.6)} |`,
  );
  const p99 = r.small['draft page'].p99;
  out.push(`| draft page p99 ≤ 50 ms at ${CONNECTIONS} connections | ${f0(p99)} ms | ${verdict(p99 === null ? null : p99 <= 50)} |`);
  for (const name of Object.keys(r.large)) {
    const k = ratio(r.large[name].p50 ?? null, r.small[name].p50 ?? null);
    const cpu = ratio(r.large[name].cpuUs, r.small[name].cpuUs);
    const measured =
      k === null ? (r.large[name].reqs === null ? 'no reply' : '–') : `${k.toFixed(2)} ×${cpu === null ? '' : ` (CPU a request ${cpu.toFixed(2)} ×)`}`;
    out.push(
      `| flat: p50 of ${name} at ${LARGE / 1000}k ≤ 1.5 × at 1k | ${measured} | ${verdict(k === null ? (r.large[name].reqs === null ? false : null) : k <= 1.5)} |`,
    );
  }
  const intakeRatio = ratio(r.portalIntake.perSecond, r.bareIntake.perSecond);
  out.push(
    `| intake ≥ 50 % of bare | ${intakeRatio === null ? '–' : `${(intakeRatio * 100).toFixed(0)} %`} (${r.portalIntake.perSecond.toFixed(0)}/s; CPU a comment ${r.bareIntake.cpuPerAccepted.toFixed(2)} / ${r.portalIntake.cpuPerAccepted.toFixed(2)} ms; 1,000/s ≈ 7 × the 2025 constitution consultation's average) | ${verdict(intakeRatio === null ? null : intakeRatio >= 0.5)} |`,
  );
  for (const name of Object.keys(r.bareSized)) {
    const k = ratio(r.small[name].reqs, r.bareSized[name].reqs);
    out.push(
      `| ${name} ≥ 60 % of a bare page of the same size | ${k === null ? '–' : `${(k * 100).toFixed(0)} %`} | ${verdict(k === null ? null : k >= 0.6)} |`,
    );
  }
  for (const e of r.exports)
    out.push(`| export ${e.name} peak RSS ≤ 150 MB | ${e.peakMb.toFixed(0)} MB | ${verdict(e.note.startsWith('HTTP 200') && e.peakMb <= 150)} |`);
  console.log(out.join('\n'));
}

await main();
