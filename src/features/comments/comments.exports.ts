/**
 * Downloads: comments as CSV and .xlsx (the officer's with contact details, the
 * public one with published comments and public fields only), and the summary
 * of answers as .xlsx and .docx. Public rows are built from public fields only.
 */
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { ANSWER_OUTCOME_LABELS, COMMENT_CHANNEL_LABELS, COMMENT_STATUS_LABELS, HIDDEN_REASON_LABELS, RESPONDENT_TYPE_LABELS } from '../../domain/enums.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { layoutSheet } from '../../lib/xlsx-layout.js';
import { officerResidence, publicDisplayName, publicResidence } from './comments.public.js';
import { summaryTitle, type SummaryData } from './comments.summary.js';

type Cell = string | number;
export type Sheet = { headers: string[]; rows: Cell[][] };

const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '');

/** Comments as table rows. `withContact` is for officers only: it adds contact details and unpublished comments. */
export async function commentRows(db: Db, draft: { id: string; state: string }, withContact: boolean): Promise<Sheet> {
  const rows = await db.comment.findMany({
    where: { draftId: draft.id, ...(withContact ? {} : { status: 'PUBLISHED' }) },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: {
      section: { select: { label: true } },
      version: { select: { number: true } },
      residentialGroup: { select: { name: true } },
      answer: { select: { outcome: true, explanation: true } },
    },
  });
  // The public sees answers once the summary is published; officers always.
  const showAnswers = withContact || draft.state === 'ANSWERED';
  if (!withContact) {
    return {
      headers: ['STT', 'Ngày góp ý', 'Hình thức', 'Phiên bản', 'Góp ý cho', 'Đối tượng', 'Người góp ý', 'Tổ dân phố / nơi cư trú', 'Nội dung góp ý', 'Kết quả', 'Tiếp thu, giải trình'],
      rows: rows.map((r, i) => [
        i + 1,
        formatDate(r.createdAt),
        label(COMMENT_CHANNEL_LABELS, r.channel),
        r.version.number,
        r.section?.label ?? 'Toàn bộ dự thảo',
        label(RESPONDENT_TYPE_LABELS, r.respondentType),
        publicDisplayName(r),
        publicResidence(r),
        r.body,
        showAnswers ? label(ANSWER_OUTCOME_LABELS, r.answer?.outcome) : '',
        showAnswers ? (r.answer?.explanation ?? '') : '',
      ]),
    };
  }
  return {
    headers: [
      'STT', 'Mã tiếp nhận', 'Trạng thái', 'Lý do không công khai', 'Ghi chú kiểm duyệt', 'Thời điểm góp ý', 'Hình thức', 'Phiên bản', 'Góp ý cho',
      'Đối tượng', 'Họ và tên', 'Cơ quan, tổ chức, doanh nghiệp', 'Công khai tên', 'Tổ dân phố / nơi cư trú', 'Thư điện tử', 'Điện thoại',
      'Đồng ý lưu thông tin lúc', 'Nội dung góp ý', 'Kết quả', 'Tiếp thu, giải trình', 'Đã báo qua thư lúc',
    ],
    rows: rows.map((r, i) => [
      i + 1, r.receiptCode, label(COMMENT_STATUS_LABELS, r.status), label(HIDDEN_REASON_LABELS, r.hiddenReason), r.hiddenNote,
      formatDateTime(r.createdAt), label(COMMENT_CHANNEL_LABELS, r.channel), r.version.number, r.section?.label ?? 'Toàn bộ dự thảo', label(RESPONDENT_TYPE_LABELS, r.respondentType),
      r.authorName, r.organisationName, r.isAnonymous ? 'Không (ẩn danh)' : 'Có', officerResidence(r), r.email, r.phone,
      formatDateTime(r.consentAt), r.body, label(ANSWER_OUTCOME_LABELS, r.answer?.outcome), r.answer?.explanation ?? '', formatDateTime(r.notifiedAt),
    ]),
  };
}

// A cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet.
const neutralise = (v: Cell) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** UTF-8 with a byte-order mark, so Excel shows Vietnamese correctly. */
export function toCsv(sheet: Sheet): Buffer {
  const text = stringify([sheet.headers, ...sheet.rows.map((r) => r.map(neutralise))], { record_delimiter: '\r\n' });
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E8EE' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

export async function toXlsx(sheet: Sheet, title: string, sheetName = 'Ý kiến góp ý'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Cổng thông tin góp ý dự thảo';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow([title]).font = { bold: true, size: 13 };
  ws.addRow([]);
  styleHeader(ws.addRow(sheet.headers));
  for (const r of sheet.rows) ws.addRow(r).alignment = { vertical: 'top', wrapText: true };
  ws.columns.forEach((col, i) => {
    const header = sheet.headers[i] ?? '';
    col.width = /Nội dung|giải trình/i.test(header) ? 60 : header === 'STT' ? 6 : 20;
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  layoutSheet(ws, { titleRows: 1, headerRow: 3 });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type WardHeading = { committeeName: string; placeName: string };

export async function summaryXlsx(data: SummaryData, ward: WardHeading): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tiếp thu, giải trình');
  [6, 28, 60, 16, 60].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.addRow([summaryTitle(data.draft.title)]);
  ws.addRow([ward.committeeName]);
  ws.addRow([countsLine(data)]);
  if (data.draft.summaryNote) ws.addRow([data.draft.summaryNote]);
  const titleRows = ws.rowCount;
  ws.addRow([]);
  const header = ws.addRow(['STT', 'Người góp ý', 'Nội dung góp ý (dự thảo lần)', 'Kết quả', 'Nội dung tiếp thu, giải trình']);
  styleHeader(header);
  for (const g of data.groups) {
    const heading = ws.addRow([g.title]);
    heading.font = { bold: true };
    ws.mergeCells(heading.number, 1, heading.number, 5);
    for (const c of g.comments) {
      ws.addRow([c.no, personText(c), `${c.body}\n(dự thảo lần ${c.versionNumber})`, c.answer ? label(ANSWER_OUTCOME_LABELS, c.answer.outcome) : '', answerText(c)]).alignment = {
        vertical: 'top',
        wrapText: true,
      };
    }
  }
  layoutSheet(ws, { titleRows, headerRow: header.number });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function countsLine(data: SummaryData) {
  const o = data.counts.outcomes;
  const channels = data.counts.byChannel.filter((c) => c.count > 0).map((c) => `${COMMENT_CHANNEL_LABELS[c.channel].toLowerCase()} ${c.count}`).join('; ');
  const sim = data.counts.similar;
  return `Tổng số ý kiến nhận được: ${data.counts.received}${channels ? ` (${channels})` : ''}; đã công khai: ${data.counts.published}; không công khai: ${data.counts.hidden}. Tiếp thu: ${o.ACCEPTED}; tiếp thu một phần: ${o.PARTLY_ACCEPTED}; giải trình: ${o.EXPLAINED}. Ý kiến vận động: ${sim.campaignComments} (trong ${sim.campaigns} nhóm từ ${sim.min} ý kiến giống nhau trở lên).`;
}

/** Who commented, as the public may see it, and how the comment reached the ward when not on the portal. */
function personText(c: SummaryData['groups'][number]['comments'][number]) {
  const how = c.channel !== 'ONLINE' ? `\n(${label(COMMENT_CHANNEL_LABELS, c.channel)})` : '';
  return `${c.displayName}\n${RESPONDENT_TYPE_LABELS[c.respondentType as 'INDIVIDUAL'] ?? ''}${c.residence ? `, ${c.residence}` : ''}${how}${c.campaign ? '\n(ý kiến vận động)' : ''}`;
}

function answerText(c: SummaryData['groups'][number]['comments'][number]) {
  if (!c.answer) return '';
  return c.sharedWith.length ? `${c.answer.explanation}\n(${c.sharedWith.length + 1} ý kiến có nội dung tương tự, trả lời chung với ý kiến số ${c.sharedWith.join(', ')})` : c.answer.explanation;
}
