import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { CHANNEL_LABELS, CHANNELS } from '../../domain/enums.js';
import { attemptForm, type FormErrors, validateForm } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { actingUnitId, assertMaySubmitForTask, loadTaskForWard, maySubmitForTask, taskUnitOptions } from './task-access.js';
import { plannedSchema } from './planned.schemas.js';
import { addPlanned, taskPlan, unitEstimates } from './planned.service.js';

const EMPTY = { title: '', when: '', channel: '', audience: '', expectedReach: '0', estimatedCostVnd: '0', budgetEstimateId: '', unitId: '' };

export function plannedHandlers(ctx: AppContext) {
  async function render(req: Request, res: Response, status: number, values: Record<string, string>, errors: FormErrors | null) {
    const user = currentUser(req);
    const task = await loadTaskForWard(ctx.db, user.wardId, String(req.params.taskId));
    const plan = await taskPlan(ctx.db, task.id, ctx.now());
    const mayAdd = maySubmitForTask(user, task);
    const units = taskUnitOptions(task);
    const estimates =
      user.role === 'UNIT' && user.unitId
        ? await unitEstimates(ctx.db, task.id, user.unitId)
        : await ctx.db.budgetEstimate.findMany({ where: { taskId: task.id }, select: { id: true, title: true } });
    res.status(status).render('plans/planned', {
      title: `Kế hoạch cụ thể – Nhiệm vụ ${task.ordinal}`,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: `/can-bo/nhiem-vu/${task.id}`, label: `Nhiệm vụ ${task.ordinal}` },
      ],
      task,
      plan,
      mayAdd,
      chooseUnit: user.role !== 'UNIT',
      unitOptions: [{ value: '', label: '— Chọn đơn vị —' }, ...units.map((u) => ({ value: u.id, label: u.name }))],
      channelOptions: [{ value: '', label: '— Chọn kênh —' }, ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))],
      estimateOptions: [{ value: '', label: '— Không gắn với dự toán —' }, ...estimates.map((e) => ({ value: e.id, label: e.title }))],
      values,
      errors,
    });
  }

  return {
    async show(req: Request, res: Response) {
      await render(req, res, 200, EMPTY, null);
    },

    async add(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await loadTaskForWard(ctx.db, user.wardId, String(req.params.taskId));
      assertMaySubmitForTask(user, task);
      const b = req.body ?? {};
      const values = Object.fromEntries(Object.keys(EMPTY).map((k) => [k, typeof b[k] === 'string' ? b[k] : ''])) as Record<string, string>;
      const result = validateForm(plannedSchema, b);
      if (!result.ok) return render(req, res, 400, values, result.errors);
      const saved = await attemptForm(() => addPlanned(ctx.db, actorOf(req), task.id, actingUnitId(user, task, b.unitId), result.data));
      if (!saved.ok) return render(req, res, 400, values, saved.errors);
      req.flash('success', 'Đã thêm hoạt động vào kế hoạch cụ thể của đơn vị.');
      res.redirect(303, `/can-bo/nhiem-vu/${task.id}/ke-hoach-cu-the`);
    },
  };
}
