/**
 * The state of a plan's tasks, budgets, obstacles and drafts at a moment, from
 * the state history (StateChange) and the accepted reports. Rows written before
 * the history existed (or by hand in tests) have no history: their state is read
 * back from their own timestamps (decidedAt, forwardedAt, answeredAt, closedAt …).
 */
import type { Db } from '../../db/client.js';
import { deriveTaskState, type AcceptedReportPoint } from '../../domain/task-progress.js';
import { stateAt, stateHistory, type StateRow } from '../../lib/state-history.js';

export type History = Map<string, StateRow[]>;

export async function loadHistories(db: Db, ids: { tasks: string[]; budgets: string[]; obstacles: string[]; drafts: string[] }) {
  const [taskBlocks, budgets, obstacles, drafts] = await Promise.all([
    stateHistory(db, 'TASK_BLOCK', ids.tasks),
    stateHistory(db, 'BUDGET', ids.budgets),
    stateHistory(db, 'OBSTACLE', ids.obstacles),
    stateHistory(db, 'DRAFT', ids.drafts),
  ]);
  return { taskBlocks, budgets, obstacles, drafts };
}
export type Histories = Awaited<ReturnType<typeof loadHistories>>;

/** Status and progress of a task at `at` (see deriveTaskState); blocked as the officer had marked it then. */
export function taskAt(task: { id: string; status: string }, reports: AcceptedReportPoint[], blocks: History, at: Date) {
  const rows = blocks.get(task.id);
  const blocked = rows?.length ? stateAt(rows, at)?.status === 'BLOCKED' : task.status === 'BLOCKED';
  return deriveTaskState(reports, blocked, at);
}

type EstimateRow = { id: string; status: string; approvedVnd: number | null; createdAt: Date; decidedAt: Date | null };

/** A budget estimate at `at`: null before it was submitted; else its status and approved amount then. */
export function budgetAt(e: EstimateRow, history: History, at: Date): { status: string; approvedVnd: number | null } | null {
  if (e.createdAt > at) return null;
  const rows = history.get(e.id);
  if (rows?.length) {
    const row = stateAt(rows, at);
    return row ? { status: row.status, approvedVnd: row.amountVnd } : { status: 'SUBMITTED', approvedVnd: null };
  }
  if (e.status !== 'SUBMITTED' && e.decidedAt && e.decidedAt > at) return { status: 'SUBMITTED', approvedVnd: null };
  return { status: e.status, approvedVnd: e.approvedVnd };
}

type ObstacleRow = { id: string; status: string; createdAt: Date; forwardedAt: Date | null; answeredAt: Date | null; closedAt: Date | null };
const OBSTACLE_STEPS: [string, keyof ObstacleRow][] = [
  ['CLOSED', 'closedAt'],
  ['ANSWERED', 'answeredAt'],
  ['FORWARDED', 'forwardedAt'],
];

/** An obstacle's status at `at`, null before it was raised. */
export function obstacleAt(o: ObstacleRow, history: History, at: Date): string | null {
  if (o.createdAt > at) return null;
  const rows = history.get(o.id);
  if (rows?.length) return stateAt(rows, at)?.status ?? 'OPEN';
  let status = o.status;
  // Step back from today's status while the step was taken after `at`.
  for (const [step, field] of OBSTACLE_STEPS) {
    const when = o[field] as Date | null;
    if (status === step && when && when > at) status = OBSTACLE_STEPS[OBSTACLE_STEPS.findIndex((s) => s[0] === step) + 1]?.[0] ?? 'OPEN';
  }
  return status;
}

/** When an obstacle was closed (history first, else its closedAt; creation when unknown). */
export function obstacleClosedOn(o: ObstacleRow, history: History): Date | null {
  const rows = history.get(o.id);
  if (rows?.length) return rows.filter((r) => r.status === 'CLOSED').at(-1)?.effectiveAt ?? null;
  return o.status === 'CLOSED' ? (o.closedAt ?? o.createdAt) : null;
}

type DraftRow = { id: string; state: string; createdAt: Date; opensAt: Date; answeredAt: Date | null; closedEarlyAt: Date | null };

/** A draft's stored state at `at`; null when it did not exist yet (a draft that had opened by then existed). */
export function draftStateAt(d: DraftRow, history: History, at: Date): string | null {
  const rows = history.get(d.id);
  if (rows?.length) {
    const row = stateAt(rows, at);
    if (row) return row.status;
  }
  const existed = d.createdAt <= at || (d.state !== 'DRAFT' && d.opensAt <= at);
  if (!existed) return null;
  if (rows?.length) return 'DRAFT';
  let state = d.state;
  if (state === 'ANSWERED' && d.answeredAt && d.answeredAt > at) state = d.closedEarlyAt ? 'CLOSED' : 'PUBLISHED';
  if (state === 'CLOSED' && d.closedEarlyAt && d.closedEarlyAt > at) state = 'PUBLISHED';
  return state;
}
