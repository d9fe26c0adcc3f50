import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { privacyHandlers } from './privacy.handlers.js';

/** Data subjects' requests: officers correct or erase by receipt code; residents withdraw consent. */
export function privacyRouter(ctx: AppContext) {
  const router = Router();
  const h = privacyHandlers(ctx);
  const officers = requireRole('JUSTICE', 'ADMIN');
  router.get('/can-bo/du-lieu-ca-nhan', officers, h.find);
  router.post('/can-bo/du-lieu-ca-nhan/:code/sua', officers, h.correct);
  router.post('/can-bo/du-lieu-ca-nhan/:code/xoa', officers, h.erase);
  router.post('/gop-y/ma/:code/rut-dong-y', h.withdraw);
  return router;
}
