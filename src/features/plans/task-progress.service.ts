/**
 * Keeps Task.status and Task.progressPercent equal to deriveTaskState over the
 * task's accepted reports and its blocked flag, and records each change in the
 * state history. Called inside the transaction of whatever changed them.
 */
import type { Tx } from '../../db/client.js';
import { deriveTaskState } from '../../domain/task-progress.js';
import { audit, type Actor } from '../../lib/audit.js';
import { recordState } from '../../lib/state-history.js';

export async function acceptedReportPoints(tx: Tx, taskId: string) {
  return tx.progressReport.findMany({
    where: { taskId, status: 'ACCEPTED' },
    select: { reportedOn: true, reviewedAt: true, createdAt: true, progressPercent: true },
  });
}

/**
 * Recomputes the task after a change. `effectiveAt` is when the change took
 * effect: the date of the report accepted or withdrawn, or the moment an officer
 * marked the task blocked. `blocked` changes the officer's flag when given.
 */
export async function syncTaskState(
  tx: Tx,
  actor: Actor | null,
  taskId: string,
  opts: { effectiveAt: Date; now: Date; blocked?: boolean; blockedReason?: string; cause: string },
) {
  const task = await tx.task.findUniqueOrThrow({
    where: { id: taskId },
    select: { id: true, status: true, progressPercent: true, blockedReason: true, plan: { select: { wardId: true } } },
  });
  const blocked = opts.blocked ?? task.status === 'BLOCKED';
  const wardId = task.plan.wardId;
  if (opts.blocked !== undefined && opts.blocked !== (task.status === 'BLOCKED')) {
    await recordState(tx, {
      wardId,
      kind: 'TASK_BLOCK',
      entityId: taskId,
      status: blocked ? 'BLOCKED' : 'UNBLOCKED',
      note: opts.blockedReason ?? '',
      effectiveAt: opts.effectiveAt,
      recordedAt: opts.now,
      recordedById: actor?.userId,
    });
  }
  const next = deriveTaskState(await acceptedReportPoints(tx, taskId), blocked);
  const blockedReason = next.status === 'BLOCKED' ? (opts.blockedReason ?? task.blockedReason) : '';
  if (next.status === task.status && next.progressPercent === task.progressPercent && blockedReason === task.blockedReason) return next;
  await tx.task.update({ where: { id: taskId }, data: { status: next.status, progressPercent: next.progressPercent, blockedReason } });
  await recordState(tx, {
    wardId,
    kind: 'TASK',
    entityId: taskId,
    status: next.status,
    progressPercent: next.progressPercent,
    effectiveAt: opts.effectiveAt,
    recordedAt: opts.now,
    recordedById: actor?.userId,
  });
  if (actor) {
    await audit(tx, actor, {
      action: 'task.progress',
      entityType: 'Task',
      entityId: taskId,
      before: { status: task.status, progressPercent: task.progressPercent },
      after: { ...next, cause: opts.cause },
    });
  }
  return next;
}
