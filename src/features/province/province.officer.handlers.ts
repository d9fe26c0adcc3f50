/** Province officer pages: the SUPERADMIN's wards, the Sở Tư pháp's read-only progress pages. */
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { PROVINCE_ROLE_LABELS } from '../../domain/enums.js';
import { attemptForm, validateForm, type FormErrors } from '../../lib/validation.js';
import { currentProvinceUser } from './province.access.js';
import { provinceProgress, wardReview } from './province.progress.js';
import { newWardSchema } from './province.schemas.js';
import { wardPath } from './province.service.js';
import { createWard, listWards } from './province.wards.js';

declare module 'express-session' {
  interface SessionData {
    /** The new ward administrator's one-time password, shown once on the next page and then forgotten. */
    createdWard?: { slug: string; username: string; password: string };
  }
}

const yearOf = (req: Request) => {
  const text = typeof req.query.nam === 'string' ? req.query.nam.trim() : '';
  return /^\d{4}$/.test(text) ? Number(text) : undefined;
};

const EMPTY_WARD = {
  slug: '',
  name: '',
  placeName: '',
  committeeName: '',
  parentBodyName: '',
  address: '',
  phone: '',
  email: '',
  adminUsername: '',
  adminFullName: '',
  adminJobTitle: '',
  adminEmail: '',
};

export function provinceOfficerHandlers(ctx: AppContext) {
  const { db, config } = ctx;
  const provinceName = config.provinceName;
  const crumbs = [{ href: '/tinh/can-bo', label: 'Trang cấp tỉnh' }];
  const renderForm = (res: Response, status: number, values: Record<string, unknown>, errors: FormErrors | null) =>
    res.status(status).render('province/ward-form', { title: 'Thêm phường, xã', provinceName, breadcrumbs: crumbs, values, errors });

  return {
    home(req: Request, res: Response) {
      const user = currentProvinceUser(req);
      res.render('province/officer-home', { title: 'Trang cấp tỉnh', provinceName, roleLabel: PROVINCE_ROLE_LABELS[user.role] });
    },

    async wards(_req: Request, res: Response) {
      res.render('province/wards', { title: 'Các phường, xã', provinceName, breadcrumbs: crumbs, wards: await listWards(db), wardPath });
    },

    newWard(_req: Request, res: Response) {
      renderForm(res, 200, EMPTY_WARD, null);
    },

    async createWard(req: Request, res: Response) {
      const user = currentProvinceUser(req);
      const values = { ...EMPTY_WARD, ...Object.fromEntries(Object.keys(EMPTY_WARD).map((k) => [k, typeof req.body[k] === 'string' ? req.body[k] : ''])) };
      const result = validateForm(newWardSchema, req.body);
      if (!result.ok) return renderForm(res, 400, values, result.errors);
      const attempt = await attemptForm(() => createWard(db, { userId: user.id, ip: req.ip }, result.data));
      if (!attempt.ok) return renderForm(res, 400, values, attempt.errors);
      const created = attempt.data;
      req.session.createdWard = { slug: created.ward.slug, username: created.admin.username, password: created.password };
      req.flash('success', `Đã tạo ${created.ward.name} và tài khoản quản trị “${created.admin.username}”.`);
      req.session.save(() => res.redirect(303, `/tinh/can-bo/phuong/${encodeURIComponent(created.ward.slug)}/da-tao`));
    },

    /** Shows the one-time password once: it is removed from the session as it is shown. */
    created(req: Request, res: Response) {
      const slug = String(req.params.slug);
      const shown = req.session.createdWard?.slug === slug ? req.session.createdWard : null;
      delete req.session.createdWard;
      res.render('province/ward-created', {
        title: 'Đã tạo phường, xã',
        provinceName,
        breadcrumbs: [...crumbs, { href: '/tinh/can-bo/phuong', label: 'Các phường, xã' }],
        shown,
        slug,
        loginUrl: `${config.baseUrl}${wardPath(slug)}/dang-nhap`,
      });
    },

    async progress(req: Request, res: Response) {
      const now = ctx.now();
      const data = await provinceProgress(db, now, yearOf(req));
      res.render('province/progress', { title: 'Tiến độ các phường, xã', provinceName, breadcrumbs: crumbs, data, year: yearOf(req) ?? '', now });
    },

    async ward(req: Request, res: Response) {
      const now = ctx.now();
      const data = await wardReview(db, String(req.params.slug), now, yearOf(req));
      res.render('province/ward-review', {
        title: `Tình hình thực hiện – ${data.ward.name}`,
        provinceName,
        breadcrumbs: [...crumbs, { href: '/tinh/can-bo/tien-do', label: 'Tiến độ các phường, xã' }],
        data,
        wardUrl: `${wardPath(data.ward.slug)}/`,
        now,
      });
    },
  };
}
