import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { validateForm } from '../../lib/validation.js';
import { loginSchema, safeNextPath } from './auth.schemas.js';
import { verifyLogin } from './auth.service.js';
import { readStash } from './form-stash.js';

export function authHandlers(ctx: AppContext) {
  return {
    showLogin(req: Request, res: Response) {
      if (req.user) return res.redirect('/can-bo');
      res.render('auth/login', { title: 'Đăng nhập cán bộ', values: { next: safeNextPath(req.query.next) }, errors: null });
    },

    async login(req: Request, res: Response) {
      const next = safeNextPath(req.body.next);
      const result = validateForm(loginSchema, req.body);
      // A form kept from an expired session travels through a failed login attempt too.
      const stash = readStash(req.body.stash, ctx.config.sessionSecret, ctx.now()) ? String(req.body.stash) : '';
      const values = { username: req.body.username ?? '', next, stash };
      if (!result.ok) {
        return res.status(400).render('auth/login', { title: 'Đăng nhập cán bộ', values, errors: result.errors });
      }
      const user = await verifyLogin(ctx.db, result.data.username, result.data.password);
      if (!user) {
        const message = 'Tên đăng nhập hoặc mật khẩu không đúng.';
        return res.status(400).render('auth/login', {
          title: 'Đăng nhập cán bộ',
          values,
          errors: { fields: { username: message }, summary: [{ field: 'username', message }] },
        });
      }
      // A new session id on login stops session fixation.
      req.session.regenerate((err) => {
        if (err) throw err;
        req.session.userId = user.id;
        req.session.loginAt = Date.now();
        if (stash) req.session.formStash = stash;
        req.flash('success', `Xin chào ${user.fullName}.`);
        req.session.save(() => res.redirect(stash ? '/can-bo/khoi-phuc' : next));
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
        res.redirect('/');
      });
    },
  };
}
