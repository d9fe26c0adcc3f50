/**
 * What waits for each officer (the officer home page and the daily e-mail digest).
 * Every figure has exactly one definition here — a `where` clause or a function —
 * and both the page and the digest read it through `workFor`, so they cannot disagree.
 */
import type { Db, Prisma } from '../../db/client.js';
import type { Role } from '../../domain/enums.js';
import { daysBetween } from '../../lib/format.js';
import { effectiveDraftStatus } from '../../domain/draft-status.js';
import { taskDeadline } from '../../domain/task-status.js';

export type WorkUser = { wardId: string; unitId: string | null; role: Role };
export type WorkLine = { label: string; href: string; note: string };
export type WorkItem = { key: string; label: string; count: number; href: string; lines: WorkLine[] };

/** Drafts closing within this many days (today counts as day 0). */
export const CLOSING_SOON_DAYS = 3;
/** A unit's task is "due" when its deadline is at most this many days away (or already past). */
export const TASK_DUE_DAYS = 14;

// ── the definitions ──
export const awaitingModeration = (wardId: string): Prisma.CommentWhereInput => ({ draft: { wardId }, status: 'PENDING' });
/** Published comments (online or off-line) that no answer covers yet. */
export const awaitingAnswer = (wardId: string): Prisma.CommentWhereInput => ({ draft: { wardId }, status: 'PUBLISHED', answerId: null });
export const reportsToReview = (wardId: string): Prisma.ProgressReportWhereInput => ({ task: { plan: { wardId } }, status: 'SUBMITTED' });
export const returnedReports = (wardId: string, unitId: string): Prisma.ProgressReportWhereInput => ({
  task: { plan: { wardId } },
  unitId,
  status: 'RETURNED',
});
export const budgetsToDecide = (wardId: string): Prisma.BudgetEstimateWhereInput => ({ task: { plan: { wardId } }, status: 'SUBMITTED' });
export const obstaclesToForward = (wardId: string): Prisma.ObstacleWhereInput => ({ plan: { wardId }, status: 'OPEN' });
export const obstaclesAwaitingDirection = (wardId: string): Prisma.ObstacleWhereInput => ({ plan: { wardId }, status: 'FORWARDED' });
export const obstaclesAnswered = (wardId: string, unitId: string): Prisma.ObstacleWhereInput => ({ plan: { wardId }, unitId, status: 'ANSWERED' });

function daysNote(days: number): string {
  if (days < 0) return `quá hạn ${-days} ngày`;
  if (days === 0) return 'hạn là hôm nay';
  return `còn ${days} ngày`;
}

/** Comments per draft for one of the comment definitions, as lines linking to the moderation queue. */
async function commentItem(db: Db, key: string, label: string, where: Prisma.CommentWhereInput, filter: string): Promise<WorkItem> {
  const groups = await db.comment.groupBy({ by: ['draftId'], where, _count: { _all: true } });
  const drafts = await db.draft.findMany({
    where: { id: { in: groups.map((g) => g.draftId) } },
    select: { id: true, title: true },
    orderBy: { closesAt: 'asc' },
  });
  const lines = drafts.map((d) => {
    const n = groups.find((g) => g.draftId === d.id)?._count._all ?? 0;
    return { label: d.title, href: `/can-bo/du-thao/${d.id}/y-kien?trang-thai=${filter}`, note: `${n} ý kiến` };
  });
  const count = groups.reduce((s, g) => s + g._count._all, 0);
  return { key, label, count, href: lines.length === 1 ? lines[0].href : '/can-bo/du-thao', lines };
}

/** Open drafts whose last day is at most CLOSING_SOON_DAYS away. */
export async function draftsClosingSoon(db: Db, wardId: string, now: Date) {
  const horizon = new Date(now.getTime() + (CLOSING_SOON_DAYS + 1) * 86_400_000);
  const rows = await db.draft.findMany({
    where: { wardId, state: 'PUBLISHED', opensAt: { lte: now }, closesAt: { gte: now, lte: horizon } },
    select: { id: true, title: true, state: true, opensAt: true, closesAt: true },
    orderBy: { closesAt: 'asc' },
  });
  return rows
    .filter((d) => effectiveDraftStatus(d, now) === 'OPEN' && daysBetween(now, d.closesAt) <= CLOSING_SOON_DAYS)
    .map((d) => ({ ...d, daysLeft: daysBetween(now, d.closesAt) }));
}

type TaskFilter = { unitId?: string; kind?: 'TRIGGERED' };

/** Tasks not done whose deadline is known, with the days left (negative once past), soonest first. */
async function tasksWithDeadline(db: Db, wardId: string, now: Date, filter: TaskFilter) {
  const rows = await db.task.findMany({
    where: {
      plan: { wardId },
      status: { not: 'DONE' },
      ...(filter.kind ? { timeframeKind: filter.kind, triggers: { some: {} } } : {}),
      ...(filter.unitId ? { units: { some: { unitId: filter.unitId } } } : {}),
    },
    select: {
      id: true,
      ordinal: true,
      content: true,
      status: true,
      timeframeKind: true,
      dueOn: true,
      triggerDays: true,
      triggers: { select: { receivedOn: true, dueOn: true } },
    },
  });
  return rows
    .map((t) => ({ ...t, deadline: taskDeadline(t) }))
    .filter((t): t is typeof t & { deadline: Date } => t.deadline !== null)
    .map((t) => ({ ...t, daysLeft: daysBetween(now, t.deadline) }))
    .sort((a, b) => a.daysLeft - b.daysLeft || a.ordinal - b.ordinal);
}

/** Triggered tasks whose clock is running: a triggering document is recorded and the task is not done. */
export function triggeredTasksRunning(db: Db, wardId: string, now: Date, unitId?: string) {
  return tasksWithDeadline(db, wardId, now, { kind: 'TRIGGERED', unitId });
}

/** A unit's tasks (lead or coordinating) not done whose deadline is within TASK_DUE_DAYS or past. */
export async function unitTasksDue(db: Db, wardId: string, unitId: string, now: Date) {
  return (await tasksWithDeadline(db, wardId, now, { unitId })).filter((t) => t.daysLeft <= TASK_DUE_DAYS);
}

const taskLine = (t: { id: string; ordinal: number; content: string; daysLeft: number }): WorkLine => ({
  label: `Nhiệm vụ ${t.ordinal}: ${t.content.length > 90 ? `${t.content.slice(0, 88)}…` : t.content}`,
  href: `/can-bo/nhiem-vu/${t.id}`,
  note: daysNote(t.daysLeft),
});

/** A list of things waiting: its count is the number of its lines. */
const listItem = (key: string, label: string, href: string, lines: WorkLine[]): WorkItem => ({ key, label, count: lines.length, href, lines });

/** Everything that waits for this officer, in the order the home page shows it. */
export async function workFor(db: Db, user: WorkUser, now: Date): Promise<WorkItem[]> {
  const { wardId, role } = user;
  const officeWide = role === 'JUSTICE' || role === 'ADMIN';
  const items: WorkItem[] = [];
  if (officeWide) items.push(...(await officeItems(db, wardId)));
  if (role === 'CHAIRMAN') items.push(...(await chairmanItems(db, wardId)));
  if (role === 'UNIT' && user.unitId) items.push(...(await unitItems(db, wardId, user.unitId, now)));
  if (officeWide || role === 'CHAIRMAN') items.push(await closingItem(db, wardId, now, officeWide));
  const triggered = await triggeredTasksRunning(db, wardId, now, role === 'UNIT' ? (user.unitId ?? '__none__') : undefined);
  items.push(listItem('triggered', 'Nhiệm vụ theo văn bản kích hoạt đang tính thời hạn', '/can-bo/ke-hoach', triggered.map(taskLine)));
  return items;
}

/** The Justice officer's and the administrator's: comments to moderate and answer, reports to review, obstacles to forward. */
async function officeItems(db: Db, wardId: string): Promise<WorkItem[]> {
  const moderation = await commentItem(db, 'moderation', 'Ý kiến chờ kiểm duyệt', awaitingModeration(wardId), 'PENDING');
  const answers = await commentItem(db, 'answers', 'Ý kiến chờ trả lời (tiếp thu, giải trình)', awaitingAnswer(wardId), 'PUBLISHED');
  const reports = await db.progressReport.findMany({
    where: reportsToReview(wardId),
    orderBy: { reportedOn: 'asc' },
    select: { id: true, unit: { select: { name: true } }, task: { select: { ordinal: true } } },
  });
  const open = await db.obstacle.findMany({
    where: obstaclesToForward(wardId),
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true, unit: { select: { name: true } } },
  });
  return [
    moderation,
    answers,
    listItem(
      'reports',
      'Báo cáo tiến độ chờ xem xét',
      '/can-bo/bao-cao',
      reports.map((r) => ({ label: `Nhiệm vụ ${r.task.ordinal} – ${r.unit.name}`, href: `/can-bo/bao-cao/${r.id}`, note: '' })),
    ),
    listItem(
      'obstaclesToForward',
      'Khó khăn, vướng mắc chờ chuyển Chủ tịch',
      '/can-bo/kho-khan',
      open.map((o) => ({ label: o.title, href: `/can-bo/kho-khan/${o.id}`, note: o.unit.name })),
    ),
  ];
}

/** The chairman's: budgets to decide and obstacles waiting for a direction. */
async function chairmanItems(db: Db, wardId: string): Promise<WorkItem[]> {
  const budgets = await db.budgetEstimate.findMany({
    where: budgetsToDecide(wardId),
    orderBy: { createdAt: 'asc' },
    select: { id: true, title: true, requestedVnd: true },
  });
  const forwarded = await db.obstacle.findMany({
    where: obstaclesAwaitingDirection(wardId),
    orderBy: { forwardedAt: 'asc' },
    select: { id: true, title: true, unit: { select: { name: true } } },
  });
  return [
    listItem(
      'budgets',
      'Dự toán kinh phí chờ quyết định',
      '/can-bo/du-toan',
      budgets.map((b) => ({ label: b.title, href: `/can-bo/du-toan/${b.id}`, note: '' })),
    ),
    listItem(
      'obstaclesToDirect',
      'Khó khăn, vướng mắc chờ ý kiến chỉ đạo',
      '/can-bo/kho-khan',
      forwarded.map((o) => ({ label: o.title, href: `/can-bo/kho-khan/${o.id}`, note: o.unit.name })),
    ),
  ];
}

/** A unit official's: reports sent back, the unit's tasks due, obstacles answered. */
async function unitItems(db: Db, wardId: string, unitId: string, now: Date): Promise<WorkItem[]> {
  const returned = await db.progressReport.findMany({
    where: returnedReports(wardId, unitId),
    orderBy: { reviewedAt: 'asc' },
    select: { id: true, task: { select: { ordinal: true } }, reviewNote: true },
  });
  const due = await unitTasksDue(db, wardId, unitId, now);
  const answered = await db.obstacle.findMany({
    where: obstaclesAnswered(wardId, unitId),
    orderBy: { answeredAt: 'asc' },
    select: { id: true, title: true },
  });
  return [
    listItem(
      'returned',
      'Báo cáo bị trả lại, cần bổ sung',
      '/can-bo/bao-cao',
      returned.map((r) => ({ label: `Báo cáo nhiệm vụ ${r.task.ordinal}`, href: `/can-bo/bao-cao/${r.id}/sua`, note: r.reviewNote })),
    ),
    listItem('tasksDue', `Nhiệm vụ của đơn vị đến hạn trong ${TASK_DUE_DAYS} ngày hoặc quá hạn`, '/can-bo/ke-hoach', due.map(taskLine)),
    listItem(
      'obstaclesAnswered',
      'Khó khăn, vướng mắc đã có ý kiến chỉ đạo',
      '/can-bo/kho-khan',
      answered.map((o) => ({ label: o.title, href: `/can-bo/kho-khan/${o.id}`, note: '' })),
    ),
  ];
}

/** Drafts closing soon. The chairman reads drafts on the public site; the officer's draft page is for the Justice officer. */
async function closingItem(db: Db, wardId: string, now: Date, officeWide: boolean): Promise<WorkItem> {
  const closing = await draftsClosingSoon(db, wardId, now);
  return listItem(
    'closing',
    `Dự thảo hết hạn góp ý trong ${CLOSING_SOON_DAYS} ngày tới`,
    officeWide ? '/can-bo/du-thao' : '/du-thao',
    closing.map((d) => ({
      label: d.title,
      href: officeWide ? `/can-bo/du-thao/${d.id}` : `/du-thao/${d.id}`,
      note: d.daysLeft === 0 ? 'hôm nay là ngày cuối' : `còn ${d.daysLeft} ngày`,
    })),
  );
}

/** Total of everything waiting (the digest is sent only when this is above zero). */
export const totalWaiting = (items: WorkItem[]) => items.reduce((s, i) => s + i.count, 0);
