import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { dashboardHandlers } from './dashboard.handlers.js';

export function dashboardRouter(ctx: AppContext) {
  const router = Router();
  const h = dashboardHandlers(ctx);
  router.get('/can-bo/tien-do', requireRole('CHAIRMAN', 'JUSTICE', 'ADMIN'), h.progress);
  return router;
}
