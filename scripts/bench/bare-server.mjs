/**
 * The bare-stack reference for `npm run bench`: Express 5 + EJS + raw better-sqlite3 (or raw `pg`),
 * no ORM, no session, serving the draft page of the bench draft from the same database file,
 * the comment intake flow (form with a signed token → checked → validated → inserted → 303 → receipt),
 * and filler pages of a given size. Plain JavaScript: nothing transpiled.
 * Env: BARE_DB_KIND (sqlite|postgresql), BARE_DB (file path or URL), PORT.
 */
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';

const here = path.dirname(fileURLToPath(import.meta.url));
const kind = process.env.BARE_DB_KIND ?? 'sqlite';
let query;
if (kind === 'sqlite') {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(process.env.BARE_DB);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  const cache = new Map();
  query = async (sql, params = []) => {
    let st = cache.get(sql);
    // Placeholders are written $1, $2 … in order of appearance (pg style); SQLite gets plain ?.
    if (!st) {
      st = db.prepare(sql.replace(/\$\d+/g, '?'));
      cache.set(sql, st);
    }
    if (st.reader) return st.all(...params);
    st.run(...params);
    return [];
  };
} else {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: process.env.BARE_DB, max: 10 });
  query = async (sql, params = []) => (await pool.query(sql, params)).rows;
}
// The counters of issue 10 when the schema has them; a count otherwise (to bench a checkout from before them).
let counters = true;
try {
  await query('SELECT "commentsPublished" FROM "Draft" LIMIT 1');
} catch {
  counters = false;
}
const draftCount = counters
  ? '"commentsPublished"'
  : `(SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = "Draft".id AND c.status = 'PUBLISHED') AS "commentsPublished"`;
const sectionCount = counters
  ? '"commentsPublished"'
  : `(SELECT COUNT(*) FROM "Comment" c WHERE c."sectionId" = "DraftSection".id AND c.status = 'PUBLISHED') AS "commentsPublished"`;
const iso = (v) => (v instanceof Date ? v : new Date(String(v).replace(' ', 'T')));
const vnDate = (v) => {
  const d = new Date(iso(v).getTime() + 7 * 3600_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
};
const secret = crypto.randomBytes(32);
const sign = (nonce) => crypto.createHmac('sha256', secret).update(nonce).digest('base64url');

const app = express();
app.set('view engine', 'ejs');
app.set('views', path.join(here, 'bare-views'));
app.set('view cache', true);
app.locals.vnDate = vnDate;
app.use(express.urlencoded({ extended: false, limit: '64kb' }));

app.get('/bare/du-thao/:id', async (req, res) => {
  const [draft] = await query(`SELECT id, title, summary, "draftingAgency", "opensAt", "closesAt", ${draftCount} FROM "Draft" WHERE id = $1`, [req.params.id]);
  if (!draft) return res.status(404).send('not found');
  const [version] = await query('SELECT id, number FROM "DraftVersion" WHERE "draftId" = $1 AND "publishedAt" IS NOT NULL ORDER BY number DESC LIMIT 1', [
    draft.id,
  ]);
  const sections = await query(`SELECT id, key, label, heading, body, ${sectionCount} FROM "DraftSection" WHERE "versionId" = $1 ORDER BY "sortOrder"`, [
    version.id,
  ]);
  const comments = await query(
    `SELECT c.id, c."authorName", c."isAnonymous", c."residentialOther", c.body, c."createdAt", s.label AS "sectionLabel", v.number AS "versionNumber"
     FROM "Comment" c LEFT JOIN "DraftSection" s ON s.id = c."sectionId" JOIN "DraftVersion" v ON v.id = c."versionId"
     WHERE c."draftId" = $1 AND c.status = 'PUBLISHED' ORDER BY c."createdAt" DESC, c.id DESC LIMIT 20`,
    [draft.id],
  );
  res.render('draft', { draft, version, sections, comments });
});

// The draft list, home page and RSS feed of the ward, the same data as the portal's pages (issue 10:
// each against its bare equivalent). Status and days left from the dates, as the portal does.
const DAY = 24 * 3600_000;
function listed(rows, now) {
  const groups = [
    { label: 'Đang lấy ý kiến', drafts: [] },
    { label: 'Sắp lấy ý kiến', drafts: [] },
    { label: 'Đã kết thúc lấy ý kiến', drafts: [] },
  ];
  for (const d of rows) {
    const opens = iso(d.opensAt).getTime();
    const closes = iso(d.closesAt).getTime();
    const open = d.state === 'PUBLISHED' && now >= opens && now <= closes;
    const upcoming = d.state === 'PUBLISHED' && now < opens;
    const days = Math.floor((closes + 7 * 3600_000) / DAY) - Math.floor((now + 7 * 3600_000) / DAY);
    groups[open ? 0 : upcoming ? 1 : 2].drafts.push({ ...d, daysLeft: open ? (days > 0 ? `Còn ${days} ngày` : 'Hôm nay là ngày cuối') : '' });
  }
  return groups;
}
const wardOf = async () => (await query('SELECT id FROM "Ward" ORDER BY "createdAt" LIMIT 1'))[0].id;
const listSql = `SELECT id, title, "draftingAgency", summary, "opensAt", "closesAt", state, ${draftCount} FROM "Draft" WHERE "wardId" = $1 AND state <> 'DRAFT' ORDER BY "closesAt"`;

app.get('/bare/du-thao', async (_req, res) => {
  res.render('list', { title: 'Dự thảo lấy ý kiến', groups: listed(await query(listSql, [await wardOf()]), Date.now()), plans: null });
});

app.get('/bare/', async (_req, res) => {
  const ward = await wardOf();
  const groups = listed(await query(listSql, [ward]), Date.now()).slice(0, 2);
  const plans = await query('SELECT id, title, year FROM "Plan" WHERE "wardId" = $1 AND published = $2 ORDER BY year DESC, "createdAt" DESC LIMIT 5', [
    ward,
    kind === 'sqlite' ? 1 : true,
  ]);
  res.render('list', { title: 'Trang chủ', groups, plans });
});

const xml = (v) => String(v).replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
app.get('/bare/feed.rss', async (_req, res) => {
  const rows = await query(
    `SELECT id, title, "draftingAgency", summary, "opensAt", "closesAt" FROM "Draft" WHERE "wardId" = $1 AND state <> 'DRAFT' AND "opensAt" <= $2 ORDER BY "opensAt" DESC LIMIT 50`,
    [await wardOf(), kind === 'sqlite' ? new Date().toISOString().replace('Z', '+00:00') : new Date()],
  );
  const items = rows.map(
    (d) =>
      `<item><title>${xml(d.title)}</title><link>http://localhost/du-thao/${d.id}</link><guid>http://localhost/du-thao/${d.id}</guid><pubDate>${iso(d.opensAt).toUTCString()}</pubDate><description>${xml(`Do ${d.draftingAgency} chủ trì soạn thảo. Lấy ý kiến từ ngày ${vnDate(d.opensAt)} đến ngày ${vnDate(d.closesAt)}. ${d.summary}`)}</description></item>`,
  );
  res
    .type('application/rss+xml; charset=utf-8')
    .send(
      `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Dự thảo lấy ý kiến</title><link>http://localhost/du-thao</link><description>Dự thảo</description>${items.join('')}</channel></rss>`,
    );
});

// A page of about `bytes` bytes through the same layout: the reference for home, list and feed.
app.get('/bare/size/:bytes', (req, res) => {
  const bytes = Math.min(2_000_000, Number(req.params.bytes) || 1000);
  res.render('filler', { paragraphs: Array.from({ length: Math.ceil(bytes / 200) }, (_, i) => `Đoạn ${i}: ${'nội dung trang '.repeat(12)}`) });
});

app.get('/bare/du-thao/:id/gop-y', (req, res) => {
  const nonce = crypto.randomBytes(16).toString('base64url');
  res.render('form', { id: req.params.id, token: `${nonce}.${sign(nonce)}` });
});

app.post('/bare/du-thao/:id/gop-y', async (req, res) => {
  const [nonce, mac] = String(req.body._csrf ?? '').split('.');
  if (!nonce || !mac || mac.length !== 43 || !crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(sign(nonce)))) return res.status(403).send('bad token');
  const body = String(req.body.body ?? '').trim();
  const name = String(req.body.authorName ?? '').trim();
  if (body.length < 10 || body.length > 5000 || name.length > 200) return res.status(400).render('form', { id: req.params.id, token: req.body._csrf });
  const [version] = await query(
    'SELECT v.id FROM "DraftVersion" v JOIN "Draft" d ON d.id = v."draftId" WHERE d.id = $1 AND v."publishedAt" IS NOT NULL ORDER BY v.number DESC LIMIT 1',
    [req.params.id],
  );
  if (!version) return res.status(404).send('not found');
  const code = `GY-${crypto.randomBytes(6).toString('hex').toUpperCase()}`;
  const now = kind === 'sqlite' ? new Date().toISOString().replace('Z', '+00:00') : new Date();
  await query(
    'INSERT INTO "Comment" (id, "draftId", "versionId", "receiptCode", "respondentType", "authorName", body, "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [`bare${crypto.randomBytes(10).toString('hex')}`, req.params.id, version.id, code, 'INDIVIDUAL', name, body, now],
  );
  res.redirect(303, `/bare/gop-y/${code}`);
});

app.get('/bare/gop-y/:code', async (req, res) => {
  const [c] = await query('SELECT "receiptCode", status, body, "createdAt" FROM "Comment" WHERE "receiptCode" = $1', [req.params.code]);
  if (!c) return res.status(404).send('not found');
  res.render('receipt', { c });
});

app.use((err, _req, res, _next) => {
  console.error(err);
  res.status(500).send('error');
});

const server = app.listen(Number(process.env.PORT ?? 3400), '127.0.0.1', () => console.log('bare ready'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
