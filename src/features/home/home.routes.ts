import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { homeHandlers } from './home.handlers.js';

export function homeRouter(ctx: AppContext) {
  const router = Router();
  const h = homeHandlers(ctx);
  router.get('/', h.home);
  router.get('/can-bo', requireRole(), h.officerHome);
  return router;
}
