import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { RateLimiter } from '../../lib/rate-limit.js';
import { holeMarker, type KeptPage, renderKeptForm } from '../../lib/page-cache.js';
import { FLASH_COOKIE } from '../../middleware/flash.js';
import { nextTimeBoundary } from '../../domain/draft-status.js';
import { randomId } from '../../lib/signing.js';
import { attemptForm, validateForm, type FormErrors } from '../../lib/validation.js';
import { normaliseReceiptCode } from '../../domain/receipt-code.js';
import { commentLimits } from './comments.limits.js';
import { commentSchema, lookupSchema, MAX_COMMENT_CHARS, OTHER_GROUP } from './comments.schemas.js';
import { formDraftIdIn, keptCommentForm } from './comments.kept-form.js';
import { ReadBesideWard } from '../../lib/beside-ward.js';
import { COMMENT_FORM_STAMP, findByReceipt, findBySubmission, LATE, loadDraftForComment, submitComment, type CommentableDraft } from './comments.service.js';
import { WriteClaim } from '../../lib/write-claim.js';
import { contactStateOf } from '../privacy/index.js';

import { sendReceiptMail } from './comments.receipt-mail.js';

const FORM_FIELDS = [
  'phan',
  'respondentType',
  'authorName',
  'organisationName',
  'publicName',
  'residentialGroup',
  'residentialOther',
  'email',
  'phone',
  'consent',
  'body',
] as const;

/** What the form shows again after a failed submission: exactly what was typed. */
function typedValues(body: Record<string, unknown>) {
  const values: Record<string, string> = {};
  for (const f of FORM_FIELDS) values[f] = typeof body[f] === 'string' ? (body[f] as string) : '';
  // The form's one-time id stays the same while the resident corrects it; a fresh form gets a new one.
  values.submissionId = submissionIdOf(body) ?? randomId();
  return values;
}

/** The one-time id a rendered comment form carries (random, unguessable), or undefined. */
function submissionIdOf(body: Record<string, unknown>): string | undefined {
  const v = body.submissionId;
  return typeof v === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? v : undefined;
}

/**
 * A new claim on the comment's write, which the request-time backstop (src/middleware/operations.ts) may
 * take first: then the write is not committed, and the visitor's "not saved" stays true (src/lib/write-claim.ts).
 */
function claimFor(res: Response): WriteClaim {
  const claim = new WriteClaim();
  if (res.headersSent) claim.abandon(); // already answered
  res.locals.writeClaim = claim;
  return claim;
}

const FIRST_RECEIPT = 'Góp ý này đã được gửi trước đó (biểu mẫu được gửi lại); không tạo góp ý mới. Đây là mã tiếp nhận của lần gửi đầu tiên.';

const NOT_KEPT = { key: null, stamp: null, kept: null };

export function commentFormHandlers(ctx: AppContext, keptPages: KeptPage[] = [], besideWard: ReadBesideWard[] = []) {
  const limits = commentLimits(new RateLimiter(ctx.db, ctx.now));
  const formPage = keptCommentForm(ctx);
  keptPages.push(formPage);
  // Read in the ward's own statement (src/lib/beside-ward.ts): a post's form stamp, a receipt's failed look-ups.
  const postedFormStamp = new ReadBesideWard({ method: 'POST', match: formDraftIdIn, sql: COMMENT_FORM_STAMP, params: (_req, draftId) => [draftId] });
  const receiptLookups = new ReadBesideWard({
    method: 'GET',
    match: (path) => (/^\/gop-y\/ma\/[^/]+$/.test(path) ? '' : null),
    ...limits.lookupsExpression(),
  });
  besideWard.push(postedFormStamp, receiptLookups);

  function formLocals(target: NonNullable<CommentableDraft>, values: Record<string, string>, errors: FormErrors | null) {
    const groups = target.groups;
    return {
      title: `Góp ý dự thảo: ${target.draft.title}`,
      breadcrumbs: [
        { href: '/du-thao', label: 'Dự thảo lấy ý kiến' },
        { href: `/du-thao/${target.draft.id}`, label: target.draft.title },
      ],
      draft: target.draft,
      version: target.version,
      open: target.open,
      status: target.status,
      articleOptions: [
        { value: '', label: 'Toàn bộ dự thảo' },
        ...target.articles.map((a) => ({ value: a.id, label: a.heading ? `${a.label}. ${a.heading}` : a.label })),
      ],
      groupOptions: [
        { value: '', label: '— Chọn tổ dân phố —' },
        ...groups.map((g) => ({ value: g.id, label: g.name })),
        { value: OTHER_GROUP, label: 'Khác (ghi rõ bên dưới)' },
      ],
      maxChars: MAX_COMMENT_CHARS,
      values,
      errors,
    };
  }

  async function renderForm(res: Response, target: NonNullable<CommentableDraft>, values: Record<string, string>, errors: FormErrors | null, status = 200) {
    res.status(status).render('comments/form', formLocals(target, values, errors));
  }

  return {
    async showForm(req: Request, res: Response, next: NextFunction) {
      // A visitor with a session (an officer) or a message to show gets the form rendered for them;
      // anyone else the kept one (usually answered before this, src/middleware/kept-pages.ts).
      const personal = req.session !== undefined || (req.cookies as Record<string, unknown> | undefined)?.[FLASH_COOKIE] !== undefined;
      // The stamp is read before the draft, so a page kept with it is never newer data under an older stamp.
      const { key, stamp, kept } = personal ? NOT_KEPT : await formPage.lookup(req, res, String(req.params.draftId));
      if (kept) return formPage.send(req, res, kept);
      const now = ctx.now();
      // The form's stamp, when the kept form's lookup read it, is the one the draft is kept under too.
      const target = await loadDraftForComment(ctx.db, req.ward.id, String(req.params.draftId), now, key ? { value: stamp } : undefined);
      const phan = typeof req.query.phan === 'string' ? req.query.phan : '';
      if (phan && !target.articles.some((a) => a.id === phan)) throw AppError.notFound('Không tìm thấy điều này trong dự thảo.');
      const values = { ...typedValues({}), phan, publicName: 'anonymous' };
      if (!key || stamp === null) return renderForm(res, target, values, null);
      const locals = formLocals(target, { ...values, submissionId: holeMarker('submissionId') }, null);
      const keep = { page: formPage, key, stamp, expiresAt: nextTimeBoundary([target.draft], now), holes: ['submissionId'] };
      renderKeptForm(req, res, 'comments/form', locals, keep, () => renderForm(res, target, values, null).catch(next), next);
    },

    async submit(req: Request, res: Response) {
      const draftId = String(req.params.draftId);
      const target = await loadDraftForComment(ctx.db, req.ward.id, draftId, ctx.now(), postedFormStamp.value(req, draftId));
      const values = typedValues(req.body ?? {});
      const formError = (field: string, message: string) => ({ fields: { [field]: message }, summary: [{ field, message }] });
      const submissionId = submissionIdOf(req.body ?? {});
      // The same rendered form sent again (back button, a second tap on "Gửi"): show the first
      // receipt. Looked up only when this submission is not simply taken: a copy of a form already
      // taken meets the same-text limit, or the unique submission id (submitComment), first.
      const firstReceipt = async () => {
        const first = submissionId ? await findBySubmission(ctx.db, target.draft.id, submissionId) : null;
        if (!first) return false;
        req.flash('info', FIRST_RECEIPT);
        res.redirect(303, `/gop-y/ma/${first.receiptCode}`);
        return true;
      };
      // A refused submission still counts as an attempt (a bot hammering the form with bad input);
      // a flood of attempts wins over the form's own errors.
      const refuse = async (errors: FormErrors) => {
        if (await firstReceipt()) return;
        const flood = await limits.attempt(req);
        return flood ? renderForm(res, target, values, formError('gop-y', flood), 429) : renderForm(res, target, values, errors, 400);
      };
      if (!target.open) {
        const message = 'Thời gian góp ý cho dự thảo này đã kết thúc; góp ý của bạn chưa được gửi.';
        return refuse({ fields: { form: message }, summary: [{ field: 'gop-y', message }] });
      }
      // Bots fill every field; people never see this one.
      if (typeof req.body?.website === 'string' && req.body.website.trim() !== '') {
        const message = 'Vui lòng để trống ô “Không điền vào ô này” rồi gửi lại.';
        return refuse({ fields: { website: message }, summary: [{ field: 'website', message }] });
      }
      const result = validateForm(commentSchema, req.body);
      if (!result.ok) return refuse(result.errors);
      // The limits are counted in the comment's own transaction (one commit for both).
      const submitted = await attemptForm(() =>
        submitComment(
          ctx.db,
          target,
          result.data,
          ctx.now(),
          submissionId,
          // If the request-time backstop says "not saved" while this waits its turn to write, nothing
          // is stored: a comment must not exist that its author was told was lost.
          {
            claim: () => claimFor(res),
            count: (tx) => limits.countAccepted(tx, req, target.draft.id, result.data.body),
            onThread: () => limits.acceptedCounts(req, target.draft.id, result.data.body),
          },
        ),
      );
      if (!submitted.ok) return refuse(submitted.errors);
      const stored = submitted.data;
      if (stored.refused === LATE || res.headersSent) return;
      if (stored.refused) {
        // A second copy of the same form (sent again, or at the same moment) meets the limit the
        // first copy counted (the same text, the same browser): it is that comment, not a flood.
        if (await firstReceipt()) return;
        return renderForm(res, target, values, formError(stored.refused.field, stored.refused.message), 429);
      }
      const { comment, repeated } = stored;
      if (repeated) {
        req.flash('info', FIRST_RECEIPT);
      } else {
        const mailed = await sendReceiptMail(ctx, req.ward, target.draft, comment);
        req.flash(
          'success',
          `Cảm ơn bạn đã góp ý. Mã tiếp nhận của bạn là ${comment.receiptCode}.${mailed ? ' Mã này cũng đã được gửi đến thư điện tử của bạn.' : ''}`,
        );
      }
      res.redirect(303, `/gop-y/ma/${comment.receiptCode}`);
    },

    async receipt(req: Request, res: Response) {
      if (await limits.lookupBlocked(req, receiptLookups.value(req, ''))) {
        throw new AppError(429, 'Bạn đã tra cứu sai mã quá nhiều lần. Vui lòng thử lại sau 10 phút.');
      }
      const code = normaliseReceiptCode(String(req.params.code));
      const comment = code ? await findByReceipt(ctx.db, req.ward.id, code) : null;
      if (!comment) {
        await limits.lookupMissed(req);
        throw AppError.notFound('Không tìm thấy góp ý có mã tiếp nhận này. Vui lòng kiểm tra lại mã.');
      }
      if (code !== req.params.code) return res.redirect(301, `/gop-y/ma/${code}`);
      const answerPublished = comment.draft.state === 'ANSWERED';
      const privacy = contactStateOf(comment.contact);
      res.render('comments/receipt', {
        privacy,
        title: `Góp ý ${comment.receiptCode}`,
        breadcrumbs: [{ href: '/gop-y/tra-cuu', label: 'Tra cứu góp ý' }],
        comment,
        answer: answerPublished ? comment.answer : null,
        link: `${req.wardUrl}/gop-y/ma/${comment.receiptCode}`,
      });
    },

    async lookup(req: Request, res: Response) {
      const render = (status: number, ma: string, errors: FormErrors | null) =>
        res.status(status).render('comments/lookup', { title: 'Tra cứu góp ý', values: { ma }, errors });
      if (req.query.ma === undefined) return render(200, '', null);
      const ma = typeof req.query.ma === 'string' ? req.query.ma : '';
      if (await limits.lookupBlocked(req)) {
        const message = 'Bạn đã tra cứu sai mã quá nhiều lần. Vui lòng thử lại sau 10 phút.';
        return render(429, ma, { fields: { ma: message }, summary: [{ field: 'ma', message }] });
      }
      const result = validateForm(lookupSchema, { ma });
      if (!result.ok) return render(400, ma, result.errors);
      const code = normaliseReceiptCode(result.data.ma);
      const found = code ? await findByReceipt(ctx.db, req.ward.id, code) : null;
      if (!code || !found) {
        await limits.lookupMissed(req);
        const message = 'Không tìm thấy góp ý có mã này. Mã tiếp nhận có dạng GY-XXXX-XXXX, ghi trên trang xác nhận khi bạn gửi góp ý.';
        return render(404, ma, { fields: { ma: message }, summary: [{ field: 'ma', message }] });
      }
      res.redirect(303, `/gop-y/ma/${code}`);
    },

    privacy(_req: Request, res: Response) {
      res.render('comments/privacy', { title: 'Chính sách bảo vệ dữ liệu cá nhân' });
    },
  };
}
