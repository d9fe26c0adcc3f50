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
      const data = await listAuditEntries(ctx.db, user.wardId, { entityType: q.loai || undefined, userId: q.nguoi || undefined, page: q.trang });
      res.render('audit/index', {
        title: 'Nhật ký thay đổi',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        filter: { loai: q.loai ?? '', nguoi: q.nguoi ?? '' },
        ...data,
      });
    },
  };
}
