/**
 * `npm run bench:exports`: the four exports (public and officer, CSV and .xlsx) of BENCH_LARGE
 * comments (default 1,000,000) downloaded one after another from a freshly started portal
 * (production mode, SQLite or BENCH_POSTGRES_URL), sampling the server's RSS every 50 ms.
 * Each download is read to the end unless BENCH_EXPORT_SECONDS (> 0) cuts it. Target (issue 10):
 * peak RSS ≤ 150 MB. Also called by `npm run bench` through exportPeak.
 */
import { Client } from './intake.js';
import { cpuMs, log, rssOf, startBench } from './servers.js';

const LARGE = Number(process.env.BENCH_LARGE ?? 1_000_000);
const EXPORT_SECONDS = Number(process.env.BENCH_EXPORT_SECONDS ?? 0);
// BENCH_EXPORT_WARM=n: each of the bench's pages is read n times before the exports, so that the server
// starts them as it would after serving readers (its SQLite page caches, kept pages, V8's heap).
const WARM = Number(process.env.BENCH_EXPORT_WARM ?? 0);

export type ExportResult = {
  name: string;
  idleMb: number;
  peakMb: number;
  bytes: number;
  seconds: number;
  /** CPU seconds the server spent (user + system, /proc/<pid>/stat): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  complete: boolean;
  note: string;
};

/** User + system CPU seconds of a process so far. */
const cpuOf = (pid: number) => cpuMs(pid) / 1000;

/** Downloads one export while sampling the server's RSS; `seconds` > 0 cuts the download there. */
export async function exportPeak(name: string, url: string, headers: Record<string, string>, pid: number, seconds: number): Promise<ExportResult> {
  const before = rssOf(pid);
  const cpu0 = cpuOf(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  const t0 = Date.now();
  let bytes = 0;
  let status = 0;
  let complete = false;
  let note = '';
  const controller = new AbortController();
  const cut = setTimeout(() => controller.abort(), seconds > 0 ? seconds * 1000 : 3_600_000);
  try {
    const r = await fetch(url, { headers, signal: controller.signal });
    status = r.status;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.byteLength;
    complete = status === 200;
    note = `HTTP ${status}, complete`;
  } catch (err) {
    note = status === 200 && controller.signal.aborted ? `HTTP 200, streaming, cut after ${seconds} s` : `failed: ${(err as Error).message}`;
  }
  clearTimeout(cut);
  clearInterval(sampler);
  peak = Math.max(peak, rssOf(pid));
  const cpuSeconds = cpuOf(pid) - cpu0;
  const result = { name, idleMb: before / 2 ** 20, peakMb: peak / 2 ** 20, bytes, seconds: (Date.now() - t0) / 1000, cpuSeconds, complete, note };
  log(
    `export ${name}: peak RSS ${result.peakMb.toFixed(0)} MB (before ${result.idleMb.toFixed(0)} MB), ${(bytes / 1e6).toFixed(1)} MB in ${result.seconds.toFixed(0)} s (server CPU ${cpuSeconds.toFixed(0)} s), ${note}`,
  );
  return result;
}

/** The four exports of the bench draft, CSV first. */
export async function allExports(portalUrl: string, draftId: string, pid: number, seconds: number): Promise<ExportResult[]> {
  const officer = new Client(portalUrl);
  await officer.login('tuphap', 'matkhau-demo-2025');
  const cookie = { cookie: officer.cookieHeader() };
  if (WARM > 0) {
    const draft = `/du-thao/${draftId}`;
    const pages: [string, Record<string, string>][] = [
      [draft, {}],
      [`${draft}?trang=999999`, {}],
      ['/du-thao', {}],
      [`${draft}/tiep-thu-giai-trinh`, {}],
      ['/du-thao/feed.rss', {}],
      [`/can-bo/du-thao/${draftId}/y-kien`, cookie],
    ];
    for (let i = 0; i < WARM; i++) for (const [p, headers] of pages) await (await fetch(portalUrl + p, { headers })).arrayBuffer();
    log(`pages read ${WARM} times each; server RSS ${(rssOf(pid) / 2 ** 20).toFixed(0)} MB`);
  }
  return [
    await exportPeak('public CSV', `${portalUrl}/du-thao/${draftId}/y-kien.csv`, {}, pid, seconds),
    await exportPeak('officer CSV', `${portalUrl}/can-bo/du-thao/${draftId}/y-kien-day-du.csv`, cookie, pid, seconds),
    await exportPeak('public XLSX', `${portalUrl}/du-thao/${draftId}/y-kien.xlsx`, {}, pid, seconds),
    await exportPeak('officer XLSX', `${portalUrl}/can-bo/du-thao/${draftId}/y-kien-day-du.xlsx`, cookie, pid, seconds),
  ];
}

export function exportsTable(results: ExportResult[], comments: number): string {
  const lines = [
    `| export of ${comments.toLocaleString('en')} comments | idle RSS MB | peak RSS MB (target ≤ 150) | size MB | seconds | server CPU s | note |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of results)
    lines.push(
      `| ${r.name} | ${r.idleMb.toFixed(0)} | ${r.peakMb.toFixed(0)} ${r.peakMb <= 150 && r.note.startsWith('HTTP 200') ? 'met' : 'NOT met'} | ${(r.bytes / 1e6).toFixed(1)} | ${r.seconds.toFixed(0)} | ${r.cpuSeconds.toFixed(0)} | ${r.note} |`,
    );
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const b = await startBench(LARGE, { bare: false });
  let failed = true;
  try {
    const results = await allExports(b.portalUrl, b.draft.draftId, b.portalPid, EXPORT_SECONDS);
    console.log(`\n## npm run bench:exports — ${b.target.kind}, ${new Date().toISOString().slice(0, 16)} UTC\n`);
    console.log(exportsTable(results, LARGE));
    failed = results.some((r) => !r.note.startsWith('HTTP 200'));
  } finally {
    await b.close(failed);
  }
  process.exit(failed ? 1 : 0);
}
