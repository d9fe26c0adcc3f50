/**
 * CPU time per request of the kept public pages against the bare stack (issue 10):
 * `BENCH_PORT=… npx tsx scripts/measure/kept-pages-cpu.ts [requests] [rounds]`.
 * The portal in production mode and the bare stack on one throwaway database with 1,000 comments
 * (scripts/bench/servers.ts); for each page, `requests` requests at 10 connections, with the
 * server's user + system CPU time read from /proc/<pid>/stat before and after. On a shared
 * machine wall-clock rates swing with everyone's load; the CPU time a server spends per request
 * does not, much. Each page is measured `rounds` times, alternating with the bare stack; the
 * median is printed. Not a test: the figures go to the README.
 */
import { cpuUsPerRequest, log, median, pidOn, startBench } from '../bench/servers.js';

const REQUESTS = Number(process.argv[2] ?? 4000);
const ROUNDS = Number(process.argv[3] ?? 3);

const setup = await startBench(1000);
try {
  const barePid = pidOn(Number(new URL(setup.bareUrl).port));
  const draft = `/du-thao/${setup.draft.draftId}`;
  const pages: [string, string][] = [
    ['draft page', draft],
    ['last comment page', `${draft}?trang=999999`],
    ['draft list', '/du-thao'],
    ['home', '/'],
    ['feed (RSS)', '/du-thao/feed.rss'],
    ['ward prefix: draft page', `/phuong/truong-quang-trong/du-thao/${setup.draft.draftId}`],
  ];
  const sizes: Record<string, number> = {};
  for (const [name, p] of pages) {
    const r = await fetch(setup.portalUrl + p);
    sizes[name] = (await r.arrayBuffer()).byteLength;
    if (r.status !== 200) {
      log(`${name}: HTTP ${r.status}, left out`);
      delete sizes[name];
    }
  }
  const bare: [string, string][] = [
    ['bare: draft page', `/bare/du-thao/${setup.draft.draftId}`],
    ['bare: 1 KB page', '/bare/size/1000'],
    ...Object.entries(sizes).map(([name, bytes]) => [`bare: page the size of ${name}`, `/bare/size/${bytes}`] as [string, string]),
  ];
  const results = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, p] of bare) results.set(name, [...(results.get(name) ?? []), await cpuUsPerRequest(barePid, setup.bareUrl + p, REQUESTS)]);
    for (const [name, p] of pages)
      if (sizes[name] !== undefined) results.set(name, [...(results.get(name) ?? []), await cpuUsPerRequest(setup.portalPid, setup.portalUrl + p, REQUESTS)]);
    log(`round ${round + 1} of ${ROUNDS} done`);
  }
  const out = ['| page | bytes | CPU µs per request (median) | all rounds |', '| --- | --- | --- | --- |'];
  for (const [name, xs] of results) {
    const bytes = sizes[name] ?? sizes[name.replace(/^bare: page the size of /, '')] ?? '';
    out.push(`| ${name} | ${bytes} | ${median(xs).toFixed(0)} | ${xs.map((x) => x.toFixed(0)).join(', ')} |`);
  }
  console.log(`\n${REQUESTS} requests per page and round, 10 connections, ${ROUNDS} rounds\n${out.join('\n')}`);
} finally {
  await setup.close();
}
