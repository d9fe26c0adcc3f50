/**
 * Who may act for which unit on a task. Shared by progress reports and budget
 * estimates: both are submitted by a lead or coordinating unit of the task, or
 * by the Justice officer / administrator on behalf of one of those units.
 */
import type { Tx } from '../../db/client.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { FormError } from '../../lib/validation.js';

export type TaskWithUnits = Awaited<ReturnType<typeof loadTaskForWard>>;

/**
 * The task with its plan and units, only if it belongs to the officer's ward: the one
 * task-in-ward lookup (the task page, reports, budgets, obstacles, triggers, drafts).
 * A task of another ward is as unknown as one that does not exist: a 404, or
 * `notFound()` where a form names the task and the answer is a message on the field.
 */
export async function loadTaskForWard(db: Tx, wardId: string, taskId: string, notFound: () => Error = () => AppError.notFound('Không tìm thấy nhiệm vụ.')) {
  const task = await db.task.findFirst({
    where: { id: taskId, plan: { wardId } },
    include: {
      plan: { select: { id: true, title: true, year: true, number: true, symbol: true, published: true } },
      units: { include: { unit: { select: { id: true, name: true, shortName: true, kind: true, sortOrder: true } } } },
    },
  });
  if (!task) throw notFound();
  return task;
}

/** The units that may report on the task (lead first), without duplicates. */
export function taskUnitOptions(task: TaskWithUnits): { id: string; name: string; role: string }[] {
  const seen = new Set<string>();
  const rows = [...task.units].sort((a, b) => (a.role === b.role ? a.unit.sortOrder - b.unit.sortOrder : a.role === 'LEAD' ? -1 : 1));
  const out: { id: string; name: string; role: string }[] = [];
  for (const r of rows) {
    if (seen.has(r.unitId)) continue;
    seen.add(r.unitId);
    out.push({ id: r.unitId, name: r.unit.name, role: r.role });
  }
  return out;
}

export function isTaskUnit(task: { units: { unitId: string }[] }, unitId: string | null): boolean {
  return !!unitId && task.units.some((u) => u.unitId === unitId);
}

/**
 * UNIT officials of a lead/coordinating unit, the Justice officer and the administrator.
 * The task page renders its action buttons from this same rule, so no button leads to a 403.
 */
export function maySubmitForTask(user: Pick<CurrentUser, 'role' | 'unitId'>, task: { units: { unitId: string }[] }): boolean {
  if (user.role === 'JUSTICE' || user.role === 'ADMIN') return true;
  return user.role === 'UNIT' && isTaskUnit(task, user.unitId);
}

export function assertMaySubmitForTask(user: CurrentUser, task: TaskWithUnits) {
  if (maySubmitForTask(user, task)) return;
  throw AppError.forbidden('Chỉ đơn vị chủ trì hoặc phối hợp thực hiện nhiệm vụ này mới được gửi.');
}

/** The unit a submission is made for: the official's own unit, or the one the Justice officer chose. */
export function actingUnitId(user: CurrentUser, task: TaskWithUnits, chosen: unknown): string {
  if (user.role === 'UNIT') {
    if (!user.unitId || !isTaskUnit(task, user.unitId)) throw AppError.forbidden();
    return user.unitId;
  }
  const id = typeof chosen === 'string' ? chosen : '';
  if (!isTaskUnit(task, id)) throw FormError.of('unitId', 'Vui lòng chọn đơn vị chủ trì hoặc phối hợp thực hiện nhiệm vụ.');
  return id;
}

/** "Nhiệm vụ 2" with the plan's short name, for headings and breadcrumbs. */
export function taskLabel(task: { ordinal: number }): string {
  return `Nhiệm vụ ${task.ordinal}`;
}

/** The task a list is narrowed to (`?nhiem-vu=<id>` on the reports, estimates and obstacles lists and forms), or ''. */
export function taskIdFromQuery(req: { query: Record<string, unknown> }): string {
  const id = req.query['nhiem-vu'];
  return typeof id === 'string' ? id : '';
}
