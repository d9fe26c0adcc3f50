import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import type { Actor } from '../../lib/audit.js';
import { formatBytes, toInputDate } from '../../lib/format.js';
import { TYPE_LABELS, uploadedFiles } from '../../lib/uploads.js';
import { attemptForm, FormError, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { commentPeriodDays, effectiveDraftStatus } from '../../domain/draft-status.js';
import { addDraftFiles, checkDraftUploads, draftFiles, MAX_FILES_PER_DRAFT, removeDraftFile } from './drafts.files.js';
import { docxToText } from './drafts.import.js';
import { draftTextWarnings, warnedTextStamp } from './drafts.text-check.js';
import { closeEarlySchema, draftSchema, fileKindSchema, textSchema, versionSchema } from './drafts.schemas.js';
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
import { joinSections, type ParsedSection } from './drafts.text.js';
import { notifyNewDraft } from '../subscriptions/index.js';
import { latestVersion, parseText, publishNewVersion, saveWorkingText, versionList } from './drafts.versions.js';
import { routeParam } from '../../lib/request.js';

const crumbs = (draft?: { id: string; title: string }) => [
  { href: '/can-bo', label: 'Trang cán bộ' },
  { href: '/can-bo/du-thao', label: 'Dự thảo lấy ý kiến' },
  ...(draft ? [{ href: `/can-bo/du-thao/${draft.id}`, label: draft.title }] : []),
];
type Shown = { values?: Record<string, string>; errors?: FormErrors | null; status?: number };

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

  async function renderText(res: Response, draft: DraftRow, opts: Shown = {}) {
    const version = await latestVersion(db, draft.id);
    const mode = draft.state === 'DRAFT' ? 'working' : 'version';
    const text = opts.values?.text ?? (version ? joinSections(version.sections) : '');
    res.status(opts.status ?? 200).render('drafts/officer-text', {
      title: mode === 'working' ? 'Nội dung dự thảo' : `Đăng phiên bản mới (phiên bản ${(version?.number ?? 0) + 1})`,
      breadcrumbs: crumbs(draft),
      draft,
      mode,
      values: { text, changeSummary: opts.values?.changeSummary ?? '' },
      errors: opts.errors ?? null,
      maxUpload: formatBytes(ctx.config.maxUploadBytes),
    });
  }

  function renderReview(res: Response, draft: DraftRow, sections: ParsedSection[], values: { text: string; changeSummary: string }, source: 'text' | 'docx') {
    const count = (kind: string) => sections.filter((s) => s.kind === kind).length;
    const warnings = draftTextWarnings(values.text, sections);
    res.render('drafts/officer-review', {
      warnings,
      warnedStamp: warnings.length ? warnedTextStamp(values.text) : '',
      title: 'Kiểm tra các điều trước khi lưu',
      breadcrumbs: crumbs(draft),
      draft,
      mode: draft.state === 'DRAFT' ? 'working' : 'version',
      sections,
      counts: { chapters: count('CHAPTER'), sections: count('SECTION'), articles: count('ARTICLE') },
      values,
      source,
      errors: null,
    });
  }

  async function renderFiles(res: Response, draft: DraftRow, opts: Shown = {}) {
    const files = await draftFiles(db, draft.id);
    res.status(opts.status ?? 200).render('drafts/officer-files', {
      title: 'Tệp đính kèm của dự thảo',
      breadcrumbs: crumbs(draft),
      draft,
      files,
      typeLabels: TYPE_LABELS,
      maxFiles: MAX_FILES_PER_DRAFT,
      maxUpload: formatBytes(ctx.config.maxUploadBytes),
      values: opts.values ?? { kind: 'DRAFT_TEXT' },
      errors: opts.errors ?? null,
    });
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

    async textForm(req: Request, res: Response) {
      await renderText(res, await loadDraft(req));
    },

    /** Markdown typed (or corrected after a .docx import): preview the split, or save it. */
    async saveText(req: Request, res: Response) {
      const draft = await loadDraft(req);
      const versionMode = draft.state !== 'DRAFT';
      const values = { text: String(req.body.text ?? ''), changeSummary: String(req.body.changeSummary ?? '') };
      const preview = req.body.action === 'preview';
      // A preview needs only the text; the summary of changes is asked for on saving.
      const result = validateForm(versionMode && !preview ? versionSchema : textSchema, req.body);
      if (!result.ok) return renderText(res, draft, { values, errors: result.errors, status: 400 });
      const parsed = await attemptForm(() => parseText(result.data.text));
      if (!parsed.ok) return renderText(res, draft, { values, errors: parsed.errors, status: 400 });
      const sections = parsed.data;
      if (preview) return renderReview(res, draft, sections, values, 'text');
      // Saving a text with numbering gaps or unrecognised headings first shows the warnings; saving the same text again goes through.
      const warned = req.body.warned === warnedTextStamp(result.data.text);
      if (!warned && draftTextWarnings(result.data.text, sections).length) return renderReview(res, draft, sections, values, 'text');
      const saved = await attemptForm(async () => {
        if (!versionMode) return saveWorkingText(db, actorOf(req), draft.id, sections).then(() => null);
        return publishNewVersion(db, actorOf(req), draft.id, sections, values.changeSummary.trim(), ctx.now());
      });
      if (!saved.ok) return renderText(res, draft, { values, errors: saved.errors, status: 400 });
      req.flash(
        'success',
        saved.data ? `Đã đăng phiên bản ${saved.data.number} gồm ${sections.length} phần.` : `Đã lưu nội dung dự thảo gồm ${sections.length} phần.`,
      );
      res.redirect(303, `/can-bo/du-thao/${draft.id}`);
    },

    async importDocx(req: Request, res: Response) {
      const draft = await loadDraft(req);
      const imported = await attemptForm(async () => {
        if (req.uploadError) throw FormError.of('docx', req.uploadError);
        const text = await docxToText(uploadedFiles(req)[0]);
        return { text, sections: parseText(text, 'docx') };
      });
      if (!imported.ok) return renderText(res, draft, { errors: imported.errors, status: 400 });
      renderReview(res, draft, imported.data.sections, { text: imported.data.text, changeSummary: '' }, 'docx');
    },

    async filesPage(req: Request, res: Response) {
      await renderFiles(res, await loadDraft(req));
    },

    async uploadFiles(req: Request, res: Response) {
      const draft = await loadDraft(req);
      const values = { kind: String(req.body?.kind ?? '') };
      const added = await attemptForm(async () => {
        if (req.uploadError) throw FormError.of('files', req.uploadError);
        const kind = validateForm(fileKindSchema, req.body ?? {});
        if (!kind.ok) throw new FormError(kind.errors);
        const uploads = await checkDraftUploads(uploadedFiles(req));
        await addDraftFiles(ctx, actorOf(req), draft.id, kind.data.kind, uploads);
        return uploads.length;
      });
      if (!added.ok) return renderFiles(res, draft, { values, errors: added.errors, status: 400 });
      req.flash('success', `Đã tải lên ${added.data} tệp.`);
      res.redirect(303, `/can-bo/du-thao/${draft.id}/tep`);
    },

    async removeFile(req: Request, res: Response) {
      const draft = await loadDraft(req);
      await removeDraftFile(ctx, actorOf(req), draft.id, routeParam(req, 'fileId'));
      req.flash('success', 'Đã xóa tệp.');
      res.redirect(303, `/can-bo/du-thao/${draft.id}/tep`);
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
