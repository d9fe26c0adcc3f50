import type ExcelJS from 'exceljs';
import {
  BUDGET_STATUSES,
  BUDGET_STATUS_LABELS,
  CHANNEL_LABELS,
  DRAFT_STATUS_LABELS,
  OBSTACLE_RESPONSE_LABELS,
  OBSTACLE_STATUS_LABELS,
  TASK_STATUS_LABELS,
} from '../../domain/enums.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import type { PlanFigures } from '../figures/index.js';
import { layoutSheet } from '../../lib/xlsx-layout.js';
import { totalActivities } from '../../domain/figures.js';

const MONEY = '#,##0';

type Meta = { title: string; numberLine: string; annexLine: string; periodText: string; wardName: string };

/**
 * The annex of a results report: the same figures as the document, one sheet per
 * topic, numbers as numbers (not text) so they can be summed again.
 */
export async function renderReportXlsx(meta: Meta, f: PlanFigures): Promise<Buffer> {
  // exceljs is loaded with the first spreadsheet asked for, not at start (issue 10: idle memory).
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.wardName;
  wb.created = f.computedAt;
  for (const addSheet of [summarySheet, tasksSheet, reportsSheet, channelsSheet, plannedSheet, draftsSheet, budgetsSheet, obstaclesSheet]) addSheet(wb, f);

  // Every sheet: the annex line, what the sheet holds, and the period; headings bold and repeated on each printed page.
  for (const sheet of wb.worksheets) {
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const heading = sheet.name === 'Tổng hợp' ? `PHỤ LỤC SỐ LIỆU: ${meta.title}` : `PHỤ LỤC: ${sheet.name.toUpperCase()} (${meta.periodText})`;
    layoutSheet(sheet, { titleLines: [heading, meta.annexLine, `Số liệu tính lúc ${formatDateTime(f.computedAt)}`] });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every headline figure, one row each. */
function summarySheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const summary = wb.addWorksheet('Tổng hợp');
  summary.columns = [
    { header: 'Chỉ tiêu', width: 60 },
    { header: 'Số liệu', width: 22 },
  ];
  summary.addRows([
    ['Số nhiệm vụ', f.tasks.length],
    ['Số hoạt động truyền thông', totalActivities(f.channels)],
    ['Số lượt người được tiếp cận', f.peopleReachedTotal],
    ['Số hoạt động không xác định được số người', f.unknownReachTotal ?? 0],
    ['Số dự thảo thuộc phạm vi', f.drafts.inScope],
    ['Số dự thảo đã truyền thông', f.drafts.communicated],
    ['Tỷ lệ dự thảo được truyền thông (%)', f.drafts.percent],
    ['Chỉ tiêu (%)', 100],
    ['Số ý kiến nhận được', f.comments.received],
    ['Số ý kiến đã công khai', f.comments.published],
    ['Số ý kiến không công khai', f.comments.hidden],
    ['Số ý kiến chờ kiểm duyệt', f.comments.pending],
    ['Số ý kiến đã trả lời', f.comments.answered],
    ['Tiếp thu', f.comments.byOutcome.ACCEPTED],
    ['Tiếp thu một phần', f.comments.byOutcome.PARTLY_ACCEPTED],
    ['Giải trình', f.comments.byOutcome.EXPLAINED],
    ['Số dự toán kinh phí', f.budgets.count],
    ['Kinh phí đề nghị (đồng)', f.budgets.requestedVnd],
    ['Kinh phí được phê duyệt (đồng)', f.budgets.approvedVnd],
    ['Số khó khăn, vướng mắc phản ánh', f.obstacles.raised],
    ['Đang xử lý', f.obstacles.open],
    ['Đã có ý kiến chỉ đạo', f.obstacles.answered],
    ['Đã giải quyết xong', f.obstacles.closed],
  ]);
  summary.getColumn(2).numFmt = MONEY;
}

/** One row per task: units, status, progress, activities, money. */
function tasksSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const tasks = wb.addWorksheet('Nhiệm vụ');
  tasks.columns = [
    { header: 'STT', width: 5 },
    { header: 'Nhiệm vụ', width: 50 },
    { header: 'Chủ trì', width: 28 },
    { header: 'Phối hợp', width: 28 },
    { header: 'Thời gian thực hiện', width: 22 },
    { header: 'Tình trạng', width: 14 },
    { header: 'Tiến độ (%)', width: 12 },
    { header: 'Báo cáo được chấp nhận', width: 14 },
    { header: 'Hoạt động truyền thông', width: 14 },
    { header: 'Lượt người tiếp cận', width: 14 },
    { header: 'Kinh phí đề nghị (đồng)', width: 18, style: { numFmt: MONEY } },
    { header: 'Kinh phí được duyệt (đồng)', width: 18, style: { numFmt: MONEY } },
  ];
  for (const t of f.tasks) {
    tasks.addRow([
      t.ordinal,
      t.content,
      t.leadUnits.join(', '),
      t.coordinatingUnits.join(', '),
      t.timeframeText,
      TASK_STATUS_LABELS[t.status],
      t.progressPercent,
      t.acceptedReports.length,
      t.activities.reduce((s, a) => s + a.count, 0),
      t.activities.reduce((s, a) => s + a.peopleReached, 0), // known counts only; see the channel sheet for activities of unknown reach
      t.requestedVnd,
      t.approvedVnd,
    ]);
  }
}

/** The accepted progress reports of the period. */
function reportsSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const reports = wb.addWorksheet('Kết quả thực hiện');
  reports.columns = [
    { header: 'Nhiệm vụ', width: 10 },
    { header: 'Ngày báo cáo', width: 14 },
    { header: 'Đơn vị', width: 36 },
    { header: 'Nội dung', width: 80 },
  ];
  for (const t of f.tasks) for (const r of t.acceptedReports) reports.addRow([t.ordinal, formatDate(r.reportedOn), r.unitName, r.summary]);
}

/** Activities per channel, with the total under them. */
function channelsSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const channels = wb.addWorksheet('Hoạt động truyền thông');
  channels.columns = [
    { header: 'Hình thức', width: 32 },
    { header: 'Số hoạt động', width: 14 },
    { header: 'Số lượt người được tiếp cận', width: 26, style: { numFmt: MONEY } },
    { header: 'Số hoạt động không xác định được số người', width: 26 },
  ];
  for (const c of f.channels) channels.addRow([CHANNEL_LABELS[c.channel], c.activities, c.peopleReached, c.unknownReach ?? 0]);
  channels.addRow(['Tổng cộng', totalActivities(f.channels), f.peopleReachedTotal, f.unknownReachTotal ?? 0]).font = { bold: true };
}

/** The units' own plans (planned-figures.ts); figures frozen before they were counted have none. */
function plannedSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  if (!f.planned?.total.planned) return;
  const planned = wb.addWorksheet('Kế hoạch cụ thể');
  planned.columns = [
    { header: 'Đơn vị', width: 44 },
    { header: 'Phải thực hiện trong kỳ', width: 16 },
    { header: 'Đã thực hiện', width: 14 },
    { header: 'Quá hạn, chưa thực hiện', width: 16 },
    { header: 'Ngoài kế hoạch', width: 14 },
  ];
  for (const u of f.planned.byUnit) planned.addRow([u.unitName, u.planned, u.done, u.overdue, u.unplanned]);
  const t = f.planned.total;
  planned.addRow(['Tổng cộng', t.planned, t.done, t.overdue, t.unplanned]).font = { bold: true };
}

/** The drafts of the plan with their comments. */
function draftsSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const drafts = wb.addWorksheet('Dự thảo');
  drafts.columns = [
    { header: 'Dự thảo', width: 60 },
    { header: 'Mở lấy ý kiến', width: 14 },
    { header: 'Hết hạn góp ý', width: 14 },
    { header: 'Tình trạng', width: 28 },
    { header: 'Số ý kiến', width: 12 },
    { header: 'Đã trả lời', width: 12 },
  ];
  for (const d of f.drafts.list) drafts.addRow([d.title, formatDate(d.opensAt), formatDate(d.closesAt), DRAFT_STATUS_LABELS[d.status], d.received, d.answered]);
}

/** Budget estimates per status, with the total. */
function budgetsSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const budgets = wb.addWorksheet('Kinh phí');
  budgets.columns = [
    { header: 'Tình trạng', width: 28 },
    { header: 'Số dự toán', width: 12 },
    { header: 'Kinh phí đề nghị (đồng)', width: 22, style: { numFmt: MONEY } },
    { header: 'Kinh phí được duyệt (đồng)', width: 22, style: { numFmt: MONEY } },
  ];
  for (const s of BUDGET_STATUSES) {
    const row = f.budgets.byStatus[s] ?? { count: 0, requestedVnd: 0, approvedVnd: 0 };
    budgets.addRow([BUDGET_STATUS_LABELS[s], row.count, row.requestedVnd, row.approvedVnd]);
  }
  budgets.addRow(['Tổng cộng', f.budgets.count, f.budgets.requestedVnd, f.budgets.approvedVnd]).font = { bold: true };
}

/** The obstacles raised and how they were answered. */
function obstaclesSheet(wb: ExcelJS.Workbook, f: PlanFigures) {
  const obstacles = wb.addWorksheet('Khó khăn, vướng mắc');
  obstacles.columns = [
    { header: 'Nội dung', width: 48 },
    { header: 'Đơn vị phản ánh', width: 32 },
    { header: 'Ngày phản ánh', width: 14 },
    { header: 'Tình trạng', width: 24 },
    { header: 'Hình thức trả lời', width: 22 },
    { header: 'Ngày trả lời', width: 14 },
    { header: 'Nội dung trả lời', width: 60 },
  ];
  for (const o of f.obstacles.list) {
    obstacles.addRow([
      o.title,
      o.unitName,
      formatDate(o.createdAt),
      OBSTACLE_STATUS_LABELS[o.status],
      o.responseKind ? (OBSTACLE_RESPONSE_LABELS[o.responseKind as 'GUIDANCE' | 'DECISION'] ?? o.responseKind) : '',
      formatDate(o.answeredAt),
      o.response,
    ]);
  }
}
