import { Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../context.js';
import { authHandlers } from './auth.handlers.js';
import { requireRole } from '../../middleware/auth.js';

export function authRouter(ctx: AppContext) {
  const router = Router();
  const h = authHandlers(ctx);
  // Ten failed attempts per address and username in 15 minutes, then a wait.
  const loginLimiter = rateLimit({
    windowMs: 15 * 60 * 1000,
    limit: 10,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `${ipKeyGenerator(req.ip ?? '')}|${String(req.body?.username ?? '').toLowerCase()}`,
    handler: (_req, res) => {
      res.status(429).render('error', {
        title: 'Quá nhiều lần đăng nhập',
        status: 429,
        message: 'Bạn đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.',
      });
    },
  });
  router.get('/dang-nhap', h.showLogin);
  router.post('/dang-nhap', loginLimiter, h.login);
  router.post('/dang-xuat', h.logout);
  router.get('/can-bo/khoi-phuc', requireRole(), h.restore);
  return router;
}
