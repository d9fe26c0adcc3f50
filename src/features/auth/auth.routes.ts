import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { authHandlers } from './auth.handlers.js';
import { requireRole } from '../../middleware/auth.js';

export function authRouter(ctx: AppContext) {
  const router = Router();
  const h = authHandlers(ctx);
  router.get('/dang-nhap', h.showLogin);
  router.post('/dang-nhap', h.login);
  router.post('/dang-xuat', h.logout);
  router.get('/can-bo/khoi-phuc', requireRole(), h.restore);
  return router;
}
