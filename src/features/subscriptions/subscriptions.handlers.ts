import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { attemptForm, type FormErrors, validateForm } from '../../lib/validation.js';
import { CONSENT_TEXT, PENDING_DAYS, subscribeSchema } from './subscriptions.schemas.js';
import { confirmSubscription, draftFields, purgeExpiredSubscriptions, findByToken, followableDraft, subscribe, unsubscribe } from './subscriptions.service.js';
import { textOf } from '../../lib/request.js';

const crumbs = [{ href: '/', label: 'Trang chủ' }];

export function subscriptionHandlers(ctx: AppContext) {
  async function renderForm(req: Request, res: Response, status: number, values: Record<string, string>, errors: FormErrors | null) {
    const now = ctx.now();
    const draft = values.draftId ? await followableDraft(ctx.db, req.ward.id, values.draftId, now) : null;
    const fields = await draftFields(ctx.db, req.ward.id, now);
    res.status(status).render('subscriptions/form', {
      title: 'Đăng ký nhận thư báo',
      breadcrumbs: crumbs,
      values: { ...values, draftId: draft ? draft.id : '', kind: values.kind || (draft ? 'DRAFT_SUMMARY' : 'NEW_DRAFTS') },
      errors,
      draft,
      fieldOptions: [{ value: '', label: 'Mọi lĩnh vực' }, ...fields.map((f) => ({ value: f, label: f }))],
      consentText: CONSENT_TEXT,
    });
  }

  const linkGone = (message: string) => AppError.notFound(message, 'Đường dẫn không còn hiệu lực');

  /** The token's subscription, or a 404 page that says why a link may no longer work. */
  async function byToken(req: Request) {
    await purgeExpiredSubscriptions(ctx.db, ctx.now());
    const row = await findByToken(ctx.db, req.ward.id, String(req.params.token));
    if (!row) throw linkGone(`Đăng ký này không còn: đã hủy, hoặc không được xác nhận trong ${PENDING_DAYS} ngày nên đã tự xóa. Bạn có thể đăng ký lại.`);
    return row;
  }

  return {
    async show(req: Request, res: Response) {
      await renderForm(req, res, 200, { draftId: textOf(req.query['du-thao']) }, null);
    },

    async submit(req: Request, res: Response) {
      const b = req.body ?? {};
      const values = { email: textOf(b.email), kind: textOf(b.kind), field: textOf(b.field), draftId: textOf(b.draftId), consent: textOf(b.consent) };
      const result = validateForm(subscribeSchema, b);
      if (!result.ok) return renderForm(req, res, 400, values, result.errors);
      const subscribed = await attemptForm(() => subscribe(ctx, req.ward, result.data));
      if (!subscribed.ok) return renderForm(req, res, 400, values, subscribed.errors);
      res.redirect(303, '/nhan-tin/da-gui');
    },

    sent(_req: Request, res: Response) {
      res.render('subscriptions/message', {
        title: 'Vui lòng kiểm tra thư điện tử',
        breadcrumbs: crumbs,
        message: `Chúng tôi đã gửi thư xác nhận đến địa chỉ bạn nhập. Mở thư và bấm “Xác nhận đăng ký” trong ${PENDING_DAYS} ngày; trước khi xác nhận, không thư báo nào được gửi. Không thấy thư? Hãy xem thư mục thư rác.`,
      });
    },

    async confirmPage(req: Request, res: Response) {
      const row = await byToken(req);
      res.render('subscriptions/confirm', {
        title: row.confirmedAt ? 'Đã xác nhận đăng ký' : 'Xác nhận đăng ký nhận thư báo',
        breadcrumbs: crumbs,
        row,
        token: String(req.params.token),
      });
    },

    async confirm(req: Request, res: Response) {
      const row = await byToken(req);
      if (!(await confirmSubscription(ctx.db, row.id, ctx.now()))) {
        throw linkGone(`Yêu cầu chưa được xác nhận trong ${PENDING_DAYS} ngày nên đã tự xóa. Bạn có thể đăng ký lại.`);
      }
      res.redirect(303, `/nhan-tin/xac-nhan/${String(req.params.token)}`);
    },

    async unsubscribePage(req: Request, res: Response) {
      const row = await byToken(req);
      res.render('subscriptions/unsubscribe', { title: 'Hủy đăng ký nhận thư báo', breadcrumbs: crumbs, row, token: String(req.params.token) });
    },

    /** RFC 8058 one-click (mail clients POST "List-Unsubscribe=One-Click") and the page's button: the token is the authority. */
    async unsubscribe(req: Request, res: Response) {
      const row = await findByToken(ctx.db, req.ward.id, String(req.params.token));
      if (row) await unsubscribe(ctx.db, row.id);
      res.render('subscriptions/message', {
        title: 'Đã hủy đăng ký',
        breadcrumbs: crumbs,
        message: 'Bạn sẽ không nhận thư báo này nữa. Địa chỉ thư điện tử của bạn đã được xóa khỏi danh sách nhận thư.',
      });
    },
  };
}
