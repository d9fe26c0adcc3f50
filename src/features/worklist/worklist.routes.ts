import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { worklistHandlers } from './worklist.handlers.js';

export function worklistRouter(ctx: AppContext) {
  const router = Router();
  const h = worklistHandlers(ctx);
  router.get('/can-bo/tai-khoan', requireRole(), h.settings);
  router.post('/can-bo/tai-khoan', requireRole(), h.saveSettings);
  return router;
}
