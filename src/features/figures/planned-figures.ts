/**
 * The units' own plans (kế hoạch cụ thể) against what was done, for a period and
 * as it stood at its end — part of the plan's figures, so the progress page and
 * the results report say the same.
 *
 * - A planned activity matters in the period when its day (or month) falls in the
 *   period, or when it fell due before the period and was still not done when the
 *   period began (carried over: the backlog does not vanish from the next report).
 * - Done: ticked off by an activity of an accepted progress report held by the end
 *   of the period (the same activities the figures count).
 * - Overdue: not done at the end of the period and its day (or month) is past by then.
 * - Unplanned: counted activities of the period reported outside any unit's plan.
 */
import type { Db, Prisma } from '../../db/client.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { plannedDue } from '../../domain/planned-activity.js';

export type PlannedCount = { planned: number; done: number; overdue: number; unplanned: number };

export type PlannedFigures = {
  total: PlannedCount;
  byTask: Record<string, PlannedCount>;
  byUnit: ({ unitName: string } & PlannedCount)[];
  overdueList: { title: string; unitName: string; taskOrdinal: number; plannedOn: Date; byMonth: boolean; due: Date }[];
};

const zero = (): PlannedCount => ({ planned: 0, done: 0, overdue: 0, unplanned: 0 });

type Bounds = { gte?: Date; lte?: Date };

/**
 * `counted` is the plan's rule for activities that count (accepted reports), with no
 * period; `countedInPeriod` the same within the period.
 */
export async function plannedFigures(
  db: Db,
  planId: string,
  bounds: Bounds,
  at: Date,
  counted: Prisma.CommunicationActivityWhereInput,
  countedInPeriod: Prisma.CommunicationActivityWhereInput,
): Promise<PlannedFigures> {
  const [planned, ticks, unplanned] = await Promise.all([
    db.plannedActivity.findMany({
      where: { task: { planId } },
      orderBy: [{ plannedOn: 'asc' }, { createdAt: 'asc' }],
      select: {
        id: true,
        taskId: true,
        title: true,
        plannedOn: true,
        byMonth: true,
        unit: { select: { name: true, sortOrder: true } },
        task: { select: { ordinal: true } },
      },
    }),
    db.communicationActivity.findMany({
      where: { AND: [counted, { plannedActivityId: { not: null }, heldOn: { lte: at } }] },
      select: { plannedActivityId: true, heldOn: true },
    }),
    db.communicationActivity.findMany({
      where: { AND: [countedInPeriod, { reportId: { not: null }, plannedActivityId: null }] },
      select: { taskId: true, unit: { select: { name: true, sortOrder: true } }, report: { select: { unit: { select: { name: true, sortOrder: true } } } } },
    }),
  ]);

  const firstDone = new Map<string, Date>();
  for (const t of ticks) {
    const id = t.plannedActivityId as string;
    const seen = firstDone.get(id);
    if (!seen || t.heldOn < seen) firstDone.set(id, t.heldOn);
  }

  const total = zero();
  const byTask: Record<string, PlannedCount> = {};
  const units = new Map<string, { sortOrder: number; count: PlannedCount }>();
  const add = (taskId: string, unit: { name: string; sortOrder: number } | null | undefined, key: keyof PlannedCount) => {
    total[key] += 1;
    byTask[taskId] ??= zero();
    byTask[taskId][key] += 1;
    if (!unit) return;
    const u = units.get(unit.name) ?? { sortOrder: unit.sortOrder, count: zero() };
    u.count[key] += 1;
    units.set(unit.name, u);
  };
  const overdueList: PlannedFigures['overdueList'] = [];

  for (const p of planned) {
    const start = dayjs(p.plannedOn)
      .tz(TIME_ZONE)
      .startOf(p.byMonth ? 'month' : 'day')
      .toDate();
    const due = plannedDue(p);
    const doneOn = firstDone.get(p.id);
    const overlaps = (!bounds.lte || start <= bounds.lte) && (!bounds.gte || due >= bounds.gte);
    const carried = !!bounds.gte && due < bounds.gte && !(doneOn && doneOn < bounds.gte);
    if (!overlaps && !carried) continue;
    add(p.taskId, p.unit, 'planned');
    if (doneOn) add(p.taskId, p.unit, 'done');
    else if (due < at) {
      add(p.taskId, p.unit, 'overdue');
      overdueList.push({ title: p.title, unitName: p.unit.name, taskOrdinal: p.task.ordinal, plannedOn: p.plannedOn, byMonth: p.byMonth, due });
    }
  }
  for (const a of unplanned) add(a.taskId, a.unit ?? a.report?.unit, 'unplanned');

  const byUnit = [...units.entries()]
    .sort((a, b) => a[1].sortOrder - b[1].sortOrder || a[0].localeCompare(b[0], 'vi'))
    .map(([unitName, u]) => ({ unitName, ...u.count }));
  return { total, byTask, byUnit, overdueList };
}
