import type { Db, Tx } from '../../db/client.js';
import { UNRESOLVED_OBSTACLE_STATUSES } from '../../domain/figures.js';
import { UNIT_KINDS, UNIT_KIND_LABELS, type UnitKind } from '../../domain/enums.js';
import { type Actor, audit } from '../../lib/audit.js';
import { AppError } from '../../lib/app-error.js';
import { dayjs, TIME_ZONE, toInputDate } from '../../lib/format.js';
import { FormError, toFormErrors } from '../../lib/validation.js';
import type { TaskInput } from './plans.schemas.js';
import { presentTask } from '../../domain/task-status.js';
import { syncTaskState } from './task-progress.service.js';
import { loadTaskForWard } from './task-access.js';

/** A task of a plan of the officer's ward, with everything its page shows. */
export async function loadTask(db: Db, wardId: string, taskId: string, now: Date) {
  const task = await loadTaskForWard(db, wardId, taskId);
  const [triggers, drafts] = await Promise.all([
    db.taskTrigger.findMany({
      where: { taskId: task.id },
      orderBy: { receivedOn: 'asc' },
      include: { files: { orderBy: { createdAt: 'asc' } }, recordedBy: { select: { fullName: true } } },
    }),
    // Drafts consulted for this task: its units record comments received off-line on them.
    db.draft.findMany({ where: { taskId: task.id, state: { not: 'DRAFT' } }, orderBy: { opensAt: 'asc' }, select: { id: true, title: true } }),
  ]);
  return presentTask({ ...task, triggers, drafts }, now);
}

/** How many reports, budgets and obstacles the task has (those pages belong to the work feature). */
export async function taskCounts(db: Db, taskId: string) {
  const [reports, budgets, obstacles, unresolvedObstacles] = await Promise.all([
    db.progressReport.count({ where: { taskId } }),
    db.budgetEstimate.count({ where: { taskId } }),
    db.obstacle.count({ where: { taskId } }),
    db.obstacle.count({ where: { taskId, status: { in: [...UNRESOLVED_OBSTACLE_STATUSES] } } }),
  ]);
  return { reports, budgets, obstacles, unresolvedObstacles };
}

export type UnitGroup = { kind: UnitKind; label: string; units: { id: string; name: string; active: boolean }[] };

/** The ward's units grouped by kind for the checkboxes; inactive units only when already chosen. */
export async function unitGroups(db: Db, wardId: string, keepIds: string[] = []): Promise<UnitGroup[]> {
  const units = await db.unit.findMany({
    where: { wardId, OR: [{ active: true }, { id: { in: keepIds } }] },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    select: { id: true, name: true, kind: true, active: true },
  });
  return UNIT_KINDS.map((kind) => ({ kind, label: UNIT_KIND_LABELS[kind], units: units.filter((u) => u.kind === kind) })).filter((g) => g.units.length > 0);
}

export function newTaskValues(nextOrdinal: number, year: number) {
  return { ordinal: String(nextOrdinal), timeframeKind: 'DATE_RANGE', status: 'AUTO', ongoingYear: String(year), leadUnitIds: [], coordinateUnitIds: [] };
}

export function taskFormValues(task: Awaited<ReturnType<typeof loadTask>>) {
  const year = task.dueOn ? dayjs(task.dueOn).tz(TIME_ZONE).year() : task.plan.year;
  return {
    ordinal: String(task.ordinal),
    content: task.content,
    leadNote: task.leadNote,
    coordinationNote: task.coordinationNote,
    leadUnitIds: task.leadUnits.map((u) => u.id),
    coordinateUnitIds: task.coordinateUnits.map((u) => u.id),
    timeframeKind: task.timeframeKind,
    timeframeText: task.timeframeText,
    rangeStart: task.timeframeKind === 'DATE_RANGE' ? toInputDate(task.startsOn) : '',
    rangeDue: task.timeframeKind === 'DATE_RANGE' ? toInputDate(task.dueOn) : '',
    ongoingYear: String(year),
    triggerDays: task.triggerDays === null ? '' : String(task.triggerDays),
    triggerBound: task.timeframeKind === 'TRIGGERED' ? toInputDate(task.dueOn) : '',
    status: task.status === 'BLOCKED' ? 'BLOCKED' : 'AUTO',
    blockedReason: task.blockedReason,
  };
}

async function checkRules(tx: Tx, wardId: string, planId: string, input: TaskInput, exceptTaskId?: string) {
  const clash = await tx.task.findFirst({
    where: { planId, ordinal: input.ordinal, ...(exceptTaskId ? { id: { not: exceptTaskId } } : {}) },
    select: { id: true },
  });
  const issues: { path: string[]; message: string }[] = [];
  if (clash) issues.push({ path: ['ordinal'], message: `Kế hoạch đã có nhiệm vụ số ${input.ordinal}. Vui lòng chọn số thứ tự khác.` });
  const ids = [...new Set([...input.leadUnitIds, ...input.coordinateUnitIds])];
  const found = await tx.unit.count({ where: { wardId, id: { in: ids } } });
  if (found !== ids.length) issues.push({ path: ['leadUnitIds'], message: 'Có đơn vị được chọn không thuộc phường. Vui lòng chọn lại.' });
  if (issues.length) throw new FormError(toFormErrors(issues));
}

/** The fields an officer edits; status, progress and the blocked reason go through syncTaskState. */
function taskData(input: TaskInput) {
  const { leadUnitIds: _l, coordinateUnitIds: _c, blocked: _b, blockedReason: _r, ...fields } = input;
  return fields;
}

async function applyBlocked(tx: Tx, actor: Actor, taskId: string, input: TaskInput, now: Date) {
  const next = await syncTaskState(tx, actor, taskId, {
    effectiveAt: now,
    now,
    blocked: input.blocked,
    blockedReason: input.blockedReason,
    cause: 'task.form',
  });
  if (input.blocked && next.status === 'DONE') {
    throw FormError.of('status', 'Nhiệm vụ đã hoàn thành (100%) theo báo cáo tiến độ được chấp nhận nên không thể ghi “Vướng mắc”.');
  }
}

async function writeUnits(tx: Tx, taskId: string, input: TaskInput) {
  await tx.taskUnit.deleteMany({ where: { taskId } });
  await tx.taskUnit.createMany({
    data: [
      ...input.leadUnitIds.map((unitId) => ({ taskId, unitId, role: 'LEAD' })),
      ...input.coordinateUnitIds.map((unitId) => ({ taskId, unitId, role: 'COORDINATE' })),
    ],
  });
}

async function snapshot(tx: Tx, taskId: string) {
  return tx.task.findUniqueOrThrow({
    where: { id: taskId },
    include: { units: { select: { unitId: true, role: true }, orderBy: [{ role: 'asc' }, { unitId: 'asc' }] } },
  });
}

export async function createTask(db: Db, actor: Actor, planId: string, input: TaskInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const plan = await tx.plan.findFirst({ where: { id: planId, wardId: actor.wardId }, select: { id: true } });
    if (!plan) throw AppError.notFound('Không tìm thấy kế hoạch.');
    await checkRules(tx, actor.wardId, planId, input);
    const task = await tx.task.create({ data: { ...taskData(input), planId } });
    await writeUnits(tx, task.id, input);
    await applyBlocked(tx, actor, task.id, input, now);
    await audit(tx, actor, { action: 'task.create', entityType: 'Task', entityId: task.id, after: await snapshot(tx, task.id) });
    return task;
  });
}

export async function updateTask(db: Db, actor: Actor, taskId: string, input: TaskInput, now = new Date()) {
  return db.$transaction(async (tx) => {
    const task = await loadTaskForWard(tx, actor.wardId, taskId);
    const before = await snapshot(tx, taskId);
    await checkRules(tx, actor.wardId, task.planId, input, taskId);
    await tx.task.update({ where: { id: taskId }, data: taskData(input) });
    await writeUnits(tx, taskId, input);
    await applyBlocked(tx, actor, taskId, input, now);
    await audit(tx, actor, { action: 'task.update', entityType: 'Task', entityId: taskId, before, after: await snapshot(tx, taskId) });
  });
}

export async function nextOrdinal(db: Db, planId: string) {
  const last = await db.task.findFirst({ where: { planId }, orderBy: { ordinal: 'desc' }, select: { ordinal: true } });
  return (last?.ordinal ?? 0) + 1;
}
