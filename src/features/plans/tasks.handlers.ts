import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { ALLOWED_TYPES_TEXT, checkUploads, FILE_TYPE_GROUPS, sendStoredFile, uploadedFiles } from '../../lib/uploads.js';
import { formatBytes } from '../../lib/format.js';
import { attemptForm, type FormErrors, singleError, validateForm } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { canEditPlans } from './plans.handlers.js';
import { maySubmitForTask } from './task-access.js';
import { taskPlan } from './planned.service.js';
import { taskSchema, triggerSchema } from './plans.schemas.js';
import { loadOfficerPlan } from './plans.service.js';
import * as tasks from './tasks.service.js';
import { checkTriggerDates, findTriggerFile, recordTrigger } from './triggers.service.js';
import { routeParam } from '../../lib/request.js';

export function taskHandlers(ctx: AppContext) {
  async function renderTaskForm(
    req: Request,
    res: Response,
    status: number,
    data: { plan: { id: string; title: string; year: number }; taskId?: string; values: Record<string, unknown>; errors: FormErrors | null },
  ) {
    const user = currentUser(req);
    const chosen = [...toList(data.values.leadUnitIds), ...toList(data.values.coordinateUnitIds)];
    const groups = await tasks.unitGroups(ctx.db, user.wardId, chosen);
    res.status(status).render('plans/task-form', {
      title: data.taskId ? 'Sửa nhiệm vụ' : 'Thêm nhiệm vụ',
      breadcrumbs: [
        { href: '/can-bo/ke-hoach', label: 'Kế hoạch' },
        { href: `/can-bo/ke-hoach/${data.plan.id}`, label: `Kế hoạch năm ${data.plan.year}` },
        ...(data.taskId ? [{ href: `/can-bo/nhiem-vu/${data.taskId}`, label: 'Nhiệm vụ' }] : []),
      ],
      groups,
      action: data.taskId ? `/can-bo/nhiem-vu/${data.taskId}/sua` : `/can-bo/ke-hoach/${data.plan.id}/nhiem-vu/moi`,
      ...data,
      taskId: data.taskId ?? null,
    });
  }

  async function saveTask(req: Request, res: Response, plan: { id: string; title: string; year: number }, taskId?: string) {
    const values = { ...req.body, leadUnitIds: toList(req.body.leadUnitIds), coordinateUnitIds: toList(req.body.coordinateUnitIds) };
    const result = validateForm(taskSchema, req.body);
    if (!result.ok) return renderTaskForm(req, res, 400, { plan, taskId, values, errors: result.errors });
    const saved = await attemptForm(async () => {
      if (!taskId) return (await tasks.createTask(ctx.db, actorOf(req), plan.id, result.data, ctx.now())).id;
      await tasks.updateTask(ctx.db, actorOf(req), taskId, result.data, ctx.now());
      return taskId;
    });
    if (!saved.ok) return renderTaskForm(req, res, 400, { plan, taskId, values, errors: saved.errors });
    req.flash('success', taskId ? 'Đã lưu nhiệm vụ.' : 'Đã thêm nhiệm vụ.');
    return res.redirect(303, `/can-bo/nhiem-vu/${saved.data}`);
  }

  async function renderTriggerForm(req: Request, res: Response, status: number, values: Record<string, unknown>, errors: FormErrors | null) {
    const user = currentUser(req);
    const task = await tasks.loadTask(ctx.db, user.wardId, routeParam(req, 'taskId'), ctx.now());
    if (task.timeframeKind !== 'TRIGGERED') {
      throw AppError.badRequest('Nhiệm vụ này không thực hiện theo văn bản kích hoạt.');
    }
    res.status(status).render('plans/trigger-form', {
      title: 'Ghi nhận văn bản kích hoạt',
      breadcrumbs: [
        { href: '/can-bo/ke-hoach', label: 'Kế hoạch' },
        { href: `/can-bo/ke-hoach/${task.plan.id}`, label: `Kế hoạch năm ${task.plan.year}` },
        { href: `/can-bo/nhiem-vu/${task.id}`, label: `Nhiệm vụ ${task.ordinal}` },
      ],
      task,
      values,
      errors,
      allowedTypes: ALLOWED_TYPES_TEXT,
      maxSize: formatBytes(ctx.config.maxUploadBytes),
    });
  }

  return {
    async show(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await tasks.loadTask(ctx.db, user.wardId, routeParam(req, 'taskId'), ctx.now());
      const counts = await tasks.taskCounts(ctx.db, task.id);
      const unitPlan = await taskPlan(ctx.db, task.id, ctx.now());
      res.render('plans/task-show', {
        title: `Nhiệm vụ ${task.ordinal}`,
        breadcrumbs: [
          { href: '/can-bo', label: 'Trang cán bộ' },
          { href: '/can-bo/ke-hoach', label: 'Kế hoạch' },
          { href: `/can-bo/ke-hoach/${task.plan.id}`, label: `Kế hoạch năm ${task.plan.year}` },
        ],
        task,
        counts,
        canEdit: canEditPlans(req),
        // Reports, budget estimates, obstacles and off-line comments share one rule (and the routes check it).
        maySubmit: maySubmitForTask(user, task),
        unitPlan,
      });
    },

    async newForm(req: Request, res: Response) {
      const user = currentUser(req);
      const plan = await loadOfficerPlan(ctx.db, user.wardId, routeParam(req, 'planId'));
      const next = await tasks.nextOrdinal(ctx.db, plan.id);
      await renderTaskForm(req, res, 200, { plan, values: tasks.newTaskValues(next, plan.year), errors: null });
    },

    async create(req: Request, res: Response) {
      const user = currentUser(req);
      const plan = await loadOfficerPlan(ctx.db, user.wardId, routeParam(req, 'planId'));
      await saveTask(req, res, plan);
    },

    async editForm(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await tasks.loadTask(ctx.db, user.wardId, routeParam(req, 'taskId'), ctx.now());
      await renderTaskForm(req, res, 200, { plan: task.plan, taskId: task.id, values: tasks.taskFormValues(task), errors: null });
    },

    async update(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await tasks.loadTask(ctx.db, user.wardId, routeParam(req, 'taskId'), ctx.now());
      await saveTask(req, res, task.plan, task.id);
    },

    async triggerForm(req: Request, res: Response) {
      await renderTriggerForm(req, res, 200, {}, null);
    },

    async recordTrigger(req: Request, res: Response) {
      const values = { ...req.body };
      if (req.uploadError) return renderTriggerForm(req, res, 400, values, singleError('files', req.uploadError));
      const result = validateForm(triggerSchema, req.body);
      if (!result.ok) return renderTriggerForm(req, res, 400, values, result.errors);
      const checked = await checkUploads(uploadedFiles(req), FILE_TYPE_GROUPS.documents);
      if (!checked.ok) return renderTriggerForm(req, res, 400, values, singleError('files', checked.refusal.message));
      const saved = await attemptForm(() => {
        checkTriggerDates(result.data, ctx.now());
        return recordTrigger(ctx.db, ctx.files, actorOf(req), routeParam(req, 'taskId'), result.data, checked.uploads);
      });
      if (!saved.ok) return renderTriggerForm(req, res, 400, values, saved.errors);
      req.flash('success', 'Đã ghi nhận văn bản kích hoạt; thời hạn thực hiện nhiệm vụ được tính từ ngày nhận văn bản.');
      res.redirect(303, `/can-bo/nhiem-vu/${routeParam(req, 'taskId')}`);
    },

    async downloadTriggerFile(req: Request, res: Response) {
      const user = currentUser(req);
      const file = await findTriggerFile(ctx.db, user.wardId, routeParam(req, 'fileId'));
      await sendStoredFile(res, ctx.files, file);
    },
  };
}

function toList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}
