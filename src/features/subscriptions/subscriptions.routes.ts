import { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { AppContext } from '../../context.js';
import { subscriptionHandlers } from './subscriptions.handlers.js';

/** The one route exempt from CSRF (see middleware/csrf.ts): RFC 8058 one-click unsubscribe, authorised by its token. */
export const ONE_CLICK_UNSUBSCRIBE = /^\/nhan-tin\/huy\/[A-Za-z0-9_.-]+$/;

export function subscriptionsRouter(ctx: AppContext) {
  const router = Router();
  const h = subscriptionHandlers(ctx);
  // Each request sends a confirmation e-mail: a few per address and hour are plenty.
  const subscribeLimiter = rateLimit({
    windowMs: 60 * 60 * 1000,
    limit: 10,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    handler: (_req: Request, res: Response) => {
      res.status(429).render('error', { title: 'Quá nhiều yêu cầu', status: 429, message: 'Có quá nhiều yêu cầu đăng ký từ địa chỉ của bạn. Vui lòng thử lại sau một giờ.' });
    },
  });
  router.get('/nhan-tin', h.show);
  router.post('/nhan-tin', subscribeLimiter, h.submit);
  router.get('/nhan-tin/da-gui', h.sent);
  router.get('/nhan-tin/xac-nhan/:token', h.confirmPage);
  router.post('/nhan-tin/xac-nhan/:token', h.confirm);
  router.get('/nhan-tin/huy/:token', h.unsubscribePage);
  router.post('/nhan-tin/huy/:token', h.unsubscribe);
  return router;
}
