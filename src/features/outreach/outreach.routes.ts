import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { outreachHandlers } from './outreach.handlers.js';

/** The notice (poster) and loudspeaker bulletin of a draft: the Justice officer, or a unit of the draft's task (checked per draft). */
export function outreachRouter(ctx: AppContext) {
  const router = Router();
  const h = outreachHandlers(ctx);
  const officers = requireRole('JUSTICE', 'ADMIN', 'UNIT');
  router.get('/can-bo/du-thao/:draftId/thong-bao', officers, h.poster);
  router.post('/can-bo/du-thao/:draftId/thong-bao', officers, h.posterUsed);
  router.get('/can-bo/du-thao/:draftId/tin-phat-thanh', officers, h.bulletin);
  router.post('/can-bo/du-thao/:draftId/tin-phat-thanh', officers, h.bulletinUsed);
  return router;
}
