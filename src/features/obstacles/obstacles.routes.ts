import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { obstaclesHandlers } from './obstacles.handlers.js';

export function obstaclesRouter(ctx: AppContext) {
  const router = Router();
  const h = obstaclesHandlers(ctx);
  const raisers = requireRole('UNIT', 'JUSTICE', 'ADMIN');
  router.get('/can-bo/kho-khan', requireRole(), h.list);
  router.get('/can-bo/kho-khan/moi', raisers, h.showNew);
  router.post('/can-bo/kho-khan/moi', raisers, h.create);
  router.get('/can-bo/kho-khan/:obstacleId', requireRole(), h.show);
  router.post('/can-bo/kho-khan/:obstacleId/chuyen', requireRole('JUSTICE', 'ADMIN'), h.forward);
  router.post('/can-bo/kho-khan/:obstacleId/tra-loi', requireRole('CHAIRMAN'), h.answer);
  router.post('/can-bo/kho-khan/:obstacleId/dong', requireRole('UNIT', 'JUSTICE', 'ADMIN'), h.close);
  return router;
}
