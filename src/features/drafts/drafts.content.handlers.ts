/**
 * A draft's content as the officer edits it: its text (typed as Markdown or imported from .docx,
 * checked article by article before saving; a new version once published) and its attached files.
 */
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { formatBytes } from '../../lib/format.js';
import { routeParam } from '../../lib/request.js';
import { TYPE_LABELS, uploadedFiles } from '../../lib/uploads.js';
import { attemptForm, FormError, validateForm } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { addDraftFiles, checkDraftUploads, draftFiles, MAX_FILES_PER_DRAFT, removeDraftFile } from './drafts.files.js';
import { docxToText } from './drafts.import.js';
import { crumbs, type Shown } from './drafts.officer.handlers.js';
import { fileKindSchema, textSchema, versionSchema } from './drafts.schemas.js';
import { draftForWard, type DraftRow } from './drafts.service.js';
import { draftTextWarnings, warnedTextStamp } from './drafts.text-check.js';
import { joinSections, type ParsedSection } from './drafts.text.js';
import { latestVersion, parseText, publishNewVersion, saveWorkingText } from './drafts.versions.js';

export function draftContentHandlers(ctx: AppContext) {
  const db = ctx.db;
  const loadDraft = (req: Request) => draftForWard(db, currentUser(req).wardId, routeParam(req, 'draftId'));

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

  return {
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
  };
}
