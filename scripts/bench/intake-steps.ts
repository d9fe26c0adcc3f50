/**
 * `npx tsx scripts/bench/intake-steps.ts`: where the CPU of comment intake goes, step by step, on the
 * portal (production) and the bare stack side by side. N comments (BENCH_INTAKE_COMMENTS, default 300)
 * go through the flow phase by phase — every form fetched, then every form posted, then every receipt
 * fetched — and the CPU time (user + system, /proc/<pid>/stat) each server spent in each phase is
 * divided by N. CPU per request survives a shared machine's noise, where requests per second do not.
 * SQLite by default, PostgreSQL with BENCH_POSTGRES_URL (the database server's own CPU is not counted).
 */
import { Client } from './intake.js';
import { cpuMs, log, pidOn, startBench } from './servers.js';

const N = Number(process.env.BENCH_INTAKE_COMMENTS ?? 300);
const PARALLEL = 8;

async function inParallel<T>(items: T[], f: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < items.length) await f(items[next++]);
    }),
  );
}

const b = await startBench(1000);
try {
  const rows: string[] = [];
  const barePid = pidOn(Number(new URL(b.bareUrl).port));
  // Each server runs the flow twice; the first pass only warms it up (JIT, view cache, statement caches).
  for (const [pass, kind] of [
    [0, 'bare'],
    [0, 'portal'],
    [1, 'bare'],
    [1, 'portal'],
  ] as const) {
    const pid = kind === 'bare' ? barePid : b.portalPid;
    const base = kind === 'bare' ? b.bareUrl : b.portalUrl;
    const formPath = kind === 'bare' ? `/bare/du-thao/${b.draft.draftId}/gop-y` : `/du-thao/${b.draft.draftId}/gop-y`;
    const flows = Array.from({ length: N }, (_, i) => ({ i, client: new Client(base), ip: `10.9.${i >> 8}.${i & 255}`, form: '', location: '' }));
    const phase = async (name: string, f: (flow: (typeof flows)[number]) => Promise<void>) => {
      const before = cpuMs(pid);
      await inParallel(flows, f);
      return { name, ms: (cpuMs(pid) - before) / N };
    };
    const got = [
      await phase('GET form', async (fl) => {
        fl.form = (await fl.client.request(formPath, { ip: fl.ip })).text;
      }),
      await phase('POST', async (fl) => {
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
            body: `steps-${kind}-${pass} ${fl.i}: Đề nghị bổ sung mức hỗ trợ cho hộ nghèo và thời gian chuyển tiếp sáu tháng.`,
          },
        });
        if (res.status !== 303 || !res.location) throw new Error(`${kind} post: ${res.status}`);
        fl.location = res.location;
      }),
      await phase('GET receipt', async (fl) => {
        const res = await fl.client.request(fl.location, { ip: fl.ip });
        if (res.status !== 200) throw new Error(`${kind} receipt: ${res.status}`);
      }),
    ];
    const total = got.reduce((s, g) => s + g.ms, 0);
    if (pass === 0) continue;
    rows.push(`| ${kind} | ${got.map((g) => g.ms.toFixed(2)).join(' | ')} | ${total.toFixed(2)} |`);
    log(`${kind}: ${got.map((g) => `${g.name} ${g.ms.toFixed(2)} ms`).join(', ')}; total ${total.toFixed(2)} ms CPU per comment`);
  }
  console.log(`\n## CPU ms per accepted comment, by step — ${b.target.kind}, ${N} comments, ${PARALLEL} at a time\n`);
  console.log('| server | GET form | POST | GET receipt | total |\n| --- | --- | --- | --- | --- |');
  console.log(rows.join('\n'));
} finally {
  await b.close();
}
process.exit(0);
