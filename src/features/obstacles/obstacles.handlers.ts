import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { checkUploads, type CheckedUpload, sendStoredFile, uploadedFiles } from '../../lib/uploads.js';
import { formatBytes } from '../../lib/format.js';
import { attemptForm, singleError, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser, type CurrentUser } from '../../middleware/auth.js';
import { loadTaskForWard, taskIdFromQuery } from '../plans/index.js';
import { answerSchema, forwardSchema, MAX_OBSTACLE_FILES, OBSTACLE_FILE_TYPES, OBSTACLE_FILE_TYPES_TEXT, obstacleSchema } from './obstacles.schemas.js';
import {
  answerObstacle,
  closeObstacle,
  findObstacleFile,
  forwardObstacle,
  getObstacle,
  listObstacles,
  mayClose,
  obstacleFormOptions,
  raiseObstacle,
  type ObstacleDetail,
} from './obstacles.service.js';

const crumbs = [
  { href: '/can-bo', label: 'Trang cán bộ' },
  { href: '/can-bo/kho-khan', label: 'Khó khăn, vướng mắc' },
];

export function obstaclesHandlers(ctx: AppContext) {
  async function renderForm(res: Response, status: number, user: CurrentUser, values: Record<string, string>, errors: FormErrors | null) {
    const { plans, units } = await obstacleFormOptions(ctx.db, user.wardId);
    const taskOptions = [{ value: '', label: '— Không gắn với nhiệm vụ cụ thể —' }];
    for (const p of plans)
      for (const t of p.tasks)
        taskOptions.push({
          value: t.id,
          label: `${plans.length > 1 ? `KH năm ${p.year} – ` : ''}Nhiệm vụ ${t.ordinal}: ${t.content.slice(0, 90)}${t.content.length > 90 ? '…' : ''}`,
        });
    res.status(status).render('obstacles/form', {
      title: 'Phản ánh khó khăn, vướng mắc',
      breadcrumbs: crumbs,
      values: { planId: plans[0]?.id ?? '', ...values },
      errors,
      chooseUnit: user.role !== 'UNIT',
      unitOptions: [{ value: '', label: '— Chọn đơn vị —' }, ...units.map((u) => ({ value: u.id, label: u.name }))],
      planOptions: plans.map((p) => ({ value: p.id, label: `Kế hoạch năm ${p.year}${p.number ? ` số ${p.number}/${p.symbol}` : ''}` })),
      taskOptions,
      fileHint: `Ảnh chụp hoặc tài liệu, tối đa ${MAX_OBSTACLE_FILES} tệp, mỗi tệp không quá ${formatBytes(ctx.config.maxUploadBytes)}: ${OBSTACLE_FILE_TYPES_TEXT}.`,
    });
  }

  /** The chosen files checked by their bytes, or the message to show on the form. */
  async function checkFiles(req: Request): Promise<CheckedUpload[] | string> {
    if (req.uploadError) return req.uploadError;
    const files = uploadedFiles(req);
    if (files.length > MAX_OBSTACLE_FILES) return `Chỉ được đính kèm tối đa ${MAX_OBSTACLE_FILES} tệp.`;
    const checked = await checkUploads(files, OBSTACLE_FILE_TYPES);
    if (checked.ok) return checked.uploads;
    return checked.refusal.refused === 'type'
      ? `Tệp “${Buffer.from(checked.file.originalname, 'latin1').toString('utf8')}” không đúng định dạng cho phép (${OBSTACLE_FILE_TYPES_TEXT}).`
      : checked.refusal.message;
  }

  function renderShow(res: Response, status: number, user: CurrentUser, o: ObstacleDetail, errors: FormErrors | null, values: Record<string, string>) {
    res.status(status).render('obstacles/show', {
      title: o.title,
      breadcrumbs: crumbs,
      obstacle: o,
      mayForward: (user.role === 'JUSTICE' || user.role === 'ADMIN') && o.status === 'OPEN',
      mayAnswer: user.role === 'CHAIRMAN' && o.status === 'FORWARDED',
      mayClose: mayClose(user, o) && o.status === 'ANSWERED',
      errors,
      values,
    });
  }

  async function load(req: Request) {
    return getObstacle(ctx.db, currentUser(req), String(req.params.obstacleId));
  }

  return {
    async list(req: Request, res: Response) {
      const user = currentUser(req);
      const taskId = taskIdFromQuery(req);
      const task = taskId ? await loadTaskForWard(ctx.db, user.wardId, taskId) : null;
      const rows = await listObstacles(ctx.db, user, { taskId: task?.id });
      res.render('obstacles/index', {
        title: task ? `Khó khăn, vướng mắc – Nhiệm vụ ${task.ordinal}` : 'Khó khăn, vướng mắc',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        task,
        rows,
        mayRaise: user.role !== 'CHAIRMAN',
      });
    },

    async showNew(req: Request, res: Response) {
      const user = currentUser(req);
      const taskId = taskIdFromQuery(req);
      await renderForm(res, 200, user, { taskId }, null);
    },

    async create(req: Request, res: Response) {
      const user = currentUser(req);
      const b = req.body ?? {};
      const values = {
        title: String(b.title ?? ''),
        description: String(b.description ?? ''),
        taskId: String(b.taskId ?? ''),
        planId: String(b.planId ?? ''),
        unitId: String(b.unitId ?? ''),
      };
      const chosen = uploadedFiles(req).length > 0;
      const keep = { ...values, filesDropped: chosen ? '1' : '' };
      const files = await checkFiles(req);
      if (typeof files === 'string') return renderForm(res, 400, user, keep, singleError('files', files));
      const result = validateForm(obstacleSchema, b);
      if (!result.ok) return renderForm(res, 400, user, keep, result.errors);
      const raised = await attemptForm(() => raiseObstacle(ctx.db, actorOf(req), user, result.data, ctx.now(), { store: ctx.files, uploads: files }));
      if (!raised.ok) return renderForm(res, 400, user, keep, raised.errors);
      req.flash('success', 'Đã gửi phản ánh khó khăn, vướng mắc đến Bộ phận Tư pháp.');
      res.redirect(303, `/can-bo/kho-khan/${raised.data}`);
    },

    async download(req: Request, res: Response) {
      const file = await findObstacleFile(ctx.db, currentUser(req), String(req.params.obstacleId), String(req.params.fileId));
      await sendStoredFile(res, ctx.files, file);
    },

    async show(req: Request, res: Response) {
      renderShow(res, 200, currentUser(req), await load(req), null, {});
    },

    async forward(req: Request, res: Response) {
      const user = currentUser(req);
      const o = await load(req);
      if (o.status !== 'OPEN') throw AppError.conflict('Chỉ chuyển Chủ tịch được khó khăn, vướng mắc mới phản ánh (chưa chuyển).');
      const result = validateForm(forwardSchema, req.body);
      if (!result.ok) return renderShow(res, 400, user, o, result.errors, { forwardNote: String(req.body?.forwardNote ?? '') });
      await forwardObstacle(ctx.db, actorOf(req), o, result.data.forwardNote, ctx.now());
      req.flash('success', 'Đã chuyển khó khăn, vướng mắc đến Chủ tịch UBND phường.');
      res.redirect(303, `/can-bo/kho-khan/${o.id}`);
    },

    async answer(req: Request, res: Response) {
      const user = currentUser(req);
      const o = await load(req);
      if (o.status !== 'FORWARDED') throw AppError.conflict('Chỉ trả lời được khó khăn, vướng mắc đã được chuyển Chủ tịch và chưa có ý kiến chỉ đạo.');
      const result = validateForm(answerSchema, req.body);
      if (!result.ok) {
        return renderShow(res, 400, user, o, result.errors, { responseKind: String(req.body?.responseKind ?? ''), response: String(req.body?.response ?? '') });
      }
      await answerObstacle(ctx.db, actorOf(req), o, result.data, ctx.now());
      req.flash('success', 'Đã ghi ý kiến chỉ đạo.');
      res.redirect(303, `/can-bo/kho-khan/${o.id}`);
    },

    async close(req: Request, res: Response) {
      const user = currentUser(req);
      const o = await load(req);
      if (!mayClose(user, o)) throw AppError.forbidden('Chỉ Bộ phận Tư pháp hoặc đơn vị đã phản ánh mới được đóng.');
      await closeObstacle(ctx.db, actorOf(req), o, ctx.now());
      req.flash('success', 'Đã đóng khó khăn, vướng mắc.');
      res.redirect(303, `/can-bo/kho-khan/${o.id}`);
    },
  };
}
