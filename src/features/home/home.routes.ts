import { Router } from 'express';
import type { AppContext } from '../../context.js';
import type { KeptPage } from '../../lib/page-cache.js';
import { requireRole } from '../../middleware/auth.js';
import { homeHandlers } from './home.handlers.js';

/** The home pages; the public one is kept and added to `keptPages` (src/middleware/kept-pages.ts). */
export function homeRouter(ctx: AppContext, keptPages?: KeptPage[]) {
  const router = Router();
  const h = homeHandlers(ctx, keptPages);
  router.get('/', h.home);
  router.get('/can-bo', requireRole(), h.officerHome);
  return router;
}
