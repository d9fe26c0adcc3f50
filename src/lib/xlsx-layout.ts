import type ExcelJS from 'exceljs';

/**
 * Print layout of a spreadsheet the ward files or prints: A4, landscape when
 * the columns are wide, fitted to the page width (as many pages down as
 * needed), Times New Roman, title rows repeated on nothing but the first page,
 * the header row repeated on every page, and row heights that fit wrapped text.
 */
export const XLSX_FONT = 'Times New Roman';
const A4 = 9;
/** Excel's row height (points) of one line of 12 pt Times New Roman, with its leading. */
const LINE_HEIGHT = 15.75;

export type SheetLayout = {
  /** Title lines to add above the table (merged across its width), e.g. the annex line "Kèm theo Báo cáo số … ngày …". Only for sheets without merged cells (rows are shifted down). */
  titleLines?: string[];
  /** Or: how many rows at the top already are title lines (merged here across the table's width). */
  titleRows?: number;
  /** Number of the row holding the column headings after the title lines are added (repeated on every printed page). */
  headerRow?: number;
};

/** A4 page setup for a table of columns this wide in total (a streamed sheet passes it when it is created). */
export function printSetup(totalWidth: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: A4,
    orientation: totalWidth > 95 ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.6, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export const PAGE_FOOTER = { oddFooter: '&CTrang &P/&N' };

const THIN = { style: 'thin' } as const;
export const THIN_GRID: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Adds the title rows on top of a sheet whose first row is its column headings, then lays it out for A4. */
export function layoutSheet(ws: ExcelJS.Worksheet, layout: SheetLayout = {}) {
  const added = layout.titleLines ?? [];
  const columns = Math.max(1, ws.columnCount);
  if (added.length) ws.spliceRows(1, 0, ...added.map((t) => [t]), []);
  const titleCount = added.length || (layout.titleRows ?? 0);
  for (let i = 1; i <= titleCount; i++) {
    const row = ws.getRow(i);
    if (columns > 1 && !row.getCell(1).isMerged) ws.mergeCells(i, 1, i, columns);
    row.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    row.getCell(1).font = { name: XLSX_FONT, size: i === 1 ? 13 : 12, bold: i === 1, italic: i > 1 };
  }
  const titles = { length: titleCount };
  const headerRow = layout.headerRow ?? (titleCount ? titleCount + 2 : 1);
  const header = ws.getRow(headerRow);
  header.font = { name: XLSX_FONT, size: 12, bold: true };
  const totalWidth = ws.columns.reduce((s, c) => s + (c.width ?? 10), 0);
  ws.pageSetup = { ...ws.pageSetup, ...printSetup(totalWidth), printTitlesRow: `${headerRow}:${headerRow}` };
  ws.headerFooter = PAGE_FOOTER;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    // The table (headings and rows, not the title lines above it) prints with its grid, as a ruled form would.
    if (rowNumber >= headerRow) for (let c = 1; c <= columns; c++) row.getCell(c).border = THIN_GRID;
    row.eachCell({ includeEmpty: false }, (cell) => {
      cell.font = { ...(cell.font ?? {}), name: XLSX_FONT, size: cell.font?.size ?? 12 };
      if (rowNumber > titles.length) cell.alignment = { vertical: 'top', ...(cell.alignment ?? {}), wrapText: true };
    });
    row.height = estimateRowHeight(ws, row, rowNumber <= titles.length ? columns : 1);
  });
}

/**
 * Excel does not grow a row for wrapped text written by a library, so the text
 * of a long cell would overlap the next row: estimate the lines each cell needs
 * from its length and its column's width (in characters) and size the row.
 */
export function estimateRowHeight(ws: ExcelJS.Worksheet, row: ExcelJS.Row, spanAll = 1): number {
  let lines = 1;
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    // A merged cell (a group heading across the table) wraps over the width of all its columns, not its first one.
    if (cell.isMerged && cell.master.address !== cell.address) return;
    const width = spanAll > 1 ? ws.columns.reduce((s, c) => s + (c.width ?? 10), 0) : mergedWidth(ws, row, cell, col);
    const size = cell.font?.size ?? 12;
    // Vietnamese text in Times New Roman 12 pt runs about 1.1 characters per unit of column width.
    const perLine = Math.max(1, Math.floor(width * 1.1 * (12 / size)));
    const text =
      cell.value === null || cell.value === undefined
        ? ''
        : typeof cell.value === 'object' && 'richText' in cell.value
          ? cell.value.richText.map((r) => r.text).join('')
          : String(cell.value);
    const needed = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / perLine)), 0);
    lines = Math.max(lines, needed);
  });
  return Math.min(409, Math.ceil(lines * LINE_HEIGHT + 3));
}

/** The width of a cell in characters: its column, plus the columns to its right merged into it. */
function mergedWidth(ws: ExcelJS.Worksheet, row: ExcelJS.Row, cell: ExcelJS.Cell, col: number): number {
  let width = ws.getColumn(col).width ?? 10;
  if (!cell.isMerged) return width;
  for (let c = col + 1; c <= ws.columnCount && row.getCell(c).isMerged && row.getCell(c).master.address === cell.address; c++)
    width += ws.getColumn(c).width ?? 10;
  return width;
}
