/**
 * The summary's downloads at any number of comments (issue 10: memory bounded at 1,000,000):
 * - the .xlsx is streamed, window after window of the summary (the page's order, numbers and
 *   shared-answer notes), with exceljs's streaming writer: every comment is in it;
 * - the .docx (the docx library builds a whole document in memory) lists the first
 *   SUMMARY_DOCX_LIMIT comments and then says plainly that the full table is in the .xlsx.
 */
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { ANSWER_OUTCOME_LABELS, COMMENT_CHANNEL_LABELS, RESPONDENT_TYPE_LABELS } from '../../domain/enums.js';
import { formatNumber } from '../../lib/format.js';
import { estimateRowHeight, PAGE_FOOTER, printSetup, THIN_GRID, XLSX_FONT } from '../../lib/xlsx-layout.js';
import { reclaimEvery } from '../../lib/reclaim-memory.js';
import { excel, sheetCaughtUp } from '../../lib/row-export.js';
import { type SummaryDraft, type SummaryPageComment, summaryCounts, summaryWindows } from './comments.summary-page.js';
import { type DraftForSummary, summaryTitle } from './comments.summary.js';

/** Comments listed in the .docx; a larger summary is complete in the .xlsx (about 300 pages of A4 already). */
export const SUMMARY_DOCX_LIMIT = 1000;
/** Comments read per round of the streamed .xlsx. */
const XLSX_WINDOW = 500;

export type SummaryData = {
  draft: DraftForSummary & SummaryDraft;
  groups: { key: string; title: string; comments: SummaryPageComment[] }[];
  counts: Awaited<ReturnType<typeof summaryCounts>>;
  /** How many comments the groups hold (fewer than counts.published when the summary is cut). */
  listed: number;
};

/** The first SUMMARY_DOCX_LIMIT comments of the summary with its figures, for the .docx. */
export async function summaryDocxData(db: Db, draft: DraftForSummary & SummaryDraft, limit = SUMMARY_DOCX_LIMIT): Promise<SummaryData> {
  const first = await summaryWindows(db, draft, limit).next();
  const groups = first.done ? [] : first.value.groups;
  return { draft, groups, counts: await summaryCounts(db, draft), listed: first.done ? 0 : first.value.to };
}

/** The note that ends section II of a cut .docx (Vietnamese, for the officer and the recipients). */
export function cutNote(data: SummaryData): string | null {
  if (data.listed >= data.counts.published) return null;
  return `Văn bản này liệt kê ${formatNumber(data.listed)} ý kiến đầu tiên (số 1 đến số ${formatNumber(data.listed)}) trong tổng số ${formatNumber(data.counts.published)} ý kiến đã công khai. Toàn bộ ${formatNumber(data.counts.published)} ý kiến và nội dung tiếp thu, giải trình được tổng hợp đầy đủ tại Phụ lục (bảng tính .xlsx) kèm theo, tải tại trang “Tiếp thu, giải trình” của dự thảo trên Trang thông tin điện tử phường.`;
}

const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '');

export function countsLine(counts: SummaryData['counts']) {
  const o = counts.outcomes;
  const channels = counts.byChannel
    .filter((c) => c.count > 0)
    .map((c) => `${COMMENT_CHANNEL_LABELS[c.channel].toLowerCase()} ${c.count}`)
    .join('; ');
  const sim = counts.similar;
  return `Tổng số ý kiến nhận được: ${counts.received}${channels ? ` (${channels})` : ''}; đã công khai: ${counts.published}; không công khai: ${counts.hidden}. Tiếp thu: ${o.ACCEPTED}; tiếp thu một phần: ${o.PARTLY_ACCEPTED}; giải trình: ${o.EXPLAINED}. Ý kiến vận động: ${sim.campaignComments} (trong ${sim.campaigns} nhóm từ ${sim.min} ý kiến giống nhau trở lên).`;
}

/** Who commented, as the public may see it, and how the comment reached the ward when not on the portal. */
function personText(c: SummaryPageComment) {
  const how = c.channel !== 'ONLINE' ? `\n(${label(COMMENT_CHANNEL_LABELS, c.channel)})` : '';
  return `${c.displayName}\n${RESPONDENT_TYPE_LABELS[c.respondentType as 'INDIVIDUAL'] ?? ''}${c.residence ? `, ${c.residence}` : ''}${how}${c.campaign ? '\n(ý kiến vận động)' : ''}`;
}

/** The answer, and who else it answers: their numbers when few, how many when many (as on the page). */
export function answerText(c: SummaryPageComment) {
  if (!c.answer) return '';
  if (c.sharedWith.length)
    return `${c.answer.explanation}\n(${c.sharedWith.length + 1} ý kiến có nội dung tương tự, trả lời chung với ý kiến số ${c.sharedWith.join(', ')})`;
  if (c.sharedCount > 1) return `${c.answer.explanation}\n(${c.sharedCount} ý kiến có nội dung tương tự, trả lời chung)`;
  return c.answer.explanation;
}

type WardHeading = { committeeName: string };
const WIDTHS = [6, 28, 60, 16, 60];

/** Streams the whole summary as .xlsx, laid out for A4 as layoutSheet does, row by row. */
export async function streamSummaryXlsx(db: Db, draft: DraftForSummary & SummaryDraft, ward: WardHeading, out: Writable) {
  const ExcelJS = await excel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const titles = [summaryTitle(draft.title), ward.committeeName, countsLine(await summaryCounts(db, draft)), ...(draft.summaryNote ? [draft.summaryNote] : [])];
  const headerRow = titles.length + 2;
  const ws = wb.addWorksheet('Tiếp thu, giải trình', {
    pageSetup: { ...printSetup(WIDTHS.reduce((a, b) => a + b, 0)), printTitlesRow: `${headerRow}:${headerRow}` },
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = WIDTHS.map((width) => ({ width }));
  // Shared style objects: exceljs keeps one style id per object (see streamXlsx).
  const wrapTop = { vertical: 'top', wrapText: true } as const;
  const cellStyle: Partial<ExcelJS.Style> = { font: { name: XLSX_FONT, size: 12 }, alignment: wrapTop, border: THIN_GRID };
  const headingStyle: Partial<ExcelJS.Style> = { font: { name: XLSX_FONT, size: 12, bold: true }, alignment: wrapTop, border: THIN_GRID };
  const headStyle: Partial<ExcelJS.Style> = {
    font: { name: XLSX_FONT, size: 12, bold: true },
    alignment: { vertical: 'middle', wrapText: true },
    border: THIN_GRID,
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E8EE' } },
  };
  const put = (values: (string | number)[], style: Partial<ExcelJS.Style>, spanAll = 1) => {
    const row = ws.addRow(values);
    for (let c = 1; c <= (spanAll > 1 || values.length > 1 ? WIDTHS.length : 1); c++) row.getCell(c).style = style;
    if (spanAll > 1) ws.mergeCells(row.number, 1, row.number, WIDTHS.length);
    row.height = estimateRowHeight(ws, row, spanAll);
    row.commit();
  };
  for (const [i, t] of titles.entries()) {
    const font = { name: XLSX_FONT, size: i === 0 ? 13 : 12, bold: i === 0, italic: i > 0 };
    put([t], { font, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }, WIDTHS.length);
  }
  ws.addRow([]).commit();
  put(['STT', 'Người góp ý', 'Nội dung góp ý (dự thảo lần)', 'Kết quả', 'Nội dung tiếp thu, giải trình'], headStyle);
  const reclaim = reclaimEvery(4); // a full collection every 2,000 comments (Prisma reads with includes make more garbage than the exports)
  for await (const window of summaryWindows(db, draft, XLSX_WINDOW)) {
    for (const g of window.groups) {
      if (!g.continued) put([g.title], headingStyle, WIDTHS.length);
      for (const c of g.comments)
        put(
          [c.no, personText(c), `${c.body}\n(dự thảo lần ${c.versionNumber})`, c.answer ? label(ANSWER_OUTCOME_LABELS, c.answer.outcome) : '', answerText(c)],
          cellStyle,
        );
    }
    if (!(await sheetCaughtUp(ws, out))) return; // the download was cancelled: stop reading the database
    reclaim();
  }
  ws.commit();
  await wb.commit();
}
