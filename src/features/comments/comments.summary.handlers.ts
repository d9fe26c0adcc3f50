import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { nextTimeBoundary } from '../../domain/draft-status.js';
import { type KeptPage, renderKept, sendKept } from '../../lib/page-cache.js';
import { keptSummaryPage } from './comments.kept-summary.js';
import { AppError } from '../../lib/app-error.js';
import { exportComments } from './comments.exports.js';
import { streamSummaryXlsx, summaryDocxData } from './comments.summary-files.js';
import { downloadName, slugify } from '../../lib/download-name.js';
import { renderDocx } from '../documents/index.js';
import { summaryDocumentModel } from './comments.summary-document.js';
import { DOCX_MIME, sendGeneratedFile, startGeneratedDownload, XLSX_MIME } from '../../lib/uploads.js';
import { publicSummaryDraft, summaryTitle } from './comments.summary.js';
import { summaryPageData } from './comments.summary-page.js';

/** Public pages and downloads of a draft's comments and answers. No contact details ever reach these. */
export function summaryHandlers(ctx: AppContext, keptPages: KeptPage[] = []) {
  const kept = keptSummaryPage(ctx);
  keptPages.push(kept);
  const publicDraft = (req: Request) => publicSummaryDraft(ctx.db, req.ward.id, String(req.params.draftId), ctx.now());
  async function answeredDraft(req: Request) {
    const draft = await publicDraft(req);
    if (draft.state !== 'ANSWERED') throw AppError.notFound('Bản tổng hợp, tiếp thu, giải trình của dự thảo này chưa được công bố.');
    return draft;
  }
  /** "tiep-thu-giai-trinh-nghi-quyet-ho-tro-to-dan-pho": the draft's title without "Dự thảo". */
  const fileBase = (title: string) => `tiếp thu giải trình ${title.replace(/^dự thảo\s*/iu, '')}`;

  return {
    async summaryPage(req: Request, res: Response, next: NextFunction) {
      // The stamp is read before the draft, so a page kept with it is never newer data under an older stamp.
      const { key, stamp, kept: page } = await kept.lookup(req, res, String(req.params.draftId));
      if (page) return sendKept(res, page);
      const draft = await publicDraft(req);
      const published = draft.state === 'ANSWERED';
      // One page of the summary at a time (?tu=: a signed cursor), counted from the database's counters.
      const data = published ? await summaryPageData(ctx.db, draft, ctx.config.sessionSecret, req.query.tu) : null;
      const locals = {
        title: `Tiếp thu, giải trình ý kiến: ${draft.title}`,
        heading: summaryTitle(draft.title),
        breadcrumbs: [
          { href: '/du-thao', label: 'Dự thảo lấy ý kiến' },
          { href: `/du-thao/${draft.id}`, label: draft.title },
        ],
        draft,
        data,
      };
      // Kept until the draft's next date boundary (its period's end is named on the page before publication).
      renderKept(res, 'comments/summary', locals, { cache: kept.cache, key, stamp, expiresAt: nextTimeBoundary([draft], ctx.now()) }, next);
    },

    summaryFile: (ext: 'xlsx' | 'docx') => async (req: Request, res: Response) => {
      const draft = await answeredDraft(req);
      if (ext === 'xlsx') {
        // Streamed: every comment, one window in memory at a time.
        startGeneratedDownload(res, XLSX_MIME, downloadName(fileBase(draft.title), 'xlsx'));
        return streamSummaryXlsx(ctx.db, draft, req.ward, res);
      }
      const data = await summaryDocxData(ctx.db, draft);
      const model = await summaryDocumentModel(ctx.db, data, req.ward, ctx.now());
      const buffer = await renderDocx(model, { creator: req.ward.committeeName, title: model.title });
      sendGeneratedFile(res, buffer, DOCX_MIME, downloadName(fileBase(draft.title), 'docx'));
    },

    publicExport: (ext: 'csv' | 'xlsx') => async (req: Request, res: Response) => {
      const draft = await publicDraft(req);
      const name = slugify(`ý kiến góp ý ${draft.title.replace(/^dự thảo\s*/iu, '')}`);
      const title = `Ý kiến góp ý đã công khai: ${draft.title}`;
      await exportComments(
        res,
        { databaseUrl: ctx.config.databaseUrl, draft: { id: draft.id, state: draft.state }, withContact: false, ext, title },
        () => startGeneratedDownload(res, ext === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME, `${name}.${ext}`),
        ctx.logger,
      );
    },
  };
}
