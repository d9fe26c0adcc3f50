import {
  ANSWER_OUTCOME_LABELS,
  BUDGET_STATUSES,
  BUDGET_STATUS_LABELS,
  CHANNEL_LABELS,
  DRAFT_STATUS_LABELS,
  OBSTACLE_RESPONSE_LABELS,
  OBSTACLE_STATUS_LABELS,
  TASK_STATUS_LABELS,
  type EffectiveTaskStatus,
} from '../../domain/enums.js';
import { dayjs, formalDateLine, formatDate, formatDateTime, formatNumber, formatVnd, TIME_ZONE } from '../../lib/format.js';
import { paragraphs, type Block, type DocumentModel } from './document-model.js';
import type { PlanFigures, PlannedCount } from '../figures/index.js';
import type { Narrative } from './documents.schemas.js';
import type { PlanRef, WardRef } from './report-narrative.js';
import { formatDocumentNumber } from '../../domain/document-numbering.js';
import { totalActivities } from '../../domain/figures.js';
import { describePeriod } from './period.js';
import { blankDateLine, leadLabel } from './plan-document.js';
import type { Superior } from './superiors.js';
import { foldVietnamese } from '../../lib/text.js';

export const REPORT_SYMBOL = 'BC-UBND';

type ReportRow = {
  status: string;
  number: number | null;
  symbol: string;
  title: string;
  periodStart: Date | null;
  periodEnd: Date | null;
  issuedAt: Date | null;
  signerAuthority: string;
  signerTitle: string;
  signerName: string;
};

/** The readable base of a report's file names: "báo cáo kết quả quý III năm 2025" (+ " số 01/BC-UBND" once registered). */
export function reportFileBase(doc: { status: string; number: number | null; symbol: string; periodStart: Date | null; periodEnd: Date | null }): string {
  const period = doc.periodStart && doc.periodEnd ? describePeriod(doc.periodStart, doc.periodEnd) : '';
  return `báo cáo kết quả ${period}${doc.status === 'ISSUED' ? ` số ${formatDocumentNumber(doc.number, doc.symbol)}` : ''}`;
}

/** The Front's report starts "Ủy ban MTTQ Việt Nam phường tổ chức…": naming the unit again before it would repeat the subject. */
function startsWithUnit(summary: string, unitName: string): boolean {
  if (foldVietnamese(summary).startsWith(foldVietnamese(unitName))) return true;
  const s = foldVietnamese(summary).split(' ');
  const u = foldVietnamese(unitName)
    .replace(/^(cong chuc|can bo) /, '')
    .split(' ');
  if (s.length < 2 || u.length < 1) return false;
  if (s[0] === u[0] && s[1] === u[1]) return true;
  // "Hội LHPN phường …" for "Hội Liên hiệp Phụ nữ phường", "Ủy ban MTTQ …": the same first word and an abbreviation.
  const abbreviation = summary.split(/\s+/)[1] ?? '';
  return s[0] === u[0] && abbreviation.length >= 2 && abbreviation === abbreviation.toUpperCase() && /[A-ZĐ]/.test(abbreviation);
}

/** The status of an obstacle in the words of an official report (no names of portal steps). */
const OBSTACLE_STATUS_IN_REPORT: Record<string, string> = {
  OPEN: 'đang được xem xét',
  FORWARDED: 'đã báo cáo Chủ tịch UBND phường xem xét, chỉ đạo',
  ANSWERED: 'đã có ý kiến chỉ đạo, hướng dẫn',
  CLOSED: 'đã giải quyết xong',
};

function taskBlocks(f: PlanFigures, n: Narrative): Block[] {
  const blocks: Block[] = [];
  for (const t of f.tasks) {
    const lead = t.leadNote || (t.leadUnits.length ? `${t.leadUnits.join(', ')}.` : '');
    const coordinate = t.coordinationNote || (t.coordinatingUnits.length ? `${t.coordinatingUnits.join(', ')}.` : '');
    blocks.push({ kind: 'paragraph', text: `${t.ordinal}. ${t.content}`, bold: true });
    if (lead) blocks.push({ kind: 'paragraph', text: `- ${leadLabel(lead)}: ${lead}` });
    if (coordinate) blocks.push({ kind: 'paragraph', text: `- Phối hợp thực hiện: ${coordinate}` });
    blocks.push({ kind: 'paragraph', text: `- Thời gian thực hiện: ${t.timeframeText}` });
    blocks.push({
      kind: 'paragraph',
      text: `- Tình trạng: ${TASK_STATUS_LABELS[t.status]}; tiến độ ${t.progressPercent}%${t.deadline ? `; thời hạn ${formatDate(t.deadline)}` : ''}.`,
    });
    if (t.acceptedReports.length === 0) {
      blocks.push({ kind: 'paragraph', text: '- Kết quả thực hiện: trong kỳ, đơn vị chủ trì chưa báo cáo kết quả thực hiện nhiệm vụ.' });
    } else {
      blocks.push({ kind: 'paragraph', text: '- Kết quả thực hiện:' });
      for (const r of t.acceptedReports) {
        const text = startsWithUnit(r.summary, r.unitName)
          ? `+ Ngày ${formatDate(r.reportedOn)}: ${r.summary}`
          : `+ Ngày ${formatDate(r.reportedOn)}, ${r.unitName}: ${r.summary}`;
        blocks.push({ kind: 'paragraph', text });
      }
    }
    const acts = t.activities.filter((a) => a.count > 0);
    blocks.push({
      kind: 'paragraph',
      text: acts.length
        ? `- Hoạt động truyền thông: ${acts.map((a) => `${CHANNEL_LABELS[a.channel]}: ${reachText(a.count, a.peopleReached, a.unknownReach ?? 0)}`).join('; ')}.`
        : '- Hoạt động truyền thông: không có hoạt động trong kỳ.',
    });
    const pl = f.planned?.byTask[t.id];
    if (pl?.planned) blocks.push({ kind: 'paragraph', text: `- Kế hoạch cụ thể của đơn vị: ${plannedText(pl)}.` });
    blocks.push({ kind: 'paragraph', text: `- Kinh phí: đề nghị ${formatVnd(t.requestedVnd)}; được phê duyệt ${formatVnd(t.approvedVnd)}.` });
    if (n.taskNotes[t.id]) blocks.push(...paragraphs(n.taskNotes[t.id]));
  }
  return blocks;
}

/**
 * Activities whose reach nobody could count (a loudspeaker broadcast) are named
 * apart, never added as 0 people: "3 hoạt động, trong đó 2 không xác định được số người".
 */
function reachText(count: number, people: number, unknown: number): string {
  if (unknown === 0) return `${formatNumber(count)} hoạt động, ${formatNumber(people)} lượt người`;
  if (unknown === count) return `${formatNumber(count)} hoạt động, không xác định được số người`;
  return `${formatNumber(count)} hoạt động, trong đó ${formatNumber(unknown)} không xác định được số người; ${formatNumber(people)} lượt người ở ${formatNumber(count - unknown)} hoạt động còn lại`;
}

function peopleCell(activities: number, people: number, unknown: number): string {
  if (unknown > 0 && unknown === activities) return 'Không xác định'; // never "0" for a channel nobody could count
  return unknown ? `${formatNumber(people)} (và ${formatNumber(unknown)} hoạt động không xác định được số người)` : formatNumber(people);
}

function communicationBlocks(f: PlanFigures, n: Narrative): Block[] {
  const activitiesTotal = totalActivities(f.channels);
  const blocks: Block[] = [
    { kind: 'subheading', text: '1. Hoạt động truyền thông theo hình thức' },
    {
      kind: 'table',
      caption: 'Bảng 1. Hoạt động truyền thông dự thảo chính sách theo hình thức',
      columns: ['STT', 'Hình thức truyền thông', 'Số hoạt động', 'Số lượt người được tiếp cận'],
      numeric: [true, false, true, true],
      weights: [8, 52, 18, 22],
      rows: [
        ...f.channels.map((c, i) => [
          String(i + 1),
          CHANNEL_LABELS[c.channel],
          formatNumber(c.activities),
          peopleCell(c.activities, c.peopleReached, c.unknownReach ?? 0),
        ]),
        ['', 'Tổng cộng', formatNumber(activitiesTotal), peopleCell(activitiesTotal, f.peopleReachedTotal, f.unknownReachTotal ?? 0)],
      ],
    },
    { kind: 'subheading', text: '2. Truyền thông dự thảo chính sách trên Trang thông tin điện tử phường' },
    {
      kind: 'paragraph',
      // With no draft in scope there is nothing to reach: saying "đạt 100%, đạt chỉ tiêu" would praise an empty period.
      text:
        f.drafts.inScope === 0
          ? 'Trong kỳ không có dự thảo chính sách thuộc phạm vi Kế hoạch cần truyền thông, lấy ý kiến trên Trang thông tin điện tử phường.'
          : `Số dự thảo thuộc phạm vi Kế hoạch: ${formatNumber(f.drafts.inScope)}; số dự thảo đã được truyền thông, lấy ý kiến trên Trang thông tin điện tử phường: ${formatNumber(f.drafts.communicated)}, đạt ${f.drafts.percent}% so với chỉ tiêu 100% dự thảo thuộc phạm vi được truyền thông (${f.drafts.percent >= 100 ? 'đạt chỉ tiêu' : 'chưa đạt chỉ tiêu'}).`,
    },
  ];
  if (f.drafts.list.length) {
    blocks.push({
      kind: 'table',
      caption: 'Bảng 2. Dự thảo chính sách được truyền thông, lấy ý kiến',
      columns: ['STT', 'Dự thảo', 'Thời gian lấy ý kiến', 'Tình trạng', 'Số ý kiến', 'Đã trả lời'],
      numeric: [true, false, false, false, true, true],
      weights: [8, 37, 18, 15, 11, 11],
      rows: f.drafts.list.map((d, i) => [
        String(i + 1),
        d.title,
        `${formatDate(d.opensAt)} – ${formatDate(d.closesAt)}`,
        DRAFT_STATUS_LABELS[d.status],
        formatNumber(d.received),
        formatNumber(d.answered),
      ]),
    });
  }
  const c = f.comments;
  blocks.push(
    { kind: 'subheading', text: '3. Kết quả tiếp nhận, trả lời ý kiến góp ý' },
    {
      kind: 'paragraph',
      text: `Tổng số ý kiến góp ý nhận được: ${formatNumber(c.received)}; trong đó đã công khai ${formatNumber(c.published)}, không công khai ${formatNumber(c.hidden)}, đang chờ kiểm duyệt ${formatNumber(c.pending)}.`,
    },
    {
      kind: 'paragraph',
      text: `Số ý kiến đã được trả lời: ${formatNumber(c.answered)}; trong đó ${ANSWER_OUTCOME_LABELS.ACCEPTED.toLowerCase()} ${formatNumber(c.byOutcome.ACCEPTED)}, ${ANSWER_OUTCOME_LABELS.PARTLY_ACCEPTED.toLowerCase()} ${formatNumber(c.byOutcome.PARTLY_ACCEPTED)}, ${ANSWER_OUTCOME_LABELS.EXPLAINED.toLowerCase()} ${formatNumber(c.byOutcome.EXPLAINED)}.`,
    },
  );
  if (n.commsNote) blocks.push(...paragraphs(n.commsNote));
  return blocks;
}

/** "3 hoạt động phải thực hiện trong kỳ, đã thực hiện 2, quá hạn chưa thực hiện 1; 1 hoạt động ngoài kế hoạch". */
function plannedText(c: PlannedCount): string {
  const parts = [];
  if (c.planned)
    parts.push(
      `${formatNumber(c.planned)} hoạt động phải thực hiện trong kỳ, đã thực hiện ${formatNumber(c.done)}${c.overdue ? `, quá hạn chưa thực hiện ${formatNumber(c.overdue)}` : ''}`,
    );
  if (c.unplanned) parts.push(`${formatNumber(c.unplanned)} hoạt động ngoài kế hoạch`);
  return parts.join('; ');
}

const plannedWhen = (o: { plannedOn: Date; byMonth: boolean }) => (o.byMonth ? `tháng ${formatDate(o.plannedOn).slice(3)}` : `ngày ${formatDate(o.plannedOn)}`);

/** The units' own plans (kế hoạch cụ thể, Plan III.1.b) against what was done in the period. */
function plannedBlocks(f: PlanFigures): Block[] {
  const p = f.planned;
  if (!p) return []; // figures frozen before units' plans were counted
  const blocks: Block[] = [{ kind: 'subheading', text: '4. Thực hiện kế hoạch cụ thể của các đơn vị' }];
  // Without any unit's plan every activity is "unplanned": saying so would blame units for a plan nobody asked of them yet.
  if (p.total.planned === 0) {
    blocks.push({ kind: 'paragraph', text: 'Trong kỳ, các đơn vị không có hoạt động truyền thông theo kế hoạch cụ thể phải thực hiện.' });
    return blocks;
  }
  blocks.push({
    kind: 'paragraph',
    text: `Các đơn vị có ${plannedText(p.total)} (tính cả hoạt động quá hạn từ trước kỳ chưa thực hiện; "đã thực hiện" là hoạt động đã được báo cáo và chấp nhận).`,
  });
  blocks.push({
    kind: 'table',
    caption: 'Bảng 3. Thực hiện kế hoạch cụ thể của các đơn vị',
    columns: ['STT', 'Đơn vị', 'Phải thực hiện trong kỳ', 'Đã thực hiện', 'Quá hạn, chưa thực hiện', 'Ngoài kế hoạch'],
    numeric: [true, false, true, true, true, true],
    weights: [7, 33, 16, 14, 16, 14],
    rows: [
      ...p.byUnit.map((u, i) => [String(i + 1), u.unitName, formatNumber(u.planned), formatNumber(u.done), formatNumber(u.overdue), formatNumber(u.unplanned)]),
      ['', 'Tổng cộng', formatNumber(p.total.planned), formatNumber(p.total.done), formatNumber(p.total.overdue), formatNumber(p.total.unplanned)],
    ],
  });
  if (p.overdueList.length) {
    blocks.push({ kind: 'paragraph', text: 'Các hoạt động quá hạn, chưa thực hiện:' });
    for (const o of p.overdueList) {
      blocks.push({ kind: 'paragraph', text: `- ${o.title} (${o.unitName}, Nhiệm vụ ${o.taskOrdinal}, dự kiến ${plannedWhen(o)}).` });
    }
  }
  return blocks;
}

function budgetBlocks(f: PlanFigures, n: Narrative): Block[] {
  const b = f.budgets;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Lũy kế từ khi triển khai Kế hoạch đến hết ngày ${formatDate(f.to && f.to < f.computedAt ? f.to : f.computedAt)}, số dự toán kinh phí đã lập: ${formatNumber(b.count)}; tổng kinh phí đề nghị ${formatVnd(b.requestedVnd)}; tổng kinh phí được phê duyệt ${formatVnd(b.approvedVnd)}.`,
    },
  ];
  if (b.count > 0) {
    blocks.push({
      kind: 'table',
      caption: `Bảng ${f.planned?.total.planned ? 4 : 3}. Dự toán kinh phí theo tình trạng phê duyệt (đơn vị: đồng)`,
      columns: ['Tình trạng', 'Số dự toán', 'Kinh phí đề nghị', 'Kinh phí được duyệt'],
      numeric: [false, true, true, true],
      weights: [34, 16, 25, 25],
      rows: BUDGET_STATUSES.filter((s) => b.byStatus[s]?.count).map((s) => [
        BUDGET_STATUS_LABELS[s],
        formatNumber(b.byStatus[s].count),
        formatNumber(b.byStatus[s].requestedVnd),
        formatNumber(b.byStatus[s].approvedVnd),
      ]),
    });
  }
  if (n.budgetNote) blocks.push(...paragraphs(n.budgetNote));
  return blocks;
}

function obstacleBlocks(f: PlanFigures, n: Narrative): Block[] {
  const o = f.obstacles;
  const blocks: Block[] = [
    {
      kind: 'paragraph',
      text: `Số khó khăn, vướng mắc được phản ánh: ${formatNumber(o.raised)}; đã có ý kiến chỉ đạo, hướng dẫn: ${formatNumber(o.answered)}; đã giải quyết xong: ${formatNumber(o.closed)}; đang xử lý: ${formatNumber(o.open)}${o.list.length > o.raised ? ` (kể cả ${formatNumber(o.list.length - o.raised)} khó khăn, vướng mắc phản ánh từ trước kỳ báo cáo)` : ''}.`,
    },
  ];
  for (const item of o.list) {
    const kind = item.responseKind ? (OBSTACLE_RESPONSE_LABELS[item.responseKind as 'GUIDANCE' | 'DECISION'] ?? '') : '';
    const answer = item.response
      ? ` ${kind || 'Ý kiến'}${item.answeredAt ? ` ngày ${formatDate(item.answeredAt)}` : ''}: ${item.response.replace(/\.$/, '')}.`
      : '';
    blocks.push({
      kind: 'paragraph',
      text: `- ${item.title} (${item.unitName}, phản ánh ngày ${formatDate(item.createdAt)}): ${OBSTACLE_STATUS_IN_REPORT[item.status] ?? OBSTACLE_STATUS_LABELS[item.status].toLowerCase()}.${answer}`,
    });
  }
  if (n.obstacleNote) blocks.push(...paragraphs(n.obstacleNote));
  return blocks;
}

function statusSummary(f: PlanFigures): string {
  const parts = (Object.keys(f.byStatus) as EffectiveTaskStatus[])
    .filter((s) => f.byStatus[s] > 0)
    .map((s) => `${TASK_STATUS_LABELS[s].toLowerCase()}: ${f.byStatus[s]}`);
  return `Kế hoạch có ${f.tasks.length} nhiệm vụ trọng tâm${parts.length ? `; ${parts.join('; ')}` : ''}.`;
}

/** The results report: the officer's narrative around the figures exactly as computed. */
export function reportDocumentModel(doc: ReportRow, plan: PlanRef, ward: WardRef, f: PlanFigures, n: Narrative, superior: Superior): DocumentModel {
  const start = doc.periodStart ?? f.from ?? new Date(0);
  const end = doc.periodEnd ?? f.to ?? f.computedAt;
  const blocks: Block[] = [
    ...paragraphs(n.intro),
    {
      kind: 'paragraph',
      italic: true,
      text: `(Số liệu trong báo cáo được tổng hợp từ Cổng thông tin của phường lúc ${formatDateTime(f.computedAt)}, kỳ báo cáo từ ngày ${formatDate(start)} đến ngày ${formatDate(end)}.)`,
    },
    { kind: 'heading', text: 'I. TÌNH HÌNH TRIỂN KHAI THỰC HIỆN' },
    ...paragraphs(n.overview),
    { kind: 'paragraph', text: statusSummary(f) },
    { kind: 'heading', text: 'II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM' },
    ...taskBlocks(f, n),
    { kind: 'heading', text: 'III. KẾT QUẢ TRUYỀN THÔNG DỰ THẢO CHÍNH SÁCH VÀ LẤY Ý KIẾN NHÂN DÂN' },
    ...communicationBlocks(f, n),
    ...plannedBlocks(f),
    { kind: 'heading', text: 'IV. KINH PHÍ THỰC HIỆN' },
    ...budgetBlocks(f, n),
    { kind: 'heading', text: 'V. KHÓ KHĂN, VƯỚNG MẮC VÀ KẾT QUẢ GIẢI QUYẾT' },
    ...obstacleBlocks(f, n),
    { kind: 'heading', text: 'VI. ĐÁNH GIÁ CHUNG' },
    { kind: 'subheading', text: '1. Kết quả đạt được' },
    ...paragraphs(n.assessment),
    { kind: 'subheading', text: '2. Tồn tại, hạn chế và nguyên nhân' },
    ...paragraphs(n.shortcomings || 'Không có tồn tại, hạn chế đáng kể trong kỳ báo cáo.'),
    { kind: 'heading', text: 'VII. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI' },
    ...paragraphs(n.nextTasks || 'Tiếp tục triển khai các nhiệm vụ còn lại của Kế hoạch.'),
    { kind: 'heading', text: 'VIII. KIẾN NGHỊ, ĐỀ XUẤT' },
    ...paragraphs(n.proposals),
    { kind: 'paragraph', text: `Trên đây là báo cáo kết quả thực hiện Kế hoạch ${describePeriod(start, end)} của ${ward.committeeName}./.` },
  ];
  const issued = doc.status === 'ISSUED';
  const year = dayjs(doc.issuedAt ?? f.computedAt)
    .tz(TIME_ZONE)
    .year();
  return {
    draft: !issued,
    parentBody: superior.superiorCommittee,
    issuingBody: plan.issuingBody,
    numberLine: formatDocumentNumber(issued ? doc.number : null, doc.symbol),
    dateLine: issued && doc.issuedAt ? formalDateLine(plan.place || ward.placeName, doc.issuedAt) : blankDateLine(plan.place || ward.placeName, year),
    typeName: 'BÁO CÁO',
    title: doc.title,
    blocks,
    signature: { authority: doc.signerAuthority, title: doc.signerTitle, name: doc.signerName },
    recipients: n.recipients,
    archiveNote: n.archiveNote,
  };
}
