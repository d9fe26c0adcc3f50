/**
 * A plan's state, read once from the database, and what it was at a given moment (as-of.ts):
 * the base of every figure (plan-figures.ts) and of the month-by-month trend.
 */
import type { Db, Prisma } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { isUnresolvedObstacle } from '../../domain/figures.js';
import { presentTask } from '../../domain/task-status.js';
import { loadHistories, obstacleAt, taskAt } from './as-of.js';

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
