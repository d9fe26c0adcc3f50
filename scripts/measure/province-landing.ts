/**
 * The province landing page at 1 ward and at 100 wards / 1,000 drafts:
 * `npx tsx scripts/measure/province-landing.ts [requests]`. Two SQLite
 * databases built here (migrations + the seed plan, then wards and drafts
 * written directly), the real app in process, sequential requests; prints p50
 * and p95 per page and the ratio 100 wards / 1 ward. Not a test: figures go to
 * the README. The page reads no Comment row (counts come from the counters the
 * triggers keep on Draft), so the number of comments does not enter its cost;
 * the scale benchmark (scripts/bench) measures it with 1,000,000 on PostgreSQL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { seed } from '../../prisma/seed.js';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { createDb } from '../../src/db/client.js';
import { createMailer } from '../../src/lib/mailer.js';
import { foldVietnamese } from '../../src/lib/text.js';
import { createFileStore } from '../../src/lib/file-store.js';
import { migrate } from '../migrate.js';

const REQUESTS = Number(process.argv[2] ?? 200);
const now = new Date('2025-10-15T02:00:00Z');
const FIELDS = ['Đất đai', 'Đô thị', 'Văn hóa – xã hội', 'Giao thông', 'Môi trường'];
const ARTICLE = 'Điều khoản về việc lấy ý kiến Nhân dân, trách nhiệm của Ủy ban nhân dân phường và các tổ dân phố. '.repeat(20);

async function build(wards: number, draftsPerWard: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-province-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  migrate(config.databaseUrl, dataDir);
  const db = await createDb(config.databaseUrl);
  await seed(db, { demo: false, wardSlug: config.wardSlug, now });
  for (let w = 0; w < wards; w++) {
    const ward =
      w === 0
        ? await db.ward.findUniqueOrThrow({ where: { slug: config.wardSlug } })
        : await db.ward.create({
            data: {
              slug: `phuong-${w}`,
              name: `Phường Số ${w}`,
              placeName: `Số ${w}`,
              committeeName: `Ủy ban nhân dân phường Số ${w}`,
              parentBodyName: 'UBND tỉnh',
            },
          });
    await db.draft.createMany({
      data: Array.from({ length: draftsPerWard }, (_, i) => {
        const title = `Dự thảo quy định số ${i + 1} của phường ${w}`;
        const open = i % 10 < 3; // three in ten open now, the rest closed
        return {
          wardId: ward.id,
          title,
          documentType: 'WARD_DECISION',
          draftingAgency: 'Công chức Tư pháp – Hộ tịch',
          field: FIELDS[i % FIELDS.length],
          summary: 'Tóm tắt chính sách.',
          state: 'PUBLISHED',
          opensAt: new Date(now.getTime() - (open ? 5 : 60) * 86_400_000),
          closesAt: new Date(now.getTime() + (open ? 10 + i : -30) * 86_400_000),
          searchText: foldVietnamese(`${title} ${ARTICLE}`),
        };
      }),
    });
  }
  const ctx = {
    config,
    db,
    logger: pino({ level: 'silent' }),
    files: createFileStore(config, db),
    mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
    now: () => now,
  };
  return { app: createApp(ctx), db, dataDir };
}

async function time(app: ReturnType<typeof createApp>, url: string) {
  const agent = request(app);
  for (let i = 0; i < 10; i++) await agent.get(url); // warm up
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const t0 = performance.now();
    const res = await agent.get(url);
    ms.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length * 0.5)], p95: ms[Math.floor(ms.length * 0.95)] };
}

const pages = ['/tinh', '/tinh?q=lay+y+kien+quy+dinh', '/tinh?linh-vuc=%C4%90%E1%BA%A5t+%C4%91ai&trang=2', '/tinh/du-thao/feed.rss', '/tinh/sitemap.xml'];
const one = await build(1, 10);
const many = await build(100, 10);
console.log(`province landing, ${REQUESTS} sequential requests each (SQLite, in process)`);
for (const url of pages) {
  const a = await time(one.app, url);
  const b = await time(many.app, url);
  console.log(
    `${url.padEnd(52)} 1 ward p50 ${a.p50.toFixed(1)} ms p95 ${a.p95.toFixed(1)} | 100 wards p50 ${b.p50.toFixed(1)} ms p95 ${b.p95.toFixed(1)} | ratio ${(b.p50 / a.p50).toFixed(2)}`,
  );
}
for (const x of [one, many]) {
  await x.db.$disconnect();
  fs.rmSync(x.dataDir, { recursive: true, force: true });
}
