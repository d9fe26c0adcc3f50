import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { layoutSheet } from '../../src/lib/xlsx-layout.js';

/**
 * The summary of answers groups comments under a heading merged across the table (a 6-character STT column first).
 * Its height was estimated from the STT column alone: "Góp ý chung đối với toàn bộ dự thảo" came out 98 pt tall,
 * a blank band on every printed page.
 */
describe('row heights of a laid-out sheet', () => {
  it('sizes a heading merged across the table by the whole width, and a long cell by its own column', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Tổng hợp');
    ws.columns = [{ width: 6 }, { width: 28 }, { width: 60 }, { width: 16 }, { width: 60 }];
    ws.addRow(['STT', 'Người góp ý', 'Nội dung góp ý', 'Kết quả', 'Tiếp thu, giải trình']);
    const heading = ws.addRow(['Góp ý chung đối với toàn bộ dự thảo']);
    ws.mergeCells(heading.number, 1, heading.number, 5);
    const long = ws.addRow(['1', 'Trần Văn Hùng', 'Đề nghị nâng mức hỗ trợ '.repeat(12), 'Tiếp thu', 'Tiếp thu.']);
    layoutSheet(ws);
    expect(ws.getRow(heading.number).height).toBeLessThan(20); // one line of 12 pt
    expect(long.height).toBeGreaterThan(60); // 288 characters in a 60-wide column wrap to 5 lines
  });
});

describe('the printed grid of a laid-out sheet', () => {
  it('rules every cell of the table, empty ones too, but not the title lines above it', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Kinh phí');
    ws.columns = [{ width: 30 }, { width: 12 }, { width: 20 }];
    ws.addRow(['Tình trạng', 'Số dự toán', 'Kinh phí']);
    ws.addRow(['Đã phê duyệt', 2]); // the third cell is empty
    layoutSheet(ws, { titleLines: ['PHỤ LỤC: KINH PHÍ', 'Kèm theo Báo cáo số …'] });
    // Title lines 1–2, a blank row 3, headings on row 4, the data on row 5.
    expect(ws.getRow(1).getCell(1).border?.top).toBeUndefined();
    for (const r of [4, 5])
      for (const c of [1, 2, 3]) expect(ws.getRow(r).getCell(c).border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' } });
  });
});
