/**
 * The officer's moderation queue: every comment of a draft with its contact
 * details; publishing or hiding with a reason. Nothing is ever deleted: hidden
 * comments stay in the record and in the counts of comments received.
 */
import type { Db, Tx } from '../../db/client.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { isStale, staleError, stampOf } from '../../lib/stale.js';
import { effectiveDraftStatus } from '../../domain/draft-status.js';
import { draftForWard } from '../drafts/index.js';
import { decodeCursor, encodeCursor } from './comments.public.js';

/** A draft of the officer's own ward, or 404 (an id from another ward reveals nothing). */
export async function loadOfficerDraft(db: Db, user: CurrentUser, draftId: string, now: Date) {
  const draft = await draftForWard(db, user.wardId, draftId);
  return { ...draft, status: effectiveDraftStatus(draft, now) };
}

export type OfficerDraft = Awaited<ReturnType<typeof loadOfficerDraft>>;

/** Comments of a draft by status, from the counters the database keeps with every change (see the schema). */
export async function countsByStatus(db: Db, draftId: string) {
  const d = await db.draft.findUnique({ where: { id: draftId }, select: { commentsPending: true, commentsPublished: true, commentsHidden: true } });
  const counts = { PENDING: d?.commentsPending ?? 0, PUBLISHED: d?.commentsPublished ?? 0, HIDDEN: d?.commentsHidden ?? 0, total: 0 };
  counts.total = counts.PENDING + counts.PUBLISHED + counts.HIDDEN;
  return counts;
}

export const QUEUE_PAGE_SIZE = 50;

/**
 * Comments of a draft for officers, oldest first, optionally of one status, one page at a time:
 * the page after the comment `from` (a cursor, "<ms>_<id>") by keyset, so a page costs the same
 * at a million comments. `next` is the cursor of the following page, or null on the last one.
 */
export async function moderationQueue(db: Db, draftId: string, status?: string, from?: string) {
  const after = decodeCursor(from);
  const rows = await db.comment.findMany({
    where: {
      draftId,
      ...(status ? { status } : {}),
      // The plain range lets the index seek to the cursor; the OR alone would scan from the start.
      ...(after
        ? { createdAt: { gte: after.createdAt }, OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: QUEUE_PAGE_SIZE + 1,
    include: {
      section: { select: { label: true, heading: true } },
      version: { select: { number: true } },
      residentialGroup: { select: { name: true } },
      moderatedBy: { select: { fullName: true } },
      answer: { include: { comments: { select: { id: true, receiptCode: true } } } },
      intake: { select: { source: true, place: true } },
    },
  });
  const comments = rows.slice(0, QUEUE_PAGE_SIZE);
  return { comments, next: rows.length > QUEUE_PAGE_SIZE ? encodeCursor(comments[comments.length - 1]) : null, paged: !!after };
}

async function findComment(db: Db, draftId: string, commentId: string) {
  const comment = await db.comment.findFirst({ where: { id: commentId, draftId } });
  if (!comment) throw AppError.notFound('Không tìm thấy ý kiến này.');
  return comment;
}

/** What a moderation form remembers of its comment (see lib/stale.ts). */
export const moderationStamp = (c: { status: string; moderatedAt: Date | null }) => stampOf(c.status, c.moderatedAt);

/** The warning for a comment moderated by someone else since the page was opened, naming who and when. */
async function staleComment(db: Db | Tx, commentId: string) {
  const current = await db.comment.findUniqueOrThrow({ where: { id: commentId }, select: { moderatedAt: true, moderatedBy: { select: { fullName: true } } } });
  return staleError(`seen-${commentId}`, 'Ý kiến này', current.moderatedBy?.fullName, current.moderatedAt);
}

export async function publishComment(db: Db, actor: Actor, draftId: string, commentId: string, now: Date, seen?: string) {
  const before = await findComment(db, draftId, commentId);
  await db.$transaction(async (tx) => {
    if (isStale(seen, moderationStamp(before))) throw await staleComment(tx, before.id);
    // Only if nobody moderated it in between (two officers, two tabs).
    const changed = await tx.comment.updateMany({
      where: { id: before.id, status: before.status, moderatedAt: before.moderatedAt },
      data: { status: 'PUBLISHED', hiddenReason: null, hiddenNote: '', moderatedById: actor.userId, moderatedAt: now },
    });
    if (changed.count !== 1) throw await staleComment(tx, before.id);
    await audit(tx, actor, {
      action: 'comment.publish',
      entityType: 'Comment',
      entityId: before.id,
      before: { status: before.status, hiddenReason: before.hiddenReason },
      after: { status: 'PUBLISHED' },
    });
  });
  return before;
}

export async function hideComment(db: Db, actor: Actor, draftId: string, commentId: string, reason: string, note: string, now: Date, seen?: string) {
  const before = await findComment(db, draftId, commentId);
  await db.$transaction(async (tx) => {
    if (isStale(seen, moderationStamp(before))) throw await staleComment(tx, before.id);
    // Only if nobody moderated it in between (two officers, two tabs).
    const changed = await tx.comment.updateMany({
      where: { id: before.id, status: before.status, moderatedAt: before.moderatedAt },
      data: { status: 'HIDDEN', hiddenReason: reason, hiddenNote: note, moderatedById: actor.userId, moderatedAt: now },
    });
    if (changed.count !== 1) throw await staleComment(tx, before.id);
    await audit(tx, actor, {
      action: 'comment.hide',
      entityType: 'Comment',
      entityId: before.id,
      before: { status: before.status, hiddenReason: before.hiddenReason },
      after: { status: 'HIDDEN', hiddenReason: reason, hiddenNote: note },
    });
  });
  return before;
}
