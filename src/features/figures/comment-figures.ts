/** Comments on the drafts in scope, as they stood at the moment of the figures (one of the figures of plan-figures.ts). */
import type { Db, Prisma } from '../../db/client.js';
import type { PlanFigures } from './plan-figures.js';

/** The period's comments on those drafts as they stood at `at`: moderated and answered only if that happened by then. */
export async function commentsAsOf(db: Db, draftIds: string[], period: Prisma.DateTimeFilter | undefined, at: Date) {
  const comments = draftIds.length
    ? await db.comment.findMany({
        where: { draftId: { in: draftIds }, createdAt: period },
        select: { draftId: true, status: true, createdAt: true, moderatedAt: true, answerId: true, answer: { select: { outcome: true, createdAt: true } } },
      })
    : [];
  return comments
    .filter((c) => c.createdAt <= at)
    .map((c) => ({
      draftId: c.draftId,
      status: c.moderatedAt && c.moderatedAt > at ? 'PENDING' : c.status,
      outcome: c.answer && c.answer.createdAt <= at ? c.answer.outcome : null,
    }));
}
export type VisibleComment = Awaited<ReturnType<typeof commentsAsOf>>[number];

export function commentFigures(visible: VisibleComment[]): PlanFigures['comments'] {
  const byOutcome = { ACCEPTED: 0, PARTLY_ACCEPTED: 0, EXPLAINED: 0 };
  for (const c of visible) {
    const outcome = c.outcome as keyof typeof byOutcome | null;
    if (outcome && outcome in byOutcome) byOutcome[outcome] += 1;
  }
  return {
    received: visible.length,
    published: visible.filter((c) => c.status === 'PUBLISHED').length,
    hidden: visible.filter((c) => c.status === 'HIDDEN').length,
    pending: visible.filter((c) => c.status === 'PENDING').length,
    answered: visible.filter((c) => c.outcome).length,
    byOutcome,
  };
}
