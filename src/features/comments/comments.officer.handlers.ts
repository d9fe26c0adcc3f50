import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { COMMENT_STATUSES } from '../../domain/enums.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { startGeneratedDownload, XLSX_MIME } from '../../lib/uploads.js';
import { slugify } from '../../lib/download-name.js';
import { attemptForm, validateForm, type FormErrors } from '../../lib/validation.js';
import { answerComments, answerStamp, findAnswer, publishSummary, summaryBlocker, updateAnswer } from './comments.answers.js';
import { exportComments } from './comments.exports.js';
import { countsByStatus, hideComment, loadOfficerDraft, moderationQueue, moderationStamp, publishComment, type OfficerDraft } from './comments.moderation.js';
import { answerEditSchema, answerSchema, hideSchema, publishSummarySchema, statusFilter } from './comments.schemas.js';
import { draftStats } from './comments.stats.js';
import { notifySummary } from '../subscriptions/index.js';
import { proposalCount } from './comments.grouping.js';
import { textOf } from '../../lib/request.js';

/**
 * Up to this many comments the queue itself counts the proposed groups of similar comments; above it, only the
 * link to them (at the top of the page). The count is kept while nothing it depends on changes, but every new
 * comment changes it, so while comments arrive each view of the queue groups the texts again, on the event loop
 * that serves the residents too: ~90 ms of CPU at 1,000 comments, ~200 at 5,000 and ~700 at 20,000 (measured
 * with the bench's seed, 01/12/2026).
 */
export const PROPOSALS_ON_QUEUE_MAX = 2_000;

type QueueState = {
  errors?: FormErrors | null;
  answerValues?: { outcome: string; explanation: string; commentIds: string[] };
  hideValues?: { commentId: string; reason: string; note: string };
  summaryNote?: string;
};

const asList = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
const queuePath = (draftId: string, filter?: string) => `/can-bo/du-thao/${draftId}/y-kien${filter ? `?trang-thai=${filter}` : ''}`;

export function officerHandlers(ctx: AppContext) {
  const draftOf = (req: Request) => loadOfficerDraft(ctx.db, currentUser(req), String(req.params.draftId), ctx.now());

  async function renderQueue(req: Request, res: Response, draft: OfficerDraft, state: QueueState = {}, status = 200) {
    const filter = statusFilter.parse(req.query['trang-thai'] ?? req.body?.filter ?? undefined);
    const from = typeof req.query.tu === 'string' ? req.query.tu : undefined;
    const counts = countsByStatus(draft);
    const [queue, blocker, similarProposals] = await Promise.all([
      moderationQueue(ctx.db, draft.id, filter, from),
      summaryBlocker(ctx.db, draft),
      counts.total <= PROPOSALS_ON_QUEUE_MAX ? proposalCount(ctx.db, draft, counts.total) : null,
    ]);
    res.status(status).render('comments/moderation', {
      title: `Kiểm duyệt, trả lời ý kiến: ${draft.title}`,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: '/can-bo/du-thao', label: 'Dự thảo' },
        { href: `/can-bo/du-thao/${draft.id}`, label: draft.title },
      ],
      draft,
      comments: queue.comments,
      nextPage: queue.next,
      paged: queue.paged,
      counts,
      filter: filter ?? '',
      statuses: COMMENT_STATUSES,
      blocker,
      similarProposals,
      stampOf: moderationStamp,
      errors: state.errors ?? null,
      answerValues: state.answerValues ?? { outcome: '', explanation: '', commentIds: [] },
      hideValues: state.hideValues ?? null,
      summaryNote: state.summaryNote ?? draft.summaryNote,
    });
  }

  return {
    async queue(req: Request, res: Response) {
      await renderQueue(req, res, await draftOf(req));
    },

    async publish(req: Request, res: Response) {
      const draft = await draftOf(req);
      const published = await attemptForm(() => publishComment(ctx.db, actorOf(req), draft.id, String(req.params.commentId), ctx.now(), textOf(req.body.seen)));
      // Changed in another tab or by another officer since this page was opened: 409 with the current state.
      if (!published.ok) return renderQueue(req, res, draft, { errors: published.errors }, 409);
      req.flash('success', `Đã công khai ý kiến ${published.data.receiptCode}.`);
      res.redirect(303, queuePath(draft.id, statusFilter.parse(req.body.filter)));
    },

    async hide(req: Request, res: Response) {
      const draft = await draftOf(req);
      const commentId = String(req.params.commentId);
      const result = validateForm(hideSchema, req.body);
      if (!result.ok) {
        const field = `reason-${commentId}`;
        const message = result.errors.summary[0].message;
        return renderQueue(
          req,
          res,
          draft,
          {
            errors: { fields: { [field]: message }, summary: [{ field, message }] },
            hideValues: { commentId, reason: textOf(req.body.reason), note: textOf(req.body.note) },
          },
          400,
        );
      }
      const hidden = await attemptForm(() =>
        hideComment(ctx.db, actorOf(req), draft.id, commentId, result.data.reason, result.data.note, ctx.now(), textOf(req.body.seen)),
      );
      if (!hidden.ok)
        return renderQueue(
          req,
          res,
          draft,
          { errors: hidden.errors, hideValues: { commentId, reason: textOf(req.body.reason), note: textOf(req.body.note) } },
          409,
        );
      req.flash('success', `Đã chuyển ý kiến ${hidden.data.receiptCode} sang không công khai. Ý kiến vẫn được lưu trong hồ sơ.`);
      res.redirect(303, queuePath(draft.id, statusFilter.parse(req.body.filter)));
    },

    async answer(req: Request, res: Response) {
      const draft = await draftOf(req);
      const answerValues = { outcome: textOf(req.body.outcome), explanation: textOf(req.body.explanation), commentIds: asList(req.body.commentIds) };
      const result = validateForm(answerSchema, req.body);
      if (!result.ok) return renderQueue(req, res, draft, { errors: result.errors, answerValues }, 400);
      const answered = await attemptForm(() => answerComments(ctx.db, actorOf(req), draft.id, result.data));
      if (!answered.ok) return renderQueue(req, res, draft, { errors: answered.errors, answerValues }, 400);
      const n = result.data.commentIds.length;
      req.flash('success', n > 1 ? `Đã trả lời chung ${n} ý kiến.` : 'Đã lưu trả lời.');
      res.redirect(303, queuePath(draft.id, statusFilter.parse(req.body.filter)));
    },

    async editAnswerForm(req: Request, res: Response) {
      const draft = await draftOf(req);
      const answer = await findAnswer(ctx.db, draft.id, String(req.params.answerId));
      res.render('comments/answer-edit', {
        title: 'Sửa trả lời ý kiến',
        draft,
        answer,
        seen: answerStamp(answer),
        saved: null,
        values: { outcome: answer.outcome, explanation: answer.explanation },
        errors: null,
      });
    },

    async editAnswer(req: Request, res: Response) {
      const draft = await draftOf(req);
      const answer = await findAnswer(ctx.db, draft.id, String(req.params.answerId));
      const result = validateForm(answerEditSchema, req.body);
      if (!result.ok) {
        return res.status(400).render('comments/answer-edit', {
          title: 'Sửa trả lời ý kiến',
          draft,
          answer,
          seen: textOf(req.body.seen),
          saved: null,
          values: { outcome: textOf(req.body.outcome), explanation: textOf(req.body.explanation) },
          errors: result.errors,
        });
      }
      const updated = await attemptForm(() => updateAnswer(ctx.db, actorOf(req), draft.id, answer.id, result.data, textOf(req.body.seen)));
      if (!updated.ok) {
        // Saved meanwhile in another tab: show what is saved now, keep what was typed, and let a second save replace it.
        const current = await findAnswer(ctx.db, draft.id, answer.id);
        return res.status(409).render('comments/answer-edit', {
          title: 'Sửa trả lời ý kiến',
          draft,
          answer: current,
          seen: answerStamp(current),
          saved: current,
          values: { outcome: textOf(req.body.outcome), explanation: textOf(req.body.explanation) },
          errors: updated.errors,
        });
      }
      req.flash('success', 'Đã sửa trả lời.');
      res.redirect(303, queuePath(draft.id));
    },

    async publishSummary(req: Request, res: Response) {
      const draft = await draftOf(req);
      const summaryNote = textOf(req.body.summaryNote);
      const result = validateForm(publishSummarySchema, req.body);
      if (!result.ok) return renderQueue(req, res, draft, { errors: result.errors, summaryNote }, 400);
      const published = await attemptForm(() => publishSummary(ctx, actorOf(req), draft, result.data.summaryNote));
      if (!published.ok) return renderQueue(req, res, draft, { errors: published.errors, summaryNote }, 400);
      await notifySummary(ctx, draft.id);
      const { sent, failed } = published.data;
      req.flash(
        'success',
        `Đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến. Đã gửi thư báo cho ${sent} người góp ý${failed ? `; ${failed} thư chưa gửi được` : ''}.`,
      );
      res.redirect(303, `/du-thao/${draft.id}/tiep-thu-giai-trinh`);
    },

    async stats(req: Request, res: Response) {
      const draft = await draftOf(req);
      const stats = await draftStats(ctx.db, currentUser(req).wardId, draft.id);
      res.render('comments/stats', {
        title: `Thống kê ý kiến: ${draft.title}`,
        breadcrumbs: [
          { href: '/can-bo', label: 'Trang cán bộ' },
          { href: `/can-bo/du-thao/${draft.id}`, label: draft.title },
        ],
        draft,
        stats,
        canModerate: ['JUSTICE', 'ADMIN'].includes(currentUser(req).role),
      });
    },

    fullExport: (ext: 'csv' | 'xlsx') => async (req: Request, res: Response) => {
      const draft = await draftOf(req);
      const name = slugify(`ý kiến góp ý đầy đủ ${draft.title.replace(/^dự thảo\s*/iu, '')}`);
      const title = `Ý kiến góp ý (đầy đủ, có thông tin liên hệ – chỉ dùng nội bộ): ${draft.title}`;
      await exportComments(
        res,
        { databaseUrl: ctx.config.databaseUrl, draft: { id: draft.id, state: draft.state }, withContact: true, ext, title },
        () => startGeneratedDownload(res, ext === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME, `${name}.${ext}`),
        ctx.logger,
      );
    },
  };
}
