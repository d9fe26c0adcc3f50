/**
 * The officer's moderation queue: every comment of a draft with its contact
 * details; publishing or hiding with a reason. Nothing is ever deleted: hidden
 * comments stay in the record and in the counts of comments received.
 */
import type { Db, Tx } from '../../db/client.js';
import { hotRead, isSqlite, rawDate } from '../../db/hot-sql.js';
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
export function countsByStatus(draft: { commentsPending: number; commentsPublished: number; commentsHidden: number }) {
  const counts = { PENDING: draft.commentsPending, PUBLISHED: draft.commentsPublished, HIDDEN: draft.commentsHidden, total: 0 };
  counts.total = counts.PENDING + counts.PUBLISHED + counts.HIDDEN;
  return counts;
}

/** The same, read for a draft by id (the statistics page). */
export async function readCountsByStatus(db: Db, draftId: string) {
  const d = await db.draft.findUnique({ where: { id: draftId }, select: { commentsPending: true, commentsPublished: true, commentsHidden: true } });
  return countsByStatus(d ?? { commentsPending: 0, commentsPublished: 0, commentsHidden: 0 });
}

export const QUEUE_PAGE_SIZE = 50;

type QueueRow = {
  id: string;
  receiptCode: string;
  status: string;
  similarGroupId: string | null;
  hiddenReason: string | null;
  hiddenNote: string;
  channel: string;
  respondentType: string;
  authorName: string;
  organisationName: string;
  isAnonymous: boolean | number;
  residentialOther: string;
  email: string;
  phone: string;
  body: string;
  createdAt: Date | string;
  consentAt: Date | string | null;
  notifiedAt: Date | string | null;
  moderatedAt: Date | string | null;
  sectionLabel: string | null;
  sectionHeading: string | null;
  versionNumber: number | bigint;
  groupName: string | null;
  moderatorName: string | null;
  answerId: string | null;
  outcome: string | null;
  explanation: string | null;
  intakeId: string | null;
  intakeSource: string | null;
  intakePlace: string | null;
};

const QUEUE_COLUMNS = `
    SELECT c."id", c."receiptCode", c."status", c."similarGroupId", c."hiddenReason", c."hiddenNote", c."channel",
           c."respondentType", c."authorName", c."organisationName", c."isAnonymous", c."residentialOther", c."email", c."phone",
           c."body", c."createdAt", c."consentAt", c."notifiedAt", c."moderatedAt",
           (SELECT s."label" FROM "DraftSection" s WHERE s."id" = c."sectionId") AS "sectionLabel",
           (SELECT s."heading" FROM "DraftSection" s WHERE s."id" = c."sectionId") AS "sectionHeading",
           (SELECT v."number" FROM "DraftVersion" v WHERE v."id" = c."versionId") AS "versionNumber",
           (SELECT u."name" FROM "Unit" u WHERE u."id" = c."residentialGroupId") AS "groupName",
           (SELECT m."fullName" FROM "User" m WHERE m."id" = c."moderatedById") AS "moderatorName",
           c."answerId", (SELECT a."outcome" FROM "CommentAnswer" a WHERE a."id" = c."answerId") AS "outcome",
           (SELECT a."explanation" FROM "CommentAnswer" a WHERE a."id" = c."answerId") AS "explanation",
           c."intakeId", (SELECT i."source" FROM "CommentIntake" i WHERE i."id" = c."intakeId") AS "intakeSource",
           (SELECT i."place" FROM "CommentIntake" i WHERE i."id" = c."intakeId") AS "intakePlace"
    FROM "Comment" c
    WHERE c."draftId" = $1`;
const ORDERED = ` ORDER BY c."createdAt" ASC, c."id" ASC LIMIT ${QUEUE_PAGE_SIZE + 1}`;
// The cursor's own (createdAt, id): the plain range lets the index (draftId[, status], createdAt, id) seek to it.
const AFTER = (n: number) => {
  const at = (k: number) => `(SELECT "createdAt" FROM "Comment" WHERE "id" = $${k})`;
  return ` AND c."createdAt" >= ${at(n)} AND (c."createdAt" > ${at(n + 1)} OR (c."createdAt" = ${at(n + 2)} AND c."id" > $${n + 3}))`;
};
/** The four texts of the queue's page: with or without a status, first page or after a cursor. */
const QUEUE = {
  all: QUEUE_COLUMNS + ORDERED,
  status: `${QUEUE_COLUMNS} AND c."status" = $2${ORDERED}`,
  allAfter: QUEUE_COLUMNS + AFTER(2) + ORDERED,
  statusAfter: `${QUEUE_COLUMNS} AND c."status" = $2${AFTER(3)}${ORDERED}`,
};
// By the answer (its index), never by the draft: "draftId = ? AND answerId IN (…)" let SQLite walk the
// draft's index through every comment (1.7 s at a million). The answers are this draft's (joined). The
// answers' ids travel as one parameter, so the text is one whatever their number (prepared once).
const SHARED_ANSWERS = {
  sqlite: `SELECT c."answerId", c."receiptCode", c."createdAt", c."id" FROM "Comment" c JOIN "CommentAnswer" a ON a."id" = c."answerId"
          WHERE a."draftId" = $1 AND c."answerId" IN (SELECT "value" FROM json_each($2))`,
  postgresql: `SELECT c."answerId", c."receiptCode", c."createdAt", c."id" FROM "Comment" c JOIN "CommentAnswer" a ON a."id" = c."answerId"
          WHERE a."draftId" = $1 AND c."answerId" = ANY($2::text[])`,
};

/**
 * Comments of a draft for officers, oldest first, optionally of one status, one page at a time:
 * the page after the comment `from` (a cursor, "<ms>_<id>") by keyset, so a page costs the same
 * at a million comments. `next` is the cursor of the following page, or null on the last one.
 * One SQL query (the same text on SQLite and PostgreSQL; Prisma's include made it eight), and one
 * for the receipt codes of answers shared by several comments, both prepared once (src/db/hot-sql.ts:
 * through Prisma, preparing them again cost more CPU than running them). The related rows are read by
 * scalar subqueries on their primary keys, not joins: PostgreSQL spent 40-60 ms planning the
 * seven-table join on every request (EXPLAIN ANALYZE, loaded machine), 0.2-0.3 ms planning this.
 */
export async function moderationQueue(db: Db, draftId: string, status?: string, from?: string) {
  const after = decodeCursor(from);
  const cursor = after ? [after.id, after.id, after.id, after.id] : [];
  const [sql, params] = status
    ? [after ? QUEUE.statusAfter : QUEUE.status, [draftId, status, ...cursor]]
    : [after ? QUEUE.allAfter : QUEUE.all, [draftId, ...cursor]];
  const rows = await hotRead<QueueRow>(db, sql, params);
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const answerIds = [...new Set(page.flatMap((r) => (r.answerId ? [r.answerId] : [])))];
  const shared = answerIds.length
    ? (
        await hotRead<{ answerId: string; receiptCode: string; createdAt: Date | string; id: string }>(
          db,
          isSqlite(db) ? SHARED_ANSWERS.sqlite : SHARED_ANSWERS.postgresql,
          [draftId, isSqlite(db) ? JSON.stringify(answerIds) : answerIds],
        )
      ).sort((x, y) => +rawDate(x.createdAt) - +rawDate(y.createdAt) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))
    : [];
  const comments = page.map((r) => {
    const createdAt = rawDate(r.createdAt);
    return {
      id: r.id,
      receiptCode: r.receiptCode,
      status: r.status,
      similarGroupId: r.similarGroupId,
      hiddenReason: r.hiddenReason,
      hiddenNote: r.hiddenNote,
      channel: r.channel,
      respondentType: r.respondentType,
      authorName: r.authorName,
      organisationName: r.organisationName,
      isAnonymous: Boolean(r.isAnonymous),
      residentialOther: r.residentialOther,
      email: r.email,
      phone: r.phone,
      body: r.body,
      createdAt,
      consentAt: rawDate(r.consentAt),
      notifiedAt: rawDate(r.notifiedAt),
      moderatedAt: rawDate(r.moderatedAt),
      section: r.sectionLabel === null ? null : { label: r.sectionLabel, heading: r.sectionHeading ?? '' },
      version: { number: Number(r.versionNumber) },
      residentialGroup: r.groupName === null ? null : { name: r.groupName },
      moderatedBy: r.moderatorName === null ? null : { fullName: r.moderatorName },
      intake: r.intakeId ? { source: r.intakeSource ?? '', place: r.intakePlace ?? '' } : null,
      answer: r.answerId
        ? {
            id: r.answerId,
            outcome: r.outcome ?? '',
            explanation: r.explanation ?? '',
            comments: shared.filter((o) => o.answerId === r.answerId).map((o) => ({ receiptCode: o.receiptCode })),
          }
        : null,
    };
  });
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
