import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { attemptForm, toFormErrors, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser, type CurrentUser } from '../../middleware/auth.js';
import { validateRows } from '../../lib/form-rows.js';
import { actingUnitId, assertMaySubmitForTask, loadTaskForWard, taskUnitOptions, type TaskWithUnits, taskIdFromQuery } from '../plans/index.js';
import { LINE_FIELDS, MAX_BUDGET_LINES, correctionSchema, decisionSchema, estimateSchema, lineSchema, type LineInput } from './budgets.schemas.js';
import { createEstimate, decideEstimate, decisionHistory, getEstimate, listEstimates, priceLines, type EstimateDetail } from './budgets.service.js';

type Issue = { path: PropertyKey[]; message: string };
type FormValues = { unitId: string; title: string; legalBasis: string; lines: Record<string, string>[] };

const lineCount = (filled: number, extra = 0) => Math.min(MAX_BUDGET_LINES, Math.max(4, filled + extra));

export function budgetsHandlers(ctx: AppContext) {
  function renderForm(
    res: Response,
    status: number,
    o: { task: TaskWithUnits; user: CurrentUser; values: FormValues; errors: FormErrors | null; rows: number },
  ) {
    res.status(status).render('budgets/form', {
      title: 'Lập dự toán kinh phí',
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: `/can-bo/nhiem-vu/${o.task.id}`, label: `Nhiệm vụ ${o.task.ordinal}` },
        { href: `/can-bo/du-toan?nhiem-vu=${o.task.id}`, label: 'Dự toán kinh phí' },
      ],
      task: o.task,
      chooseUnit: o.user.role !== 'UNIT',
      unitOptions: [{ value: '', label: '— Chọn đơn vị —' }, ...taskUnitOptions(o.task).map((u) => ({ value: u.id, label: u.name }))],
      values: o.values,
      errors: o.errors,
      rows: o.rows,
      maxRows: MAX_BUDGET_LINES,
    });
  }

  async function renderShow(
    res: Response,
    status: number,
    user: CurrentUser,
    estimate: EstimateDetail,
    errors: FormErrors | null,
    values: Record<string, string>,
  ) {
    const history = await decisionHistory(ctx.db, estimate.id);
    res.status(status).render('budgets/show', {
      title: `Dự toán: ${estimate.title}`,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: `/can-bo/du-toan?nhiem-vu=${estimate.taskId}`, label: `Dự toán của Nhiệm vụ ${estimate.task.ordinal}` },
      ],
      estimate,
      history,
      mayDecide: user.role === 'CHAIRMAN' && estimate.status === 'SUBMITTED',
      mayCorrect: user.role === 'CHAIRMAN' && estimate.status !== 'SUBMITTED',
      errors,
      values,
    });
  }

  /** The first decision, or a correction of it (which needs a reason); refused input comes back on the same page. */
  async function decideOrCorrect(req: Request, res: Response, correcting: boolean) {
    const user = currentUser(req);
    const estimate = await getEstimate(ctx.db, user, String(req.params.estimateId));
    const b = req.body ?? {};
    const values = {
      decision: String(b.decision ?? ''),
      approvedVnd: String(b.approvedVnd ?? ''),
      decisionNote: String(b.decisionNote ?? ''),
      correctionReason: String(b.correctionReason ?? ''),
    };
    const result = correcting ? validateForm(correctionSchema, b) : validateForm(decisionSchema, b);
    if (!result.ok) return renderShow(res, 400, user, estimate, result.errors, values);
    const decided = await attemptForm(() => decideEstimate(ctx.db, actorOf(req), estimate, result.data, ctx.now()));
    if (!decided.ok) return renderShow(res, 400, user, estimate, decided.errors, values);
    req.flash('success', correcting ? 'Đã sửa quyết định phê duyệt dự toán; quyết định trước vẫn được lưu trong lịch sử.' : 'Đã ghi ý kiến phê duyệt dự toán.');
    res.redirect(303, `/can-bo/du-toan/${estimate.id}`);
  }

  return {
    async list(req: Request, res: Response) {
      const user = currentUser(req);
      const taskId = taskIdFromQuery(req);
      const task = taskId ? await loadTaskForWard(ctx.db, user.wardId, taskId) : null;
      const { rows, summary } = await listEstimates(ctx.db, user, { taskId: task?.id });
      res.render('budgets/index', {
        title: task ? `Dự toán kinh phí – Nhiệm vụ ${task.ordinal}` : 'Dự toán kinh phí',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        task,
        rows,
        summary,
        mayCreate: task
          ? user.role === 'JUSTICE' || user.role === 'ADMIN' || (user.role === 'UNIT' && task.units.some((u) => u.unitId === user.unitId))
          : false,
      });
    },

    async showNew(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await loadTaskForWard(ctx.db, user.wardId, String(req.params.taskId));
      assertMaySubmitForTask(user, task);
      renderForm(res, 200, { task, user, values: { unitId: '', title: '', legalBasis: '', lines: [] }, errors: null, rows: 4 });
    },

    async create(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await loadTaskForWard(ctx.db, user.wardId, String(req.params.taskId));
      assertMaySubmitForTask(user, task);
      const body = req.body ?? {};
      const issues: Issue[] = [];
      let unitId = '';
      const acting = await attemptForm(() => actingUnitId(user, task, body.unitId));
      if (acting.ok) unitId = acting.data;
      else issues.push({ path: ['unitId'], message: acting.errors.summary[0].message });
      const main = validateForm(estimateSchema, body);
      if (!main.ok) for (const s of main.errors.summary) issues.push({ path: [s.field], message: s.message });
      const lines = validateRows('lines', body.lines, LINE_FIELDS, lineSchema);
      issues.push(...lines.issues);
      if (lines.rows.length === 0 && lines.issues.length === 0)
        issues.push({ path: ['lines', 0, 'description'], message: 'Vui lòng nhập ít nhất một dòng dự toán.' });
      const values: FormValues = {
        unitId: String(body.unitId ?? ''),
        title: String(body.title ?? ''),
        legalBasis: String(body.legalBasis ?? ''),
        lines: lines.raw,
      };
      if (body.themDong) return renderForm(res, 200, { task, user, values, errors: null, rows: lineCount(lines.raw.length, 3) });
      if (issues.length === 0) {
        const priced = await attemptForm(() => priceLines(lines.rows as LineInput[]));
        if (!priced.ok) issues.push(...priced.errors.summary.map((s) => ({ path: [s.field], message: s.message })));
      }
      if (issues.length || !main.ok) return renderForm(res, 400, { task, user, values, errors: toFormErrors(issues), rows: lineCount(lines.raw.length) });
      const id = await createEstimate(ctx.db, actorOf(req), { taskId: task.id, unitId, estimate: main.data, lines: lines.rows as LineInput[] }, ctx.now());
      req.flash('success', 'Đã gửi dự toán kinh phí trình Chủ tịch UBND phường phê duyệt.');
      res.redirect(303, `/can-bo/du-toan/${id}`);
    },

    async show(req: Request, res: Response) {
      const user = currentUser(req);
      const estimate = await getEstimate(ctx.db, user, String(req.params.estimateId));
      await renderShow(res, 200, user, estimate, null, {});
    },

    async decide(req: Request, res: Response) {
      await decideOrCorrect(req, res, false);
    },

    async correct(req: Request, res: Response) {
      await decideOrCorrect(req, res, true);
    },
  };
}
