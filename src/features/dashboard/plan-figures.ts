/**
 * The numbers of a plan, computed once and shared by the chairman's progress
 * page and the results report (contract: brief FIGURES.md). Everything is read
 * from the database at `now`; nothing here writes.
 */
import { periodEnd } from '../../domain/draft-period.js';
import type { Db, Prisma } from '../../db/client.js';
import {
  BUDGET_STATUSES,
  CHANNELS,
  TASK_STATUS_LABELS,
  type BudgetStatus,
  type Channel,
  type EffectiveDraftStatus,
  type EffectiveTaskStatus,
  type ObstacleStatus,
} from '../../domain/enums.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { effectiveDraftStatus } from '../drafts/draft-status.js';
import { presentTask } from '../plans/plans.service.js';

export type PlanFigures = {
  computedAt: Date;
  from: Date | null;
  to: Date | null;
  tasks: {
    id: string;
    ordinal: number;
    content: string;
    status: EffectiveTaskStatus;
    progressPercent: number;
    deadline: Date | null;
    leadUnits: string[];
    coordinatingUnits: string[];
    leadNote: string;
    coordinationNote: string;
    timeframeText: string;
    acceptedReports: { reportedOn: Date; unitName: string; summary: string }[];
    activities: { channel: Channel; count: number; peopleReached: number }[];
    requestedVnd: number;
    approvedVnd: number;
  }[];
  byStatus: Record<EffectiveTaskStatus, number>;
  channels: { channel: Channel; activities: number; peopleReached: number }[];
  peopleReachedTotal: number;
  drafts: {
    inScope: number;
    communicated: number;
    percent: number;
    list: {
      id: string;
      title: string;
      documentType: string;
      opensAt: Date;
      closesAt: Date;
      status: EffectiveDraftStatus;
      received: number;
      answered: number;
    }[];
  };
  comments: {
    received: number;
    published: number;
    hidden: number;
    pending: number;
    answered: number;
    byOutcome: Record<'ACCEPTED' | 'PARTLY_ACCEPTED' | 'EXPLAINED', number>;
  };
  budgets: {
    count: number;
    requestedVnd: number;
    approvedVnd: number;
    byStatus: Record<BudgetStatus, { count: number; requestedVnd: number; approvedVnd: number }>;
  };
  obstacles: {
    raised: number;
    open: number;
    answered: number;
    closed: number;
    list: {
      title: string;
      unitName: string;
      status: ObstacleStatus;
      responseKind: string | null;
      response: string;
      createdAt: Date;
      answeredAt: Date | null;
    }[];
  };
};

export type FiguresOptions = { wardId: string; planId: string; from?: Date | null; to?: Date | null; now: Date };

/** Inclusive calendar days in Vietnam time; null means unbounded on that side. */
export function periodBounds(from?: Date | null, to?: Date | null) {
  return {
    gte: from ? dayjs(from).tz(TIME_ZONE).startOf('day').toDate() : undefined,
    lte: to ? dayjs(to).tz(TIME_ZONE).endOf('day').toDate() : undefined,
  };
}

function dateFilter(from?: Date | null, to?: Date | null): Prisma.DateTimeFilter | undefined {
  const b = periodBounds(from, to);
  if (!b.gte && !b.lte) return undefined;
  return { ...(b.gte ? { gte: b.gte } : {}), ...(b.lte ? { lte: b.lte } : {}) };
}

/**
 * The activities that count: those of an accepted progress report, and the
 * portal's own record of a draft opening for comment. A pending or returned
 * report's activities do not count.
 */
export function countedActivitiesWhere(planId: string, from?: Date | null, to?: Date | null): Prisma.CommunicationActivityWhereInput {
  return {
    task: { planId },
    heldOn: dateFilter(from, to),
    OR: [{ report: { status: 'ACCEPTED' } }, { reportId: null, draftId: { not: null }, channel: 'PORTAL' }],
  };
}

export async function computePlanFigures(db: Db, opts: FiguresOptions): Promise<PlanFigures> {
  const { wardId, planId, now } = opts;
  const from = opts.from ?? null;
  const to = opts.to ?? null;
  const period = dateFilter(from, to);
  const plan = await db.plan.findFirst({ where: { id: planId, wardId }, select: { id: true } });
  if (!plan) throw new Error(`plan ${planId} not found in ward ${wardId}`);

  const draftScope: Prisma.DraftWhereInput = { wardId, OR: [{ task: { planId } }, { trigger: { task: { planId } } }] };
  const [tasks, reports, activities, estimates, drafts, triggersWithoutDraft, obstacles] = await Promise.all([
    db.task.findMany({
      where: { planId },
      orderBy: { ordinal: 'asc' },
      include: {
        units: { include: { unit: { select: { name: true, sortOrder: true } } } },
        triggers: { select: { receivedOn: true, dueOn: true } },
      },
    }),
    db.progressReport.findMany({
      where: { task: { planId }, status: 'ACCEPTED', reportedOn: period },
      orderBy: [{ reportedOn: 'asc' }, { createdAt: 'asc' }],
      select: { taskId: true, reportedOn: true, summary: true, unit: { select: { name: true } } },
    }),
    db.communicationActivity.findMany({
      where: countedActivitiesWhere(planId, from, to),
      select: { taskId: true, channel: true, peopleReached: true },
    }),
    db.budgetEstimate.findMany({ where: { task: { planId } }, select: { taskId: true, status: true, requestedVnd: true, approvedVnd: true } }),
    db.draft.findMany({
      where: draftScope,
      orderBy: [{ opensAt: 'asc' }, { createdAt: 'asc' }],
      select: { id: true, title: true, documentType: true, opensAt: true, closesAt: true, closedEarlyAt: true, state: true },
    }),
    db.taskTrigger.count({ where: { task: { planId }, drafts: { none: {} } } }),
    db.obstacle.findMany({
      where: { planId, createdAt: period },
      orderBy: { createdAt: 'asc' },
      select: { title: true, status: true, responseKind: true, response: true, createdAt: true, answeredAt: true, unit: { select: { name: true } } },
    }),
  ]);

  const draftIds = drafts.map((d) => d.id);
  const comments = draftIds.length
    ? await db.comment.findMany({
        where: { draftId: { in: draftIds }, createdAt: period },
        select: { draftId: true, status: true, answerId: true, answer: { select: { outcome: true } } },
      })
    : [];

  const channelTotals = new Map<Channel, { activities: number; peopleReached: number }>(CHANNELS.map((c) => [c, { activities: 0, peopleReached: 0 }]));
  const perTaskChannel = new Map<string, Map<Channel, { count: number; peopleReached: number }>>();
  for (const a of activities) {
    const channel = a.channel as Channel;
    const total = channelTotals.get(channel);
    if (!total) continue;
    total.activities += 1;
    total.peopleReached += a.peopleReached;
    let m = perTaskChannel.get(a.taskId);
    if (!m) perTaskChannel.set(a.taskId, (m = new Map()));
    const t = m.get(channel) ?? { count: 0, peopleReached: 0 };
    t.count += 1;
    t.peopleReached += a.peopleReached;
    m.set(channel, t);
  }

  const byStatus = Object.fromEntries(Object.keys(TASK_STATUS_LABELS).map((k) => [k, 0])) as Record<EffectiveTaskStatus, number>;
  const taskRows: PlanFigures['tasks'] = tasks.map((task) => {
    const shown = presentTask(task, now);
    const status = shown.effectiveStatus;
    byStatus[status] += 1;
    const own = estimates.filter((e) => e.taskId === task.id);
    const channels = perTaskChannel.get(task.id);
    return {
      id: task.id,
      ordinal: task.ordinal,
      content: task.content,
      status,
      progressPercent: task.progressPercent,
      deadline: shown.deadline,
      leadUnits: shown.leadUnits.map((u) => u.name),
      coordinatingUnits: shown.coordinateUnits.map((u) => u.name),
      leadNote: task.leadNote,
      coordinationNote: task.coordinationNote,
      timeframeText: task.timeframeText,
      acceptedReports: reports.filter((r) => r.taskId === task.id).map((r) => ({ reportedOn: r.reportedOn, unitName: r.unit.name, summary: r.summary })),
      activities: CHANNELS.filter((c) => channels?.has(c)).map((c) => ({ channel: c, ...channels!.get(c)! })),
      requestedVnd: own.reduce((s, e) => s + e.requestedVnd, 0),
      approvedVnd: own.reduce((s, e) => s + (e.approvedVnd ?? 0), 0),
    };
  });

  const channels = CHANNELS.map((c) => ({ channel: c, ...channelTotals.get(c)! }));

  const inPeriod = (d: Date) => {
    const b = periodBounds(from, to);
    return (!b.gte || d >= b.gte) && (!b.lte || d <= b.lte);
  };
  const communicated = drafts.filter((d) => d.state !== 'DRAFT' && d.opensAt <= now && inPeriod(d.opensAt)).length;
  const inScope = drafts.length + triggersWithoutDraft;

  const byOutcome = { ACCEPTED: 0, PARTLY_ACCEPTED: 0, EXPLAINED: 0 };
  for (const c of comments) {
    const outcome = c.answer?.outcome as keyof typeof byOutcome | undefined;
    if (c.answerId && outcome && outcome in byOutcome) byOutcome[outcome] += 1;
  }

  const budgetByStatus = Object.fromEntries(BUDGET_STATUSES.map((s) => [s, { count: 0, requestedVnd: 0, approvedVnd: 0 }])) as PlanFigures['budgets']['byStatus'];
  for (const e of estimates) {
    const b = budgetByStatus[e.status as BudgetStatus];
    if (!b) continue;
    b.count += 1;
    b.requestedVnd += e.requestedVnd;
    b.approvedVnd += e.approvedVnd ?? 0;
  }

  return {
    computedAt: now,
    from,
    to,
    tasks: taskRows,
    byStatus,
    channels,
    peopleReachedTotal: channels.reduce((s, c) => s + c.peopleReached, 0),
    drafts: {
      inScope,
      communicated,
      percent: inScope === 0 ? 100 : Math.round((communicated / inScope) * 100),
      list: drafts.map((d) => {
        const own = comments.filter((c) => c.draftId === d.id);
        return {
          id: d.id,
          title: d.title,
          documentType: d.documentType,
          opensAt: d.opensAt,
          closesAt: periodEnd(d), // the real end: the early close when there was one
          status: effectiveDraftStatus(d, now),
          received: own.length,
          answered: own.filter((c) => c.answerId).length,
        };
      }),
    },
    comments: {
      received: comments.length,
      published: comments.filter((c) => c.status === 'PUBLISHED').length,
      hidden: comments.filter((c) => c.status === 'HIDDEN').length,
      pending: comments.filter((c) => c.status === 'PENDING').length,
      answered: comments.filter((c) => c.answerId).length,
      byOutcome,
    },
    budgets: {
      count: estimates.length,
      requestedVnd: estimates.reduce((s, e) => s + e.requestedVnd, 0),
      approvedVnd: estimates.reduce((s, e) => s + (e.approvedVnd ?? 0), 0),
      byStatus: budgetByStatus,
    },
    obstacles: {
      raised: obstacles.length,
      open: obstacles.filter((o) => o.status === 'OPEN' || o.status === 'FORWARDED').length,
      answered: obstacles.filter((o) => o.status === 'ANSWERED').length,
      closed: obstacles.filter((o) => o.status === 'CLOSED').length,
      list: obstacles.map((o) => ({
        title: o.title,
        unitName: o.unit.name,
        status: o.status as ObstacleStatus,
        responseKind: o.responseKind,
        response: o.response,
        createdAt: o.createdAt,
        answeredAt: o.answeredAt,
      })),
    },
  };
}
