/** The province's public pages (landing, feeds, sitemap) and its sign-in. */
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { addressKey, minutesLeft, RateLimiter } from '../../lib/rate-limit.js';
import { validateForm } from '../../lib/validation.js';
import { LOGIN_LIMITS, loginSchema, normaliseUsername } from '../auth/index.js';
import { verifyProvinceLogin } from './province.access.js';
import { provinceFeed, provinceSitemapXml } from './province.feeds.js';
import { landingQuery, provinceNextPath } from './province.schemas.js';
import { provinceLanding } from './province.service.js';

export function provinceHandlers(ctx: AppContext) {
  const { db, config } = ctx;
  const limiter = new RateLimiter(db, ctx.now);
  const provinceName = config.provinceName;
  const loginTitle = 'Đăng nhập cấp tỉnh';

  return {
    async landing(req: Request, res: Response) {
      const query = landingQuery(req.query);
      const data = await provinceLanding(db, ctx.now(), query);
      // Links keep the other filters: the ward and field filters and the pages.
      const link = (change: Partial<typeof query>) => {
        const next = { ...query, ...change };
        const params = new URLSearchParams();
        if (next.q) params.set('q', next.q);
        if (next.ward) params.set('phuong', next.ward);
        if (next.field) params.set('linh-vuc', next.field);
        if (next.page > 1) params.set('trang', String(next.page));
        const s = params.toString();
        return `${req.path}${s ? `?${s}` : ''}`;
      };
      res.render('province/landing', { title: `Cổng góp ý dự thảo các phường, xã tỉnh ${provinceName}`, provinceName, query, data, link });
    },

    async rss(_req: Request, res: Response) {
      const feed = await provinceFeed(db, provinceName, config.baseUrl, ctx.now());
      res.type('application/rss+xml; charset=utf-8').send(feed.rss2());
    },

    async atom(_req: Request, res: Response) {
      const feed = await provinceFeed(db, provinceName, config.baseUrl, ctx.now());
      res.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    },

    async sitemap(_req: Request, res: Response) {
      res.type('application/xml; charset=utf-8').send(await provinceSitemapXml(db, config.baseUrl));
    },

    showLogin(req: Request, res: Response) {
      if (req.provinceUser) return res.redirect('/tinh/can-bo');
      res.render('province/login', { title: loginTitle, provinceName, values: { username: '', next: provinceNextPath(req.query.next) }, errors: null });
    },

    async login(req: Request, res: Response, next: NextFunction) {
      const nextPath = provinceNextPath(req.body.next);
      const values = { username: typeof req.body.username === 'string' ? req.body.username : '', next: nextPath };
      const render = (status: number, errors: unknown) => res.status(status).render('province/login', { title: loginTitle, provinceName, values, errors });
      const refuse = (status: number, message: string) => render(status, { fields: { username: message }, summary: [{ field: 'username', message }] });

      const result = validateForm(loginSchema, req.body);
      if (!result.ok) return render(400, result.errors);
      const username = normaliseUsername(result.data.username);
      const address = addressKey(req.ip);
      if ((await limiter.isOver(LOGIN_LIMITS.perUsername, username)) || (await limiter.isOver(LOGIN_LIMITS.perAddress, address))) {
        return refuse(429, 'Đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.');
      }
      const user = await verifyProvinceLogin(db, username, result.data.password);
      if (!user) {
        const [byName] = await Promise.all([limiter.hit(LOGIN_LIMITS.perUsername, username), limiter.hit(LOGIN_LIMITS.perAddress, address)]);
        if (byName.exceeded) return refuse(429, `Đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutesLeft(byName.retryAfterMs)} phút.`);
        return refuse(400, 'Tên đăng nhập hoặc mật khẩu không đúng, hoặc tài khoản không phải tài khoản cấp tỉnh.');
      }
      // A new session id (no fixation), bound to the province level and to no ward.
      req.session.regenerate((err) => {
        if (err) return next(new AppError(500, 'Không tạo được phiên đăng nhập. Vui lòng thử lại.'));
        req.session.userId = user.id;
        req.session.level = 'province';
        req.session.loginAt = Date.now();
        req.flash('success', `Xin chào ${user.fullName}.`);
        req.session.save(() => res.redirect(303, nextPath));
      });
    },

    logout(req: Request, res: Response) {
      req.session.destroy(() => {
        res.clearCookie('sid');
        res.redirect(303, '/tinh');
      });
    },
  };
}
