/**
 * Rows streamed to a download as CSV or .xlsx, batch by batch, with bounded memory at any size:
 * each batch is written, then the next is read only once the download has room for it, and
 * reading stops when the client goes away. Used by the comment exports; knows nothing of comments.
 */
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type ExcelJS from 'exceljs';
import { reclaimEvery, reclaimMemory } from './reclaim-memory.js';
import { estimateRowHeight, PAGE_FOOTER, printSetup, XLSX_FONT } from './xlsx-layout.js';

export type Cell = string | number;

/** The header row and the rows, in batches read from the database as the download goes. */
export type RowStream = { headers: string[]; batches: AsyncIterable<Cell[][]> };

/** A full garbage collection after this many batches (see lib/reclaim-memory.ts); in an export worker, a collection of its own small heap. */
export const BATCHES_PER_COLLECTION = 5;

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
    if (!(await roomIn(out))) return reclaimMemory(); // the download was cancelled: stop reading the database
    reclaim();
  }
  out.end();
  reclaimMemory(); // the last batches' garbage, so the server goes back to its idle size after the download
}

/** The grey, bold header row of every exported sheet. */
export function styleHeader(row: ExcelJS.Row) {
  row.font = { bold: true };
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE4E8EE' } };
    c.border = { bottom: { style: 'thin' } };
  });
}

/** exceljs is loaded with the first spreadsheet asked for, not at start (issue 10: idle memory). */
export const excel = async () => (await import('exceljs')).default;

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
    if (!(await sheetCaughtUp(ws, out))) return reclaimMemory(); // the download was cancelled: stop reading the database
    reclaim();
  }
  ws.commit();
  await wb.commit();
  reclaimMemory(); // as after a CSV: back to the idle size once the download is done
}
