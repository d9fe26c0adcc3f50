import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { registerHandlers } from './register.handlers.js';

/**
 * The outgoing register: the văn thư (JUSTICE, ADMIN) registers signed
 * documents; the chairman reads it and chooses how documents are sequenced
 * (the head's choice under Decree 30); UNIT officials have no access.
 */
export function registerRouter(ctx: AppContext) {
  const router = Router();
  const h = registerHandlers(ctx);
  const read = requireRole('JUSTICE', 'ADMIN', 'CHAIRMAN');
  const write = requireRole('JUSTICE', 'ADMIN');
  router.get('/can-bo/so-van-ban-di', read, h.index);
  router.get('/can-bo/so-van-ban-di/ban-in', read, h.print);
  router.post('/can-bo/so-van-ban-di', write, h.addPaper);
  router.post('/can-bo/so-van-ban-di/cach-danh-so', requireRole('CHAIRMAN', 'ADMIN'), h.setSequencing);
  router.post('/can-bo/so-van-ban-di/tong-hop/:draftId', write, h.registerSummary);
  router.post('/can-bo/so-van-ban-di/:id/dinh-chinh', write, h.correct);
  return router;
}
