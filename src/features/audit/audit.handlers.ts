import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../middleware/auth.js';
import { auditQuerySchema } from './audit.schemas.js';
import { listAuditEntries } from './audit.service.js';

export function auditHandlers(ctx: AppContext) {
  return {
    async list(req: Request, res: Response) {
      const user = currentUser(req);
      const q = auditQuerySchema.parse(req.query);
      const data = await listAuditEntries(ctx.db, user.wardId, {
        entityType: q.loai || undefined,
        userId: q.nguoi || undefined,
        from: q.tu.date,
        to: q.den.date,
        page: q.trang,
      });
      const filter = { loai: q.loai ?? '', nguoi: q.nguoi ?? '', tu: q.tu.text, den: q.den.text };
      const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== '')).toString();
      res.render('audit/index', {
        title: 'Nhật ký thay đổi',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        filter,
        // Typed days that are not dates are ignored; say so instead of silently showing everything.
        badDates: [q.tu, q.den].filter((d) => d.text && !d.date).map((d) => d.text),
        pageLink: (n: number) => `/can-bo/nhat-ky?${query ? `${query}&` : ''}trang=${n}`,
        ...data,
      });
    },
  };
}
