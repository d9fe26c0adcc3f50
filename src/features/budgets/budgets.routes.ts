import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { budgetsHandlers } from './budgets.handlers.js';

export function budgetsRouter(ctx: AppContext) {
  const router = Router();
  const h = budgetsHandlers(ctx);
  const submitters = requireRole('UNIT', 'JUSTICE', 'ADMIN');
  router.get('/can-bo/du-toan', requireRole(), h.list);
  router.get('/can-bo/nhiem-vu/:taskId/du-toan/moi', submitters, h.showNew);
  router.post('/can-bo/nhiem-vu/:taskId/du-toan/moi', submitters, h.create);
  router.get('/can-bo/du-toan/:estimateId', requireRole(), h.show);
  router.post('/can-bo/du-toan/:estimateId/quyet-dinh', requireRole('CHAIRMAN'), h.decide);
  router.post('/can-bo/du-toan/:estimateId/sua-quyet-dinh', requireRole('CHAIRMAN'), h.correct);
  return router;
}
