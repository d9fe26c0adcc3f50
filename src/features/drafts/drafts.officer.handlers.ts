import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../../lib/audit.js';
import { toInputDate } from '../../lib/format.js';
import { attemptForm, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { commentPeriodDays, effectiveDraftStatus } from '../../domain/draft-status.js';
import { draftFiles } from './drafts.files.js';
import { closeEarlySchema, draftSchema } from './drafts.schemas.js';
import {
  closeDraftEarly,
  createDraft,
  draftForWard,
  draftPlanLinks,
  officerDraftList,
  publishDraft,
  taskChoices,
  unpublishDraft,
  updateDraft,
  type DraftRow,
} from './drafts.service.js';
import { notifyNewDraft } from '../subscriptions/index.js';
import { latestVersion, versionList } from './drafts.versions.js';
import { routeParam } from '../../lib/request.js';

/** The officer's breadcrumbs: the drafts list, then the draft. */
export const crumbs = (draft?: { id: string; title: string }) => [
  { href: '/can-bo', label: 'Trang cán bộ' },
  { href: '/can-bo/du-thao', label: 'Dự thảo lấy ý kiến' },
  ...(draft ? [{ href: `/can-bo/du-thao/${draft.id}`, label: draft.title }] : []),
];
/** A form page shown again: what was typed, the messages, the status. */
export type Shown = { values?: Record<string, string>; errors?: FormErrors | null; status?: number };

function draftValues(d: DraftRow) {
  return {
    title: d.title,
    documentType: d.documentType,
    draftingAgency: d.draftingAgency,
    field: d.field,
    summary: d.summary,
    affectedGroups: d.affectedGroups,
    taskId: d.taskId ?? '',
    triggerId: d.triggerId ?? '',
    opensAt: toInputDate(d.opensAt),
    closesAt: toInputDate(d.closesAt),
    shortPeriodReason: d.shortPeriodReason,
    publishImmediately: d.publishImmediately,
  };
}

export function officerHandlers(ctx: AppContext) {
  const db = ctx.db;
  const loadDraft = (req: Request) => draftForWard(db, currentUser(req).wardId, routeParam(req, 'draftId'));

  async function renderForm(
    req: Request,
    res: Response,
    opts: { draft?: DraftRow; values: Record<string, unknown>; errors: FormErrors | null; status?: number },
  ) {
    const tasks = await taskChoices(db, currentUser(req).wardId);
    const title = opts.draft ? 'Sửa thông tin dự thảo' : 'Thêm dự thảo lấy ý kiến';
    res
      .status(opts.status ?? 200)
      .render('drafts/officer-form', { title, breadcrumbs: crumbs(opts.draft), draft: opts.draft ?? null, tasks, values: opts.values, errors: opts.errors });
  }

  type DraftRowForShow = Awaited<ReturnType<typeof loadDraft>>;
  /** The officer's draft page; the close-early form comes back on it with its error and what was typed. */
  async function renderShow(
    res: Response,
    draft: DraftRowForShow,
    opts: { closeValues?: Record<string, string>; closeErrors?: FormErrors; status?: number } = {},
  ) {
    const [versions, files, links, version] = await Promise.all([
      versionList(db, draft.id),
      draftFiles(db, draft.id),
      draftPlanLinks(db, draft),
      latestVersion(db, draft.id),
    ]);
    const { activity, task, trigger } = links;
    res.status(opts.status ?? 200).render('drafts/officer-show', {
      title: draft.title,
      breadcrumbs: crumbs(),
      draft,
      status: effectiveDraftStatus(draft, ctx.now()),
      periodDays: commentPeriodDays(draft.opensAt, draft.closesAt),
      versions,
      files,
      activity,
      version,
      task,
      trigger,
      closeValues: opts.closeValues ?? null,
      closeErrors: opts.closeErrors ?? null,
      errors: opts.closeErrors ?? null,
    });
  }

  /** A state button: refusals (wrong state, no text yet) come back as a message on the draft page. */
  async function stateChange(req: Request, res: Response, change: (actor: Actor, draftId: string) => Promise<void>, done: string) {
    const draft = await loadDraft(req);
    try {
      await change(actorOf(req), draft.id);
      req.flash('success', done);
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404) throw err;
      req.flash('error', err.message);
    }
    res.redirect(303, `/can-bo/du-thao/${draft.id}`);
  }

  return {
    async list(req: Request, res: Response) {
      const drafts = await officerDraftList(db, currentUser(req).wardId, ctx.now());
      res.render('drafts/officer-list', { title: 'Dự thảo lấy ý kiến', breadcrumbs: crumbs().slice(0, 1), drafts });
    },

    async newForm(req: Request, res: Response) {
      await renderForm(req, res, { values: { documentType: 'LAW', publishImmediately: false }, errors: null });
    },

    async create(req: Request, res: Response) {
      const result = validateForm(draftSchema, req.body);
      if (!result.ok) return renderForm(req, res, { values: req.body, errors: result.errors, status: 400 });
      const created = await attemptForm(() => createDraft(db, actorOf(req), result.data));
      if (!created.ok) return renderForm(req, res, { values: req.body, errors: created.errors, status: 400 });
      req.flash('success', 'Đã lưu dự thảo. Tiếp theo: nhập nội dung (các chương, điều) và tệp đính kèm, rồi đăng tải.');
      res.redirect(303, `/can-bo/du-thao/${created.data.id}`);
    },

    async show(req: Request, res: Response) {
      await renderShow(res, await loadDraft(req));
    },

    async close(req: Request, res: Response) {
      const draft = await loadDraft(req);
      const result = validateForm(closeEarlySchema, req.body ?? {});
      if (!result.ok) {
        const closeValues = { closedEarlyReason: typeof req.body?.closedEarlyReason === 'string' ? req.body.closedEarlyReason : '' };
        return renderShow(res, draft, { closeValues, closeErrors: result.errors, status: 400 });
      }
      await stateChange(
        req,
        res,
        (actor, id) => closeDraftEarly(db, actor, id, ctx.now(), result.data.closedEarlyReason),
        'Đã kết thúc lấy ý kiến. Lý do được hiển thị trên trang dự thảo.',
      );
    },

    async editForm(req: Request, res: Response) {
      const draft = await loadDraft(req);
      await renderForm(req, res, { draft, values: draftValues(draft), errors: null });
    },

    async update(req: Request, res: Response) {
      const draft = await loadDraft(req);
      const result = validateForm(draftSchema, req.body);
      if (!result.ok) return renderForm(req, res, { draft, values: req.body, errors: result.errors, status: 400 });
      const saved = await attemptForm(() => updateDraft(db, actorOf(req), draft.id, result.data));
      if (!saved.ok) return renderForm(req, res, { draft, values: req.body, errors: saved.errors, status: 400 });
      req.flash('success', 'Đã lưu thay đổi.');
      res.redirect(303, `/can-bo/du-thao/${draft.id}`);
    },

    async publish(req: Request, res: Response) {
      await stateChange(
        req,
        res,
        async (actor, id) => {
          await publishDraft(db, actor, id, ctx.now());
          // Residents subscribed to new drafts (all fields or this one) hear of it once it is public.
          await notifyNewDraft(ctx, id);
        },
        'Đã đăng tải dự thảo. Dự thảo tự mở lấy ý kiến vào ngày bắt đầu và tự kết thúc sau ngày kết thúc.',
      );
    },

    async unpublish(req: Request, res: Response) {
      await stateChange(req, res, (actor, id) => unpublishDraft(db, actor, id), 'Đã hủy đăng tải; dự thảo không còn hiển thị công khai.');
    },
  };
}
