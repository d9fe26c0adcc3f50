/**
 * Writes sample official documents from the demo data, to look at them as a
 * văn thư would (convert with `soffice --headless --convert-to pdf`):
 * `npx tsx scripts/render-sample-documents.ts <out-dir>` writes the 2025 year
 * results report (registered), the summary of answers of the demo provincial
 * resolution (registered) and the plan, plus the report's .xlsx annex.
 * It works on a throwaway SQLite database in <out-dir>/data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/index.js';
import { createDb } from '../src/db/client.js';
import { createMailer } from '../src/lib/mailer.js';
import { createFileStore } from '../src/lib/file-store.js';
import { DEMO_PASSWORD, seed } from '../prisma/seed.js';
import { RESOLUTION_TITLE } from '../prisma/seed-demo-drafts-text.js';
import { migrate } from './migrate.js';

const out = path.resolve(process.argv[2] ?? 'test-results/documents');
const dataDir = path.join(out, 'data');
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true });
const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
migrate(config.databaseUrl, config.dataDir);
const db = await createDb(config.databaseUrl);
let now = new Date('2025-12-20T03:00:00Z');
await seed(db, { demo: true, wardSlug: config.wardSlug, now });
const app = createApp({
  config,
  db,
  logger: pino({ level: 'silent' }),
  files: createFileStore(config, db),
  mailer: createMailer({ from: config.mailFrom, baseUrl: config.baseUrl, mailDir: config.mailDir }),
  now: () => now,
});

const agent = request.agent(app);
const token = async (p: string) => /name="_csrf" value="([^"]+)"/.exec((await agent.get(p)).text)![1];
const post = async (page: string, action: string, fields: Record<string, string>) => {
  const _csrf = await token(page); // before the request is created: the agent attaches its cookies then
  return agent
    .post(action)
    .type('form')
    .send({ _csrf, ...fields });
};
const save = async (url: string, name: string) => {
  const res = await agent
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  fs.writeFileSync(path.join(out, name), res.body as Buffer);
  console.log(`${name}  (${res.headers['content-disposition']})`);
};

now = new Date(); // the documents are drawn up after the year; issued and registered with typed signing dates
const login = await post('/dang-nhap', '/dang-nhap', { username: 'tuphap', password: DEMO_PASSWORD });
if (login.status !== 302)
  throw new Error(
    `login: ${login.status} ${login.text
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .slice(0, 400)}`,
  );
const plan = await db.plan.findFirstOrThrow();
const created = await post('/can-bo/van-ban/moi', '/can-bo/van-ban/moi', {
  planId: plan.id,
  periodKind: 'YEAR',
  year: '2025',
  quarter: '',
  half: '',
  from: '',
  to: '',
  signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
  signerTitle: 'CHỦ TỊCH',
  signerName: 'Trương Thanh Thảo',
});
if (created.status !== 302) throw new Error(`report: ${created.status} ${created.text.slice(0, 500)}`);
const id = created.headers.location.split('/').pop()!;
await save(`/can-bo/van-ban/${id}.docx`, 'bao-cao-nam-2025-du-thao.docx');
const issued = await post(`/can-bo/van-ban/${id}`, `/can-bo/van-ban/${id}/ban-hanh`, { issuedOn: '06/01/2026', number: '' });
if (issued.status !== 302) throw new Error(`issue: ${issued.status}`);
await save(`/can-bo/van-ban/${id}.docx`, 'bao-cao-nam-2025.docx');
await save(`/can-bo/van-ban/${id}.xlsx`, 'phu-luc-bao-cao-nam-2025.xlsx');
const resolution = await db.draft.findFirstOrThrow({ where: { title: RESOLUTION_TITLE } });
const reg = await post('/can-bo/so-van-ban-di', `/can-bo/so-van-ban-di/tong-hop/${resolution.id}`, { issuedOn: '05/01/2026', number: '' });
if (reg.status !== 303) throw new Error(`register summary: ${reg.status}`);
await save(`/du-thao/${resolution.id}/tiep-thu-giai-trinh.docx`, 'tiep-thu-giai-trinh.docx');
await save(`/du-thao/${resolution.id}/tiep-thu-giai-trinh.xlsx`, 'tiep-thu-giai-trinh.xlsx');
await save(`/can-bo/van-ban/ke-hoach/${plan.id}.docx`, 'ke-hoach.docx');
await db.$disconnect();
