/**
 * Bench data: the ward's seed (with the demo accounts and drafts), one open draft of ten articles,
 * and its comments bulk-inserted by the database itself (a recursive CTE on SQLite,
 * generate_series on PostgreSQL) in one transaction per call, so a million rows take seconds.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { createDb } from '../../src/db/client.js';
import { seed } from '../../prisma/seed.js';

export type BenchDb = { kind: 'sqlite'; file: string; url: string } | { kind: 'postgresql'; url: string };
export type BenchDraft = { draftId: string; versionId: string; wardId: string };

const ARTICLES = 10;
const lorem =
  'Đề nghị Ban soạn thảo làm rõ phạm vi áp dụng, bổ sung quy định chuyển tiếp và mức hỗ trợ cho hộ nghèo, hộ cận nghèo; thời hạn thực hiện nên kéo dài thêm sáu tháng để người dân kịp chuẩn bị.';

export async function seedBench(target: BenchDb, now: Date): Promise<BenchDraft> {
  const db = await createDb(target.url);
  try {
    await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now });
    const ward = await db.ward.findFirstOrThrow({ where: { slug: 'truong-quang-trong' } });
    const day = 86_400_000;
    const draft = await db.draft.create({
      data: {
        wardId: ward.id,
        title: 'Dự thảo Nghị quyết quy định mức thu phí thu gom rác thải sinh hoạt (thử tải)',
        documentType: 'PROVINCIAL_RESOLUTION',
        draftingAgency: 'Sở Nông nghiệp và Môi trường tỉnh Quảng Ngãi',
        field: 'Môi trường',
        summary: 'Quy định mức thu phí thu gom, vận chuyển rác thải sinh hoạt đối với hộ gia đình, cá nhân và cơ sở kinh doanh.',
        opensAt: new Date(now.getTime() - 10 * day),
        closesAt: new Date(now.getTime() + 20 * day),
        state: 'PUBLISHED',
        versions: {
          create: {
            number: 1,
            publishedAt: new Date(now.getTime() - 10 * day),
            sections: {
              create: Array.from({ length: ARTICLES }, (_, i) => ({
                sortOrder: i + 1,
                kind: 'ARTICLE',
                key: `dieu-${i + 1}`,
                label: `Điều ${i + 1}`,
                heading: `Nội dung điều ${i + 1}`,
                body: `1. ${lorem}\n2. ${lorem}\n3. ${lorem}`,
              })),
            },
          },
        },
      },
      include: { versions: true },
    });
    return { draftId: draft.id, versionId: draft.versions[0].id, wardId: ward.id };
  } finally {
    await db.$disconnect();
  }
}

/**
 * Comments number `from` … `to` (inclusive) of the bench draft, oldest first one second apart,
 * ending before `now`: about 11/12 published, 1/12 pending, 1/50 hidden; 10 in 12 on an article.
 */
export async function insertComments(target: BenchDb, d: BenchDraft, from: number, to: number, now: Date) {
  const base = Math.floor(now.getTime() / 1000) - 1_100_000; // seconds; comment i at base + i
  const status = (i: string) => `CASE WHEN ${i} % 50 = 7 THEN 'HIDDEN' WHEN ${i} % 12 = 5 THEN 'PENDING' ELSE 'PUBLISHED' END`;
  if (target.kind === 'sqlite') {
    const sql = new Database(target.file);
    sql.pragma('journal_mode = WAL');
    sql.exec('CREATE TEMP TABLE bench_sec (n INTEGER PRIMARY KEY, id TEXT)');
    sql.prepare(`INSERT INTO bench_sec SELECT sortOrder - 1, id FROM DraftSection WHERE versionId = ?`).run(d.versionId);
    sql.transaction(() => {
      sql
        .prepare(
          `WITH RECURSIVE c(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM c WHERE i < ?)
           INSERT INTO Comment (id, draftId, versionId, sectionId, receiptCode, respondentType, authorName, isAnonymous,
                                residentialOther, body, status, createdAt)
           SELECT printf('bench%010d', i), ?, ?, (SELECT id FROM bench_sec WHERE n = i % 12), printf('GB-%010d', i), 'INDIVIDUAL',
                  'Người góp ý ' || i, i % 3 = 0, 'Tổ dân phố ' || (i % 9 + 1), 'Ý kiến số ' || i || '. ' || ?, ${status('i')},
                  strftime('%Y-%m-%dT%H:%M:%f', ? + i, 'unixepoch') || '+00:00'
           FROM c`,
        )
        .run(from, to, d.draftId, d.versionId, lorem, base);
    })();
    sql.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    sql.close();
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Row triggers would update the draft's counter row a million times in one transaction (each a
    // new row version): bulk-load with triggers off (session_replication_role, superuser) and count once.
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await client.query(
      `WITH sec AS (SELECT "sortOrder" - 1 AS n, id FROM "DraftSection" WHERE "versionId" = $2)
       INSERT INTO "Comment" (id, "draftId", "versionId", "sectionId", "receiptCode", "respondentType", "authorName", "isAnonymous",
                              "residentialOther", body, status, "createdAt")
       SELECT 'bench' || lpad(i::text, 10, '0'), $1, $2, (SELECT id FROM sec WHERE sec.n = i % 12), 'GB-' || lpad(i::text, 10, '0'),
              'INDIVIDUAL', 'Người góp ý ' || i, i % 3 = 0, 'Tổ dân phố ' || (i % 9 + 1), 'Ý kiến số ' || i || '. ' || $3::text, ${status('i')},
              to_timestamp($4::bigint + i) AT TIME ZONE 'UTC'
       FROM generate_series($5::bigint, $6::bigint) AS i`,
      [d.draftId, d.versionId, lorem, base, from, to],
    );
    await client.query(
      `UPDATE "Draft" d SET
         "commentsPending" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d.id AND c.status = 'PENDING'),
         "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d.id AND c.status = 'PUBLISHED'),
         "commentsHidden" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d.id AND c.status = 'HIDDEN'),
         "commentsOnline" = (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = d.id AND c.channel = 'ONLINE'),
         "publicVersion" = d."publicVersion" + 1
       WHERE d.id = $1`,
      [d.draftId],
    );
    await client.query(
      `UPDATE "DraftSection" s SET "commentsPublished" = (SELECT COUNT(*) FROM "Comment" c WHERE c."sectionId" = s.id AND c.status = 'PUBLISHED')
       WHERE s."versionId" = $1`,
      [d.versionId],
    );
    await client.query('COMMIT');
    await client.query('ANALYZE "Comment"');
  } finally {
    await client.end();
  }
}

/** The summary of answers is public only once published (state ANSWERED): the bench flips the state to measure it. */
export async function setDraftState(target: BenchDb, draftId: string, state: string) {
  if (target.kind === 'sqlite') {
    const sql = new Database(target.file);
    sql.pragma('busy_timeout = 10000');
    sql.prepare('UPDATE Draft SET state = ? WHERE id = ?').run(state, draftId);
    sql.close();
    return;
  }
  const c = new pg.Client({ connectionString: target.url });
  await c.connect();
  await c.query('UPDATE "Draft" SET state = $1 WHERE id = $2', [state, draftId]);
  await c.end();
}
