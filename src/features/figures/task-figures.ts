/** The per-task rows and the count of tasks per status (one of the figures of plan-figures.ts). */
import { CHANNELS, TASK_STATUS_LABELS, type EffectiveTaskStatus } from '../../domain/enums.js';
import type { ActivityTotals } from './activity-figures.js';
import type { EstimateAsOf } from './budget-figures.js';
import type { Moment, PlanFigures } from './plan-figures.js';
import { type PlanState, tasksAt, type unresolvedAt } from './plan-state.js';

/** One row per task with its own reports, activities, money and obstacles, and the count of tasks per status. */
export function taskFigures(
  state: PlanState,
  w: Moment,
  parts: { reach: ActivityTotals; estimates: EstimateAsOf[]; unresolved: ReturnType<typeof unresolvedAt> },
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
