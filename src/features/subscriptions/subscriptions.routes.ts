import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { addressKey, RateLimiter, type Limit } from '../../lib/rate-limit.js';
import { subscriptionHandlers } from './subscriptions.handlers.js';

/** The one route exempt from CSRF (see middleware/csrf.ts): RFC 8058 one-click unsubscribe, authorised by its token. */
export const ONE_CLICK_UNSUBSCRIBE = /^\/nhan-tin\/huy\/[A-Za-z0-9_.-]+$/;

/** Subscription requests per address and hour (each sends a confirmation e-mail). */
export const SUBSCRIBE_LIMIT = { name: 'subscribe-addr', limit: 10, windowMs: 60 * 60 * 1000 } satisfies Limit;

export function subscriptionsRouter(ctx: AppContext) {
  const router = Router();
  const h = subscriptionHandlers(ctx);
  // Each request sends a confirmation e-mail: a few per address and hour are plenty.
  // Counted in the database like the other limits, so every app process shares them.
  const limiter = new RateLimiter(ctx.db, ctx.now);
  const subscribeLimiter = async (req: Request, _res: Response, next: NextFunction) => {
    const hit = await limiter.hit(SUBSCRIBE_LIMIT, addressKey(req.ip));
    if (!hit.exceeded) return next();
    next(new AppError(429, 'Có quá nhiều yêu cầu đăng ký từ địa chỉ của bạn. Vui lòng thử lại sau một giờ.'));
  };
  router.get('/nhan-tin', h.show);
  router.post('/nhan-tin', subscribeLimiter, h.submit);
  router.get('/nhan-tin/da-gui', h.sent);
  router.get('/nhan-tin/xac-nhan/:token', h.confirmPage);
  router.post('/nhan-tin/xac-nhan/:token', h.confirm);
  router.get('/nhan-tin/huy/:token', h.unsubscribePage);
  router.post('/nhan-tin/huy/:token', h.unsubscribe);
  return router;
}
