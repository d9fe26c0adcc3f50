/**
 * What the public draft page (owned by the drafts feature) shows of comments.
 * The drafts feature calls these; the comments feature owns how they work.
 * Never returns email or phone: nothing here may reach a public page.
 */
import type { Db } from '../../db/client.js';

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
  comments: PublicComment[];
  page: number;
  pages: number;
  /** Cursors for the links to the neighbouring pages: newer than the first comment shown, older than the last. */
  newerThan: string | null;
  olderThan: string | null;
};

export const COMMENTS_PER_PAGE = 20;
export const ANONYMOUS_NAME = 'Người góp ý ẩn danh';

/** The name shown in public: nothing when the commenter chose to be anonymous. */
export function publicDisplayName(c: { isAnonymous: boolean; authorName: string; organisationName?: string; respondentType: string }): string {
  if (c.isAnonymous) return ANONYMOUS_NAME;
  const org = c.respondentType !== 'INDIVIDUAL' ? (c.organisationName ?? '') : '';
  if (org && c.authorName) return `${c.authorName} (${org})`;
  return org || c.authorName || ANONYMOUS_NAME;
}

export function publicResidence(c: { residentialGroup: { name: string } | null; residentialOther: string }): string {
  return c.residentialGroup?.name ?? c.residentialOther;
}

/** Where a page of comments starts: after (older than) or before (newer than) a comment, as in `?sau=…&trang=3`. */
export type CommentPageRequest = { page?: number; after?: string; before?: string };

type Cursor = { createdAt: Date; id: string };

/** "<milliseconds>_<comment id>": the position of a comment in newest-first order. */
export const encodeCursor = (c: Cursor) => `${c.createdAt.getTime()}_${c.id}`;

export function decodeCursor(value: string | undefined): Cursor | null {
  const m = /^(\d{1,15})_([A-Za-z0-9_-]{1,64})$/.exec(value ?? '');
  return m ? { createdAt: new Date(Number(m[1])), id: m[2] } : null;
}

const PUBLIC_COMMENT_SELECT = {
  id: true,
  sectionId: true,
  respondentType: true,
  authorName: true,
  organisationName: true,
  isAnonymous: true,
  residentialOther: true,
  body: true,
  createdAt: true,
  section: { select: { label: true } },
  version: { select: { number: true } },
  residentialGroup: { select: { name: true } },
  answer: { select: { outcome: true, explanation: true, updatedAt: true } },
} as const;

/**
 * The published comments of a draft, newest first, one page at a time. Answers
 * are shown once the summary of answers is published (draft state ANSWERED).
 * Counts come from the counters kept by the database (no row is counted per view);
 * pages are found by keyset (a cursor from the neighbouring page), the last page
 * by reading from the oldest end, so no page costs more at a million comments.
 */
export async function draftCommentBlock(db: Db, draftId: string, request: number | CommentPageRequest = 1): Promise<DraftCommentBlock> {
  const req = typeof request === 'number' ? { page: request } : request;
  const [draft, sections] = await Promise.all([
    db.draft.findUnique({ where: { id: draftId }, select: { state: true, commentsPublished: true } }),
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
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.trunc(req.page ?? 1) || 1), pages);
  const rows = total === 0 ? [] : await commentPage(db, draftId, total, pages, current, req);
  return {
    countsBySection,
    countsBySectionKey,
    totalPublished: total,
    page: current,
    pages,
    newerThan: rows.length ? encodeCursor(rows[0]) : null,
    olderThan: rows.length ? encodeCursor(rows[rows.length - 1]) : null,
    comments: rows.map((r) => ({
      id: r.id,
      sectionId: r.sectionId,
      sectionLabel: r.section?.label ?? null,
      versionNumber: r.version.number,
      respondentType: r.respondentType,
      displayName: publicDisplayName(r),
      residentialGroup: publicResidence(r),
      body: r.body,
      createdAt: r.createdAt,
      answer: answersPublic && r.answer ? { outcome: r.answer.outcome, explanation: r.answer.explanation, answeredAt: r.answer.updatedAt } : null,
    })),
  };
}

/** One page of published comments, newest first, by the cheapest way the request allows. */
async function commentPage(db: Db, draftId: string, total: number, pages: number, page: number, req: CommentPageRequest) {
  const where = { draftId, status: 'PUBLISHED' };
  const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
  const oldestFirst = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];
  const after = decodeCursor(req.after);
  const before = decodeCursor(req.before);
  if (after && page > 1) {
    return db.comment.findMany({
      where: { ...where, OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] },
      orderBy: newestFirst,
      take: COMMENTS_PER_PAGE,
      select: PUBLIC_COMMENT_SELECT,
    });
  }
  if (before && page < pages) {
    const rows = await db.comment.findMany({
      where: { ...where, OR: [{ createdAt: { gt: before.createdAt } }, { createdAt: before.createdAt, id: { gt: before.id } }] },
      orderBy: oldestFirst,
      take: COMMENTS_PER_PAGE,
      select: PUBLIC_COMMENT_SELECT,
    });
    return rows.reverse();
  }
  // A page asked by number: counted from whichever end is nearer (the last page reads only the oldest rows).
  const fromStart = (page - 1) * COMMENTS_PER_PAGE;
  const end = Math.min(total, page * COMMENTS_PER_PAGE);
  if (fromStart <= total - end) {
    return db.comment.findMany({ where, orderBy: newestFirst, skip: fromStart, take: COMMENTS_PER_PAGE, select: PUBLIC_COMMENT_SELECT });
  }
  const rows = await db.comment.findMany({ where, orderBy: oldestFirst, skip: total - end, take: end - fromStart, select: PUBLIC_COMMENT_SELECT });
  return rows.reverse();
}
