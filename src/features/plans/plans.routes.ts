import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { acceptUploads } from '../../lib/uploads.js';
import { requireRole } from '../../middleware/auth.js';
import { PLAN_EDITORS, planHandlers } from './plans.handlers.js';
import { taskHandlers } from './tasks.handlers.js';
import { plannedHandlers } from './planned.handlers.js';

/** Public plan pages, officer plan and task management, triggering documents. */
export function plansRouter(ctx: AppContext) {
  const router = Router();
  const p = planHandlers(ctx);
  const t = taskHandlers(ctx);
  const anyOfficer = requireRole();
  const editor = requireRole(...PLAN_EDITORS);

  router.get('/ke-hoach', p.publicList);
  router.get('/ke-hoach/:planId', p.publicShow);

  router.get('/can-bo/ke-hoach', anyOfficer, p.officerList);
  router.get('/can-bo/ke-hoach/moi', editor, p.newForm);
  router.post('/can-bo/ke-hoach/moi', editor, p.create);
  router.get('/can-bo/ke-hoach/:planId', anyOfficer, p.officerShow);
  router.get('/can-bo/ke-hoach/:planId/sua', editor, p.editForm);
  router.post('/can-bo/ke-hoach/:planId/sua', editor, p.update);
  router.get('/can-bo/ke-hoach/:planId/nhiem-vu/moi', editor, t.newForm);
  router.post('/can-bo/ke-hoach/:planId/nhiem-vu/moi', editor, t.create);

  router.get('/can-bo/nhiem-vu/:taskId', anyOfficer, t.show);
  const planned = plannedHandlers(ctx);
  router.get('/can-bo/nhiem-vu/:taskId/ke-hoach-cu-the', anyOfficer, planned.show);
  router.post('/can-bo/nhiem-vu/:taskId/ke-hoach-cu-the', requireRole('UNIT', 'JUSTICE', 'ADMIN'), planned.add);
  router.get('/can-bo/nhiem-vu/:taskId/sua', editor, t.editForm);
  router.post('/can-bo/nhiem-vu/:taskId/sua', editor, t.update);
  router.get('/can-bo/nhiem-vu/:taskId/van-ban-kich-hoat', editor, t.triggerForm);
  const uploads = acceptUploads({ field: 'files', maxFiles: 5, maxBytes: ctx.config.maxUploadBytes, tmpDir: ctx.config.uploadTmpDir });
  router.post('/can-bo/nhiem-vu/:taskId/van-ban-kich-hoat', editor, ...uploads, t.recordTrigger);
  router.get('/can-bo/tep-kich-hoat/:fileId', anyOfficer, t.downloadTriggerFile);
  return router;
}
