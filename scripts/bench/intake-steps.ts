/**
 * `npx tsx scripts/bench/intake-steps.ts`: where the CPU of comment intake goes, step by step, on the
 * portal (production) and the bare stack side by side. Each round sends N comments (BENCH_INTAKE_COMMENTS,
 * default 300) through each server phase by phase — every form fetched, then every form posted, then every
 * receipt fetched — and adds the CPU time (user + system, /proc/<pid>/stat) each server spent in each phase;
 * the table divides by the comments counted. CPU per request survives a shared machine's noise, where
 * requests per second do not; rounds in turns (BENCH_INTAKE_ROUNDS, default 1, after one round not counted
 * that warms each server up) spread what noise is left evenly over the servers.
 * BENCH_COMPARE_DIR=<another checkout> runs that one too (on a copy of the SQLite database), in the same
 * turns: the way to see a change of a few per cent. SQLite by default, PostgreSQL with BENCH_POSTGRES_URL
 * (the database server's own CPU is not counted). BENCH_INTAKE_PARALLEL (default 8): comments in flight at once.
 */
import { Client } from './intake.js';
import { cpuMs, log, pidOn, startBench, startComparePortal, stopServers, type Started } from './servers.js';

const N = Number(process.env.BENCH_INTAKE_COMMENTS ?? 300);
const ROUNDS = Number(process.env.BENCH_INTAKE_ROUNDS ?? 1);
const COMPARE = process.env.BENCH_COMPARE_DIR;
const PARALLEL = Number(process.env.BENCH_INTAKE_PARALLEL ?? 8);
const PHASES = ['GET form', 'POST', 'GET receipt'] as const;

async function inParallel<T>(items: T[], f: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) await f(items[next++]);
    }),
  );
}

let flowsSent = 0;
/** One round of N comments through one server; the CPU it spent in each phase, in ms. */
async function round(server: { name: string; url: string; pid: number; bare: boolean }, draftId: string): Promise<number[]> {
  const formPath = server.bare ? `/bare/du-thao/${draftId}/gop-y` : `/du-thao/${draftId}/gop-y`;
  const flows = Array.from({ length: N }, () => {
    const i = flowsSent++;
    return { i, client: new Client(server.url), ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, form: '', location: '' };
  });
  const phase = async (f: (flow: (typeof flows)[number]) => Promise<void>) => {
    const before = cpuMs(server.pid);
    await inParallel(flows, f);
    return cpuMs(server.pid) - before;
  };
  return [
    await phase(async (fl) => {
      fl.form = (await fl.client.request(formPath, { ip: fl.ip })).text;
    }),
    await phase(async (fl) => {
      const field = (name: string) => new RegExp(`name="${name}" value="([^"]+)"`).exec(fl.form)?.[1] ?? '';
      const group = /<option value="([^"]+)"[^>]*>\s*Tổ dân phố/.exec(fl.form)?.[1] ?? 'KHAC';
      const res = await fl.client.request(formPath, {
        method: 'POST',
        ip: fl.ip,
        form: {
          _csrf: field('_csrf'),
          submissionId: field('submissionId'),
          respondentType: 'INDIVIDUAL',
          authorName: 'Nguyễn Văn Thử',
          publicName: 'named',
          residentialGroup: group,
          body: `steps-${server.name} ${fl.i}: Đề nghị bổ sung mức hỗ trợ cho hộ nghèo và thời gian chuyển tiếp sáu tháng.`,
        },
      });
      if (res.status !== 303 || !res.location) throw new Error(`${server.name} post: ${res.status}`);
      fl.location = res.location;
    }),
    await phase(async (fl) => {
      const res = await fl.client.request(fl.location, { ip: fl.ip });
      if (res.status !== 200) throw new Error(`${server.name} receipt: ${res.status}`);
    }),
  ];
}

const b = await startBench(1000);
let compare: Started | null = null;
const comparePort = Number(new URL(b.portalUrl).port) + 2;
try {
  const servers = [
    { name: 'bare', url: b.bareUrl, pid: pidOn(Number(new URL(b.bareUrl).port)), bare: true },
    { name: 'portal', url: b.portalUrl, pid: b.portalPid, bare: false },
  ];
  if (COMPARE) {
    const started = await startComparePortal(b, comparePort, COMPARE);
    compare = started;
    servers.push({ name: `portal of ${COMPARE}`, url: started.url, pid: started.pid, bare: false });
  }
  const totals = new Map(servers.map((s) => [s.name, [0, 0, 0]]));
  for (let r = 0; r <= ROUNDS; r++) {
    // Each round starts with the next server, so none is always measured right after the same one.
    for (let k = 0; k < servers.length; k++) {
      const server = servers[(r + k) % servers.length];
      const ms = await round(server, b.draft.draftId);
      if (r === 0) continue; // warm-up: JIT, view cache, statement caches, the writer thread
      const sum = totals.get(server.name) as number[];
      ms.forEach((v, i) => {
        sum[i] += v;
      });
      log(`round ${r}, ${server.name}: ${ms.map((v, i) => `${PHASES[i]} ${(v / N).toFixed(2)}`).join(', ')} ms CPU per comment`);
    }
  }
  console.log(`\n## CPU ms per accepted comment, by step — ${b.target.kind}, ${ROUNDS} × ${N} comments each, ${PARALLEL} at a time\n`);
  console.log('| server | GET form | POST | GET receipt | total |\n| --- | --- | --- | --- | --- |');
  for (const [name, sum] of totals) {
    const per = sum.map((v) => v / (N * ROUNDS));
    console.log(`| ${name} | ${per.map((v) => v.toFixed(2)).join(' | ')} | ${per.reduce((a, c) => a + c, 0).toFixed(2)} |`);
  }
} finally {
  if (compare) await stopServers([compare], [comparePort]);
  await b.close();
}
process.exit(0);
