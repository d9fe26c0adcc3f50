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
import { effectiveDraftStatus } from '../../domain/draft-status.js';
import { budgetAt, draftStateAt, obstacleAt, obstacleClosedOn } from './as-of.js';
import { loadPlanState, type PlanState, tasksAt, unresolvedAt } from './plan-state.js';
import { type PlannedFigures, plannedFigures } from './planned-figures.js';

export { loadPlanState, type PlanState, tasksAt, unresolvedAt };

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
  /** The units' own plans against what was done (planned-figures.ts); absent in figures frozen before it existed. */
  planned?: PlannedFigures;
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

export async function computePlanFigures(db: Db, opts: FiguresOptions): Promise<PlanFigures> {
  const { wardId, planId, now } = opts;
  const from = opts.from ?? null;
  const to = opts.to ?? null;
  const bounds = periodBounds(from, to);
  const at = asOfMoment(to, now);
  const w: Moment = { at, bounds, inPeriod: (d: Date) => (!bounds.gte || d >= bounds.gte) && (!bounds.lte || d <= bounds.lte) };
  const state = opts.state ?? (await loadPlanState(db, wardId, planId));

  const activities = await db.communicationActivity.findMany({
    where: countedActivitiesWhere(planId, from, to),
    select: { taskId: true, channel: true, peopleReached: true },
  });
  const reach = activityTotals(activities);
  const drafts = draftsInScope(state, w);
  const visible = await commentsAsOf(
    db,
    drafts.list.map((x) => x.d.id),
    dateFilter(from, to),
    at,
  );
  const estimates = estimatesAsOf(state, at);
  const unresolved = unresolvedAt(state, at);
  const tasks = taskFigures(state, w, { reach, estimates, unresolved });
  const planned = await plannedFigures(db, planId, bounds, at, countedActivitiesWhere(planId), countedActivitiesWhere(planId, from, to));

  return {
    computedAt: now,
    from,
    to,
    planned,
    tasks: tasks.rows,
    byStatus: tasks.byStatus,
    channels: reach.channels,
    peopleReachedTotal: reach.channels.reduce((s, c) => s + c.peopleReached, 0),
    unknownReachTotal: reach.channels.reduce((s, c) => s + c.unknownReach, 0),
    drafts: draftFigures(drafts, visible, at),
    comments: commentFigures(visible),
    budgets: budgetFigures(estimates),
    obstacles: obstacleFigures(state, w, unresolved),
  };
}

/** The moment the figures describe and the period they count. */
type Moment = { at: Date; bounds: { gte?: Date; lte?: Date }; inPeriod: (d: Date) => boolean };
type ChannelFigures = { count: number; peopleReached: number; unknownReach: number };

/** Communication activities of the period: per channel (every channel listed, even at 0) and per task and channel. */
function activityTotals(activities: { taskId: string; channel: string; peopleReached: number | null }[]) {
  const channelTotals = new Map<Channel, { activities: number; peopleReached: number; unknownReach: number }>(
    CHANNELS.map((c) => [c, { activities: 0, peopleReached: 0, unknownReach: 0 }]),
  );
  const perTask = new Map<string, Map<Channel, ChannelFigures>>();
  for (const a of activities) {
    const channel = a.channel as Channel;
    const total = channelTotals.get(channel);
    if (!total) continue;
    total.activities += 1;
    total.peopleReached += a.peopleReached ?? 0;
    if (a.peopleReached === null) total.unknownReach += 1;
    let m = perTask.get(a.taskId);
    if (!m) {
      m = new Map();
      perTask.set(a.taskId, m);
    }
    const t = m.get(channel) ?? { count: 0, peopleReached: 0, unknownReach: 0 };
    t.count += 1;
    t.peopleReached += a.peopleReached ?? 0;
    if (a.peopleReached === null) t.unknownReach += 1;
    m.set(channel, t);
  }
  const channels = CHANNELS.map((c) => ({ channel: c, ...(channelTotals.get(c) ?? { activities: 0, peopleReached: 0, unknownReach: 0 }) }));
  return { channels, perTask };
}

/** Drafts still to communicate in the period: existing at its end and not opened before it began; triggers with no draft yet count too. */
function draftsInScope(state: PlanState, w: Moment) {
  const { histories } = state;
  const list = state.drafts
    .map((d) => ({ d, stored: draftStateAt(d, histories.drafts, w.at) }))
    .filter((x): x is { d: (typeof state.drafts)[number]; stored: string } => x.stored !== null)
    .filter(({ d, stored }) => !(w.bounds.gte && stored !== 'DRAFT' && d.opensAt < w.bounds.gte));
  const existingTriggerIds = new Set(state.drafts.filter((d) => draftStateAt(d, histories.drafts, w.at) !== null).map((d) => d.triggerId));
  const triggersWithoutDraft = state.triggers.filter((t) => t.receivedOn <= w.at && !existingTriggerIds.has(t.id)).length;
  const communicated = list.filter(({ d, stored }) => stored !== 'DRAFT' && d.opensAt <= w.at && w.inPeriod(d.opensAt)).length;
  return { list, inScope: list.length + triggersWithoutDraft, communicated };
}

/** The period's comments on those drafts as they stood at `at`: moderated and answered only if that happened by then. */
async function commentsAsOf(db: Db, draftIds: string[], period: Prisma.DateTimeFilter | undefined, at: Date) {
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
type VisibleComment = Awaited<ReturnType<typeof commentsAsOf>>[number];

/** Budget estimates with their decision as it stood at `at` (none yet: left out). */
function estimatesAsOf(state: PlanState, at: Date) {
  return state.estimates
    .map((e) => ({ e, s: budgetAt(e, state.histories.budgets, at) }))
    .filter((x): x is { e: (typeof state.estimates)[number]; s: { status: string; approvedVnd: number | null } } => x.s !== null);
}
type EstimateAsOf = ReturnType<typeof estimatesAsOf>[number];

/** One row per task with its own reports, activities, money and obstacles, and the count of tasks per status. */
function taskFigures(
  state: PlanState,
  w: Moment,
  parts: { reach: ReturnType<typeof activityTotals>; estimates: EstimateAsOf[]; unresolved: ReturnType<typeof unresolvedAt> },
) {
  const reports = state.accepted.filter((r) => w.inPeriod(r.reportedOn));
  const byStatus = Object.fromEntries(Object.keys(TASK_STATUS_LABELS).map((k) => [k, 0])) as Record<EffectiveTaskStatus, number>;
  const rows: PlanFigures['tasks'] = tasksAt(state, w.at).map(({ task, shown, progressPercent }) => {
    const status = shown.effectiveStatus;
    byStatus[status] += 1;
    const own = parts.estimates.filter((x) => x.e.taskId === task.id);
    const channels = parts.reach.perTask.get(task.id);
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
      unresolvedObstacles: parts.unresolved.filter((o) => o.taskId === task.id).length,
    };
  });
  return { rows, byStatus };
}

function draftFigures(drafts: ReturnType<typeof draftsInScope>, visible: VisibleComment[], at: Date): PlanFigures['drafts'] {
  return {
    inScope: drafts.inScope,
    communicated: drafts.communicated,
    percent: drafts.inScope === 0 ? 100 : Math.round((drafts.communicated / drafts.inScope) * 100),
    list: drafts.list.map(({ d, stored }) => {
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
  };
}

function commentFigures(visible: VisibleComment[]): PlanFigures['comments'] {
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

function budgetFigures(estimates: EstimateAsOf[]): PlanFigures['budgets'] {
  const byStatus = Object.fromEntries(BUDGET_STATUSES.map((s) => [s, { count: 0, requestedVnd: 0, approvedVnd: 0 }])) as PlanFigures['budgets']['byStatus'];
  for (const { e, s } of estimates) {
    const b = byStatus[s.status as BudgetStatus];
    if (!b) continue;
    b.count += 1;
    b.requestedVnd += e.requestedVnd;
    b.approvedVnd += s.approvedVnd ?? 0;
  }
  return {
    count: estimates.length,
    requestedVnd: estimates.reduce((s, x) => s + x.e.requestedVnd, 0),
    approvedVnd: estimates.reduce((s, x) => s + (x.s.approvedVnd ?? 0), 0),
    byStatus,
  };
}

/** Obstacles existing at `at` and not closed before the period began; an answer given after `at` is not shown yet. */
function obstacleFigures(state: PlanState, w: Moment, unresolved: ReturnType<typeof unresolvedAt>): PlanFigures['obstacles'] {
  const rows = state.obstacles
    .map((o) => ({ o, status: obstacleAt(o, state.histories.obstacles, w.at) }))
    .filter((x): x is { o: (typeof state.obstacles)[number]; status: string } => x.status !== null)
    .filter(({ o }) => {
      const closedOn = obstacleClosedOn(o, state.histories.obstacles);
      return !(w.bounds.gte && closedOn && closedOn < w.bounds.gte);
    });
  const shownAt = (o: (typeof rows)[number]['o']) => !(o.answeredAt && o.answeredAt > w.at);
  return {
    raised: rows.filter(({ o }) => w.inPeriod(o.createdAt)).length,
    open: unresolved.length,
    answered: rows.filter((x) => x.status === 'ANSWERED').length,
    closed: rows.filter((x) => x.status === 'CLOSED').length,
    list: rows.map(({ o, status }) => ({
      id: o.id,
      taskOrdinal: o.task?.ordinal ?? null,
      title: o.title,
      unitName: o.unit.name,
      status: status as ObstacleStatus,
      responseKind: shownAt(o) ? o.responseKind : null,
      response: shownAt(o) ? o.response : '',
      createdAt: o.createdAt,
      answeredAt: shownAt(o) ? o.answeredAt : null,
    })),
  };
}
