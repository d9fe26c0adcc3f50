import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { requireRole } from '../../middleware/auth.js';
import { auditHandlers } from './audit.handlers.js';

/** The audit log is read by the administrator and the chairman; nobody can change it. */
export function auditRouter(ctx: AppContext) {
  const router = Router();
  const h = auditHandlers(ctx);
  router.get('/can-bo/nhat-ky', requireRole('ADMIN', 'CHAIRMAN'), h.list);
  return router;
}
