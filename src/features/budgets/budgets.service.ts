/** Budget estimates: a unit submits line items in whole VND; the chairman approves, adjusts or rejects. */
import type { Db, Prisma } from '../../db/client.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { formatVnd } from '../../lib/format.js';
import { recordState, stateHistory } from '../../lib/state-history.js';
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
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'BUDGET',
      entityId: row.id,
      status: 'SUBMITTED',
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
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

/**
 * The chairman's decision, or (with `correctionReason`) a later correction of it.
 * Approval with adjustment cannot exceed the request. Every decision and
 * correction is appended to the state history (with the reason) and audited, so
 * the earlier decisions stay readable and a past period keeps the amounts decided then.
 */
export async function decideEstimate(
  db: Db,
  actor: Actor,
  estimate: EstimateDetail,
  input: { decision: 'APPROVE' | 'ADJUST' | 'REJECT'; approvedVnd: number | null; decisionNote: string; correctionReason?: string },
  now: Date,
) {
  const status = input.decision === 'APPROVE' ? 'APPROVED' : input.decision === 'ADJUST' ? 'ADJUSTED' : 'REJECTED';
  const approvedVnd = input.decision === 'APPROVE' ? estimate.requestedVnd : input.decision === 'ADJUST' ? input.approvedVnd : null;
  if (approvedVnd !== null && approvedVnd > estimate.requestedVnd) {
    throw FormError.of('approvedVnd', `Số kinh phí được duyệt không được vượt số kinh phí đề nghị (${formatVnd(estimate.requestedVnd)}).`);
  }
  const correcting = input.correctionReason !== undefined;
  await db.$transaction(async (tx) => {
    const changed = await tx.budgetEstimate.updateMany({
      where: correcting ? { id: estimate.id, status: { not: 'SUBMITTED' }, decidedAt: estimate.decidedAt } : { id: estimate.id, status: 'SUBMITTED' },
      data: { status, approvedVnd, decisionNote: input.decisionNote, decidedById: actor.userId, decidedAt: now },
    });
    if (changed.count !== 1) {
      throw AppError.conflict(
        correcting
          ? 'Quyết định của dự toán này vừa thay đổi hoặc chưa có quyết định để sửa. Vui lòng tải lại trang.'
          : 'Dự toán này đã có ý kiến phê duyệt, không thể quyết định lại. Muốn thay đổi, hãy dùng “Sửa quyết định” và nêu lý do.',
      );
    }
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'BUDGET',
      entityId: estimate.id,
      status,
      amountVnd: approvedVnd,
      note: input.correctionReason ?? input.decisionNote,
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
    });
    await audit(tx, actor, {
      action: correcting ? 'budget.correct' : `budget.${input.decision.toLowerCase()}`,
      entityType: 'BudgetEstimate',
      entityId: estimate.id,
      before: { status: estimate.status, approvedVnd: estimate.approvedVnd, decisionNote: estimate.decisionNote },
      after: { status, approvedVnd, decisionNote: input.decisionNote, ...(correcting ? { correctionReason: input.correctionReason } : {}) },
    });
  });
}

/** The estimate's decisions and corrections, oldest first, with who made them. */
export async function decisionHistory(db: Db, estimateId: string) {
  const rows = (await stateHistory(db, 'BUDGET', [estimateId])).get(estimateId) ?? [];
  const ids = [...new Set(rows.map((r) => r.recordedById).filter((x): x is string => !!x))];
  const users = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, fullName: true } })).map((u) => [u.id, u.fullName]));
  return rows.map((r, i) => ({
    ...r,
    correction: rows.slice(0, i).some((p) => p.status !== 'SUBMITTED'),
    by: r.recordedById ? (users.get(r.recordedById) ?? '') : '',
  }));
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
  const plans = new Map<
    string,
    { plan: (typeof rows)[number]['task']['plan']; totals: Totals; tasks: Map<string, { ordinal: number; id: string; totals: Totals }> }
  >();
  for (const r of rows) {
    let p = plans.get(r.task.planId);
    if (!p) {
      p = { plan: r.task.plan, totals: { count: 0, requestedVnd: 0, approvedVnd: 0 }, tasks: new Map() };
      plans.set(r.task.planId, p);
    }
    let t = p.tasks.get(r.taskId);
    if (!t) {
      t = { ordinal: r.task.ordinal, id: r.taskId, totals: { count: 0, requestedVnd: 0, approvedVnd: 0 } };
      p.tasks.set(r.taskId, t);
    }
    add(p.totals, r);
    add(t.totals, r);
  }
  const summary = [...plans.values()].map((p) => ({ ...p, tasks: [...p.tasks.values()].sort((a, b) => a.ordinal - b.ordinal) }));
  return { rows, summary };
}
