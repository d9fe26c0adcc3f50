import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { normaliseReceiptCode } from '../../domain/receipt-code.js';
import { correctContactSchema, eraseContactSchema, receiptQuerySchema } from './privacy.schemas.js';
import { commentForOfficer, correctContact, eraseOnRequest, withdrawConsent, type OfficerComment } from './privacy.service.js';

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const BASE = '/can-bo/du-lieu-ca-nhan';

type PageState = {
  ma: string;
  comment: OfficerComment | null;
  correct?: Record<string, string>;
  erase?: Record<string, string>;
  errors?: FormErrors | null;
  status?: number;
};

export function privacyHandlers(ctx: AppContext) {
  function render(res: Response, s: PageState) {
    const c = s.comment;
    res.status(s.status ?? 200).render('privacy/officer', {
      title: 'Yêu cầu về dữ liệu cá nhân',
      breadcrumbs: [{ href: '/can-bo', label: 'Cán bộ' }],
      ma: s.ma,
      comment: c,
      correct: s.correct ?? (c ? { authorName: c.authorName, email: c.email, phone: c.phone, reason: '' } : {}),
      erase: s.erase ?? { reason: '' },
      errors: s.errors ?? null,
    });
  }

  /** The comment named in the URL, in the officer's ward; anything else is a 404. */
  async function load(req: Request) {
    const comment = await commentForOfficer(ctx.db, currentUser(req).wardId, String(req.params.code));
    if (!comment) throw AppError.notFound('Không tìm thấy góp ý có mã tiếp nhận này.');
    return comment;
  }

  return {
    /** Find a comment by receipt code; shows its contact details with the correct and erase forms. */
    async find(req: Request, res: Response) {
      if (req.query.ma === undefined) return render(res, { ma: '', comment: null });
      const ma = text(req.query.ma);
      const result = validateForm(receiptQuerySchema, { ma });
      if (!result.ok) return render(res, { ma, comment: null, errors: result.errors, status: 400 });
      const comment = await commentForOfficer(ctx.db, currentUser(req).wardId, result.data.ma);
      if (!comment) {
        const message = 'Không tìm thấy góp ý có mã này trong phường. Mã tiếp nhận có dạng GY-XXXX-XXXX.';
        return render(res, { ma, comment: null, errors: { fields: { ma: message }, summary: [{ field: 'ma', message }] }, status: 404 });
      }
      render(res, { ma: comment.receiptCode, comment });
    },

    async correct(req: Request, res: Response) {
      const comment = await load(req);
      const values = { authorName: text(req.body?.authorName), email: text(req.body?.email), phone: text(req.body?.phone), reason: text(req.body?.reason) };
      const result = validateForm(correctContactSchema, req.body ?? {});
      if (!result.ok) return render(res, { ma: comment.receiptCode, comment, correct: values, errors: result.errors, status: 400 });
      const fields = await correctContact(ctx.db, actorOf(req), comment.receiptCode, result.data, ctx.now());
      req.flash('success', fields.length ? 'Đã sửa thông tin liên hệ theo yêu cầu; việc sửa đã được ghi nhật ký.' : 'Không có thông tin nào thay đổi.');
      res.redirect(303, `${BASE}?ma=${comment.receiptCode}`);
    },

    async erase(req: Request, res: Response) {
      const comment = await load(req);
      // The box is "eraseReason" on the page (the correct form has its own "reason").
      const values = { reason: text(req.body?.eraseReason) };
      const result = validateForm(eraseContactSchema, values);
      if (!result.ok) {
        const message = result.errors.fields.reason ?? 'Vui lòng nhập lý do.';
        return render(res, {
          ma: comment.receiptCode,
          comment,
          erase: values,
          errors: { fields: { eraseReason: message }, summary: [{ field: 'eraseReason', message }] },
          status: 400,
        });
      }
      await eraseOnRequest(ctx.db, actorOf(req), comment.receiptCode, result.data.reason, ctx.now());
      req.flash('success', 'Đã xóa thông tin liên hệ và họ tên của người góp ý; nội dung góp ý và trả lời được giữ nguyên.');
      res.redirect(303, `${BASE}?ma=${comment.receiptCode}`);
    },

    /** The resident, with the receipt code, withdraws consent: contact details are erased at once. */
    async withdraw(req: Request, res: Response) {
      const code = normaliseReceiptCode(String(req.params.code));
      if (!code) throw AppError.notFound('Không tìm thấy góp ý có mã tiếp nhận này.');
      const done = await withdrawConsent(ctx.db, req.ward.id, code, ctx.now(), req.ip ?? '');
      req.flash(
        'success',
        done
          ? 'Bạn đã rút lại sự đồng ý. Họ tên, thư điện tử và số điện thoại của bạn đã được xóa; bạn sẽ không nhận thêm thư nào về góp ý này.'
          : 'Góp ý này không còn lưu thông tin liên hệ nào của bạn.',
      );
      res.redirect(303, `/gop-y/ma/${code}`);
    },
  };
}
