/**
 * Downloads: comments as CSV and .xlsx (the officer's with contact details, the
 * public one with published comments and public fields only), streamed in batches.
 * Public rows are built from public fields only. The summary's files: comments.summary-files.ts.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { Prisma } from '../../generated/sqlite/client.js'; // sql tags only: the same runtime serves both databases
import { ANSWER_OUTCOME_LABELS, COMMENT_CHANNEL_LABELS, COMMENT_STATUS_LABELS, HIDDEN_REASON_LABELS, RESPONDENT_TYPE_LABELS } from '../../domain/enums.js';
import { formatDate, formatDateTime } from '../../lib/format.js';
import { reclaimEvery } from '../../lib/reclaim-memory.js';
import { estimateRowHeight, PAGE_FOOTER, printSetup, XLSX_FONT } from '../../lib/xlsx-layout.js';
import { officerResidence, publicDisplayName, publicResidence } from './comments.public.js';

type Cell = string | number;

const label = (map: Record<string, string>, key: string | null | undefined) => (key ? (map[key] ?? key) : '');

/** Rows read from the database per round trip while an export streams (bounded memory at any size). */
export const EXPORT_BATCH = 2000;
/** A full garbage collection after this many batches (see lib/reclaim-memory.ts): about 1 s of CPU per million rows. */
export const BATCHES_PER_COLLECTION = 5;

const PUBLIC_HEADERS = [
  'STT',
  'Ngày góp ý',
  'Hình thức',
  'Phiên bản',
  'Góp ý cho',
  'Đối tượng',
  'Người góp ý',
  'Tổ dân phố / nơi cư trú',
  'Nội dung góp ý',
  'Kết quả',
  'Tiếp thu, giải trình',
];
const OFFICER_HEADERS = [
  'STT',
  'Mã tiếp nhận',
  'Trạng thái',
  'Lý do không công khai',
  'Ghi chú kiểm duyệt',
  'Thời điểm góp ý',
  'Hình thức',
  'Phiên bản',
  'Góp ý cho',
  'Đối tượng',
  'Họ và tên',
  'Cơ quan, tổ chức, doanh nghiệp',
  'Công khai tên',
  'Tổ dân phố / nơi cư trú',
  'Thư điện tử',
  'Điện thoại',
  'Đồng ý lưu thông tin lúc',
  'Nội dung góp ý',
  'Kết quả',
  'Tiếp thu, giải trình',
  'Đã báo qua thư lúc',
];

type ExportRow = {
  id: string;
  createdAt: Date;
  receiptCode: string;
  status: string;
  hiddenReason: string | null;
  hiddenNote: string;
  channel: string;
  respondentType: string;
  authorName: string;
  organisationName: string;
  isAnonymous: boolean;
  residentialOther: string;
  email: string;
  phone: string;
  consentAt: Date | null;
  notifiedAt: Date | null;
  body: string;
  version: { number: number };
  section: { label: string } | null;
  residentialGroup: { name: string } | null;
  answer: { outcome: string; explanation: string } | null;
};

/**
 * One batch of the export, oldest first after the cursor: ONE SQL query with its joins (the same
 * text on both databases). Prisma's findMany with four relations cost five queries per batch,
 * with IN lists of 2,000 ids through its query compiler, which kept the server's memory growing.
 * The public export reads public columns only.
 */
async function exportBatch(db: Db, draftId: string, withContact: boolean, after: { createdAt: Date; id: string } | null): Promise<ExportRow[]> {
  const contact = withContact
    ? Prisma.sql`c."receiptCode", c."status", c."hiddenReason", c."hiddenNote", c."residentialOther", c."email", c."phone", c."consentAt", c."notifiedAt",`
    : Prisma.empty;
  // The plain range on createdAt lets the index seek to the cursor; the OR alone would scan from the start.
  const from = after
    ? Prisma.sql`AND c."createdAt" >= ${after.createdAt} AND (c."createdAt" > ${after.createdAt} OR (c."createdAt" = ${after.createdAt} AND c."id" > ${after.id}))`
    : Prisma.empty;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT c."id", c."createdAt", c."channel", c."respondentType", c."authorName", c."organisationName", c."isAnonymous", c."body", ${contact}
           v."number" AS "versionNumber", s."label" AS "sectionLabel", u."name" AS "groupName", a."outcome", a."explanation"
    FROM "Comment" c
    JOIN "DraftVersion" v ON v."id" = c."versionId"
    LEFT JOIN "DraftSection" s ON s."id" = c."sectionId"
    LEFT JOIN "Unit" u ON u."id" = c."residentialGroupId"
    LEFT JOIN "CommentAnswer" a ON a."id" = c."answerId"
    WHERE c."draftId" = ${draftId} ${withContact ? Prisma.empty : Prisma.sql`AND c."status" = 'PUBLISHED'`} ${from}
    ORDER BY c."createdAt" ASC, c."id" ASC
    LIMIT ${EXPORT_BATCH}`;
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return rows.map((r) => ({
    id: String(r.id),
    createdAt: new Date(r.createdAt as string),
    receiptCode: text(r.receiptCode),
    status: text(r.status),
    hiddenReason: (r.hiddenReason as string | null) ?? null,
    hiddenNote: text(r.hiddenNote),
    channel: text(r.channel),
    respondentType: text(r.respondentType),
    authorName: text(r.authorName),
    organisationName: text(r.organisationName),
    isAnonymous: Boolean(r.isAnonymous),
    residentialOther: text(r.residentialOther),
    email: text(r.email),
    phone: text(r.phone),
    consentAt: date(r.consentAt),
    notifiedAt: date(r.notifiedAt),
    body: text(r.body),
    version: { number: Number(r.versionNumber) },
    section: r.sectionLabel === null ? null : { label: String(r.sectionLabel) },
    residentialGroup: r.groupName === null ? null : { name: String(r.groupName) },
    answer: r.outcome === null ? null : { outcome: String(r.outcome), explanation: text(r.explanation) },
  }));
}

export type RowStream = { headers: string[]; batches: AsyncIterable<Cell[][]> };

/**
 * Comments as table rows, oldest first, read in batches by keyset so an export of a million
 * comments never holds them all. `withContact` is for officers only: it adds contact details and
 * unpublished comments.
 */
export function commentRows(db: Db, draft: { id: string; state: string }, withContact: boolean): RowStream {
  // The public sees answers once the summary is published; officers always.
  const showAnswers = withContact || draft.state === 'ANSWERED';
  async function* batches() {
    let after: { createdAt: Date; id: string } | null = null;
    let no = 0;
    for (;;) {
      const rows = await exportBatch(db, draft.id, withContact, after);
      if (rows.length === 0) return;
      after = rows[rows.length - 1];
      yield rows.map((r): Cell[] =>
        withContact
          ? [
              ++no,
              r.receiptCode,
              label(COMMENT_STATUS_LABELS, r.status),
              label(HIDDEN_REASON_LABELS, r.hiddenReason),
              r.hiddenNote,
              formatDateTime(r.createdAt),
              label(COMMENT_CHANNEL_LABELS, r.channel),
              r.version.number,
              r.section?.label ?? 'Toàn bộ dự thảo',
              label(RESPONDENT_TYPE_LABELS, r.respondentType),
              r.authorName,
              r.organisationName,
              r.isAnonymous ? 'Không (ẩn danh)' : 'Có',
              officerResidence(r),
              r.email,
              r.phone,
              formatDateTime(r.consentAt),
              r.body,
              label(ANSWER_OUTCOME_LABELS, r.answer?.outcome),
              r.answer?.explanation ?? '',
              formatDateTime(r.notifiedAt),
            ]
          : [
              ++no,
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
            ],
      );
      if (rows.length < EXPORT_BATCH) return;
    }
  }
  return { headers: withContact ? OFFICER_HEADERS : PUBLIC_HEADERS, batches: batches() };
}

// A cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet.
const neutralise = (v: Cell) => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** Resolves on the first of two events, and leaves no listener behind (one wait per batch, thousands per export). */
function firstOf(a: [NodeJS.EventEmitter, string], b: [NodeJS.EventEmitter, string]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      a[0].off(a[1], done);
      b[0].off(b[1], done);
      resolve();
    };
    a[0].once(a[1], done);
    b[0].once(b[1], done);
  });
}

/** Waits until `out` has room, so a slow download holds at most one batch in memory; false once the client is gone. */
async function roomIn(out: Writable): Promise<boolean> {
  if (out.destroyed || out.closed) return false;
  if (out.writableNeedDrain) await firstOf([out, 'drain'], [out, 'close']);
  return !(out.destroyed || out.closed);
}

/**
 * exceljs's streaming writer has no back-pressure of its own: a committed row goes into the
 * worksheet's zip entry (a PassThrough that archiver reads), whatever it holds already. With the
 * database answering synchronously (better-sqlite3) the loop never even let the zip run, and a
 * million rows piled up in memory before a byte was sent. So after each batch, wait until that
 * entry has taken in what was written (archiver only reads it as fast as the download drains).
 */
export async function sheetCaughtUp(ws: ExcelJS.Worksheet, out: Writable): Promise<boolean> {
  const sheet = (ws as unknown as { stream?: { pipes?: Writable[] } }).stream;
  const gone = () => out.destroyed || out.closed;
  // archiver attaches to the entry on a later turn of the event loop; until then rows pile up inside exceljs.
  while (sheet && !sheet.pipes?.length && !gone()) await new Promise((resolve) => setImmediate(resolve));
  // archiver's PassThrough comes from readable-stream 2, which has no writableNeedDrain.
  const entry = sheet?.pipes?.[0] as (Writable & { _writableState?: { needDrain?: boolean } }) | undefined;
  while (entry?._writableState?.needDrain && !gone()) await firstOf([entry, 'drain'], [out, 'close']);
  return roomIn(out);
}

/** Streams the rows as CSV, UTF-8 with a byte-order mark so Excel shows Vietnamese correctly. */
export async function streamCsv(rows: RowStream, out: Writable) {
  out.write(Buffer.from([0xef, 0xbb, 0xbf]));
  out.write(stringify([rows.headers], { record_delimiter: '\r\n' }));
  const reclaim = reclaimEvery(BATCHES_PER_COLLECTION);
  for await (const batch of rows.batches) {
    out.write(
      stringify(
        batch.map((r) => r.map(neutralise)),
        { record_delimiter: '\r\n' },
      ),
    );
    if (!(await roomIn(out))) return; // the download was cancelled: stop reading the database
    reclaim();
  }
  out.end();
}

function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E8EE' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** exceljs is loaded with the first spreadsheet asked for, not at start (issue 10: idle memory). */
const excel = async () => (await import('exceljs')).default;

/** Streams the rows as .xlsx with exceljs's streaming writer: each row is written out and forgotten. */
export async function streamXlsx(rows: RowStream, title: string, out: Writable, sheetName = 'Ý kiến góp ý') {
  const ExcelJS = await excel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Cổng thông tin góp ý dự thảo';
  const widths = rows.headers.map((header) => (/Nội dung|giải trình/i.test(header) ? 60 : header === 'STT' ? 6 : 20));
  // Laid out for A4 as layoutSheet does, but row by row: a streamed row is gone once committed.
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: 3 }],
    // The header row (row 3) printed again at the top of every page.
    pageSetup: { ...printSetup(widths.reduce((a, b) => a + b, 0)), printTitlesRow: '3:3' },
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = widths.map((width) => ({ width }));
  const font = { name: XLSX_FONT, size: 12 };
  // ONE style object for every data cell: exceljs remembers a style object's id (a WeakMap), so a
  // million rows reuse it; a style built per cell was serialised and looked up again for each cell.
  const cellStyle: Partial<ExcelJS.Style> = { font, alignment: { vertical: 'top', wrapText: true } };
  const titleRow = ws.addRow([title]);
  titleRow.getCell(1).font = { name: XLSX_FONT, bold: true, size: 13 };
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  ws.mergeCells(1, 1, 1, widths.length);
  titleRow.height = estimateRowHeight(ws, titleRow, widths.length);
  titleRow.commit();
  ws.addRow([]).commit();
  const head = ws.addRow(rows.headers);
  styleHeader(head);
  head.eachCell((cell) => (cell.font = { ...font, bold: true }));
  head.height = estimateRowHeight(ws, head);
  head.commit();
  const reclaim = reclaimEvery(BATCHES_PER_COLLECTION);
  for await (const batch of rows.batches) {
    for (const r of batch) {
      const row = ws.addRow(r);
      row.eachCell((cell) => {
        cell.style = cellStyle;
      });
      row.height = estimateRowHeight(ws, row);
      row.commit();
    }
    if (!(await sheetCaughtUp(ws, out))) return; // the download was cancelled: stop reading the database
    reclaim();
  }
  ws.commit();
  await wb.commit();
}
