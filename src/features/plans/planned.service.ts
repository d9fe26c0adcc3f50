/**
 * A unit's own plan for a task (kế hoạch cụ thể): planned activities, and how they
 * stand against what progress reports say was done. "Done" means a reported
 * activity ticks it off; "overdue" means not done and its day (or month) is past.
 */
import type { Db } from '../../db/client.js';
import { type Actor, audit } from '../../lib/audit.js';
import { FormError } from '../../lib/validation.js';
import type { PlannedInput } from './planned.schemas.js';

import { plannedDue } from '../../domain/planned-activity.js';

export type PlannedState = 'DONE' | 'REPORTED' | 'OVERDUE' | 'PLANNED';

/**
 * Done means ticked off by an activity of an accepted progress report — the same
 * activities the plan's figures count; a report still waiting for review shows as
 * REPORTED, not done.
 */
export function plannedState(p: { plannedOn: Date; byMonth: boolean; activities: { report: { status: string } | null }[] }, now: Date): PlannedState {
  if (p.activities.some((a) => a.report?.status === 'ACCEPTED')) return 'DONE';
  if (p.activities.some((a) => a.report && a.report.status !== 'RETURNED')) return 'REPORTED';
  return plannedDue(p) < now ? 'OVERDUE' : 'PLANNED';
}

/** Activities reported outside the units' plans that count (accepted reports), as the figures count them. */
export const unplannedWhere = { reportId: { not: null }, plannedActivityId: null, report: { status: 'ACCEPTED' } } as const;

/** The task's planned activities with their state, and the unplanned reported activities, as the task page shows them. */
export async function taskPlan(db: Db, taskId: string, now: Date) {
  const [planned, unplanned] = await Promise.all([
    db.plannedActivity.findMany({
      where: { taskId },
      orderBy: [{ plannedOn: 'asc' }, { createdAt: 'asc' }],
      include: {
        unit: { select: { id: true, name: true } },
        budgetEstimate: { select: { id: true, title: true } },
        activities: { select: { heldOn: true, peopleReached: true, report: { select: { status: true } } }, orderBy: { heldOn: 'asc' } },
      },
    }),
    db.communicationActivity.count({ where: { taskId, ...unplannedWhere } }),
  ]);
  const rows = planned.map((p) => ({ ...p, state: plannedState(p, now), due: plannedDue(p) }));
  const states = rows.map((r) => r.state);
  return {
    rows,
    figures: {
      planned: states.length,
      done: states.filter((s) => s === 'DONE').length,
      overdue: states.filter((s) => s === 'OVERDUE').length,
      unplanned,
    },
  };
}

/** A task's planned activities a progress report can tick off: those still open, and those this report already ticked. */
export function tickablePlanned(db: Db, taskId: string, reportId?: string) {
  return db.plannedActivity.findMany({
    where: { taskId, OR: [{ activities: { none: {} } }, ...(reportId ? [{ activities: { some: { reportId } } }] : [])] },
    orderBy: { plannedOn: 'asc' },
    select: { id: true, title: true, plannedOn: true, byMonth: true, unit: { select: { name: true } } },
  });
}

export function openPlanned(db: Db, taskId: string, unitId: string) {
  return db.plannedActivity.findMany({
    where: { taskId, unitId, activities: { none: {} } },
    orderBy: { plannedOn: 'asc' },
    select: { id: true, title: true, plannedOn: true, byMonth: true },
  });
}

/** Budget estimates of the unit on the task a planned activity can be linked to. */
export function unitEstimates(db: Db, taskId: string, unitId: string) {
  return db.budgetEstimate.findMany({ where: { taskId, unitId }, orderBy: { createdAt: 'asc' }, select: { id: true, title: true } });
}

export async function addPlanned(db: Db, actor: Actor, taskId: string, unitId: string, input: PlannedInput) {
  if (input.budgetEstimateId) {
    const own = await db.budgetEstimate.findFirst({ where: { id: input.budgetEstimateId, taskId, unitId }, select: { id: true } });
    if (!own) throw FormError.of('budgetEstimateId', 'Dự toán đã chọn không phải của đơn vị cho nhiệm vụ này.');
  }
  const data = {
    taskId,
    unitId,
    title: input.title,
    plannedOn: input.plannedOn,
    byMonth: input.byMonth,
    channel: input.channel,
    audience: input.audience,
    expectedReach: input.expectedReach,
    estimatedCostVnd: input.estimatedCostVnd,
    budgetEstimateId: input.budgetEstimateId || null,
  };
  return db.$transaction(async (tx) => {
    const row = await tx.plannedActivity.create({ data });
    await audit(tx, actor, { action: 'plannedActivity.create', entityType: 'PlannedActivity', entityId: row.id, after: data });
    return row.id;
  });
}

/** The planned activities a report's rows tick off must be the unit's own, on this task, and each only once. */
export async function checkTicks(db: Db, taskId: string, unitId: string, ids: string[]) {
  const wanted = ids.filter(Boolean);
  if (wanted.length === 0) return;
  if (new Set(wanted).size !== wanted.length) throw FormError.of('activities', 'Mỗi hoạt động đã lên kế hoạch chỉ được đánh dấu một lần trong báo cáo.');
  const found = await db.plannedActivity.count({ where: { id: { in: wanted }, taskId, unitId } });
  if (found !== wanted.length) throw FormError.of('activities', 'Hoạt động đã lên kế hoạch được chọn không thuộc đơn vị hoặc nhiệm vụ này.');
}
