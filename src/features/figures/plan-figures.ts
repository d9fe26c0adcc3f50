import type { Db, Prisma } from '../../db/client.js';
import type { BudgetStatus, Channel, EffectiveDraftStatus, EffectiveTaskStatus, ObstacleStatus } from '../../domain/enums.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { activityTotals } from './activity-figures.js';
import { budgetFigures, estimatesAsOf } from './budget-figures.js';
import { commentFigures, commentsAsOf } from './comment-figures.js';
import { draftFigures, draftsInScope } from './draft-figures.js';
import { obstacleFigures } from './obstacle-figures.js';
import { taskFigures } from './task-figures.js';
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
export type Moment = { at: Date; bounds: { gte?: Date; lte?: Date }; inPeriod: (d: Date) => boolean };
