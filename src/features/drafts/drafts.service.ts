/**
 * Officer side of drafts: creating and editing them, the stored state
 * (publish, close early, unpublish) and the portal communication activity that
 * publishing records against the plan task the draft serves.
 */
import { periodEnd } from '../../domain/draft-period.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { readModelRows } from '../../db/model-rows.js';
import { loadTaskForWard } from '../plans/index.js';
import { audit, type Actor } from '../../lib/audit.js';
import { recordState } from '../../lib/state-history.js';
import { endOfDay, formatDate } from '../../lib/format.js';
import { excerpt, foldVietnamese } from '../../lib/text.js';
import { FormError } from '../../lib/validation.js';
import { effectiveDraftStatus } from '../../domain/draft-status.js';
import type { DraftInput } from './drafts.schemas.js';

export type DraftRow = NonNullable<Awaited<ReturnType<Db['draft']['findFirst']>>>;

const DRAFT_IN_WARD = 'SELECT d.* FROM "Draft" d WHERE d."id" = $1 AND d."wardId" = $2';

/**
 * A draft of the officer's ward, or 404 (ids from another ward or made up are not found). Outside a
 * transaction by a statement prepared once (every officer page of a draft reads it: through Prisma it
 * cost as much CPU as the page's own reads, issue 10); inside one, through the transaction.
 */
export async function draftForWard(db: Db | Tx, wardId: string, draftId: string): Promise<DraftRow> {
  const [draft] =
    '$transaction' in db
      ? await readModelRows<DraftRow>(db, 'Draft', DRAFT_IN_WARD, [draftId, wardId])
      : [await (db as Tx).draft.findFirst({ where: { id: draftId, wardId } })];
  if (!draft) throw AppError.notFound('Không tìm thấy dự thảo.');
  return draft;
}

/** What the officer's draft page shows of the plan: the task served, its trigger, and the portal activity recorded. */
export async function draftPlanLinks(db: Db, draft: { id: string; taskId: string | null; triggerId: string | null }) {
  const [activity, task, trigger] = await Promise.all([
    db.communicationActivity.findFirst({ where: { draftId: draft.id, channel: 'PORTAL', reportId: null }, include: { task: { select: { ordinal: true } } } }),
    draft.taskId ? db.task.findUnique({ where: { id: draft.taskId }, select: { ordinal: true, content: true } }) : null,
    draft.triggerId ? db.taskTrigger.findUnique({ where: { id: draft.triggerId } }) : null,
  ]);
  return { activity, task, trigger };
}

/** The plan tasks a draft may serve, with their triggering documents, for the form's lists. */
export async function taskChoices(db: Db, wardId: string) {
  const tasks = await db.task.findMany({
    where: { plan: { wardId } },
    orderBy: [{ plan: { year: 'desc' } }, { ordinal: 'asc' }],
    select: {
      id: true,
      ordinal: true,
      content: true,
      plan: { select: { year: true } },
      triggers: { orderBy: { receivedOn: 'desc' }, select: { id: true, documentNumber: true, issuedOn: true, issuer: true } },
    },
  });
  return tasks.map((t) => ({
    value: t.id,
    label: `Nhiệm vụ ${t.ordinal} (kế hoạch năm ${t.plan.year}): ${excerpt(t.content, 110)}`,
    triggers: t.triggers.map((tr) => ({
      value: tr.id,
      label: `Văn bản số ${tr.documentNumber} ngày ${formatDate(tr.issuedOn)} của ${tr.issuer}`,
    })),
  }));
}

export async function officerDraftList(db: Db, wardId: string, now: Date) {
  // Comment counts are the counters the database keeps with every comment change (see the schema).
  const drafts = await db.draft.findMany({
    where: { wardId },
    orderBy: [{ opensAt: 'desc' }, { createdAt: 'desc' }],
    select: {
      id: true,
      title: true,
      documentType: true,
      state: true,
      opensAt: true,
      closesAt: true,
      closedEarlyAt: true,
      task: { select: { ordinal: true } },
      commentsPending: true,
      commentsPublished: true,
      commentsHidden: true,
    },
  });
  return drafts.map(({ commentsPending, commentsPublished, commentsHidden, ...d }) => ({
    ...d,
    status: effectiveDraftStatus(d, now),
    commentsTotal: commentsPending + commentsPublished + commentsHidden,
    commentsPending,
  }));
}

/** The task must be one of the ward's and the trigger, when given, one of that task's. */
async function checkLinks(db: Db | Tx, wardId: string, input: DraftInput) {
  const task = await loadTaskForWard(db, wardId, input.taskId, () => FormError.of('taskId', 'Nhiệm vụ đã chọn không có trong kế hoạch của phường.'));
  if (input.triggerId) {
    const trigger = await db.taskTrigger.findFirst({ where: { id: input.triggerId, taskId: task.id }, select: { id: true } });
    if (!trigger) throw FormError.of('triggerId', 'Văn bản kích hoạt đã chọn không thuộc nhiệm vụ này.');
  }
}

function draftData(input: DraftInput) {
  return {
    title: input.title,
    documentType: input.documentType,
    draftingAgency: input.draftingAgency,
    field: input.field,
    summary: input.summary,
    affectedGroups: input.affectedGroups,
    taskId: input.taskId,
    triggerId: input.triggerId || null,
    opensAt: input.opensAt,
    // A period runs to the end of its closing day.
    closesAt: endOfDay(input.closesAt),
    shortPeriodReason: input.shortPeriodReason,
    publishImmediately: input.publishImmediately,
  };
}

export async function createDraft(db: Db, actor: Actor, input: DraftInput) {
  await checkLinks(db, actor.wardId, input);
  return db.$transaction(async (tx) => {
    const draft = await tx.draft.create({ data: { ...draftData(input), wardId: actor.wardId, createdById: actor.userId } });
    await refreshSearchText(tx, draft.id);
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'DRAFT',
      entityId: draft.id,
      status: 'DRAFT',
      effectiveAt: draft.createdAt,
      recordedAt: draft.createdAt,
      recordedById: actor.userId,
    });
    await audit(tx, actor, { action: 'draft.create', entityType: 'Draft', entityId: draft.id, after: draftData(input) });
    return draft;
  });
}

export async function updateDraft(db: Db, actor: Actor, draftId: string, input: DraftInput) {
  await checkLinks(db, actor.wardId, input);
  return db.$transaction(async (tx) => {
    const before = await draftForWard(tx, actor.wardId, draftId);
    const draft = await tx.draft.update({ where: { id: draftId }, data: draftData(input) });
    await syncPortalActivity(tx, draft.id);
    await refreshSearchText(tx, draft.id);
    await audit(tx, actor, { action: 'draft.update', entityType: 'Draft', entityId: draft.id, before: pickAudited(before), after: draftData(input) });
    return draft;
  });
}

function pickAudited(d: DraftRow) {
  const { searchText: _s, updatedAt: _u, createdAt: _c, ...rest } = d;
  return rest;
}

/** DRAFT → PUBLISHED: visible as upcoming, open on its dates; counts as a portal communication activity. */
export async function publishDraft(db: Db, actor: Actor, draftId: string, now: Date) {
  await db.$transaction(async (tx) => {
    const draft = await draftForWard(tx, actor.wardId, draftId);
    if (draft.state !== 'DRAFT') throw AppError.conflict('Dự thảo đã được đăng tải.');
    const sections = await tx.draftSection.count({ where: { version: { draftId } } });
    if (sections === 0) throw AppError.badRequest('Vui lòng nhập nội dung dự thảo (các chương, điều) trước khi đăng tải.');
    await tx.draft.update({ where: { id: draftId }, data: { state: 'PUBLISHED', closedEarlyAt: null, closedEarlyReason: '' } });
    await tx.draftVersion.updateMany({ where: { draftId, publishedAt: null }, data: { publishedAt: now } });
    await syncPortalActivity(tx, draftId);
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'DRAFT',
      entityId: draftId,
      status: 'PUBLISHED',
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
    });
    await audit(tx, actor, { action: 'draft.publish', entityType: 'Draft', entityId: draftId, before: { state: draft.state }, after: { state: 'PUBLISHED' } });
  });
}

/** Closes an open period before its date; residents see it as closed from now on. */
export async function closeDraftEarly(db: Db, actor: Actor, draftId: string, now: Date, reason: string) {
  await db.$transaction(async (tx) => {
    const draft = await draftForWard(tx, actor.wardId, draftId);
    if (effectiveDraftStatus(draft, now) !== 'OPEN') throw AppError.conflict('Chỉ có thể kết thúc sớm dự thảo đang lấy ý kiến.');
    await tx.draft.update({ where: { id: draftId }, data: { state: 'CLOSED', closedEarlyAt: now, closedEarlyReason: reason } });
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'DRAFT',
      entityId: draftId,
      status: 'CLOSED',
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
    });
    // The portal activity's text names the period, which now ends today.
    await syncPortalActivity(tx, draftId);
    await audit(tx, actor, {
      action: 'draft.close',
      entityType: 'Draft',
      entityId: draftId,
      before: { state: draft.state },
      after: { state: 'CLOSED', closedEarlyAt: now, closedEarlyReason: reason },
    });
  });
}

/** Takes a published draft back (a mistake) while no one has commented on it; the activity goes too. */
export async function unpublishDraft(db: Db, actor: Actor, draftId: string, now = new Date()) {
  await db.$transaction(async (tx) => {
    const draft = await draftForWard(tx, actor.wardId, draftId);
    if (draft.state !== 'PUBLISHED') throw AppError.conflict('Chỉ có thể hủy đăng tải dự thảo đã đăng tải và chưa kết thúc.');
    const comments = await tx.comment.count({ where: { draftId } });
    if (comments > 0) throw AppError.conflict('Dự thảo đã có ý kiến góp ý nên không thể hủy đăng tải; hãy kết thúc lấy ý kiến.');
    await tx.draft.update({ where: { id: draftId }, data: { state: 'DRAFT' } });
    await tx.draftVersion.updateMany({ where: { draftId }, data: { publishedAt: null } });
    await syncPortalActivity(tx, draftId);
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'DRAFT',
      entityId: draftId,
      status: 'DRAFT',
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
    });
    await audit(tx, actor, { action: 'draft.unpublish', entityType: 'Draft', entityId: draftId, before: { state: draft.state }, after: { state: 'DRAFT' } });
  });
}

/**
 * Keeps the draft's PORTAL activity in step with the draft: one row while it is
 * published (on the task it serves, held on its opening day), none otherwise.
 */
export async function syncPortalActivity(tx: Tx, draftId: string) {
  const draft = await tx.draft.findUniqueOrThrow({ where: { id: draftId } });
  const existing = await tx.communicationActivity.findMany({ where: { draftId, channel: 'PORTAL', reportId: null } });
  if (draft.state === 'DRAFT' || !draft.taskId) {
    if (existing.length) await tx.communicationActivity.deleteMany({ where: { id: { in: existing.map((a) => a.id) } } });
    return;
  }
  const data = {
    taskId: draft.taskId,
    draftId,
    channel: 'PORTAL',
    heldOn: draft.opensAt,
    description: `Đăng tải ${namedAsDraft(draft.title)} trên Trang thông tin điện tử phường để lấy ý kiến từ ngày ${formatDate(draft.opensAt)} đến ngày ${formatDate(periodEnd(draft))}${draft.closedEarlyAt ? ' (kết thúc sớm)' : ''}.`,
    peopleReached: null, // the portal cannot count its readers: "không xác định", not 0 people (issue 9)
    reportId: null,
  };
  if (existing.length === 0) {
    await tx.communicationActivity.create({ data });
    return;
  }
  await tx.communicationActivity.update({ where: { id: existing[0].id }, data });
  if (existing.length > 1) await tx.communicationActivity.deleteMany({ where: { id: { in: existing.slice(1).map((a) => a.id) } } });
}

/** "dự thảo Luật …" whether or not the title already starts with "Dự thảo". */
function namedAsDraft(title: string): string {
  return /^dự thảo\s/i.test(title) ? `dự thảo${title.slice('Dự thảo'.length)}` : `dự thảo ${title}`;
}

/** Draft.searchText: folded title, summary, who it affects, agency, field and the text of the current version. */
export async function refreshSearchText(tx: Tx, draftId: string) {
  const draft = await tx.draft.findUniqueOrThrow({ where: { id: draftId } });
  const version = await tx.draftVersion.findFirst({
    where: { draftId },
    orderBy: { number: 'desc' },
    select: { sections: { select: { searchText: true }, orderBy: { sortOrder: 'asc' } } },
  });
  const parts = [draft.title, draft.summary, draft.affectedGroups, draft.draftingAgency, draft.field].map(foldVietnamese);
  const text = [...parts, ...(version?.sections.map((s) => s.searchText) ?? [])].join(' \n ');
  await tx.draft.update({ where: { id: draftId }, data: { searchText: text } });
}
