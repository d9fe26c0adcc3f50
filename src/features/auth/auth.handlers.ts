import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { addressKey, minutesLeft, RateLimiter, type Limit } from '../../lib/rate-limit.js';
import { validateForm } from '../../lib/validation.js';
import { loginSchema, normaliseUsername, safeNextPath } from './auth.schemas.js';
import { verifyLogin } from './auth.service.js';
import { readStash } from './form-stash.js';

/**
 * Failed logins, counted in the database (shared by every process): ten per
 * account in 15 minutes stops password guessing against one officer; fifty per
 * address stops one machine trying many accounts, yet leaves room for a ward
 * office whose officers share one address. Successful logins are not counted.
 */
export const LOGIN_LIMITS = {
  perUsername: { name: 'login-user', limit: 10, windowMs: 15 * 60 * 1000 },
  perAddress: { name: 'login-addr', limit: 50, windowMs: 15 * 60 * 1000 },
} satisfies Record<string, Limit>;

export function authHandlers(ctx: AppContext) {
  const limiter = new RateLimiter(ctx.db, ctx.now);
  const title = 'Đăng nhập cán bộ';

  return {
    showLogin(req: Request, res: Response) {
      if (req.user) return res.redirect('/can-bo');
      res.render('auth/login', { title, values: { next: safeNextPath(req.query.next) }, errors: null });
    },

    async login(req: Request, res: Response, fail: NextFunction) {
      const next = safeNextPath(req.body.next);
      // A form kept from an expired session travels through a failed login attempt too.
      const stash = readStash(req.body.stash, ctx.config.sessionSecret, ctx.now()) ? String(req.body.stash) : '';
      const values = { username: typeof req.body.username === 'string' ? req.body.username : '', next, stash };
      const refuse = (status: number, message: string) =>
        res.status(status).render('auth/login', { title, values, errors: { fields: { username: message }, summary: [{ field: 'username', message }] } });

      const result = validateForm(loginSchema, req.body);
      if (!result.ok) return res.status(400).render('auth/login', { title, values, errors: result.errors });
      const username = normaliseUsername(result.data.username);
      const address = addressKey(req.ip);
      if ((await limiter.isOver(LOGIN_LIMITS.perUsername, username)) || (await limiter.isOver(LOGIN_LIMITS.perAddress, address))) {
        return refuse(429, 'Đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
      }
      const user = await verifyLogin(ctx.db, req.ward.id, username, result.data.password);
      if (!user) {
        const [byName] = await Promise.all([limiter.hit(LOGIN_LIMITS.perUsername, username), limiter.hit(LOGIN_LIMITS.perAddress, address)]);
        if (byName.exceeded) return refuse(429, `Đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutesLeft(byName.retryAfterMs)} phút.`);
        return refuse(400, 'Tên đăng nhập hoặc mật khẩu không đúng.');
      }
      // A session exists only from here on, with a new id (no session fixation),
      // bound to this ward's deployment.
      req.session.regenerate((err) => {
        if (err) return fail(new AppError(500, 'Không tạo được phiên đăng nhập. Vui lòng thử lại.'));
        req.session.userId = user.id;
        req.session.wardId = user.wardId;
        req.session.loginAt = Date.now();
        if (stash) req.session.formStash = stash;
        req.flash('success', `Xin chào ${user.fullName}.`);
        req.session.save(() => res.redirect(303, stash ? '/can-bo/khoi-phuc' : next));
      });
    },

    /** After logging in again: the kept fields, to read and send to the original form. */
    restore(req: Request, res: Response) {
      const form = readStash(req.session.formStash, ctx.config.sessionSecret, ctx.now());
      delete req.session.formStash;
      if (!form) return res.redirect('/can-bo');
      res.render('auth/restore', { title: 'Nội dung chưa được gửi', form });
    },

    logout(req: Request, res: Response) {
      req.session.destroy(() => {
        res.clearCookie('sid');
        res.redirect(303, '/');
      });
    },
  };
}
