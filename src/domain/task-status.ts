import type { EffectiveTaskStatus, TaskStatus, TimeframeKind } from './enums.js';
import { endOfDay } from '../lib/format.js';

/** The fields the status rules need (a Task row with its triggers). */
export type TaskTiming = {
  status: string;
  timeframeKind: string;
  dueOn: Date | null;
  triggerDays: number | null;
  triggers?: { receivedOn: Date; dueOn: Date | null }[];
};

/**
 * The deadline a task is held to today:
 * - DATE_RANGE and ONGOING: its due date (for ONGOING, the end of the year);
 * - TRIGGERED: nothing until the triggering document is recorded; then the due
 *   date of the latest trigger (received + triggerDays), never later than the
 *   task's own outer bound when it has one.
 */
export function taskDeadline(task: TaskTiming): Date | null {
  if ((task.timeframeKind as TimeframeKind) !== 'TRIGGERED') return task.dueOn;
  const triggers = task.triggers ?? [];
  if (triggers.length === 0) return null;
  const latest = [...triggers].sort((a, b) => b.receivedOn.getTime() - a.receivedOn.getTime())[0];
  const own = latest.dueOn ?? null;
  if (own && task.dueOn) return new Date(Math.min(own.getTime(), task.dueOn.getTime()));
  return own ?? task.dueOn;
}

/**
 * The status people see. DONE and BLOCKED are what officers set; a task whose
 * deadline has passed without being done shows OVERDUE by itself; a triggered
 * task with no triggering document yet shows WAITING_TRIGGER.
 */
export function effectiveTaskStatus(task: TaskTiming, now: Date): EffectiveTaskStatus {
  const stored = task.status as TaskStatus;
  if (stored === 'DONE' || stored === 'BLOCKED') return stored;
  if (task.timeframeKind === 'TRIGGERED' && (task.triggers ?? []).length === 0) return 'WAITING_TRIGGER';
  const deadline = taskDeadline(task);
  if (deadline && endOfDay(deadline) < now) return 'OVERDUE';
  return stored;
}

export type TaskRow = {
  status: string;
  timeframeKind: string;
  dueOn: Date | null;
  triggerDays: number | null;
  triggers: { receivedOn: Date; dueOn: Date | null }[];
  units: { role: string; unit: { sortOrder: number } }[];
};

/** A task as pages show it: its status and deadline as of `now`, its units by role. */
export function presentTask<T extends TaskRow>(task: T, now: Date) {
  type Unit = T['units'][number]['unit'];
  const unitsOf = (role: string): Unit[] =>
    task.units
      .filter((u) => u.role === role)
      .sort((a, b) => a.unit.sortOrder - b.unit.sortOrder)
      .map((u) => u.unit);
  return {
    ...task,
    effectiveStatus: effectiveTaskStatus(task, now),
    deadline: taskDeadline(task),
    leadUnits: unitsOf('LEAD'),
    coordinateUnits: unitsOf('COORDINATE'),
  };
}
