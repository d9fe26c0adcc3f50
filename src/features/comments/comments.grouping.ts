/**
 * Groups of near-identical comments of one draft. The portal proposes groups
 * (src/domain/similarity.ts); the officer confirms them, takes a wrong member
 * out, splits a group, and answers a confirmed group once with the ordinary
 * CommentAnswer. Nothing is hidden or merged: every member stays a comment of
 * its own in the moderation queue, the statistics and the summary.
 */
import type { Db, Tx } from '../../db/client.js';
import { hotRead } from '../../db/hot-sql.js';
import { groupSimilar } from '../../domain/similarity.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { FormError } from '../../lib/validation.js';

/**
 * A confirmed group of at least this many comments counts as a campaign
 * (vận động): one resident sending twice or a few neighbours agreeing is not a
 * campaign; five or more copies of one text means the text was passed around.
 */
export const CAMPAIGN_MIN_MEMBERS = 5;

const memberSelect = {
  id: true,
  receiptCode: true,
  body: true,
  status: true,
  channel: true,
  createdAt: true,
  answerId: true,
  similarGroupId: true,
  section: { select: { label: true } },
} as const;

export type Proposal = {
  /** The confirmed group these comments would join, or null for a new group. */
  groupId: string | null;
  members: { id: string; receiptCode: string; body: string; status: string; channel: string; createdAt: Date; section: { label: string } | null }[];
  /** Comments already in the confirmed group (shown for context). */
  existing: number;
};

/**
 * Proposed groups: ungrouped comments similar to each other or to a confirmed
 * group. Comments the officer took out of a group are not proposed again.
 */
export async function proposals(db: Db, draftId: string): Promise<Proposal[]> {
  const rows = await db.comment.findMany({
    where: { draftId, notSimilar: false },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: memberSelect,
  });
  const out: Proposal[] = [];
  for (const g of groupSimilar(rows.map((r) => r.body))) {
    const members = g.map((i) => rows[i]);
    const fresh = members.filter((m) => !m.similarGroupId);
    if (fresh.length === 0) continue;
    const confirmed = members.find((m) => m.similarGroupId)?.similarGroupId ?? null;
    if (!confirmed && fresh.length < 2) continue;
    out.push({ groupId: confirmed, members: fresh, existing: confirmed ? members.filter((m) => m.similarGroupId === confirmed).length : 0 });
  }
  return out;
}

/** Proposal counts per draft with the state they were counted from (bounded; see proposalCount). */
const GROUP_SIZES = 'SELECT "id", "commentsCount" FROM "CommentGroup" WHERE "draftId" = $1 ORDER BY "id"';
const counted = new Map<string, { state: string; count: number }>();
const COUNTED_MAX = 200;

/**
 * How many groups `proposals` would show, without grouping the texts again while nothing they
 * depend on changed (grouping 1,000 comments costs ~20 ms of CPU: the moderation queue shows this
 * on every view). A proposal depends on the draft's comments (bodies never change; comments are
 * added, or removed with their draft), which are marked "not similar" (only ever set, never
 * cleared) and which confirmed group each is in. So the state is: how many comments and how many
 * are "not similar" (the draft's counters, kept by triggers: nothing counted here), and each
 * confirmed group with its size (kept by triggers); a group that changes members changes size, or
 * a new group appears, or "not similar" grows. Kept per process: any process sees the same state
 * in the database.
 */
export async function proposalCount(db: Db, draft: { id: string; commentsNotSimilar: number }, total: number): Promise<number> {
  const groups = await hotRead<{ id: string; commentsCount: number | bigint }>(db, GROUP_SIZES, [draft.id]);
  const state = `${total}|${draft.commentsNotSimilar}|${groups.map((g) => `${g.id}:${Number(g.commentsCount)}`).join(',')}`;
  const known = counted.get(draft.id);
  if (known?.state === state) return known.count;
  const count = (await proposals(db, draft.id)).length;
  if (counted.size >= COUNTED_MAX) counted.clear();
  counted.set(draft.id, { state, count });
  return count;
}

/** Confirmed groups of a draft with their members, largest first. */
export async function confirmedGroups(db: Db, draftId: string) {
  const groups = await db.commentGroup.findMany({
    where: { draftId },
    include: {
      confirmedBy: { select: { fullName: true } },
      comments: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: { ...memberSelect, answer: { select: { id: true, outcome: true, explanation: true } } },
      },
    },
  });
  return groups.sort((a, b) => b.comments.length - a.comments.length || a.createdAt.getTime() - b.createdAt.getTime());
}

export type ConfirmedGroup = Awaited<ReturnType<typeof confirmedGroups>>[number];

async function findGroup(db: Db | Tx, draftId: string, groupId: string) {
  const group = await db.commentGroup.findFirst({ where: { id: groupId, draftId }, include: { comments: { select: { id: true, receiptCode: true } } } });
  if (!group) throw AppError.notFound('Không tìm thấy nhóm ý kiến này.');
  return group;
}

/**
 * Confirms a proposal: the chosen comments form a new group or join a confirmed
 * one; the proposal's other comments are marked "not similar" so they are not
 * proposed again.
 */
export async function confirmGroup(db: Db, actor: Actor, draftId: string, input: { groupId: string | null; chosen: string[]; proposed: string[] }) {
  const chosen = [...new Set(input.chosen)];
  const left = [...new Set(input.proposed)].filter((id) => !chosen.includes(id));
  if (!input.groupId && chosen.length < 2) throw FormError.of('chosen', 'Một nhóm cần ít nhất hai ý kiến: hãy chọn các ý kiến có cùng nội dung.');
  if (input.groupId && chosen.length < 1) throw FormError.of('chosen', 'Vui lòng chọn ý kiến cần thêm vào nhóm.');
  return db.$transaction(async (tx) => {
    const group = input.groupId
      ? await findGroup(tx, draftId, input.groupId)
      : await tx.commentGroup.create({ data: { draftId, confirmedById: actor.userId } });
    // Only comments of this draft still ungrouped: a concurrent confirmation must not be overwritten.
    const moved = await tx.comment.updateMany({
      where: { id: { in: chosen }, draftId, similarGroupId: null, notSimilar: false },
      data: { similarGroupId: group.id },
    });
    if (moved.count !== chosen.length) throw FormError.of('chosen', 'Một số ý kiến vừa được xếp nhóm hoặc không thuộc dự thảo này. Vui lòng tải lại trang.');
    if (left.length) await tx.comment.updateMany({ where: { id: { in: left }, draftId, similarGroupId: null }, data: { notSimilar: true } });
    await audit(tx, actor, { action: 'comment.group.confirm', entityType: 'CommentGroup', entityId: group.id, after: { added: chosen, notSimilar: left } });
    return group.id;
  });
}

/** Marks a whole proposal as "not similar": none of its comments is proposed again. */
export async function rejectProposal(db: Db, actor: Actor, draftId: string, proposed: string[]) {
  const ids = [...new Set(proposed)];
  await db.$transaction(async (tx) => {
    await tx.comment.updateMany({ where: { id: { in: ids }, draftId, similarGroupId: null }, data: { notSimilar: true } });
    await audit(tx, actor, { action: 'comment.group.reject', entityType: 'Draft', entityId: draftId, after: { notSimilar: ids } });
  });
}

/**
 * Takes chosen members out of a confirmed group: either alone ("not similar",
 * never proposed again) or together as a new group (a split). A group left with
 * fewer than two members is dissolved.
 */
export async function splitGroup(db: Db, actor: Actor, draftId: string, groupId: string, chosen: string[], asNewGroup: boolean) {
  const group = await findGroup(db, draftId, groupId);
  const ids = [...new Set(chosen)].filter((id) => group.comments.some((c) => c.id === id));
  if (ids.length === 0) throw FormError.of(`chosen-${groupId}`, 'Vui lòng chọn ý kiến cần tách khỏi nhóm.');
  if (asNewGroup && ids.length < 2) throw FormError.of(`chosen-${groupId}`, 'Tách thành nhóm mới cần ít nhất hai ý kiến.');
  if (asNewGroup && ids.length === group.comments.length)
    throw FormError.of(`chosen-${groupId}`, 'Các ý kiến được chọn đã là cả nhóm: hãy bỏ chọn những ý kiến ở lại nhóm cũ.');
  return db.$transaction(async (tx) => {
    let newGroupId: string | null = null;
    if (asNewGroup) {
      const created = await tx.commentGroup.create({ data: { draftId, confirmedById: actor.userId } });
      newGroupId = created.id;
      await tx.comment.updateMany({ where: { id: { in: ids }, similarGroupId: groupId }, data: { similarGroupId: created.id } });
    } else {
      await tx.comment.updateMany({ where: { id: { in: ids }, similarGroupId: groupId }, data: { similarGroupId: null, notSimilar: true } });
    }
    const remaining = await tx.comment.count({ where: { similarGroupId: groupId } });
    if (remaining < 2) {
      await tx.comment.updateMany({ where: { similarGroupId: groupId }, data: { similarGroupId: null } });
      await tx.commentGroup.delete({ where: { id: groupId } });
    }
    await audit(tx, actor, {
      action: asNewGroup ? 'comment.group.split' : 'comment.group.remove',
      entityType: 'CommentGroup',
      entityId: groupId,
      before: { members: group.comments.map((c) => c.id) },
      after: { taken: ids, newGroupId, dissolved: remaining < 2 },
    });
    return { newGroupId, dissolved: remaining < 2 };
  });
}

/** The members of a confirmed group an answer can still be given to: not hidden, not yet answered. */
export async function unansweredMembers(db: Db, draftId: string, groupId: string) {
  await findGroup(db, draftId, groupId);
  return db.comment.findMany({ where: { similarGroupId: groupId, draftId, status: { not: 'HIDDEN' }, answerId: null }, select: { id: true } });
}

/** Figures about similar comments for the statistics and the public summary. */
export async function groupFigures(db: Db, draftId: string) {
  const groups = await db.comment.groupBy({ by: ['similarGroupId'], where: { draftId, similarGroupId: { not: null } }, _count: { _all: true } });
  const campaigns = groups.filter((g) => g._count._all >= CAMPAIGN_MIN_MEMBERS);
  return {
    groups: groups.length,
    groupedComments: groups.reduce((n, g) => n + g._count._all, 0),
    campaigns: campaigns.length,
    campaignComments: campaigns.reduce((n, g) => n + g._count._all, 0),
    campaignGroupIds: new Set(campaigns.flatMap((g) => (g.similarGroupId === null ? [] : [g.similarGroupId]))),
  };
}
