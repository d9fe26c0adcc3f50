import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { parseDateInput } from '../../lib/format.js';
import { toFormErrors } from '../../lib/validation.js';
import { currentUser } from '../../middleware/auth.js';
import { choosePlan, progressPage, wardPlans } from './dashboard.service.js';
import { totalActivities } from '../../domain/figures.js';

const q = (req: Request, name: string) => (typeof req.query[name] === 'string' ? (req.query[name] as string).normalize('NFC').trim() : '');

export function dashboardHandlers(ctx: AppContext) {
  return {
    async progress(req: Request, res: Response) {
      const user = currentUser(req);
      const now = ctx.now();
      const plans = await wardPlans(ctx.db, user.wardId);
      const yearText = q(req, 'nam');
      const values = { planId: q(req, 'ke-hoach'), tu: q(req, 'tu'), den: q(req, 'den'), nam: yearText };
      const issues: { path: string[]; message: string }[] = [];
      const year = /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
      if (yearText && !year) issues.push({ path: ['nam'], message: 'Năm phải gồm 4 chữ số, ví dụ 2025.' });
      const from = values.tu ? parseDateInput(values.tu) : null;
      const to = values.den ? parseDateInput(values.den) : null;
      if (values.tu && !from) issues.push({ path: ['tu'], message: 'Từ ngày không phải là ngày hợp lệ (dd/mm/yyyy).' });
      if (values.den && !to) issues.push({ path: ['den'], message: 'Đến ngày không phải là ngày hợp lệ (dd/mm/yyyy).' });
      if (from && to && from > to) issues.push({ path: ['den'], message: 'Đến ngày phải sau hoặc bằng từ ngày.' });
      const plan = choosePlan(plans, { planId: values.planId || undefined, year, now });
      const errors = issues.length ? toFormErrors(issues) : null;
      const data = plan && !errors ? await progressPage(ctx.db, { wardId: user.wardId, planId: plan.id, year: plan.year, from, to, now }) : null;
      // Units' own plans (kế hoạch cụ thể) against what was done, for the period shown (planned-figures.ts).
      const planned = data?.figures.planned?.byTask ?? {};
      res.status(errors ? 400 : 200).render('dashboard/progress', {
        title: 'Tiến độ thực hiện kế hoạch',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        plans,
        plan,
        values,
        errors,
        data,
        activitiesTotal: data ? totalActivities(data.figures.channels) : 0,
        planned,
        now,
      });
    },
  };
}
