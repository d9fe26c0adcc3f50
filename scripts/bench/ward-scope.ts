/**
 * `npx tsx scripts/bench/ward-scope.ts`: what the ward-scoped access layer
 * (src/db/scoped-client.ts) costs on the public draft page. On a fresh SQLite copy of
 * the demo data it runs the page's queries (the draft, its text, files, versions, task,
 * and a page of comments) with the raw client and with the scoped client inside
 * runInWard, alternating in rounds so both see the same machine load, and also times
 * the whole page over HTTP. Prints medians and the ratio. Not part of `npm test`.
 *
 * Env: BENCH_ROUNDS (default 15), BENCH_PER_ROUND (default 40).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { seed } from '../../prisma/seed.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createDb, type Db } from '../../src/db/client.js';
import { withWardScope } from '../../src/db/scoped-client.js';
import { runInWard } from '../../src/db/ward-scope.js';
import { draftCommentBlock } from '../../src/features/comments/index.js';
import { draftForWard, draftPageData } from '../../src/features/drafts/index.js';
import { createMailer } from '../../src/lib/mailer.js';
import { createFileStore } from '../../src/lib/file-store.js';
import { migrate } from '../migrate.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PER_ROUND = Number(process.env.BENCH_PER_ROUND ?? 40);
const NOW = new Date('2025-10-15T02:00:00.000Z');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-ward-scope-'));
  const url = `file:${path.join(dir, 'portal.db')}`;
  migrate(url, dir);
  const raw = await createDb(url);
  await seed(raw, { demo: true, wardSlug: 'truong-quang-trong', now: NOW });
  const scoped = withWardScope(raw);
  const ward = await raw.ward.findFirstOrThrow();
  const draft = await raw.draft.findFirstOrThrow({ where: { wardId: ward.id, state: 'PUBLISHED' }, orderBy: { commentsPublished: 'desc' } });

  // The draft page's queries, as drafts.public.handlers.ts `show` makes them.
  const pageQueries = async (db: Db) => {
    const d = await draftForWard(db, ward.id, draft.id);
    await Promise.all([draftPageData(db, d, true), draftCommentBlock(db, d, { page: 1 }, '')]);
  };
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    for (let i = 0; i < PER_ROUND; i++) await fn();
    return (performance.now() - t0) / PER_ROUND;
  };

  const config = loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: dir, DATABASE_URL: url, LOG_LEVEL: 'silent' });
  const app = createApp({
    config,
    db: raw,
    logger: pino({ level: 'silent' }),
    files: createFileStore(config, raw),
    mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
    now: () => NOW,
  });
  const server = app.listen(0, '127.0.0.1');
  server.keepAliveTimeout = 120_000; // rounds of the other measures take longer than the 5 s default
  await new Promise((r) => server.once('listening', r));
  const port = (server.address() as { port: number }).port;
  const page = async () => {
    const res = await fetch(`http://127.0.0.1:${port}/du-thao/${draft.id}`);
    if (res.status !== 200) throw new Error(`draft page answered ${res.status}`);
    await res.text();
  };

  const rawMs: number[] = [];
  const scopedMs: number[] = [];
  const pageMs: number[] = [];
  await pageQueries(raw);
  await runInWard(ward.id, () => pageQueries(scoped));
  await page();
  for (let r = 0; r < ROUNDS; r++) {
    rawMs.push(await time(() => pageQueries(raw)));
    scopedMs.push(await time(() => runInWard(ward.id, () => pageQueries(scoped))));
    pageMs.push(await time(page));
  }
  server.close();
  await raw.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });

  const [a, b, p] = [median(rawMs), median(scopedMs), median(pageMs)];
  console.log(`draft page (${draft.commentsPublished} published comments), ${ROUNDS} rounds × ${PER_ROUND}, medians:`);
  console.log(`  page queries, raw client:             ${a.toFixed(2)} ms`);
  console.log(`  page queries, ward-scoped client:     ${b.toFixed(2)} ms  (×${(b / a).toFixed(2)}, +${(b - a).toFixed(2)} ms)`);
  console.log(`  whole page over HTTP (scoped, as run): ${p.toFixed(2)} ms  (the layer's share: ${(((b - a) / p) * 100).toFixed(1)} %)`);
}

await main();
