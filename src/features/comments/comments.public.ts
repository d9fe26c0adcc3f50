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
  /** The article key the list is narrowed to (the per-article count links there), and how many it holds. */
  sectionKey: string;
  shownTotal: number;
  comments: PublicComment[];
  page: number;
  pages: number;
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

/** What the public sees for "where from" when the commenter did not pick one of the ward's groups. */
export const OTHER_RESIDENCE_LABEL = 'Khác';

/**
 * The one public "where from": the residential group's name, or "Khác". The free text
 * typed under "Khác" (Comment.residentialOther) can identify a person, so it is for
 * officers only and this function does not even take it.
 */
export function publicResidence(c: { residentialGroup: { name: string } | null }): string {
  return c.residentialGroup?.name ?? OTHER_RESIDENCE_LABEL;
}

/** Officers' lists and exports: the group, or "Khác: <free text>". Never on a public output. */
export function officerResidence(c: { residentialGroup: { name: string } | null; residentialOther: string }): string {
  if (c.residentialGroup) return c.residentialGroup.name;
  return c.residentialOther ? `${OTHER_RESIDENCE_LABEL}: ${c.residentialOther}` : OTHER_RESIDENCE_LABEL;
}

/**
 * The published comments of a draft, newest first, one page at a time. Answers
 * are shown once the summary of answers is published (draft state ANSWERED).
 */
export async function draftCommentBlock(db: Db, draftId: string, page = 1, sectionKey = ''): Promise<DraftCommentBlock> {
  const where = { draftId, status: 'PUBLISHED' };
  // An article is followed across versions by its key ("dieu-3"), as the counts are.
  const listed = sectionKey ? { ...where, section: { key: sectionKey } } : where;
  const [groups, total, shown, draft] = await Promise.all([
    db.comment.groupBy({ by: ['sectionId'], where, _count: { _all: true } }),
    db.comment.count({ where }),
    sectionKey ? db.comment.count({ where: listed }) : null,
    db.draft.findUnique({ where: { id: draftId }, select: { state: true } }),
  ]);
  const answersPublic = draft?.state === 'ANSWERED';
  const countsBySection: Record<string, number> = {};
  for (const g of groups) countsBySection[g.sectionId ?? 'whole'] = g._count._all;
  const sectionIds = groups.map((g) => g.sectionId).filter((id): id is string => id !== null);
  const keys = sectionIds.length
    ? await db.draftSection.findMany({ where: { id: { in: sectionIds } }, select: { id: true, key: true } })
    : [];
  const countsBySectionKey: Record<string, number> = { whole: countsBySection.whole ?? 0 };
  for (const s of keys) countsBySectionKey[s.key] = (countsBySectionKey[s.key] ?? 0) + (countsBySection[s.id] ?? 0);
  const shownTotal = shown ?? total;
  const pages = Math.max(1, Math.ceil(shownTotal / COMMENTS_PER_PAGE));
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages);
  const rows = await db.comment.findMany({
    where: listed,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    skip: (current - 1) * COMMENTS_PER_PAGE,
    take: COMMENTS_PER_PAGE,
    select: {
      id: true,
      sectionId: true,
      respondentType: true,
      authorName: true,
      organisationName: true,
      isAnonymous: true,
      body: true,
      createdAt: true,
      section: { select: { label: true } },
      version: { select: { number: true } },
      residentialGroup: { select: { name: true } },
      answer: { select: { outcome: true, explanation: true, updatedAt: true } },
    },
  });
  return {
    countsBySection,
    countsBySectionKey,
    totalPublished: total,
    sectionKey,
    shownTotal,
    page: current,
    pages,
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
