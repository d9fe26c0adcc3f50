/**
 * What the public draft page (owned by the drafts feature) shows of comments.
 * The drafts feature calls these; the comments feature owns how they work.
 * Never returns email or phone: nothing here may reach a public page.
 */
import type { Db } from '../../db/client.js';
import { Prisma } from '../../generated/sqlite/client.js'; // sql/join tags only: the same runtime serves both databases
import { publicDisplayName, publicResidence } from './comments.people.js';

export type PublicAnswer = { outcome: string; explanation: string; answeredAt: Date };
export type PublicComment = {
  id: string;
  sectionId: string | null;
  sectionLabel: string | null;
  versionNumber: number;
  respondentType: string;
  displayName: string; // "Người góp ý ẩn danh" when anonymous
  residentialGroup: string;
  body: string;
  createdAt: Date;
  answer: PublicAnswer | null;
};

export type DraftCommentBlock = {
  /** Published comments per article (sectionId) and on the whole draft ('whole'). */
  countsBySection: Record<string, number>;
  /** The same counts by article key ("dieu-5"), which stays the same across versions. */
  countsBySectionKey: Record<string, number>;
  totalPublished: number;
  /** The article key the list is narrowed to (the per-article count links there), and how many it holds. */
  sectionKey: string;
  shownTotal: number;
  comments: PublicComment[];
  page: number;
  pages: number;
  /** Cursors for the links to the neighbouring pages: newer than the first comment shown, older than the last. */
  newerThan: string | null;
  olderThan: string | null;
};

export const COMMENTS_PER_PAGE = 20;
/** Where a page of comments starts: after (older than) or before (newer than) a comment, as in `?sau=…&trang=3`. */
export type CommentPageRequest = { page?: number; after?: string; before?: string };

type Cursor = { createdAt: Date; id: string };

/** "<milliseconds>_<comment id>": the position of a comment in newest-first order. */
export const encodeCursor = (c: Cursor) => `${c.createdAt.getTime()}_${c.id}`;

export function decodeCursor(value: string | undefined): Cursor | null {
  const m = /^(\d{1,15})_([A-Za-z0-9_-]{1,64})$/.exec(value ?? '');
  return m ? { createdAt: new Date(Number(m[1])), id: m[2] } : null;
}

/**
 * The published comments of a draft, newest first, one page at a time. Answers
 * are shown once the summary of answers is published (draft state ANSWERED).
 * Counts come from the counters kept by the database (no row is counted per view);
 * pages are found by keyset (a cursor from the neighbouring page), the last page
 * by reading from the oldest end, so no page costs more at a million comments.
 */
export async function draftCommentBlock(
  db: Db,
  draftOrId: string | { id: string; state: string; commentsPublished: number },
  request: number | CommentPageRequest = 1,
  sectionKey = '',
): Promise<DraftCommentBlock> {
  const req = typeof request === 'number' ? { page: request } : request;
  const draftId = typeof draftOrId === 'string' ? draftOrId : draftOrId.id;
  // The caller usually has the draft row already (with its counters); read it only when not.
  const [draft, sections] = await Promise.all([
    typeof draftOrId === 'string' ? db.draft.findUnique({ where: { id: draftId }, select: { state: true, commentsPublished: true } }) : draftOrId,
    db.draftSection.findMany({ where: { version: { draftId }, commentsPublished: { gt: 0 } }, select: { id: true, key: true, commentsPublished: true } }),
  ]);
  const total = draft?.commentsPublished ?? 0;
  const answersPublic = draft?.state === 'ANSWERED';
  const countsBySection: Record<string, number> = {};
  const countsBySectionKey: Record<string, number> = {};
  let onArticles = 0;
  for (const s of sections) {
    countsBySection[s.id] = s.commentsPublished;
    countsBySectionKey[s.key] = (countsBySectionKey[s.key] ?? 0) + s.commentsPublished;
    onArticles += s.commentsPublished;
  }
  if (total - onArticles > 0) countsBySection.whole = total - onArticles;
  countsBySectionKey.whole = Math.max(0, total - onArticles);
  // An article is followed across versions by its key ("dieu-3"), as the counts are.
  const shownTotal = sectionKey ? sections.filter((s) => s.key === sectionKey).reduce((n, s) => n + s.commentsPublished, 0) : total;
  const pages = Math.max(1, Math.ceil(shownTotal / COMMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.trunc(req.page ?? 1) || 1), pages);
  const rows = shownTotal === 0 ? [] : await commentPage(db, draftId, sectionKey, shownTotal, pages, current, req);
  return {
    countsBySection,
    countsBySectionKey,
    totalPublished: total,
    sectionKey,
    shownTotal,
    page: current,
    pages,
    newerThan: rows.length ? encodeCursor({ createdAt: new Date(rows[0].createdAt), id: rows[0].id }) : null,
    olderThan: rows.length ? encodeCursor({ createdAt: new Date(rows[rows.length - 1].createdAt), id: rows[rows.length - 1].id }) : null,
    comments: rows.map((r) => ({
      id: r.id,
      sectionId: r.sectionId,
      sectionLabel: r.sectionLabel,
      versionNumber: Number(r.versionNumber),
      respondentType: r.respondentType,
      displayName: publicDisplayName({ ...r, isAnonymous: Boolean(r.isAnonymous) }),
      residentialGroup: publicResidence({ residentialGroup: r.groupName === null ? null : { name: r.groupName } }),
      body: r.body,
      createdAt: new Date(r.createdAt),
      answer: answersPublic && r.outcome && r.answeredAt ? { outcome: r.outcome, explanation: r.explanation ?? '', answeredAt: new Date(r.answeredAt) } : null,
    })),
  };
}

type PageRow = {
  id: string;
  sectionId: string | null;
  respondentType: string;
  authorName: string;
  organisationName: string;
  isAnonymous: boolean | number;
  body: string;
  createdAt: Date | string;
  sectionLabel: string | null;
  versionNumber: number | bigint;
  groupName: string | null;
  outcome: string | null;
  explanation: string | null;
  answeredAt: Date | string | null;
};

/**
 * One page of published comments, newest first, by the cheapest way the request allows. One SQL
 * query with its joins (the same text on SQLite and PostgreSQL) instead of Prisma's five: on this
 * path Prisma's query building was most of the page's CPU (issue 10). A cursor is a comment id;
 * the rows after it are found by comparing (createdAt, id) with that comment's, using the index
 * (draftId, status, createdAt, id).
 */
async function commentPage(
  db: Db,
  draftId: string,
  sectionKey: string,
  total: number,
  pages: number,
  page: number,
  req: CommentPageRequest,
): Promise<PageRow[]> {
  const after = decodeCursor(req.after);
  const before = decodeCursor(req.before);
  const select = Prisma.sql`
    SELECT c."id", c."sectionId", c."respondentType", c."authorName", c."organisationName", c."isAnonymous",
           c."body", c."createdAt", s."label" AS "sectionLabel", v."number" AS "versionNumber", u."name" AS "groupName",
           a."outcome", a."explanation", a."updatedAt" AS "answeredAt"
    FROM "Comment" c
    JOIN "DraftVersion" v ON v."id" = c."versionId"
    LEFT JOIN "DraftSection" s ON s."id" = c."sectionId"
    LEFT JOIN "Unit" u ON u."id" = c."residentialGroupId"
    LEFT JOIN "CommentAnswer" a ON a."id" = c."answerId"
    WHERE c."draftId" = ${draftId} AND c."status" = 'PUBLISHED'${sectionKey ? Prisma.sql` AND s."key" = ${sectionKey}` : Prisma.empty}`;
  // The plain range (<= / >=) lets the index seek to the cursor; the OR alone would scan from the newest end.
  const older = (id: string) => Prisma.sql`AND c."createdAt" <= (SELECT "createdAt" FROM "Comment" WHERE "id" = ${id})
    AND (c."createdAt" < (SELECT "createdAt" FROM "Comment" WHERE "id" = ${id})
    OR (c."createdAt" = (SELECT "createdAt" FROM "Comment" WHERE "id" = ${id}) AND c."id" < ${id}))`;
  const newer = (id: string) => Prisma.sql`AND c."createdAt" >= (SELECT "createdAt" FROM "Comment" WHERE "id" = ${id})
    AND (c."createdAt" > (SELECT "createdAt" FROM "Comment" WHERE "id" = ${id})
    OR (c."createdAt" = (SELECT "createdAt" FROM "Comment" WHERE "id" = ${id}) AND c."id" > ${id}))`;
  const newestFirst = Prisma.sql`ORDER BY c."createdAt" DESC, c."id" DESC`;
  const oldestFirst = Prisma.sql`ORDER BY c."createdAt" ASC, c."id" ASC`;
  const run = (...parts: Prisma.Sql[]) => db.$queryRaw<PageRow[]>(Prisma.join([select, ...parts], ' '));
  if (after && page > 1) {
    const rows = await run(older(after.id), newestFirst, Prisma.sql`LIMIT ${COMMENTS_PER_PAGE}`);
    if (rows.length) return rows;
  }
  if (before && page < pages) {
    const rows = await run(newer(before.id), oldestFirst, Prisma.sql`LIMIT ${COMMENTS_PER_PAGE}`);
    if (rows.length) return rows.reverse();
  }
  // A page asked by number (or a cursor whose comment is gone): counted from whichever end is
  // nearer, so the last page reads only the oldest rows.
  const fromStart = (page - 1) * COMMENTS_PER_PAGE;
  const end = Math.min(total, page * COMMENTS_PER_PAGE);
  if (fromStart <= total - end) return run(newestFirst, Prisma.sql`LIMIT ${COMMENTS_PER_PAGE} OFFSET ${fromStart}`);
  const rows = await run(oldestFirst, Prisma.sql`LIMIT ${end - fromStart} OFFSET ${total - end}`);
  return rows.reverse();
}
