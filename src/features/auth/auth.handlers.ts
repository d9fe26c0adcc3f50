import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { addressKey, minutesLeft, RateLimiter, type Limit } from '../../lib/rate-limit.js';
import { validateForm } from '../../lib/validation.js';
import { loginSchema, normaliseUsername, safeNextPath } from './auth.schemas.js';
import { verifyLogin } from './auth.service.js';
import { readStash } from './form-stash.js';
import type { OidcClient } from './oidc.client.js';

declare module 'express-session' {
  interface SessionData {
    /** Signed in through the province's single sign-on: the ID token, sent back as the hint when signing out there too. */
    oidcIdToken?: string;
  }
}

/**
 * The only place a session is created: after a password or a single sign-on
 * was accepted. A new id (no session fixation), bound to this ward.
 */
export function openSession(
  req: Request,
  res: Response,
  fail: NextFunction,
  user: { id: string; wardId: string | null; fullName: string },
  extra: { formStash?: string; oidcIdToken?: string },
  then: string,
) {
  req.session.regenerate((err) => {
    if (err) return fail(new AppError(500, 'Không tạo được phiên đăng nhập. Vui lòng thử lại.'));
    req.session.userId = user.id;
    req.session.wardId = user.wardId ?? undefined;
    req.session.loginAt = Date.now();
    if (extra.formStash) req.session.formStash = extra.formStash;
    if (extra.oidcIdToken) req.session.oidcIdToken = extra.oidcIdToken;
    req.flash('success', `Xin chào ${user.fullName}.`);
    req.session.save(() => res.redirect(303, then));
  });
}
import { sessionCookie } from '../../middleware/ward-session.js';

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

export function authHandlers(ctx: AppContext, sso: OidcClient | null) {
  const limiter = new RateLimiter(ctx.db, ctx.now);
  const title = 'Đăng nhập cán bộ';

  return {
    showLogin(req: Request, res: Response) {
      if (req.user) return res.redirect('/can-bo');
      res.render('auth/login', { title, values: { next: safeNextPath(req.query.next) }, errors: null, sso: ssoButton(ctx, req) });
    },

    async login(req: Request, res: Response, fail: NextFunction) {
      const next = safeNextPath(req.body.next);
      // A form kept from an expired session travels through a failed login attempt too.
      const stash = readStash(req.body.stash, ctx.config.sessionSecret, ctx.now()) ? String(req.body.stash) : '';
      const values = { username: typeof req.body.username === 'string' ? req.body.username : '', next, stash };
      const sso = ssoButton(ctx, req);
      const refuse = (status: number, message: string) =>
        res.status(status).render('auth/login', { title, values, sso, errors: { fields: { username: message }, summary: [{ field: 'username', message }] } });

      const result = validateForm(loginSchema, req.body);
      if (!result.ok) return res.status(400).render('auth/login', { title, values, sso, errors: result.errors });
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
      openSession(req, res, fail, user, { formStash: stash || undefined }, stash ? '/can-bo/khoi-phuc' : next);
    },

    /** After logging in again: the kept fields, to read and send to the original form. */
    restore(req: Request, res: Response) {
      const form = readStash(req.session.formStash, ctx.config.sessionSecret, ctx.now());
      delete req.session.formStash;
      if (!form) return res.redirect('/can-bo');
      res.render('auth/restore', { title: 'Nội dung chưa được gửi', form });
    },

    logout(req: Request, res: Response) {
      const idToken = req.session.oidcIdToken;
      const cookie = sessionCookie(req);
      req.session.destroy(async () => {
        res.clearCookie(cookie.name, { path: cookie.path });
        // Signed in through the province's single sign-on: end that session too (RP-initiated logout),
        // coming back to this ward's home page, so the next officer at this computer is asked to sign in again.
        const endThere = idToken && sso ? await sso.endSessionUrl(idToken, `${req.wardUrl}/`) : null;
        res.redirect(303, endThere ? endThere.href : `${wardBase(res)}/`);
      });
    },
  };
}

/** '' at the root, '/phuong/<slug>' under a ward's prefix (set by the ward middleware when several wards share a deployment). */
export function wardBase(res: Response): string {
  return typeof res.locals.wardBase === 'string' ? res.locals.wardBase : '';
}

/** The single sign-on button of the login page (null: not configured), carrying where to go after signing in. */
function ssoButton(ctx: AppContext, req: Request) {
  if (!ctx.config.oidc) return null;
  const next = safeNextPath(req.method === 'GET' ? req.query.next : req.body?.next);
  return { label: ctx.config.oidc.label, next };
}
