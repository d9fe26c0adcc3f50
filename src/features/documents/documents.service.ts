import crypto from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Db, Tx } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { formatDateTime } from '../../lib/format.js';
import { DOCX_MIME } from '../../lib/uploads.js';
import { FormError } from '../../lib/validation.js';
import type { DocumentModel } from './document-model.js';
import { renderDocx } from './docx-render.js';
import type { NarrativeInput, NewReportInput, Narrative } from './documents.schemas.js';
import { factsInPeriod, figuresFor } from './figures-source.js';
import { reviveFigures, serialiseFigures } from './figures-store.js';
import { addEntry, checkSigningDate, withRegisterRetry } from '../register/index.js';
import type { RegisterDocumentInput } from '../register/index.js';
import { downloadName } from '../../lib/download-name.js';
import { describePeriod } from './period.js';
import { checkPeriodAgainstPlanYear } from './plan-year.js';
import { REPORT_SYMBOL, reportDocumentModel, reportFileBase } from './report-document.js';
import { defaultNarrative, reportTitle } from './report-narrative.js';
import { superiorOn } from './superiors.js';

type WardRef = { id: string; placeName: string; committeeName: string; name: string };

export async function listDocuments(db: Db, wardId: string) {
  const [documents, plans] = await Promise.all([
    db.issuedDocument.findMany({
      where: { wardId },
      orderBy: [{ createdAt: 'desc' }],
      include: { plan: { select: { title: true, year: true } }, issuedBy: { select: { fullName: true } } },
    }),
    db.plan.findMany({
      where: { wardId },
      orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
      select: { id: true, title: true, year: true, number: true, symbol: true, signerName: true, signerTitle: true, signerAuthority: true },
    }),
  ]);
  return { documents, plans };
}

export async function plansOfWard(db: Db, wardId: string) {
  return db.plan.findMany({
    where: { wardId },
    orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
    select: { id: true, title: true, year: true, signerName: true, signerTitle: true, signerAuthority: true },
  });
}

export async function getDocument(db: Db, wardId: string, id: string) {
  const doc = await db.issuedDocument.findFirst({
    where: { id, wardId },
    include: {
      plan: { include: { tasks: { orderBy: { ordinal: 'asc' }, select: { id: true, ordinal: true, content: true } } } },
      issuedBy: { select: { fullName: true } },
      supersedes: { select: { id: true, number: true, symbol: true, year: true } },
      correctedBy: { select: { id: true, status: true, number: true, symbol: true } },
      files: { where: { kind: 'DOCUMENT' }, orderBy: { createdAt: 'desc' } },
    },
  });
  if (!doc) throw AppError.notFound('Không tìm thấy văn bản.');
  return doc;
}

export type LoadedDocument = Awaited<ReturnType<typeof getDocument>>;

export function narrativeOf(doc: { narrative: string }): Narrative {
  return JSON.parse(doc.narrative) as Narrative;
}

/**
 * The document model of a report as it stands (draft: no number; issued: its
 * number and date), under the superior bodies valid on its date (a draft is
 * dated when its figures were computed).
 */
export async function modelOfReport(db: Db | Tx, doc: ReportForModel, ward: WardRef): Promise<DocumentModel> {
  const superior = await superiorOn(db, ward.id, doc.issuedAt ?? doc.computedAt ?? doc.createdAt);
  return reportDocumentModel(doc, doc.plan, ward, reviveFigures(doc.figures), narrativeOf(doc), superior);
}

type ReportForModel = Parameters<typeof reportDocumentModel>[0] & {
  plan: Parameters<typeof reportDocumentModel>[1];
  figures: string;
  narrative: string;
  computedAt: Date | null;
  createdAt: Date;
};

async function figuresWithData(db: Db, wardId: string, planId: string, start: Date, end: Date, now: Date, field: string) {
  if ((await factsInPeriod(db, wardId, planId, start, end)) === 0) {
    throw FormError.of(
      field,
      `Kỳ báo cáo ${describePeriod(start, end)} không có dữ liệu nào (báo cáo kết quả được chấp nhận, hoạt động truyền thông, dự thảo, góp ý, dự toán hay khó khăn, vướng mắc) để lập báo cáo. Vui lòng chọn kỳ báo cáo khác.`,
    );
  }
  return figuresFor(db, { wardId, planId, from: start, to: end, now });
}

/** A new results report, as a draft with the figures computed now. */
export async function createReport(db: Db, actor: Actor, ward: WardRef, input: NewReportInput, now: Date, opts: { confirmOutsideYear?: boolean } = {}) {
  const plan = await db.plan.findFirst({ where: { id: input.planId, wardId: actor.wardId } });
  if (!plan) throw FormError.of('planId', 'Vui lòng chọn kế hoạch cần báo cáo.');
  const { start, end } = input.period;
  checkPeriodAgainstPlanYear(plan.year, start, end, opts.confirmOutsideYear === true);
  const figures = await figuresWithData(db, actor.wardId, plan.id, start, end, now, 'periodKind');
  const superior = await superiorOn(db, actor.wardId, now);
  return db.$transaction(async (tx) => {
    const doc = await tx.issuedDocument.create({
      data: {
        wardId: actor.wardId,
        planId: plan.id,
        kind: 'RESULTS_REPORT',
        status: 'DRAFT',
        symbol: REPORT_SYMBOL,
        title: reportTitle(plan, start, end),
        periodStart: start,
        periodEnd: end,
        narrative: JSON.stringify(defaultNarrative(plan, ward, start, end, superior, figures)),
        figures: serialiseFigures(figures),
        computedAt: figures.computedAt,
        signerAuthority: input.signerAuthority,
        signerTitle: input.signerTitle,
        signerName: input.signerName,
      },
    });
    await audit(tx, actor, {
      action: 'document.create',
      entityType: 'IssuedDocument',
      entityId: doc.id,
      after: { title: doc.title, periodStart: start, periodEnd: end },
    });
    return doc;
  });
}

function requireDraft(doc: { status: string }) {
  if (doc.status !== 'DRAFT') throw AppError.conflict('Văn bản đã ban hành không thể sửa. Muốn đính chính, hãy lập văn bản đính chính (văn bản mới).');
}

export async function updateNarrative(db: Db, actor: Actor, id: string, input: NarrativeInput, taskNotes: Record<string, string>) {
  const doc = await getDocument(db, actor.wardId, id);
  requireDraft(doc);
  const { signerAuthority, signerTitle, signerName, ...rest } = input;
  const narrative: Narrative = { ...rest, taskNotes };
  await db.$transaction(async (tx) => {
    const changed = await tx.issuedDocument.updateMany({
      where: { id, status: 'DRAFT' },
      data: { narrative: JSON.stringify(narrative), signerAuthority, signerTitle, signerName },
    });
    if (changed.count === 0) throw AppError.conflict('Văn bản vừa được ban hành nên không thể sửa nữa.');
    await audit(tx, actor, {
      action: 'document.update',
      entityType: 'IssuedDocument',
      entityId: id,
      before: { narrative: narrativeOf(doc), signerName: doc.signerName },
      after: { narrative, signerName },
    });
  });
}

/** Recomputes a draft's figures from today's data; an issued document keeps its own. */
export async function recomputeFigures(db: Db, actor: Actor, id: string, now: Date) {
  const doc = await getDocument(db, actor.wardId, id);
  requireDraft(doc);
  // Every results report is created with its period; a document without one has nothing to recompute.
  if (!doc.periodStart || !doc.periodEnd) throw AppError.conflict('Văn bản này không có kỳ báo cáo nên không tính lại được số liệu.');
  const figures = await figuresWithData(db, actor.wardId, doc.planId, doc.periodStart, doc.periodEnd, now, 'figures');
  await db.$transaction(async (tx) => {
    const changed = await tx.issuedDocument.updateMany({
      where: { id, status: 'DRAFT' },
      data: { figures: serialiseFigures(figures), computedAt: figures.computedAt },
    });
    if (changed.count === 0) throw AppError.conflict('Văn bản vừa được ban hành nên không thể tính lại số liệu.');
    await audit(tx, actor, {
      action: 'document.recompute',
      entityType: 'IssuedDocument',
      entityId: id,
      before: { computedAt: doc.computedAt },
      after: { computedAt: figures.computedAt },
    });
  });
  return figures.computedAt;
}

/**
 * Registers a signed report (the văn thư's act, Decree 30 Art. 15): the
 * outgoing register gives it the next free number of its sequence (or checks
 * the number already taken in the paper register), the .docx is written once
 * with that number and the signing date and stored with its hash. All in one
 * transaction, so a failure leaves neither a used number nor a half-issued
 * document (the file is removed); a lost race for a number is retried.
 */
export async function issueDocument(ctx: AppContext, actor: Actor, ward: WardRef, id: string, input: RegisterDocumentInput = { issuedOn: null, number: null }) {
  const now = ctx.now();
  const issuedOn = input.issuedOn ?? now;
  checkSigningDate(issuedOn, now);
  return withRegisterRetry(() => issueOnce(ctx, actor, ward, id, issuedOn, input.number));
}

async function issueOnce(ctx: AppContext, actor: Actor, ward: WardRef, id: string, issuedOn: Date, typedNumber: number | null) {
  let storedKey: string | null = null;
  try {
    return await ctx.db.$transaction(
      async (tx) => {
        const current = await tx.issuedDocument.findFirst({
          where: { id, wardId: actor.wardId, status: 'DRAFT' },
          select: { title: true, signerName: true, symbol: true },
        });
        const claimed = await tx.issuedDocument.updateMany({
          where: { id, wardId: actor.wardId, status: 'DRAFT' },
          data: { status: 'ISSUED', issuedAt: issuedOn, issuedById: actor.userId },
        });
        if (!current || claimed.count === 0) throw AppError.conflict('Văn bản này đã được vào sổ, ban hành hoặc không còn tồn tại.');
        const entry = await addEntry(tx, {
          wardId: actor.wardId,
          symbol: current.symbol,
          documentType: 'Báo cáo',
          summary: current.title,
          signedBy: current.signerName,
          issuedOn,
          number: typedNumber,
          documentId: id,
          enteredById: actor.userId,
        });
        const { number, year } = entry;
        await tx.issuedDocument.update({ where: { id }, data: { number, year } });
        const doc = await tx.issuedDocument.findUniqueOrThrow({ where: { id }, include: { plan: true } });
        const model = await modelOfReport(tx, doc, ward);
        const buffer = await renderDocx(model, { creator: ward.committeeName, title: `Báo cáo ${model.title}` });
        const sha256 = crypto.createHash('sha256').update(buffer).digest('hex');
        // In the transaction: with database storage the file and its record commit together.
        storedKey = await ctx.files.save(buffer, tx);
        await tx.storedFile.create({
          data: {
            wardId: actor.wardId,
            storageKey: storedKey,
            originalName: downloadName(reportFileBase(doc), 'docx'),
            mimeType: DOCX_MIME,
            sizeBytes: buffer.length,
            sha256,
            kind: 'DOCUMENT',
            uploadedById: actor.userId,
            documentId: id,
          },
        });
        await tx.issuedDocument.update({ where: { id }, data: { sha256 } });
        await audit(tx, actor, {
          action: 'document.issue',
          entityType: 'IssuedDocument',
          entityId: id,
          before: { status: 'DRAFT' },
          after: { status: 'ISSUED', number, year, symbol: doc.symbol, sha256, issuedAt: issuedOn, registerEntryId: entry.id },
        });
        return { number, year, sha256 };
      },
      { timeout: 30_000, maxWait: 30_000 },
    );
  } catch (err) {
    if (storedKey) await ctx.files.remove([storedKey]);
    throw err;
  }
}

/** A correction never edits the issued document: it is a new draft that names the one it replaces. */
export async function createCorrection(db: Db, actor: Actor, id: string, now: Date) {
  const doc = await getDocument(db, actor.wardId, id);
  if (doc.status !== 'ISSUED') throw AppError.conflict('Chỉ lập văn bản đính chính cho văn bản đã ban hành.');
  const figures = await figuresFor(db, { wardId: actor.wardId, planId: doc.planId, from: doc.periodStart, to: doc.periodEnd, now });
  return db.$transaction(async (tx) => {
    const created = await tx.issuedDocument.create({
      data: {
        wardId: actor.wardId,
        planId: doc.planId,
        kind: doc.kind,
        status: 'DRAFT',
        symbol: doc.symbol,
        title: doc.title,
        periodStart: doc.periodStart,
        periodEnd: doc.periodEnd,
        narrative: doc.narrative,
        figures: serialiseFigures(figures),
        computedAt: figures.computedAt,
        signerAuthority: doc.signerAuthority,
        signerTitle: doc.signerTitle,
        signerName: doc.signerName,
        supersedesId: doc.id,
      },
    });
    await audit(tx, actor, { action: 'document.correct', entityType: 'IssuedDocument', entityId: created.id, after: { supersedesId: doc.id } });
    return created;
  });
}

export function computedNote(computedAt: Date | null): string {
  return computedAt ? `Số liệu tính lúc ${formatDateTime(computedAt)}` : '';
}
