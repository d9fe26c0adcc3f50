/**
 * The numbers of a plan, computed once and shared by the chairman's progress
 * page, the task pages and the results report (contract: brief FIGURES.md).
 * Every figure is as it stood at the end of the period (or now, if earlier):
 * task status and progress, budget decisions, obstacle and draft states come
 * from the state history (as-of.ts); activities, reports and comments are those
 * of the period. Nothing here writes.
 */
import { periodEnd } from '../../domain/draft-period.js';
import type { Db, Prisma } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
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
import { isUnresolvedObstacle } from '../../domain/figures.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { effectiveDraftStatus } from '../../domain/draft-status.js';
import { presentTask } from '../../domain/task-status.js';
import { budgetAt, draftStateAt, loadHistories, obstacleAt, obstacleClosedOn, taskAt } from './as-of.js';

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
    /** peopleReached adds up the known counts; unknownReach counts activities whose reach is "không xác định". */
    activities: { channel: Channel; count: number; peopleReached: number; unknownReach: number }[];
    requestedVnd: number;
    approvedVnd: number;
    /** Obstacles of this task unresolved at the end of the period (isUnresolvedObstacle). */
    unresolvedObstacles: number;
  }[];
  byStatus: Record<EffectiveTaskStatus, number>;
  channels: { channel: Channel; activities: number; peopleReached: number; unknownReach: number }[];
  peopleReachedTotal: number;
  unknownReachTotal: number;
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
  /**
   * The obstacles that mattered in the period: raised by its end and not closed
   * before it began. raised: raised within the period; open: unresolved at its end
   * (whenever raised); answered / closed: their state at its end.
   */
  obstacles: {
    raised: number;
    open: number;
    answered: number;
    closed: number;
    list: {
      id: string;
      taskOrdinal: number | null;
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

export type FiguresOptions = { wardId: string; planId: string; from?: Date | null; to?: Date | null; now: Date; state?: PlanState };

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

/** The moment a period's figures stand at: the end of its last day, or now if that is still to come. */
export function asOfMoment(to: Date | null | undefined, now: Date): Date {
  const end = periodBounds(null, to).lte;
  return end && end < now ? end : now;
}

/** Everything the as-of figures of a plan need, read once (also used month by month by the trend). */
export async function loadPlanState(db: Db, wardId: string, planId: string) {
  const plan = await db.plan.findFirst({ where: { id: planId, wardId }, select: { id: true } });
  if (!plan) throw AppError.notFound('Không tìm thấy kế hoạch của phường.');
  const draftScope: Prisma.DraftWhereInput = { wardId, OR: [{ task: { planId } }, { trigger: { task: { planId } } }] };
  const [tasks, accepted, estimates, drafts, triggers, obstacles] = await Promise.all([
    db.task.findMany({
      where: { planId },
      orderBy: { ordinal: 'asc' },
      include: {
        units: { include: { unit: { select: { name: true, sortOrder: true } } } },
        triggers: { select: { id: true, receivedOn: true, dueOn: true } },
      },
    }),
    db.progressReport.findMany({
      where: { task: { planId }, status: 'ACCEPTED' },
      orderBy: [{ reportedOn: 'asc' }, { createdAt: 'asc' }],
      select: { taskId: true, reportedOn: true, reviewedAt: true, createdAt: true, progressPercent: true, summary: true, unit: { select: { name: true } } },
    }),
    db.budgetEstimate.findMany({
      where: { task: { planId } },
      select: { id: true, taskId: true, status: true, requestedVnd: true, approvedVnd: true, createdAt: true, decidedAt: true },
    }),
    db.draft.findMany({
      where: draftScope,
      orderBy: [{ opensAt: 'asc' }, { createdAt: 'asc' }],
      select: {
        id: true,
        title: true,
        documentType: true,
        opensAt: true,
        closesAt: true,
        state: true,
        createdAt: true,
        answeredAt: true,
        closedEarlyAt: true,
        triggerId: true,
      },
    }),
    db.taskTrigger.findMany({ where: { task: { planId } }, select: { id: true, receivedOn: true } }),
    db.obstacle.findMany({
      where: { planId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        taskId: true,
        title: true,
        status: true,
        responseKind: true,
        response: true,
        createdAt: true,
        forwardedAt: true,
        answeredAt: true,
        closedAt: true,
        unit: { select: { name: true } },
        task: { select: { ordinal: true } },
      },
    }),
  ]);
  const histories = await loadHistories(db, {
    tasks: tasks.map((t) => t.id),
    budgets: estimates.map((e) => e.id),
    obstacles: obstacles.map((o) => o.id),
    drafts: drafts.map((d) => d.id),
  });
  return { tasks, accepted, estimates, drafts, triggers, obstacles, histories };
}
export type PlanState = Awaited<ReturnType<typeof loadPlanState>>;

/** Tasks as they stood at `at`: status (with OVERDUE / WAITING_TRIGGER as of then) and progress. */
export function tasksAt(state: PlanState, at: Date) {
  return state.tasks.map((task) => {
    const own = state.accepted.filter((r) => r.taskId === task.id);
    const derived = taskAt(task, own, state.histories.taskBlocks, at);
    const triggers = task.triggers.filter((t) => t.receivedOn <= at);
    const shown = presentTask({ ...task, ...derived, triggers }, at);
    return { task, shown, progressPercent: derived.progressPercent };
  });
}

/** The obstacles unresolved at `at` (isUnresolvedObstacle), whenever raised. */
export function unresolvedAt(state: PlanState, at: Date) {
  return state.obstacles.filter((o) => {
    const s = obstacleAt(o, state.histories.obstacles, at);
    return s !== null && isUnresolvedObstacle(s);
  });
}

export async function computePlanFigures(db: Db, opts: FiguresOptions): Promise<PlanFigures> {
  const { wardId, planId, now } = opts;
  const from = opts.from ?? null;
  const to = opts.to ?? null;
  const period = dateFilter(from, to);
  const bounds = periodBounds(from, to);
  const at = asOfMoment(to, now);
  const state = opts.state ?? (await loadPlanState(db, wardId, planId));
  const { histories } = state;

  const activities = await db.communicationActivity.findMany({
    where: countedActivitiesWhere(planId, from, to),
    select: { taskId: true, channel: true, peopleReached: true },
  });
  const inPeriod = (d: Date) => (!bounds.gte || d >= bounds.gte) && (!bounds.lte || d <= bounds.lte);
  const reports = state.accepted.filter((r) => inPeriod(r.reportedOn));

  // Drafts still to communicate in the period: existing at its end and not opened before it began.
  const draftsAt = state.drafts
    .map((d) => ({ d, stored: draftStateAt(d, histories.drafts, at) }))
    .filter((x): x is { d: (typeof state.drafts)[number]; stored: string } => x.stored !== null)
    .filter(({ d, stored }) => !(bounds.gte && stored !== 'DRAFT' && d.opensAt < bounds.gte));
  const existingTriggerIds = new Set(state.drafts.filter((d) => draftStateAt(d, histories.drafts, at) !== null).map((d) => d.triggerId));
  const triggersWithoutDraft = state.triggers.filter((t) => t.receivedOn <= at && !existingTriggerIds.has(t.id)).length;
  const draftIds = draftsAt.map((x) => x.d.id);
  const comments = draftIds.length
    ? await db.comment.findMany({
        where: { draftId: { in: draftIds }, createdAt: period },
        select: { draftId: true, status: true, createdAt: true, moderatedAt: true, answerId: true, answer: { select: { outcome: true, createdAt: true } } },
      })
    : [];
  const visible = comments
    .filter((c) => c.createdAt <= at)
    .map((c) => ({
      draftId: c.draftId,
      status: c.moderatedAt && c.moderatedAt > at ? 'PENDING' : c.status,
      outcome: c.answer && c.answer.createdAt <= at ? c.answer.outcome : null,
    }));

  const channelTotals = new Map<Channel, { activities: number; peopleReached: number; unknownReach: number }>(
    CHANNELS.map((c) => [c, { activities: 0, peopleReached: 0, unknownReach: 0 }]),
  );
  const perTaskChannel = new Map<string, Map<Channel, { count: number; peopleReached: number; unknownReach: number }>>();
  for (const a of activities) {
    const channel = a.channel as Channel;
    const total = channelTotals.get(channel);
    if (!total) continue;
    total.activities += 1;
    total.peopleReached += a.peopleReached ?? 0;
    if (a.peopleReached === null) total.unknownReach += 1;
    let m = perTaskChannel.get(a.taskId);
    if (!m) {
      m = new Map();
      perTaskChannel.set(a.taskId, m);
    }
    const t = m.get(channel) ?? { count: 0, peopleReached: 0, unknownReach: 0 };
    t.count += 1;
    t.peopleReached += a.peopleReached ?? 0;
    if (a.peopleReached === null) t.unknownReach += 1;
    m.set(channel, t);
  }

  const estimates = state.estimates
    .map((e) => ({ e, s: budgetAt(e, histories.budgets, at) }))
    .filter((x): x is { e: (typeof state.estimates)[number]; s: { status: string; approvedVnd: number | null } } => x.s !== null);
  const unresolved = unresolvedAt(state, at);

  const byStatus = Object.fromEntries(Object.keys(TASK_STATUS_LABELS).map((k) => [k, 0])) as Record<EffectiveTaskStatus, number>;
  const taskRows: PlanFigures['tasks'] = tasksAt(state, at).map(({ task, shown, progressPercent }) => {
    const status = shown.effectiveStatus;
    byStatus[status] += 1;
    const own = estimates.filter((x) => x.e.taskId === task.id);
    const channels = perTaskChannel.get(task.id);
    return {
      id: task.id,
      ordinal: task.ordinal,
      content: task.content,
      status,
      progressPercent,
      deadline: shown.deadline,
      leadUnits: shown.leadUnits.map((u) => u.name),
      coordinatingUnits: shown.coordinateUnits.map((u) => u.name),
      leadNote: task.leadNote,
      coordinationNote: task.coordinationNote,
      timeframeText: task.timeframeText,
      acceptedReports: reports.filter((r) => r.taskId === task.id).map((r) => ({ reportedOn: r.reportedOn, unitName: r.unit.name, summary: r.summary })),
      activities: CHANNELS.flatMap((c) => {
        const figures = channels?.get(c);
        return figures ? [{ channel: c, ...figures }] : [];
      }),
      requestedVnd: own.reduce((s, x) => s + x.e.requestedVnd, 0),
      approvedVnd: own.reduce((s, x) => s + (x.s.approvedVnd ?? 0), 0),
      unresolvedObstacles: unresolved.filter((o) => o.taskId === task.id).length,
    };
  });

  const channels = CHANNELS.map((c) => ({ channel: c, ...(channelTotals.get(c) ?? { activities: 0, peopleReached: 0, unknownReach: 0 }) }));
  const communicated = draftsAt.filter(({ d, stored }) => stored !== 'DRAFT' && d.opensAt <= at && inPeriod(d.opensAt)).length;
  const inScope = draftsAt.length + triggersWithoutDraft;

  const byOutcome = { ACCEPTED: 0, PARTLY_ACCEPTED: 0, EXPLAINED: 0 };
  for (const c of visible) {
    const outcome = c.outcome as keyof typeof byOutcome | null;
    if (outcome && outcome in byOutcome) byOutcome[outcome] += 1;
  }

  const budgetByStatus = Object.fromEntries(
    BUDGET_STATUSES.map((s) => [s, { count: 0, requestedVnd: 0, approvedVnd: 0 }]),
  ) as PlanFigures['budgets']['byStatus'];
  for (const { e, s } of estimates) {
    const b = budgetByStatus[s.status as BudgetStatus];
    if (!b) continue;
    b.count += 1;
    b.requestedVnd += e.requestedVnd;
    b.approvedVnd += s.approvedVnd ?? 0;
  }

  const obstacleRows = state.obstacles
    .map((o) => ({ o, status: obstacleAt(o, histories.obstacles, at) }))
    .filter((x): x is { o: (typeof state.obstacles)[number]; status: string } => x.status !== null)
    .filter(({ o }) => {
      const closedOn = obstacleClosedOn(o, histories.obstacles);
      return !(bounds.gte && closedOn && closedOn < bounds.gte);
    });

  return {
    computedAt: now,
    from,
    to,
    tasks: taskRows,
    byStatus,
    channels,
    peopleReachedTotal: channels.reduce((s, c) => s + c.peopleReached, 0),
    unknownReachTotal: channels.reduce((s, c) => s + c.unknownReach, 0),
    drafts: {
      inScope,
      communicated,
      percent: inScope === 0 ? 100 : Math.round((communicated / inScope) * 100),
      list: draftsAt.map(({ d, stored }) => {
        const own = visible.filter((c) => c.draftId === d.id);
        return {
          id: d.id,
          title: d.title,
          documentType: d.documentType,
          opensAt: d.opensAt,
          closesAt: periodEnd(d), // the real end: the early close when there was one
          status: effectiveDraftStatus({ state: stored, opensAt: d.opensAt, closesAt: d.closesAt }, at),
          received: own.length,
          answered: own.filter((c) => c.outcome).length,
        };
      }),
    },
    comments: {
      received: visible.length,
      published: visible.filter((c) => c.status === 'PUBLISHED').length,
      hidden: visible.filter((c) => c.status === 'HIDDEN').length,
      pending: visible.filter((c) => c.status === 'PENDING').length,
      answered: visible.filter((c) => c.outcome).length,
      byOutcome,
    },
    budgets: {
      count: estimates.length,
      requestedVnd: estimates.reduce((s, x) => s + x.e.requestedVnd, 0),
      approvedVnd: estimates.reduce((s, x) => s + (x.s.approvedVnd ?? 0), 0),
      byStatus: budgetByStatus,
    },
    obstacles: {
      raised: obstacleRows.filter(({ o }) => inPeriod(o.createdAt)).length,
      open: unresolved.length,
      answered: obstacleRows.filter((x) => x.status === 'ANSWERED').length,
      closed: obstacleRows.filter((x) => x.status === 'CLOSED').length,
      list: obstacleRows.map(({ o, status }) => ({
        id: o.id,
        taskOrdinal: o.task?.ordinal ?? null,
        title: o.title,
        unitName: o.unit.name,
        status: status as ObstacleStatus,
        responseKind: o.answeredAt && o.answeredAt > at ? null : o.responseKind,
        response: o.answeredAt && o.answeredAt > at ? '' : o.response,
        createdAt: o.createdAt,
        answeredAt: o.answeredAt && o.answeredAt > at ? null : o.answeredAt,
      })),
    },
  };
}
