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
  totalPublished: number;
  comments: PublicComment[];
  page: number;
  pages: number;
};

export const COMMENTS_PER_PAGE = 20;

/** The published comments of a draft, newest first, one page at a time, with their answers. */
export async function draftCommentBlock(db: Db, draftId: string, page = 1): Promise<DraftCommentBlock> {
  const where = { draftId, status: 'PUBLISHED' };
  const [groups, total] = await Promise.all([
    db.comment.groupBy({ by: ['sectionId'], where, _count: { _all: true } }),
    db.comment.count({ where }),
  ]);
  const countsBySection: Record<string, number> = {};
  for (const g of groups) countsBySection[g.sectionId ?? 'whole'] = g._count._all;
  const pages = Math.max(1, Math.ceil(total / COMMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const rows = await db.comment.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * COMMENTS_PER_PAGE,
    take: COMMENTS_PER_PAGE,
    select: {
      id: true,
      sectionId: true,
      respondentType: true,
      authorName: true,
      isAnonymous: true,
      residentialOther: true,
      body: true,
      createdAt: true,
      section: { select: { label: true } },
      version: { select: { number: true } },
      residentialGroup: { select: { name: true } },
      answer: { select: { outcome: true, explanation: true, createdAt: true } },
    },
  });
  return {
    countsBySection,
    totalPublished: total,
    page: current,
    pages,
    comments: rows.map((r) => ({
      id: r.id,
      sectionId: r.sectionId,
      sectionLabel: r.section?.label ?? null,
      versionNumber: r.version.number,
      respondentType: r.respondentType,
      displayName: r.isAnonymous || !r.authorName ? 'Người góp ý ẩn danh' : r.authorName,
      residentialGroup: r.residentialGroup?.name ?? r.residentialOther,
      body: r.body,
      createdAt: r.createdAt,
      answer: r.answer ? { outcome: r.answer.outcome, explanation: r.answer.explanation, answeredAt: r.answer.createdAt } : null,
    })),
  };
}
