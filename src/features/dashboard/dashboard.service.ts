/** The chairman's progress page: plan figures plus the monthly trend and open obstacles. */
import type { Db } from '../../db/client.js';
import { CHANNEL_LABELS, type Channel } from '../../domain/enums.js';
import { AppError } from '../../lib/app-error.js';
import { dayjs, formatNumber, TIME_ZONE } from '../../lib/format.js';
import { isUnresolvedObstacle } from '../../domain/figures.js';
import {
  asOfMoment,
  computePlanFigures,
  countedActivitiesWhere,
  loadPlanState,
  periodBounds,
  tasksAt,
  unresolvedAt,
  type PlanFigures,
  type PlanState,
} from '../figures/index.js';

export async function wardPlans(db: Db, wardId: string) {
  return db.plan.findMany({
    where: { wardId },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, year: true, number: true, symbol: true, title: true },
  });
}

/** The plan asked for by id or year; otherwise this year's plan, or the latest one. */
export function choosePlan<P extends { id: string; year: number }>(plans: P[], opts: { planId?: string; year?: number; now: Date }): P | null {
  if (opts.planId) {
    const p = plans.find((x) => x.id === opts.planId);
    if (!p) throw AppError.notFound('Không tìm thấy kế hoạch.');
    return p;
  }
  if (opts.year) return plans.find((x) => x.year === opts.year) ?? null;
  const thisYear = dayjs(opts.now).tz(TIME_ZONE).year();
  return plans.find((x) => x.year === thisYear) ?? plans[0] ?? null;
}

export type Bar = { label: string; value: number; valueText: string; width: number; y: number };

/** Horizontal bars scaled to the largest value; drawn by the template as SVG rects (no inline styles). */
export function bars(rows: { label: string; value: number; valueText?: string }[], maxWidth = 300, rowHeight = 38): Bar[] {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return rows.map((r, i) => ({
    label: r.label,
    value: r.value,
    valueText: r.valueText ?? formatNumber(r.value),
    width: r.value > 0 ? Math.max(2, Math.round((r.value / max) * maxWidth)) : 0,
    y: i * rowHeight,
  }));
}

/** A bar's figure: activities nobody could count are named, never shown as "0" people. */
export function reachValueText(activities: number, people: number, unknown: number): string {
  if (unknown > 0 && unknown === activities) return `không xác định (${formatNumber(unknown)} hoạt động)`;
  return unknown > 0 ? `${formatNumber(people)} (chưa kể ${formatNumber(unknown)} hoạt động không xác định)` : formatNumber(people);
}

/**
 * A month of the trend: activities held and reports dated in it, and, as the
 * plan stood at the month's end (the same as-of rules as a period report),
 * tasks done and obstacles unresolved.
 */
export type TrendMonth = {
  key: string;
  label: string;
  activities: number;
  peopleReached: number;
  unknownReach: number;
  reportsAccepted: number;
  tasksDone: number;
  unresolvedObstacles: number;
};

/**
 * One row per month of the period; without one, from January of the plan year
 * to this month (follow-up work after the plan year still shows).
 */
export async function monthlyTrend(
  db: Db,
  planId: string,
  year: number,
  from: Date | null,
  to: Date | null,
  now: Date,
  preloaded?: PlanState,
): Promise<TrendMonth[]> {
  const start = dayjs(from ?? dayjs.tz(`${year}-01-01`, TIME_ZONE).toDate())
    .tz(TIME_ZONE)
    .startOf('month');
  const yearEnd = dayjs.tz(`${year}-12-31`, TIME_ZONE).endOf('day');
  const nowVn = dayjs(now).tz(TIME_ZONE);
  let defaultEnd = nowVn.isBefore(yearEnd) ? nowVn : yearEnd;
  if (!to && nowVn.isAfter(yearEnd)) {
    const latest = await db.communicationActivity.findFirst({
      where: { task: { planId }, heldOn: { lte: now } },
      orderBy: { heldOn: 'desc' },
      select: { heldOn: true },
    });
    if (latest && dayjs(latest.heldOn).isAfter(yearEnd)) defaultEnd = dayjs(latest.heldOn).tz(TIME_ZONE);
  }
  let end = dayjs(to ?? defaultEnd.toDate())
    .tz(TIME_ZONE)
    .endOf('month');
  if (end.isBefore(start)) end = start.endOf('month');
  const months: TrendMonth[] = [];
  for (let m = start; !m.isAfter(end) && months.length < 60; m = m.add(1, 'month')) {
    months.push({
      key: m.format('YYYY-MM'),
      label: `${m.format('MM/YYYY')}`,
      activities: 0,
      peopleReached: 0,
      unknownReach: 0,
      reportsAccepted: 0,
      tasksDone: 0,
      unresolvedObstacles: 0,
    });
  }
  const byKey = new Map(months.map((m) => [m.key, m]));
  const b = periodBounds(from, to);
  const loadState = async () => {
    const { wardId } = await db.plan.findUniqueOrThrow({ where: { id: planId }, select: { wardId: true } });
    return loadPlanState(db, wardId, planId);
  };
  const [activities, state] = await Promise.all([
    db.communicationActivity.findMany({ where: countedActivitiesWhere(planId, from, to), select: { heldOn: true, peopleReached: true } }),
    preloaded ?? loadState(),
  ]);
  for (const a of activities) {
    const m = byKey.get(dayjs(a.heldOn).tz(TIME_ZONE).format('YYYY-MM'));
    if (m) {
      m.activities += 1;
      m.peopleReached += a.peopleReached ?? 0;
      if (a.peopleReached === null) m.unknownReach += 1;
    }
  }
  for (const r of state.accepted) {
    if ((b.gte && r.reportedOn < b.gte) || (b.lte && r.reportedOn > b.lte)) continue;
    const m = byKey.get(dayjs(r.reportedOn).tz(TIME_ZONE).format('YYYY-MM'));
    if (m) m.reportsAccepted += 1;
  }
  for (const m of months) {
    const at = asOfMoment(dayjs.tz(`${m.key}-01`, TIME_ZONE).endOf('month').toDate(), now);
    m.tasksDone = tasksAt(state, at).filter((t) => t.shown.effectiveStatus === 'DONE').length;
    m.unresolvedObstacles = unresolvedAt(state, at).length;
  }
  return months;
}

export async function progressPage(db: Db, opts: { wardId: string; planId: string; year: number; from: Date | null; to: Date | null; now: Date }) {
  // The plan's state is read once for the figures and for every month of the trend.
  const state = await loadPlanState(db, opts.wardId, opts.planId);
  const figures: PlanFigures = await computePlanFigures(db, { ...opts, state });
  const trend = await monthlyTrend(db, opts.planId, opts.year, opts.from, opts.to, opts.now, state);
  // The same definition as figures.obstacles.open: unresolved at the end of the period shown.
  const openObstacles = figures.obstacles.list.filter((o) => isUnresolvedObstacle(o.status));
  const channelBars = bars(
    figures.channels.map((c) => ({
      label: CHANNEL_LABELS[c.channel as Channel],
      value: c.peopleReached,
      valueText: reachValueText(c.activities, c.peopleReached, c.unknownReach),
    })),
  );
  const trendBars = bars(
    trend.map((m) => ({ label: `Tháng ${m.label}`, value: m.peopleReached, valueText: reachValueText(m.activities, m.peopleReached, m.unknownReach) })),
  );
  return {
    figures,
    trend,
    openObstacles,
    channelBars,
    trendBars,
    late: figures.tasks.filter((t) => t.status === 'OVERDUE'),
    // "Vướng mắc": a task an officer marked blocked, or one with an unresolved obstacle.
    blocked: figures.tasks.filter((t) => t.status === 'BLOCKED' || t.unresolvedObstacles > 0),
    waiting: figures.tasks.filter((t) => t.status === 'WAITING_TRIGGER'),
  };
}
