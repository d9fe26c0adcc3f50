/**
 * `npm run bench:intake`: comment intake only, the portal (production) and the bare stack side by
 * side in one run on one database (SQLite, or PostgreSQL with BENCH_POSTGRES_URL), each for
 * BENCH_INTAKE_SECONDS (default 15) with BENCH_CONNECTIONS clients (default 50), then the receipt
 * check (every receipt given is in the database, nothing else). BENCH_ROUNDS (default 1) repeats
 * the pair, alternating which goes first, to show the noise of a shared machine. Right before each
 * counted run the server takes comments for BENCH_INTAKE_WARMUP seconds (default 10, not counted; 0 for
 * none): runWarmIntake in intake.ts.
 */
import { runWarmIntake } from './intake.js';
import { log, pidOn, startBench } from './servers.js';

const SECONDS = Number(process.env.BENCH_INTAKE_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const WARMUP = Number(process.env.BENCH_INTAKE_WARMUP ?? 10);

const b = await startBench(1000);
const barePid = pidOn(Number(new URL(b.bareUrl).port));
let failed = true;
try {
  const results: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['bare', 'portal'] as const) : (['portal', 'bare'] as const);
    const got: Record<string, Awaited<ReturnType<typeof runWarmIntake>>> = {};
    for (const kind of order) {
      got[kind] = await runWarmIntake(
        {
          kind,
          base: kind === 'bare' ? b.bareUrl : b.portalUrl,
          draftId: b.draft.draftId,
          seconds: SECONDS,
          clients: CLIENTS,
          target: b.target,
          pid: kind === 'bare' ? barePid : b.portalPid,
        },
        WARMUP,
        log,
      );
      log(`${kind}: ${got[kind].perSecond.toFixed(1)} accepted/s, ${got[kind].cpuPerAccepted.toFixed(2)} ms CPU per accepted; ${got[kind].check}`);
    }
    const ratio = got.portal.perSecond / got.bare.perSecond;
    const cpu = `${got.bare.cpuPerAccepted.toFixed(2)} / ${got.portal.cpuPerAccepted.toFixed(2)} (${((got.bare.cpuPerAccepted / got.portal.cpuPerAccepted) * 100).toFixed(0)} %)`;
    results.push(
      `| ${round + 1} | ${got.bare.perSecond.toFixed(0)} | ${got.portal.perSecond.toFixed(0)} | **${(ratio * 100).toFixed(0)} %** ${ratio >= 0.5 ? 'met' : 'NOT met'} | ${cpu} | ${(1000 / got.portal.perSecond).toFixed(1)} × short of 1,000/s | bare: ${got.bare.check}; portal: ${got.portal.check} |`,
    );
  }
  console.log(`\n## npm run bench:intake — ${b.target.kind}, ${new Date().toISOString().slice(0, 16)} UTC, ${CLIENTS} clients, ${SECONDS} s each\n`);
  console.log(
    '| round | bare accepted/s | portal accepted/s | portal / bare (target ≥ 50 %) | CPU ms per accepted, bare / portal (bare ÷ portal) | to 1,000/s | receipts |\n| --- | --- | --- | --- | --- | --- | --- |',
  );
  console.log(results.join('\n'));
  failed = results.some((r) => r.includes('FAILED'));
} finally {
  await b.close(failed);
}
process.exit(failed ? 1 : 0);
