import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { attemptForm, type FormErrors, validateForm } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { accountSchema, oidcSubjectSchema, unitSchema } from './units.schemas.js';
import * as units from './units.service.js';
import { routeParam } from '../../lib/request.js';

const BREADCRUMBS = [
  { href: '/can-bo', label: 'Trang cán bộ' },
  { href: '/can-bo/don-vi', label: 'Đơn vị và tài khoản' },
];

export function unitHandlers(ctx: AppContext) {
  function renderUnitForm(res: Response, status: number, data: { unitId?: string; values: Record<string, unknown>; errors: FormErrors | null }) {
    res.status(status).render('units/unit-form', {
      title: data.unitId ? 'Sửa đơn vị' : 'Thêm đơn vị',
      breadcrumbs: BREADCRUMBS,
      unitId: data.unitId ?? null,
      values: data.values,
      errors: data.errors,
    });
  }

  async function renderAccountForm(req: Request, res: Response, status: number, values: Record<string, unknown>, errors: FormErrors | null) {
    const options = await units.activeUnitOptions(ctx.db, currentUser(req).wardId);
    res.status(status).render('units/account-form', {
      title: 'Thêm tài khoản cán bộ',
      breadcrumbs: BREADCRUMBS,
      values,
      errors,
      unitOptions: options,
      ssoEnabled: !!ctx.config.oidc,
    });
  }

  function renderSsoForm(
    res: Response,
    status: number,
    account: { id: string; username: string; fullName: string },
    values: Record<string, unknown>,
    errors: FormErrors | null,
  ) {
    res
      .status(status)
      .render('units/account-sso', { title: `Tài khoản dùng chung của ${account.username}`, breadcrumbs: BREADCRUMBS, account, values, errors });
  }

  async function saveUnit(req: Request, res: Response, unitId?: string) {
    const result = validateForm(unitSchema, req.body);
    if (!result.ok) return renderUnitForm(res, 400, { unitId, values: req.body, errors: result.errors });
    const saved = await attemptForm(async () => {
      if (unitId) await units.updateUnit(ctx.db, actorOf(req), unitId, result.data);
      else await units.createUnit(ctx.db, actorOf(req), result.data);
    });
    if (!saved.ok) return renderUnitForm(res, 400, { unitId, values: req.body, errors: saved.errors });
    req.flash('success', unitId ? 'Đã lưu đơn vị.' : 'Đã thêm đơn vị.');
    res.redirect(303, '/can-bo/don-vi');
  }

  return {
    async index(req: Request, res: Response) {
      const user = currentUser(req);
      const [groups, accounts] = await Promise.all([units.unitsByKind(ctx.db, user.wardId), units.listAccounts(ctx.db, user.wardId)]);
      res.render('units/index', { title: 'Đơn vị và tài khoản cán bộ', breadcrumbs: [BREADCRUMBS[0]], groups, accounts, ssoEnabled: !!ctx.config.oidc });
    },

    newUnit(_req: Request, res: Response) {
      renderUnitForm(res, 200, { values: { kind: 'SPECIALIST' }, errors: null });
    },

    createUnit(req: Request, res: Response) {
      return saveUnit(req, res);
    },

    async editUnit(req: Request, res: Response) {
      const unit = await units.findUnit(ctx.db, currentUser(req).wardId, routeParam(req, 'unitId'));
      renderUnitForm(res, 200, { unitId: unit.id, values: { ...unit, sortOrder: String(unit.sortOrder) }, errors: null });
    },

    async updateUnit(req: Request, res: Response) {
      const unit = await units.findUnit(ctx.db, currentUser(req).wardId, routeParam(req, 'unitId'));
      return saveUnit(req, res, unit.id);
    },

    async setUnitActive(req: Request, res: Response) {
      const active = req.body.active === '1';
      const unit = await units.setUnitActive(ctx.db, actorOf(req), routeParam(req, 'unitId'), active);
      req.flash('success', active ? `Đã kích hoạt lại đơn vị “${unit.name}”.` : `Đã ngừng hoạt động đơn vị “${unit.name}”.`);
      res.redirect(303, '/can-bo/don-vi');
    },

    async newAccount(req: Request, res: Response) {
      await renderAccountForm(req, res, 200, { role: 'UNIT' }, null);
    },

    async createAccount(req: Request, res: Response) {
      // The password is never sent back into the page.
      const values = { ...req.body, password: '' };
      const result = validateForm(accountSchema, req.body);
      if (!result.ok) return renderAccountForm(req, res, 400, values, result.errors);
      const created = await attemptForm(() => units.createAccount(ctx.db, actorOf(req), result.data));
      if (!created.ok) return renderAccountForm(req, res, 400, values, created.errors);
      req.flash('success', `Đã tạo tài khoản “${created.data.username}”. Hãy trao mật khẩu ban đầu trực tiếp cho cán bộ.`);
      res.redirect(303, '/can-bo/don-vi#tai-khoan');
    },

    async editSso(req: Request, res: Response) {
      const account = await units.findAccount(ctx.db, currentUser(req).wardId, routeParam(req, 'userId'));
      renderSsoForm(res, 200, account, { oidcSubject: account.oidcSubject ?? '' }, null);
    },

    async saveSso(req: Request, res: Response) {
      const account = await units.findAccount(ctx.db, currentUser(req).wardId, routeParam(req, 'userId'));
      const result = validateForm(oidcSubjectSchema, req.body);
      if (!result.ok) return renderSsoForm(res, 400, account, req.body, result.errors);
      const saved = await attemptForm(() => units.setOidcSubject(ctx.db, actorOf(req), account.id, result.data.oidcSubject));
      if (!saved.ok) return renderSsoForm(res, 400, account, req.body, saved.errors);
      req.flash(
        'success',
        result.data.oidcSubject
          ? `Đã gắn tài khoản dùng chung cho “${account.username}”.`
          : `Đã bỏ gắn tài khoản dùng chung của “${account.username}”: cán bộ chỉ đăng nhập bằng mật khẩu.`,
      );
      res.redirect(303, '/can-bo/don-vi#tai-khoan');
    },

    async setUserActive(req: Request, res: Response) {
      const active = req.body.active === '1';
      const user = await units.setUserActive(ctx.db, actorOf(req), routeParam(req, 'userId'), active);
      req.flash('success', active ? `Đã mở lại tài khoản “${user.username}”.` : `Đã khóa tài khoản “${user.username}”.`);
      res.redirect(303, '/can-bo/don-vi#tai-khoan');
    },
  };
}
