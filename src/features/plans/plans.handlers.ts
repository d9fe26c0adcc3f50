import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import type { Role } from '../../domain/enums.js';
import { attemptForm, FormError, type FormErrors, validateForm } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { collectRows, planFormInput, planSchema } from './plans.schemas.js';
import { superiorOn } from '../documents/index.js';
import { presentTask } from '../../domain/task-status.js';
import * as plans from './plans.service.js';
import { routeParam } from '../../lib/request.js';

export const PLAN_EDITORS: Role[] = ['ADMIN', 'JUSTICE'];

export function canEditPlans(req: Request) {
  return !!req.user && PLAN_EDITORS.includes(req.user.role);
}

export function planHandlers(ctx: AppContext) {
  function renderForm(res: Response, status: number, data: { planId?: string; values: Record<string, unknown>; errors: FormErrors | null }) {
    const title = data.planId ? 'Sửa kế hoạch' : 'Thêm kế hoạch';
    const breadcrumbs = [
      { href: '/can-bo', label: 'Trang cán bộ' },
      { href: '/can-bo/ke-hoach', label: 'Kế hoạch' },
      ...(data.planId ? [{ href: `/can-bo/ke-hoach/${data.planId}`, label: 'Trang kế hoạch' }] : []),
    ];
    res.status(status).render('plans/plan-form', { title, breadcrumbs, ...data, planId: data.planId ?? null });
  }

  /** What was typed, kept for the re-rendered form. */
  function typedValues(body: Record<string, unknown>) {
    return { ...body, bases: collectRows(body, 'bases') };
  }

  async function savePlan(req: Request, res: Response, planId?: string) {
    const result = validateForm(planSchema, planFormInput(req.body));
    if (!result.ok) return renderForm(res, 400, { planId, values: typedValues(req.body), errors: result.errors });
    const saved = await attemptForm(async () => {
      try {
        if (!planId) return (await plans.createPlan(ctx.db, actorOf(req), result.data)).id;
        await plans.updatePlan(ctx.db, actorOf(req), planId, result.data);
        return planId;
      } catch (err) {
        // Two plans of the ward in one year with the same number: the database's unique index says so.
        if (plans.isUniqueViolation(err))
          throw FormError.of('number', 'Số kế hoạch này đã được dùng cho một kế hoạch khác của phường trong năm. Vui lòng chọn số khác.');
        throw err;
      }
    });
    if (!saved.ok) return renderForm(res, 400, { planId, values: typedValues(req.body), errors: saved.errors });
    req.flash('success', planId ? 'Đã lưu kế hoạch.' : 'Đã thêm kế hoạch. Tiếp theo, thêm các nhiệm vụ của kế hoạch.');
    return res.redirect(303, `/can-bo/ke-hoach/${saved.data}`);
  }

  return {
    async publicList(req: Request, res: Response) {
      const list = await plans.listPublishedPlans(ctx.db, req.ward.id);
      res.render('plans/public-list', {
        title: 'Kế hoạch của phường',
        breadcrumbs: [{ href: '/', label: 'Trang chủ' }],
        plans: list.map((p) => ({ ...p, numberLabel: plans.planNumberLabel(p) })),
      });
    },

    async publicShow(req: Request, res: Response) {
      // Officers of the ward may preview a plan before it is published; nobody else may.
      const preview = !!req.user && req.user.wardId === req.ward.id;
      const doc = await plans.loadPlanDocument(ctx.db, req.ward.id, routeParam(req, 'planId'), ctx.now(), preview);
      res.render('plans/public-show', {
        title: `Kế hoạch ${doc.plan.title}`,
        breadcrumbs: [
          { href: '/', label: 'Trang chủ' },
          { href: '/ke-hoach', label: 'Kế hoạch' },
        ],
        ...doc,
        now: ctx.now(),
        bodyClass: 'page-plan-document',
      });
    },

    async officerList(req: Request, res: Response) {
      const user = currentUser(req);
      const list = await plans.listWardPlans(ctx.db, user.wardId);
      res.render('plans/officer-list', {
        title: 'Kế hoạch và nhiệm vụ',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        plans: list.map((p) => ({ ...p, numberLabel: plans.planNumberLabel(p) })),
        canEdit: canEditPlans(req),
      });
    },

    async officerShow(req: Request, res: Response) {
      const user = currentUser(req);
      const plan = await plans.loadOfficerPlan(ctx.db, user.wardId, routeParam(req, 'planId'));
      const now = ctx.now();
      res.render('plans/officer-show', {
        title: `Kế hoạch ${plans.planNumberLabel(plan)}`,
        breadcrumbs: [
          { href: '/can-bo', label: 'Trang cán bộ' },
          { href: '/can-bo/ke-hoach', label: 'Kế hoạch' },
        ],
        plan,
        tasks: plan.tasks.map((t) => presentTask(t, now)),
        numberLabel: plans.planNumberLabel(plan),
        dateLine: plans.planDateLine(plan),
        canEdit: canEditPlans(req),
      });
    },

    async newForm(req: Request, res: Response) {
      // The parent body line is the superior valid today (UBND tỉnh since 01/07/2025), not the one of older plans.
      const superior = await superiorOn(ctx.db, req.ward.id, ctx.now());
      renderForm(res, 200, { values: plans.newPlanValues({ ...req.ward, parentBodyName: superior.superiorCommittee }, ctx.now()), errors: null });
    },

    create(req: Request, res: Response) {
      return savePlan(req, res);
    },

    async editForm(req: Request, res: Response) {
      const user = currentUser(req);
      const plan = await plans.loadOfficerPlan(ctx.db, user.wardId, routeParam(req, 'planId'));
      renderForm(res, 200, { planId: plan.id, values: plans.planFormValues(plan), errors: null });
    },

    async update(req: Request, res: Response) {
      const user = currentUser(req);
      const plan = await plans.loadOfficerPlan(ctx.db, user.wardId, routeParam(req, 'planId'));
      return savePlan(req, res, plan.id);
    },
  };
}
