/**
 * The words of a results report that the officer starts from and may rewrite (the narrative), and
 * the report's title: drawn from the figures of the period so that no sentence contradicts a table.
 * The document around them (tables, blocks) is report-document.ts.
 */
import { formatDocumentNumber } from '../../domain/document-numbering.js';
import { totalActivities } from '../../domain/figures.js';
import { formatDate, formatNumber } from '../../lib/format.js';
import type { PlanFigures } from '../figures/index.js';
import type { Narrative } from './documents.schemas.js';
import { describePeriod } from './period.js';
import { justiceRecipient, type Superior } from './superiors.js';

export type PlanRef = { title: string; number: number | null; symbol: string; issuedOn: Date | null; place: string; parentBody: string; issuingBody: string };
export type WardRef = { placeName: string; committeeName: string };
export type FiguresForText = Pick<PlanFigures, 'tasks' | 'channels' | 'drafts' | 'comments' | 'obstacles' | 'byStatus'>;

const lcFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "Kế hoạch số 12/KH-UBND ngày 03/03/2025" or, when the plan has no number, just "Kế hoạch". */
export function planReference(plan: PlanRef): string {
  if (plan.number === null) return 'Kế hoạch';
  return `Kế hoạch số ${formatDocumentNumber(plan.number, plan.symbol)}${plan.issuedOn ? ` ngày ${formatDate(plan.issuedOn)}` : ''}`;
}

export function reportTitle(plan: PlanRef, start: Date, end: Date): string {
  const period = describePeriod(start, end);
  // A year report on a plan whose title already names that year ("… năm 2025 trên địa bàn …") does not repeat it.
  if (/^năm \d{4}$/.test(period) && plan.title.includes(period)) return `Kết quả thực hiện ${planReference(plan)} ${lcFirst(plan.title)}`;
  return `Kết quả thực hiện ${planReference(plan)} ${lcFirst(plan.title)} (${period})`;
}

/**
 * What the officer starts from; every part can be rewritten before issuing.
 * The evaluation follows the figures of the period (a quarter with no draft and
 * no activity is not praised), and the recipients and proposals name the
 * superior bodies valid when the report is drawn up.
 */
export function defaultNarrative(plan: PlanRef, ward: WardRef, start: Date, end: Date, superior: Superior, f: FiguresForText): Narrative {
  return {
    intro: `Thực hiện ${planReference(plan)} ${lcFirst(plan.title)}, ${ward.committeeName} báo cáo kết quả thực hiện ${describePeriod(start, end)} như sau:`,
    overview:
      'Công chức Tư pháp – Hộ tịch đã tham mưu UBND phường triển khai Kế hoạch đến cán bộ, công chức, Mặt trận, các tổ chức chính trị - xã hội phường và các tổ dân phố; theo dõi, đôn đốc các đơn vị thực hiện nhiệm vụ được giao và tổng hợp kết quả thực hiện.',
    commsNote: '',
    budgetNote: '',
    obstacleNote: '',
    assessment: defaultAssessment(f),
    shortcomings: defaultShortcomings(f),
    nextTasks:
      'Tiếp tục triển khai các nhiệm vụ của Kế hoạch; kịp thời đăng tải, truyền thông các dự thảo chính sách thuộc phạm vi Kế hoạch và tổ chức lấy ý kiến Nhân dân; trả lời đầy đủ, đúng thời hạn các ý kiến góp ý; đôn đốc các đơn vị báo cáo kết quả thực hiện đúng thời gian quy định.',
    proposals: `Đề nghị ${superior.justiceBody || 'cơ quan tư pháp cấp trên'} tiếp tục hướng dẫn nghiệp vụ, cung cấp tài liệu truyền thông về các dự thảo chính sách có tác động lớn đến xã hội để phường triển khai kịp thời đến Nhân dân.`,
    recipients: [
      justiceRecipient(superior),
      'Thường trực Đảng ủy phường',
      'Thường trực HĐND phường',
      'CT, các PCT UBND phường',
      'Mặt trận và các Hội đoàn thể phường',
    ],
    archiveNote: 'VT, TP',
    taskNotes: {},
  };
}

/** "Kết quả đạt được" in words that match the figures of the period. */
export function defaultAssessment(f: FiguresForText): string {
  const activities = totalActivities(f.channels);
  const parts: string[] = [];
  if (f.drafts.communicated > 0) {
    parts.push(
      `Trong kỳ, UBND phường đã đăng tải, lấy ý kiến Nhân dân đối với ${formatNumber(f.drafts.communicated)}/${formatNumber(f.drafts.inScope)} dự thảo chính sách thuộc phạm vi Kế hoạch${f.drafts.percent >= 100 ? ', đạt chỉ tiêu đề ra' : ''}; tiếp nhận ${formatNumber(f.comments.received)} ý kiến góp ý, đã trả lời ${formatNumber(f.comments.answered)} ý kiến.`,
    );
  } else if (f.drafts.inScope > 0) {
    parts.push(
      `Trong kỳ có ${formatNumber(f.drafts.inScope)} dự thảo chính sách thuộc phạm vi Kế hoạch nhưng chưa dự thảo nào được đăng tải, lấy ý kiến Nhân dân.`,
    );
  } else {
    parts.push('Trong kỳ không có dự thảo chính sách nào thuộc phạm vi Kế hoạch cần đăng tải, lấy ý kiến Nhân dân.');
  }
  parts.push(
    activities > 0
      ? `Các đơn vị đã tổ chức ${formatNumber(activities)} hoạt động truyền thông theo Kế hoạch.`
      : 'Trong kỳ, các đơn vị chưa tổ chức hoạt động truyền thông nào theo Kế hoạch.',
  );
  return parts.join(' ');
}

/** "Tồn tại, hạn chế, nguyên nhân": what the figures show is still missing. */
export function defaultShortcomings(f: FiguresForText): string {
  const lines: string[] = [];
  const missing = f.drafts.inScope - f.drafts.communicated;
  if (missing > 0) lines.push(`- Còn ${formatNumber(missing)} dự thảo chính sách thuộc phạm vi Kế hoạch chưa được truyền thông, lấy ý kiến Nhân dân.`);
  const unanswered = f.comments.published - f.comments.answered;
  if (unanswered > 0) lines.push(`- Còn ${formatNumber(unanswered)} ý kiến góp ý đã công khai chưa được trả lời.`);
  if (f.comments.pending > 0) lines.push(`- Còn ${formatNumber(f.comments.pending)} ý kiến góp ý chưa được xem xét để công khai.`);
  if (f.obstacles.open > 0) lines.push(`- Còn ${formatNumber(f.obstacles.open)} khó khăn, vướng mắc chưa được giải quyết.`);
  const late = (f.byStatus.OVERDUE ?? 0) + (f.byStatus.BLOCKED ?? 0);
  if (late > 0) lines.push(`- Có ${formatNumber(late)} nhiệm vụ chậm tiến độ hoặc gặp vướng mắc.`);
  if (lines.length === 0) return 'Không có tồn tại, hạn chế đáng kể trong kỳ báo cáo.';
  lines.push('- Nguyên nhân: (công chức tham mưu bổ sung nguyên nhân chủ quan, khách quan trước khi trình ký).');
  return lines.join('\n');
}
