import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { type FormErrors, validateForm } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { digestSettings, saveDigestSettings } from './digest.js';
import { digestSettingsSchema } from './worklist.schemas.js';

export function worklistHandlers(ctx: AppContext) {
  function render(res: Response, status: number, values: Record<string, string>, errors: FormErrors | null) {
    res.status(status).render('worklist/settings', {
      title: 'Tài khoản và bản tin hằng ngày',
      breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
      values,
      errors,
    });
  }

  return {
    async settings(req: Request, res: Response) {
      const me = await digestSettings(ctx.db, currentUser(req).id);
      render(res, 200, { email: me.email, digestOptIn: me.digestOptIn ? '1' : '' }, null);
    },

    async saveSettings(req: Request, res: Response) {
      const values = { email: String(req.body?.email ?? ''), digestOptIn: req.body?.digestOptIn === '1' ? '1' : '' };
      const result = validateForm(digestSettingsSchema, req.body ?? {});
      if (!result.ok) return render(res, 400, values, result.errors);
      await saveDigestSettings(ctx.db, actorOf(req), result.data);
      req.flash(
        'success',
        result.data.digestOptIn ? 'Đã lưu: bạn sẽ nhận bản tin hằng ngày khi có việc đang chờ.' : 'Đã lưu: bạn không nhận bản tin hằng ngày.',
      );
      res.redirect(303, '/can-bo/tai-khoan');
    },
  };
}
