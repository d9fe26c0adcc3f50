/**
 * The documents as files and print views: a results report as .docx (the issued file once
 * issued), its figures annex as .xlsx and its print view; a plan as print view and .docx.
 */
import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { DOCX_MIME, sendGeneratedFile, sendStoredFile, XLSX_MIME } from '../../lib/uploads.js';
import { downloadName } from '../../lib/download-name.js';
import { formatDate } from '../../lib/format.js';
import { routeParam } from '../../lib/request.js';
import { yearOf } from '../register/index.js';
import { issuingBodyLines, keepWordsTogether, recipientLines, type DocumentModel } from './document-model.js';
import { renderDocx } from './docx-render.js';
import * as service from './documents.service.js';
import { reviveFigures } from './figures-store.js';
import { describePeriod } from './period.js';
import { loadPlanForDocument, planDocumentModel } from './plan-document.js';
import { reportFileBase } from './report-document.js';
import { renderReportXlsx } from './report-xlsx.js';

export function documentDownloadHandlers(ctx: AppContext) {
  const printView = (res: Response, model: DocumentModel, extra: { backHref: string; backLabel: string; note: string; kindLabel: string }) =>
    res.render('documents/print', {
      title: `${model.typeName} ${model.title}`.slice(0, 150),
      model,
      summaryLine: keepWordsTogether(model.title),
      recipientLines: recipientLines(model),
      issuerLines: issuingBodyLines(model.issuingBody),
      ...extra,
    });

  return {
    async print(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, routeParam(req, 'id'));
      printView(res, await service.modelOfReport(ctx.db, doc, req.ward), {
        backHref: `/can-bo/van-ban/${doc.id}`,
        backLabel: 'Quay lại trang báo cáo',
        note: service.computedNote(doc.computedAt),
        kindLabel: 'Báo cáo',
      });
    },

    async docx(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, routeParam(req, 'id'));
      if (doc.status === 'ISSUED') {
        const file = doc.files[0];
        if (!file) throw AppError.notFound('Không tìm thấy tệp của văn bản đã ban hành.');
        return sendStoredFile(res, ctx.files, file);
      }
      const model = await service.modelOfReport(ctx.db, doc, req.ward);
      const buffer = await renderDocx(model, { creator: req.ward.committeeName, title: `Dự thảo báo cáo ${model.title}` });
      sendGeneratedFile(res, buffer, DOCX_MIME, downloadName(`dự thảo ${reportFileBase(doc)}`, 'docx'));
    },

    async xlsx(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, routeParam(req, 'id'));
      const model = await service.modelOfReport(ctx.db, doc, req.ward);
      const buffer = await renderReportXlsx(
        {
          title: doc.title,
          numberLine: doc.status === 'ISSUED' ? `Số: ${model.numberLine}` : 'Dự thảo (chưa ban hành)',
          annexLine:
            doc.status === 'ISSUED' && doc.issuedAt
              ? `Kèm theo Báo cáo số ${model.numberLine} ngày ${formatDate(doc.issuedAt)} của ${req.ward.committeeName}`
              : `Kèm theo Báo cáo số      /${doc.symbol} ngày      /     /${yearOf(doc.computedAt ?? ctx.now())} của ${req.ward.committeeName} (dự thảo)`,
          periodText: doc.periodStart && doc.periodEnd ? describePeriod(doc.periodStart, doc.periodEnd) : '',
          wardName: req.ward.committeeName,
        },
        reviveFigures(doc.figures),
      );
      sendGeneratedFile(res, buffer, XLSX_MIME, downloadName(`phụ lục ${doc.status === 'ISSUED' ? '' : 'dự thảo '}${reportFileBase(doc)}`, 'xlsx'));
    },

    async planPrint(req: Request, res: Response) {
      const plan = await loadPlanForDocument(ctx.db, currentUser(req).wardId, routeParam(req, 'planId'));
      printView(res, planDocumentModel(plan, req.ward), {
        backHref: '/can-bo/van-ban',
        backLabel: 'Quay lại danh sách văn bản',
        note: '',
        kindLabel: 'Kế hoạch',
      });
    },

    async planDocx(req: Request, res: Response) {
      const plan = await loadPlanForDocument(ctx.db, currentUser(req).wardId, routeParam(req, 'planId'));
      const model = planDocumentModel(plan, req.ward);
      const buffer = await renderDocx(model, { creator: req.ward.committeeName, title: `Kế hoạch ${plan.title}` });
      sendGeneratedFile(res, buffer, DOCX_MIME, downloadName(`kế hoạch ${plan.number ? `số ${plan.number} ` : ''}${plan.title}`, 'docx'));
    },
  };
}
