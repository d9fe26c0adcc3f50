/** Budget estimates: a unit submits line items in whole VND; the chairman approves, adjusts or rejects. */
import type { Db, Prisma } from '../../db/client.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { FormError } from '../../lib/validation.js';
import { MAX_VND, type EstimateInput, type LineInput } from './budgets.schemas.js';

/** Amounts are computed here, never taken from the browser. */
export function priceLines(lines: LineInput[]) {
  const priced = lines.map((l, i) => ({ ...l, sortOrder: i + 1, amount: l.quantity * l.unitPrice }));
  priced.forEach((l, i) => {
    if (l.amount > MAX_VND) throw FormError.of(`lines.${i}.unitPrice`, `Thành tiền của dòng ${i + 1} vượt quá ${MAX_VND.toLocaleString('vi-VN')} đồng.`);
  });
  const total = priced.reduce((s, l) => s + l.amount, 0);
  if (total > MAX_VND) throw FormError.of('lines.0.description', `Tổng dự toán vượt quá ${MAX_VND.toLocaleString('vi-VN')} đồng.`);
  return { lines: priced, total };
}

export async function createEstimate(
  db: Db,
  actor: Actor,
  input: { taskId: string; unitId: string; estimate: EstimateInput; lines: LineInput[] },
  now: Date,
): Promise<string> {
  const { lines, total } = priceLines(input.lines);
  return db.$transaction(async (tx) => {
    const row = await tx.budgetEstimate.create({
      data: {
        taskId: input.taskId,
        unitId: input.unitId,
        submittedById: actor.userId,
        title: input.estimate.title,
        legalBasis: input.estimate.legalBasis,
        requestedVnd: total,
        createdAt: now,
        lines: { create: lines },
      },
    });
    await audit(tx, actor, {
      action: 'budget.submit',
      entityType: 'BudgetEstimate',
      entityId: row.id,
      after: { ...input.estimate, taskId: input.taskId, unitId: input.unitId, requestedVnd: total, lines },
    });
    return row.id;
  });
}

const DETAIL_INCLUDE = {
  task: { select: { id: true, ordinal: true, content: true, planId: true } },
  unit: { select: { id: true, name: true } },
  submittedBy: { select: { fullName: true } },
  decidedBy: { select: { fullName: true } },
  lines: { orderBy: { sortOrder: 'asc' as const } },
} satisfies Prisma.BudgetEstimateInclude;

export type EstimateDetail = NonNullable<Awaited<ReturnType<typeof findEstimate>>>;

function findEstimate(db: Db, wardId: string, id: string) {
  return db.budgetEstimate.findFirst({ where: { id, task: { plan: { wardId } } }, include: DETAIL_INCLUDE });
}

/** A unit official reads their own unit's estimates; the other roles read all of the ward's. */
export async function getEstimate(db: Db, user: CurrentUser, id: string): Promise<EstimateDetail> {
  const row = await findEstimate(db, user.wardId, id);
  if (!row) throw AppError.notFound('Không tìm thấy dự toán.');
  if (user.role === 'UNIT' && row.unitId !== user.unitId) throw AppError.forbidden('Bạn chỉ xem được dự toán của đơn vị mình.');
  return row;
}

export async function decideEstimate(
  db: Db,
  actor: Actor,
  estimate: EstimateDetail,
  input: { decision: 'APPROVE' | 'ADJUST' | 'REJECT'; approvedVnd: number | null; decisionNote: string },
  now: Date,
) {
  const status = input.decision === 'APPROVE' ? 'APPROVED' : input.decision === 'ADJUST' ? 'ADJUSTED' : 'REJECTED';
  const approvedVnd = input.decision === 'APPROVE' ? estimate.requestedVnd : input.decision === 'ADJUST' ? input.approvedVnd : null;
  await db.$transaction(async (tx) => {
    const changed = await tx.budgetEstimate.updateMany({
      where: { id: estimate.id, status: 'SUBMITTED' },
      data: { status, approvedVnd, decisionNote: input.decisionNote, decidedById: actor.userId, decidedAt: now },
    });
    if (changed.count !== 1) throw AppError.conflict('Dự toán này đã có ý kiến phê duyệt, không thể quyết định lại.');
    await audit(tx, actor, {
      action: `budget.${input.decision.toLowerCase()}`,
      entityType: 'BudgetEstimate',
      entityId: estimate.id,
      before: { status: estimate.status, approvedVnd: estimate.approvedVnd },
      after: { status, approvedVnd, decisionNote: input.decisionNote },
    });
  });
}

type Totals = { count: number; requestedVnd: number; approvedVnd: number };
const add = (t: Totals, e: { requestedVnd: number; approvedVnd: number | null }) => {
  t.count += 1;
  t.requestedVnd += e.requestedVnd;
  t.approvedVnd += e.approvedVnd ?? 0;
};

/** The list page: estimates with totals per task and per plan (requested vs approved). */
export async function listEstimates(db: Db, user: CurrentUser, opts: { taskId?: string }) {
  const where: Prisma.BudgetEstimateWhereInput = { task: { plan: { wardId: user.wardId } } };
  if (opts.taskId) where.taskId = opts.taskId;
  if (user.role === 'UNIT') where.unitId = user.unitId ?? '__none__';
  const rows = await db.budgetEstimate.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }],
    include: {
      unit: { select: { name: true } },
      task: { select: { id: true, ordinal: true, planId: true, plan: { select: { id: true, title: true, year: true, number: true, symbol: true } } } },
    },
  });
  const plans = new Map<string, { plan: (typeof rows)[number]['task']['plan']; totals: Totals; tasks: Map<string, { ordinal: number; id: string; totals: Totals }> }>();
  for (const r of rows) {
    let p = plans.get(r.task.planId);
    if (!p) plans.set(r.task.planId, (p = { plan: r.task.plan, totals: { count: 0, requestedVnd: 0, approvedVnd: 0 }, tasks: new Map() }));
    let t = p.tasks.get(r.taskId);
    if (!t) p.tasks.set(r.taskId, (t = { ordinal: r.task.ordinal, id: r.taskId, totals: { count: 0, requestedVnd: 0, approvedVnd: 0 } }));
    add(p.totals, r);
    add(t.totals, r);
  }
  const summary = [...plans.values()].map((p) => ({ ...p, tasks: [...p.tasks.values()].sort((a, b) => a.ordinal - b.ordinal) }));
  return { rows, summary };
}
