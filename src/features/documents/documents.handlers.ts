import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { dayjs, TIME_ZONE } from '../../lib/format.js';
import { DOCX_MIME, sendGeneratedFile, sendStoredFile, XLSX_MIME } from '../../lib/uploads.js';
import { attemptForm, validateForm, type FormErrors } from '../../lib/validation.js';
import { issuingBodyLines, keepWordsTogether, recipientLines, type DocumentModel } from './document-model.js';
import { renderDocx } from './docx-render.js';
import { narrativeSchema, SIGNER_AUTHORITIES, taskNotesFrom, validateNewReport } from './documents.schemas.js';
import * as service from './documents.service.js';
import { reviveFigures } from './figures-store.js';
import { describePeriod, PERIOD_KIND_LABELS, PERIOD_KINDS } from './period.js';
import { loadPlanForDocument, planDocumentModel } from './plan-document.js';
import { renderReportXlsx } from './report-xlsx.js';
import { reportFileBase } from './report-document.js';
import { registerDocumentSchema } from '../register/index.js';
import { nextFreeNumber, yearOf } from '../register/index.js';
import { formatDocumentNumber } from '../../domain/document-numbering.js';
import { totalActivities } from '../../domain/figures.js';
import { downloadName } from '../../lib/download-name.js';
import { formatDate } from '../../lib/format.js';

const canEdit = (role: string) => role === 'JUSTICE' || role === 'ADMIN';
const param = (req: Request, name: string) => String(req.params[name] ?? '');
const authorityOptions = SIGNER_AUTHORITIES.map((a) => ({ value: a, label: a || '(không ghi thẩm quyền)' }));

export function documentsHandlers(ctx: AppContext) {
  const renderNew = async (req: Request, res: Response, values: Record<string, string>, errors: FormErrors | null, status = 200) => {
    const plans = await service.plansOfWard(ctx.db, currentUser(req).wardId);
    res.status(status).render('documents/new', {
      title: 'Lập báo cáo kết quả thực hiện kế hoạch',
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: '/can-bo/van-ban', label: 'Văn bản, báo cáo' },
      ],
      plans,
      values,
      errors,
      periodKinds: PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] })),
      authorityOptions,
    });
  };

  const renderEdit = (_req: Request, res: Response, doc: service.LoadedDocument, values: Record<string, string>, errors: FormErrors | null, status = 200) =>
    res.status(status).render('documents/edit', {
      title: 'Sửa nội dung báo cáo',
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: '/can-bo/van-ban', label: 'Văn bản, báo cáo' },
        { href: `/can-bo/van-ban/${doc.id}`, label: 'Báo cáo' },
      ],
      doc,
      values,
      errors,
      authorityOptions,
    });

  const printView = (res: Response, model: DocumentModel, extra: { backHref: string; backLabel: string; note: string; kindLabel: string }) =>
    res.render('documents/print', {
      title: `${model.typeName} ${model.title}`.slice(0, 150),
      model,
      summaryLine: keepWordsTogether(model.title),
      recipientLines: recipientLines(model),
      issuerLines: issuingBodyLines(model.issuingBody),
      ...extra,
    });

  const renderShow = async (
    req: Request,
    res: Response,
    doc: service.LoadedDocument,
    values: Record<string, string>,
    errors: FormErrors | null,
    status = 200,
  ) => {
    const user = currentUser(req);
    const figures = reviveFigures(doc.figures);
    const next = doc.status === 'DRAFT' ? await nextFreeNumber(ctx.db, user.wardId, yearOf(ctx.now()), doc.symbol) : null;
    res.status(status).render('documents/show', {
      title: doc.status === 'ISSUED' ? `Báo cáo số ${formatDocumentNumber(doc.number, doc.symbol)}` : 'Dự thảo báo cáo',
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: '/can-bo/van-ban', label: 'Văn bản, báo cáo' },
      ],
      doc,
      figures,
      activitiesTotal: totalActivities(figures.channels),
      periodText: doc.periodStart && doc.periodEnd ? describePeriod(doc.periodStart, doc.periodEnd) : '',
      file: doc.files[0] ?? null,
      canEdit: canEdit(user.role),
      nextNumberLine: next ? formatDocumentNumber(next, doc.symbol) : '',
      values,
      errors,
    });
  };

  return {
    async index(req: Request, res: Response) {
      const user = currentUser(req);
      const data = await service.listDocuments(ctx.db, user.wardId);
      res.render('documents/index', {
        title: 'Văn bản, báo cáo',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        ...data,
        canEdit: canEdit(user.role),
      });
    },

    async newForm(req: Request, res: Response) {
      const plans = await service.plansOfWard(ctx.db, currentUser(req).wardId);
      const now = dayjs(ctx.now()).tz(TIME_ZONE);
      const plan = plans.find((p) => p.id === req.query.ke_hoach) ?? plans[0];
      await renderNew(
        req,
        res,
        {
          planId: plan?.id ?? '',
          periodKind: 'QUARTER',
          quarter: String(Math.floor(now.month() / 3) + 1),
          half: now.month() < 6 ? '1' : '2',
          year: String(now.year()),
          from: '',
          to: '',
          signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
          signerTitle: plan?.signerTitle || 'CHỦ TỊCH',
          signerName: plan?.signerName ?? '',
        },
        null,
      );
    },

    async create(req: Request, res: Response) {
      const values = Object.fromEntries(
        ['planId', 'periodKind', 'quarter', 'half', 'year', 'from', 'to', 'signerAuthority', 'signerTitle', 'signerName', 'confirmOutsideYear'].map((k) => [
          k,
          String(req.body[k] ?? ''),
        ]),
      );
      const result = validateNewReport(req.body);
      if (!result.ok) return renderNew(req, res, values, result.errors, 400);
      const created = await attemptForm(() =>
        service.createReport(ctx.db, actorOf(req), req.ward, result.data, ctx.now(), { confirmOutsideYear: values.confirmOutsideYear === '1' }),
      );
      if (!created.ok) return renderNew(req, res, values, created.errors, 400);
      req.flash('success', 'Đã lập dự thảo báo cáo. Hãy xem lại số liệu và viết phần nhận xét, kiến nghị trước khi ban hành.');
      res.redirect(303, `/can-bo/van-ban/${created.data.id}`);
    },

    async show(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, param(req, 'id'));
      await renderShow(req, res, doc, { issuedOn: '', number: '' }, null);
    },

    async editForm(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, param(req, 'id'));
      if (doc.status !== 'DRAFT') throw AppError.conflict('Văn bản đã ban hành không thể sửa. Muốn đính chính, hãy lập văn bản đính chính.');
      const n = service.narrativeOf(doc);
      const values: Record<string, string> = {
        intro: n.intro,
        overview: n.overview,
        commsNote: n.commsNote,
        budgetNote: n.budgetNote,
        obstacleNote: n.obstacleNote,
        assessment: n.assessment,
        shortcomings: n.shortcomings ?? '',
        nextTasks: n.nextTasks ?? '',
        proposals: n.proposals,
        recipients: n.recipients.join('\n'),
        archiveNote: n.archiveNote,
        signerAuthority: doc.signerAuthority,
        signerTitle: doc.signerTitle,
        signerName: doc.signerName,
      };
      for (const t of doc.plan.tasks) values[`taskNote_${t.id}`] = n.taskNotes[t.id] ?? '';
      renderEdit(req, res, doc, values, null);
    },

    async update(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, param(req, 'id'));
      const values: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.body as Record<string, unknown>)) if (typeof v === 'string' && k !== '_csrf') values[k] = v;
      const result = validateForm(narrativeSchema, req.body);
      if (!result.ok) return renderEdit(req, res, doc, values, result.errors, 400);
      const notes = taskNotesFrom(
        req.body,
        doc.plan.tasks.map((t) => t.id),
      );
      await service.updateNarrative(ctx.db, actorOf(req), doc.id, result.data, notes);
      req.flash('success', 'Đã lưu nội dung báo cáo.');
      res.redirect(303, `/can-bo/van-ban/${doc.id}`);
    },

    async recompute(req: Request, res: Response) {
      const id = param(req, 'id');
      const recomputed = await attemptForm(() => service.recomputeFigures(ctx.db, actorOf(req), id, ctx.now()));
      if (recomputed.ok) req.flash('success', 'Đã tính lại số liệu theo dữ liệu hiện tại.');
      else req.flash('error', recomputed.errors.summary.map((s) => s.message).join('; '));
      res.redirect(303, `/can-bo/van-ban/${id}`);
    },

    async issue(req: Request, res: Response) {
      const id = param(req, 'id');
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, id);
      if (doc.kind !== 'RESULTS_REPORT') throw AppError.badRequest();
      const values = { issuedOn: String(req.body.issuedOn ?? ''), number: String(req.body.number ?? '') };
      const result = validateForm(registerDocumentSchema, req.body);
      if (!result.ok) return renderShow(req, res, doc, values, result.errors, 400);
      const issued = await attemptForm(() => service.issueDocument(ctx, actorOf(req), req.ward, id, result.data));
      if (!issued.ok) return renderShow(req, res, doc, values, issued.errors, 400);
      req.flash(
        'success',
        `Đã vào sổ văn bản đi và ban hành báo cáo số ${formatDocumentNumber(issued.data.number, doc.symbol)}. Tệp văn bản đã được lưu và không thay đổi nữa.`,
      );
      res.redirect(303, `/can-bo/van-ban/${id}`);
    },

    async correct(req: Request, res: Response) {
      const created = await service.createCorrection(ctx.db, actorOf(req), param(req, 'id'), ctx.now());
      req.flash('success', 'Đã lập dự thảo văn bản đính chính. Văn bản đã ban hành được giữ nguyên.');
      res.redirect(303, `/can-bo/van-ban/${created.id}`);
    },

    async print(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, param(req, 'id'));
      printView(res, await service.modelOfReport(ctx.db, doc, req.ward), {
        backHref: `/can-bo/van-ban/${doc.id}`,
        backLabel: 'Quay lại trang báo cáo',
        note: service.computedNote(doc.computedAt),
        kindLabel: 'Báo cáo',
      });
    },

    async docx(req: Request, res: Response) {
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, param(req, 'id'));
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
      const doc = await service.getDocument(ctx.db, currentUser(req).wardId, param(req, 'id'));
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
      const plan = await loadPlanForDocument(ctx.db, currentUser(req).wardId, param(req, 'planId'));
      printView(res, planDocumentModel(plan, req.ward), {
        backHref: '/can-bo/van-ban',
        backLabel: 'Quay lại danh sách văn bản',
        note: '',
        kindLabel: 'Kế hoạch',
      });
    },

    async planDocx(req: Request, res: Response) {
      const plan = await loadPlanForDocument(ctx.db, currentUser(req).wardId, param(req, 'planId'));
      const model = planDocumentModel(plan, req.ward);
      const buffer = await renderDocx(model, { creator: req.ward.committeeName, title: `Kế hoạch ${plan.title}` });
      sendGeneratedFile(res, buffer, DOCX_MIME, downloadName(`kế hoạch ${plan.number ? `số ${plan.number} ` : ''}${plan.title}`, 'docx'));
    },
  };
}
