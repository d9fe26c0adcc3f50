/**
 * The retention rule for commenters' contact details, as the comment form, the
 * privacy page and the e-mails promise: they are erased 12 months after the draft's
 * summary of answers is published (Draft.answeredAt), or 12 months after the period
 * closed (the early close if there was one) when no summary was published.
 *
 * Erased: e-mail, phone, the free-text "Nơi cư trú – Khác", and the name of a
 * commenter who chose anonymity (it was kept only to contact them). Kept: the name
 * of a commenter who chose to be named publicly (it is part of the published record
 * of the consultation), the organisation's name, the residential group, the comment
 * text and its answer.
 */
import dayjs from 'dayjs';
import type { Prisma, Tx } from '../../db/client.js';
import type { ScheduledJob } from '../../lib/scheduler.js';
import { runInWard } from '../../db/ward-scope.js';

export const CONTACT_RETENTION_MONTHS = 12;
export const RETENTION_JOB = 'privacy.contact-retention';

/** A comment that still holds something the retention rule erases. */
export const HOLDS_CONTACT_DATA: Prisma.CommentWhereInput = {
  contactErasedAt: null,
  OR: [{ email: { not: '' } }, { phone: { not: '' } }, { residentialOther: { not: '' } }, { isAnonymous: true, authorName: { not: '' } }],
};

/** Clears the contact details of the given comments (the name only of the anonymous ones). Returns how many comments changed. */
export async function eraseContactData(tx: Tx, where: Prisma.CommentWhereInput, now: Date): Promise<number> {
  const scope = { AND: [where, HOLDS_CONTACT_DATA] };
  // Anonymous commenters' names go; named commenters' names stay (they are in the published record).
  const anonymous = await tx.comment.updateMany({
    where: { AND: [scope, { isAnonymous: true }] },
    data: { authorName: '', email: '', phone: '', residentialOther: '', contactErasedAt: now },
  });
  const named = await tx.comment.updateMany({
    where: { AND: [scope, { isAnonymous: false }] },
    data: { email: '', phone: '', residentialOther: '', contactErasedAt: now },
  });
  return anonymous.count + named.count;
}

/** The drafts whose contact details are due for erasure at `now`: summary published, or else closed, 12 months ago. */
export function dueDraftsWhere(now: Date) {
  const cutoff = dayjs(now).subtract(CONTACT_RETENTION_MONTHS, 'month').toDate();
  return {
    OR: [
      { answeredAt: { lte: cutoff } },
      { answeredAt: null, state: { in: ['PUBLISHED', 'CLOSED'] }, closedEarlyAt: { lte: cutoff } },
      { answeredAt: null, state: { in: ['PUBLISHED', 'CLOSED'] }, closedEarlyAt: null, closesAt: { lte: cutoff } },
    ],
  };
}

/**
 * One run: erases what is due and writes one audit entry per ward (how many
 * comments, for which drafts; never the erased values).
 *
 * No interactive transaction on purpose: each erasure is one atomic, idempotent
 * UPDATE stamped with contactErasedAt, so a run stopped half-way loses nothing and
 * the next run finishes it (its JobRun then has no finishedAt). Holding a write
 * transaction open across awaits would also stall a second SQLite connection in
 * the same process, which waits for the lock synchronously.
 */
export const retentionJob: ScheduledJob = {
  name: RETENTION_JOB,
  intervalMs: 60 * 60 * 1000,
  async run(ctx, now, runId) {
    const wards = await ctx.db.ward.findMany({ select: { id: true } });
    const perWard: { wardId: string; comments: number; drafts: number }[] = [];
    for (const ward of wards) {
      // Each ward's erasure runs in that ward's scope (src/db/scoped-client.ts).
      const summary = await runInWard(ward.id, async () => {
        const tx: Tx = ctx.db;
        const due = await tx.draft.findMany({
          where: { wardId: ward.id, ...dueDraftsWhere(now), comments: { some: HOLDS_CONTACT_DATA } },
          select: { id: true, title: true },
          orderBy: { closesAt: 'asc' },
        });
        const drafts: { id: string; title: string; comments: number }[] = [];
        for (const d of due) drafts.push({ id: d.id, title: d.title, comments: await eraseContactData(tx, { draftId: d.id }, now) });
        const comments = drafts.reduce((n, d) => n + d.comments, 0);
        await tx.auditLog.create({
          data: {
            wardId: ward.id,
            userId: null,
            action: 'privacy.retention',
            entityType: 'JobRun',
            entityId: runId,
            after: JSON.stringify({
              rule: `${CONTACT_RETENTION_MONTHS} tháng sau khi công bố tiếp thu, giải trình (hoặc sau khi kết thúc lấy ý kiến)`,
              erasedComments: comments,
              drafts,
            }),
          },
        });
        return { wardId: ward.id, comments, drafts: drafts.length };
      });
      perWard.push(summary);
    }
    return { erasedComments: perWard.reduce((n, w) => n + w.comments, 0), wards: perWard };
  },
};
