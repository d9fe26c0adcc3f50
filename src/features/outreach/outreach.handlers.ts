import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { toInputDate } from '../../lib/format.js';
import { AppError } from '../../lib/app-error.js';
import { endOfDay } from '../../lib/format.js';
import { validateForm, singleError, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { bulletinPreviewSchema, bulletinSchema, posterUseSchema } from './outreach.schemas.js';
import { bulletinText, draftUrl, loadOutreachDraft, qrSvg, readingTime, recordOutreach, type OutreachDraft } from './outreach.service.js';
import { textOf } from '../../lib/request.js';

export function outreachHandlers(ctx: AppContext) {
  const draftOf = (req: Request) => loadOutreachDraft(ctx.db, currentUser(req), String(req.params.draftId), ctx.now());
  const crumbs = (req: Request, draft: OutreachDraft) => [
    { href: '/can-bo', label: 'Trang cán bộ' },
    ...(currentUser(req).role === 'UNIT' ? [] : [{ href: `/can-bo/du-thao/${draft.id}`, label: draft.title }]),
  ];

  async function renderPoster(req: Request, res: Response, draft: OutreachDraft, values: Record<string, string>, errors: FormErrors | null, status = 200) {
    const url = draftUrl(req.wardUrl, draft.id);
    res.status(status).render('outreach/poster', {
      title: `Thông báo lấy ý kiến: ${draft.title}`,
      breadcrumbs: crumbs(req, draft),
      bodyClass: 'page-poster',
      draft,
      url,
      qr: await qrSvg(url),
      values,
      errors,
    });
  }

  function renderBulletin(req: Request, res: Response, draft: OutreachDraft, values: Record<string, string>, errors: FormErrors | null, status = 200) {
    res.status(status).render('outreach/bulletin', {
      title: `Tin phát thanh: ${draft.title}`,
      breadcrumbs: crumbs(req, draft),
      draft,
      values,
      time: readingTime(values.text),
      errors,
    });
  }

  /** A rule the service enforces (no task to record on) shown on the same form. */
  const refusal = (err: unknown, field: string) => (err instanceof AppError && err.status === 409 ? singleError(field, err.message) : null);

  return {
    async poster(req: Request, res: Response) {
      const draft = await draftOf(req);
      await renderPoster(req, res, draft, { heldOn: toInputDate(ctx.now()), places: '', note: '' }, null);
    },

    async posterUsed(req: Request, res: Response) {
      const draft = await draftOf(req);
      const values = { heldOn: textOf(req.body?.heldOn), places: textOf(req.body?.places), note: textOf(req.body?.note) };
      const result = validateForm(posterUseSchema, req.body);
      if (!result.ok) return renderPoster(req, res, draft, values, result.errors, 400);
      if (result.data.heldOn > endOfDay(ctx.now()))
        return renderPoster(req, res, draft, values, singleError('heldOn', 'Ngày niêm yết không được sau ngày hôm nay.'), 400);
      try {
        await recordOutreach(
          ctx.db,
          actorOf(req),
          currentUser(req),
          draft,
          {
            channel: 'NOTICE_BOARD',
            heldOn: result.data.heldOn,
            description: `Niêm yết Thông báo lấy ý kiến ${draft.title} tại ${result.data.places} bảng tin${result.data.note ? ` (${result.data.note})` : ''}`,
            peopleReached: 0,
            detail: { places: result.data.places, note: result.data.note },
          },
          ctx.now(),
        );
      } catch (err) {
        const errors = refusal(err, 'heldOn');
        if (errors) return renderPoster(req, res, draft, values, errors, 400);
        throw err;
      }
      req.flash('success', `Đã ghi nhận hoạt động truyền thông: niêm yết thông báo tại ${result.data.places} bảng tin.`);
      res.redirect(303, `/can-bo/du-thao/${draft.id}/thong-bao`);
    },

    async bulletin(req: Request, res: Response) {
      const draft = await draftOf(req);
      const ward = req.ward;
      renderBulletin(req, res, draft, { text: bulletinText(draft, ward, req.wardUrl), heldOn: toInputDate(ctx.now()), times: '1' }, null);
    },

    async bulletinUsed(req: Request, res: Response) {
      const draft = await draftOf(req);
      const values = { text: textOf(req.body?.text), heldOn: textOf(req.body?.heldOn), times: textOf(req.body?.times) };
      if (req.body?.action === 'preview') {
        const preview = validateForm(bulletinPreviewSchema, req.body);
        return renderBulletin(req, res, draft, values, preview.ok ? null : preview.errors, preview.ok ? 200 : 400);
      }
      const result = validateForm(bulletinSchema, req.body);
      if (!result.ok) return renderBulletin(req, res, draft, values, result.errors, 400);
      if (result.data.heldOn > endOfDay(ctx.now()))
        return renderBulletin(req, res, draft, values, singleError('heldOn', 'Ngày phát không được sau ngày hôm nay.'), 400);
      const time = readingTime(result.data.text);
      try {
        await recordOutreach(
          ctx.db,
          actorOf(req),
          currentUser(req),
          draft,
          {
            channel: 'LOUDSPEAKER',
            heldOn: result.data.heldOn,
            description: `Phát tin lấy ý kiến ${draft.title} trên loa truyền thanh (${result.data.times} lần, mỗi lần khoảng ${time.label})`,
            peopleReached: 0,
            detail: { times: result.data.times, seconds: time.seconds, text: result.data.text },
          },
          ctx.now(),
        );
      } catch (err) {
        const errors = refusal(err, 'text');
        if (errors) return renderBulletin(req, res, draft, values, errors, 400);
        throw err;
      }
      req.flash('success', `Đã ghi nhận hoạt động truyền thông: phát tin trên loa truyền thanh ${result.data.times} lần.`);
      res.redirect(303, `/can-bo/du-thao/${draft.id}/tin-phat-thanh`);
    },
  };
}
