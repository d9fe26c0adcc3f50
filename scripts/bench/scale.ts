/**
 * `npm run bench:scale` (issue 12, not a test): does a page get slower when the deployment serves
 * a whole province? On PostgreSQL (BENCH_POSTGRES_URL; a database is created there and dropped):
 *   1. one ward (the seed ward with its demo data) + 10 drafts of 1,000 comments each → measure;
 *   2. 99 more wards with 10 drafts each: 100 wards, 1,000 drafts, 1,000,000 comments → measure again.
 * The portal runs in production mode (`npm start`), one process. For each page it prints the p50 at
 * both sizes and their ratio (target ≤ 1.5 ×), and req/s per CPU-second of the portal process
 * (the per-core figure the capacity plan in the README is built from).
 *
 * Env: BENCH_POSTGRES_URL (required), BENCH_DURATION (s per page, default 10), BENCH_CONNECTIONS
 * (default 10), BENCH_WARDS (default 100), BENCH_DRAFTS_PER_WARD (10), BENCH_COMMENTS_PER_DRAFT (1000).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { createDb } from '../../src/db/client.js';
import { seed } from '../../prisma/seed.js';
import { createPgDatabase, pidOn, portalDir, startPortal, stopServers, type Started } from './servers.js';

type BenchWard = { slug: string; draftId: string };

/** The pages measured: the province's landing page and one ward's draft page under its prefix. */
const PAGES: { name: string; url: (w: BenchWard) => string }[] = [
  { name: 'province landing (/tinh)', url: () => '/tinh' },
  { name: "a ward's draft page (/phuong/<slug>/du-thao/<id>)", url: (w) => `/phuong/${w.slug}/du-thao/${w.draftId}` },
];

const ADMIN_URL = process.env.BENCH_POSTGRES_URL;
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARDS = Number(process.env.BENCH_WARDS ?? 100);
const DRAFTS_PER_WARD = Number(process.env.BENCH_DRAFTS_PER_WARD ?? 10);
const COMMENTS_PER_DRAFT = Number(process.env.BENCH_COMMENTS_PER_DRAFT ?? 1000);
const WARD_SLUG = 'truong-quang-trong';
const PORT = 41310;
const base = `http://127.0.0.1:${PORT}`;
const started = Date.now();
const log = (m: string) => console.error(`[scale ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

const lorem =
  'Đề nghị Ban soạn thảo làm rõ phạm vi áp dụng, bổ sung quy định chuyển tiếp và mức hỗ trợ cho hộ nghèo, hộ cận nghèo; thời hạn thực hiện nên kéo dài thêm sáu tháng.';
const FIELDS = ['Môi trường', 'Giáo dục', 'Y tế', 'Giao thông', 'Đất đai'];

/** Wards `from`…`to` (bench wards are numbered; 0 is the seed ward, which already exists). */
async function addWards(c: pg.Client, from: number, to: number) {
  await c.query(
    `INSERT INTO "Ward" (id, slug, name, "placeName", "committeeName", "parentBodyName")
     SELECT 'bw-' || lpad(n::text, 3, '0'), 'phuong-thu-' || lpad(n::text, 3, '0'), 'Phường Thử ' || n, 'Thử ' || n,
            'Ủy ban nhân dân phường Thử ' || n, 'UBND tỉnh Quảng Ngãi'
     FROM generate_series($1::int, $2::int) AS n`,
    [from, to],
  );
}

/**
 * DRAFTS_PER_WARD open drafts of ten articles in each ward given, then COMMENTS_PER_DRAFT comments on
 * each — multi-row INSERT … SELECT generate_series, row triggers off (the counters are set once after).
 */
async function addDraftsAndComments(c: pg.Client, wardIds: string[]) {
  await c.query('BEGIN');
  await c.query("SET LOCAL session_replication_role = 'replica'");
  const ids = `SELECT w.id AS "wardId", w.slug, d AS n, 'bd-' || w.slug || '-' || d AS id FROM "Ward" w, generate_series(1, $2::int) AS d WHERE w.id = ANY($1::text[])`;
  await c.query(
    `INSERT INTO "Draft" (id, "wardId", title, "documentType", "draftingAgency", field, summary, "opensAt", "closesAt", state, "searchText", "updatedAt")
     SELECT x.id, x."wardId", 'Dự thảo Nghị quyết thử tải số ' || x.n || ' (' || x.slug || ')', 'PROVINCIAL_RESOLUTION', 'Sở Tư pháp tỉnh Quảng Ngãi',
            ($3::text[])[1 + x.n % 5], 'Quy định mức thu phí và hỗ trợ người dân.', now() - interval '10 days' - x.n * interval '1 hour',
            now() + interval '20 days', 'PUBLISHED', 'du thao nghi quyet thu tai so ' || x.n || ' ' || x.slug, now()
     FROM (${ids}) x`,
    [wardIds, DRAFTS_PER_WARD, FIELDS],
  );
  await c.query(`INSERT INTO "DraftVersion" (id, "draftId", number, "publishedAt") SELECT x.id || '-v1', x.id, 1, now() - interval '10 days' FROM (${ids}) x`, [
    wardIds,
    DRAFTS_PER_WARD,
  ]);
  await c.query(
    `INSERT INTO "DraftSection" (id, "versionId", "sortOrder", kind, key, label, heading, body)
     SELECT x.id || '-s' || a, x.id || '-v1', a, 'ARTICLE', 'dieu-' || a, 'Điều ' || a, 'Nội dung điều ' || a, '1. ' || $3::text || E'\n2. ' || $3::text
     FROM (${ids}) x, generate_series(1, 10) AS a`,
    [wardIds, DRAFTS_PER_WARD, lorem],
  );
  const status = `CASE WHEN i % 50 = 7 THEN 'HIDDEN' WHEN i % 12 = 5 THEN 'PENDING' ELSE 'PUBLISHED' END`;
  await c.query(
    `INSERT INTO "Comment" (id, "draftId", "versionId", "sectionId", "receiptCode", "respondentType", "authorName", "isAnonymous",
                            "residentialOther", body, status, "createdAt")
     SELECT x.id || '-c' || i, x.id, x.id || '-v1', x.id || '-s' || (1 + i % 10), x.id || '-' || i, 'INDIVIDUAL', 'Người góp ý ' || i,
            i % 3 = 0, 'Tổ dân phố ' || (i % 9 + 1), 'Ý kiến số ' || i || '. ' || $3::text, ${status},
            now() - interval '9 days' + i * interval '1 second'
     FROM (${ids}) x, generate_series(1, $4::int) AS i`,
    [wardIds, DRAFTS_PER_WARD, lorem, COMMENTS_PER_DRAFT],
  );
  await c.query(
    `UPDATE "Draft" d SET "commentsPending" = k.pending, "commentsPublished" = k.published, "commentsHidden" = k.hidden
     FROM (SELECT "draftId", count(*) FILTER (WHERE status = 'PENDING') AS pending, count(*) FILTER (WHERE status = 'PUBLISHED') AS published,
                  count(*) FILTER (WHERE status = 'HIDDEN') AS hidden
           FROM "Comment" WHERE "draftId" IN (SELECT id FROM "Draft" WHERE "wardId" = ANY($1::text[]) AND id LIKE 'bd-%') GROUP BY "draftId") k
     WHERE d.id = k."draftId"`,
    [wardIds],
  );
  await c.query(
    `UPDATE "DraftSection" s SET "commentsPublished" = k.published
     FROM (SELECT "sectionId", count(*) AS published FROM "Comment"
           WHERE status = 'PUBLISHED' AND "draftId" IN (SELECT id FROM "Draft" WHERE "wardId" = ANY($1::text[]) AND id LIKE 'bd-%') GROUP BY "sectionId") k
     WHERE s.id = k."sectionId"`,
    [wardIds],
  );
  await c.query('COMMIT');
  await c.query('ANALYZE');
}

/** User + system CPU seconds the process has used so far (/proc/<pid>/stat). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU seconds used so far by the PostgreSQL backends serving the bench database (the portal's pool). */
async function databaseCpuSeconds(c: pg.Client, dbName: string): Promise<Map<number, number>> {
  const pids = (await c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [dbName])).rows;
  const out = new Map<number, number>();
  for (const { pid } of pids) {
    try {
      out.set(pid, cpuSeconds(pid));
    } catch {
      /* ended meanwhile */
    }
  }
  return out;
}

type Measure = { page: string; size: string; p50: number; p99: number; reqs: number; perCpuSecond: number; dbCpuMs: number; bytes: number };

async function measure(page: string, size: string, url: string, pid: number, c: pg.Client, dbName: string): Promise<Measure> {
  const first = await fetch(url);
  const bytes = (await first.arrayBuffer()).byteLength;
  if (first.status !== 200) throw new Error(`${url}: HTTP ${first.status}`);
  await autocannon({ url, connections: CONNECTIONS, duration: 2 }); // warm-up
  const cpu0 = cpuSeconds(pid);
  const db0 = await databaseCpuSeconds(c, dbName);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, timeout: 10 });
  const cpu = cpuSeconds(pid) - cpu0;
  let dbCpu = 0;
  for (const [p, after] of await databaseCpuSeconds(c, dbName)) dbCpu += after - (db0.get(p) ?? 0);
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad) throw new Error(`${url}: ${bad} errors or non-2xx answers under load`);
  const m = {
    page,
    size,
    p50: r.latency.p50,
    p99: r.latency.p99,
    reqs: r.requests.average,
    perCpuSecond: r.requests.total / Math.max(cpu, 0.01),
    dbCpuMs: (dbCpu * 1000) / Math.max(r.requests.total, 1),
    bytes,
  };
  log(
    `${page} @ ${size}: p50 ${m.p50} ms, p99 ${m.p99} ms, ${m.reqs.toFixed(0)} req/s, ${m.perCpuSecond.toFixed(0)} req per portal CPU-second, database ${m.dbCpuMs.toFixed(1)} CPU-ms per request, ${bytes} B`,
  );
  return m;
}

async function main() {
  if (!ADMIN_URL) throw new Error('set BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres (a database is created there and dropped)');
  const { url: dbUrl, drop } = await createPgDatabase(ADMIN_URL, 'portal_scale');
  const name = new URL(dbUrl).pathname.slice(1);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-scale-'));
  let portal: Started | null = null;
  const c = new pg.Client({ connectionString: dbUrl });
  try {
    execFileSync('npx', ['prisma', 'migrate', 'deploy'], {
      cwd: portalDir,
      env: { ...process.env, DATABASE_URL: dbUrl },
      stdio: 'ignore',
    });
    const db = await createDb(dbUrl);
    await seed(db, { demo: true, wardSlug: WARD_SLUG, now: new Date() });
    const seedWard = await db.ward.findFirstOrThrow({ where: { slug: WARD_SLUG } });
    await db.$disconnect();
    await c.connect();
    let t0 = Date.now();
    await addDraftsAndComments(c, [seedWard.id]);
    log(`1 ward: ${DRAFTS_PER_WARD} drafts × ${COMMENTS_PER_DRAFT} comments in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const ward: BenchWard = { slug: WARD_SLUG, draftId: `bd-${WARD_SLUG}-1` };

    portal = await startPortal({
      port: PORT,
      dir,
      databaseUrl: dbUrl,
      env: { WARD_SLUG, FILE_STORAGE: 'database', LOG_LEVEL: 'warn' },
      waitSeconds: 300,
    });
    const pid = pidOn(PORT);
    const small: Measure[] = [];
    for (const p of PAGES) small.push(await measure(p.name, '1 ward', base + p.url(ward), pid, c, name));

    t0 = Date.now();
    await addWards(c, 1, WARDS - 1);
    const others = (await c.query<{ id: string }>(`SELECT id FROM "Ward" WHERE id LIKE 'bw-%' ORDER BY id`)).rows.map((r) => r.id);
    for (let i = 0; i < others.length; i += 10) await addDraftsAndComments(c, others.slice(i, i + 10));
    const counts = (
      await c.query<{ wards: string; drafts: string; comments: string }>(
        `SELECT (SELECT count(*) FROM "Ward") AS wards, (SELECT count(*) FROM "Draft") AS drafts, (SELECT count(*) FROM "Comment") AS comments`,
      )
    ).rows[0];
    log(`scaled to ${counts.wards} wards, ${counts.drafts} drafts, ${counts.comments} comments in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    const large: Measure[] = [];
    for (const p of PAGES) large.push(await measure(p.name, `${counts.wards} wards`, base + p.url(ward), pid, c, name));

    const out = [
      `\n## npm run bench:scale — PostgreSQL, ${new Date().toISOString().slice(0, 16)} UTC, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? ''}), one portal process, ${CONNECTIONS} connections, ${DURATION} s per page`,
      `1 ward: ${DRAFTS_PER_WARD + 0} bench drafts (+ demo drafts), ${DRAFTS_PER_WARD * COMMENTS_PER_DRAFT} comments; large: ${counts.wards} wards, ${counts.drafts} drafts, ${counts.comments} comments\n`,
      '| page | p50 1 ward ms | p50 large ms | ratio (≤ 1.5 ×) | p99 large ms | req/s large | req per portal CPU-second (1 ward / large) | database CPU-ms per request (1 ward / large) | size B |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...PAGES.map((p, i) => {
        const k = large[i].p50 / Math.max(small[i].p50, 0.5);
        return `| ${p.name} | ${small[i].p50} | ${large[i].p50} | ${k.toFixed(2)} × ${k <= 1.5 ? 'met' : 'NOT met'} | ${large[i].p99} | ${large[i].reqs.toFixed(0)} | ${small[i].perCpuSecond.toFixed(0)} / ${large[i].perCpuSecond.toFixed(0)} | ${small[i].dbCpuMs.toFixed(1)} / ${large[i].dbCpuMs.toFixed(1)} | ${large[i].bytes} |`;
      }),
    ];
    console.log(out.join('\n'));
  } finally {
    await c.end().catch(() => {});
    await stopServers(portal ? [portal] : [], [PORT]);
    await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
