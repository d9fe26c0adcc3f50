import type { Db } from '../../db/client.js';
import { AppError } from '../../lib/app-error.js';
import { dayjs, formalDateLine, TIME_ZONE } from '../../lib/format.js';
import { paragraphs, type Block, type DocumentModel } from './document-model.js';
import { formatDocumentNumber } from '../../domain/document-numbering.js';

/** The plan with everything its document prints, scoped to the officer's ward. */
export async function loadPlanForDocument(db: Db, wardId: string, planId: string) {
  const plan = await db.plan.findFirst({
    where: { id: planId, wardId },
    include: {
      bases: { orderBy: { sortOrder: 'asc' } },
      recipients: { orderBy: { sortOrder: 'asc' } },
      tasks: { orderBy: { ordinal: 'asc' }, include: { units: { include: { unit: true } } } },
    },
  });
  if (!plan) throw AppError.notFound('Không tìm thấy kế hoạch.');
  return plan;
}

export type PlanForDocument = Awaited<ReturnType<typeof loadPlanForDocument>>;

/** The date line when the date is not known yet: the day and month left blank to be written by hand. */
export function blankDateLine(place: string, year: number): string {
  return `${place}, ngày      tháng      năm ${year}`;
}

/**
 * Officials "advise" (tham mưu) the committee on a task; bodies such as the
 * committee or the Front carry it out themselves. The seed plan words the two
 * differently, and so do we.
 */
export function leadLabel(leadNote: string): string {
  return /^(Cán bộ, )?công chức/i.test(leadNote.trim()) ? 'Chủ trì tham mưu thực hiện' : 'Chủ trì thực hiện';
}

function unitList(task: PlanForDocument['tasks'][number], role: 'LEAD' | 'COORDINATE'): string {
  const names = task.units.filter((u) => u.role === role).map((u) => u.unit.name);
  return names.length ? `${names.join(', ')}.` : '';
}

/** The plan rebuilt from the portal's data so that it reads like the signed original. */
export function planDocumentModel(plan: PlanForDocument, ward: { placeName: string }): DocumentModel {
  const blocks: Block[] = [];
  blocks.push(...paragraphs(plan.preamble));
  blocks.push({ kind: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' });
  blocks.push({ kind: 'subheading', text: '1. Mục đích' });
  blocks.push(...paragraphs(plan.purpose));
  blocks.push({ kind: 'subheading', text: '2. Yêu cầu' });
  blocks.push(...paragraphs(plan.requirements));
  blocks.push({ kind: 'heading', text: 'II. NỘI DUNG TRỌNG TÂM' });
  for (const task of plan.tasks) {
    const lead = task.leadNote || unitList(task, 'LEAD');
    const coordinate = task.coordinationNote || unitList(task, 'COORDINATE');
    blocks.push({ kind: 'paragraph', text: `${task.ordinal}. ${task.content}` });
    if (lead) blocks.push({ kind: 'paragraph', text: `- ${leadLabel(lead)}: ${lead}` });
    if (coordinate) blocks.push({ kind: 'paragraph', text: `- Phối hợp thực hiện: ${coordinate}` });
    blocks.push({ kind: 'paragraph', text: `- Thời gian thực hiện: ${task.timeframeText}` });
  }
  blocks.push({ kind: 'heading', text: 'III. TỔ CHỨC THỰC HIỆN' });
  blocks.push({ kind: 'subheading', text: '1. Trách nhiệm thực hiện' });
  blocks.push(...paragraphs(plan.implementation));
  blocks.push({ kind: 'subheading', text: '2. Kinh phí thực hiện' });
  blocks.push(...paragraphs(plan.funding));
  if (plan.closing) blocks.push(...paragraphs(plan.closing));

  const year = plan.issuedOn ? dayjs(plan.issuedOn).tz(TIME_ZONE).year() : plan.year;
  return {
    draft: false,
    parentBody: plan.parentBody,
    issuingBody: plan.issuingBody,
    numberLine: formatDocumentNumber(plan.number, plan.symbol),
    dateLine: plan.issuedOn ? formalDateLine(plan.place, plan.issuedOn) : blankDateLine(plan.place || ward.placeName, year),
    typeName: plan.documentType || 'KẾ HOẠCH',
    title: plan.title,
    blocks,
    signature: { authority: plan.signerAuthority, title: plan.signerTitle, name: plan.signerName },
    recipients: plan.recipients.map((r) => r.name),
    archiveNote: plan.archiveNote,
  };
}
