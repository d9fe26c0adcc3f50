import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, visibleText, type TestApp, multipartAction } from '../../helpers/test-app.js';
import { createDraftVia, makeDocx } from './draft-helpers.js';

/** One paragraph whose lines are separated by line breaks (Shift+Enter in Word), as letterheads are typed. */
const brokenLines = (lines: string[], bold = false) =>
  new Paragraph({ alignment: AlignmentType.CENTER, children: lines.map((text, i) => new TextRun({ text, bold, break: i ? 1 : 0 })) });
const cell = (...children: Paragraph[]) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, children });

/** A draft decision laid out as Decree 30/2020 wants: header table, motto, articles, a table, signature and Nơi nhận. */
async function officialDocx(): Promise<Buffer> {
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        children: [
          cell(brokenLines(['ỦY BAN NHÂN DÂN', 'PHƯỜNG TRƯƠNG QUANG TRỌNG'], true)),
          cell(brokenLines(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'], true)),
        ],
      }),
      new TableRow({ children: [cell(new Paragraph('Số: /QĐ-UBND')), cell(new Paragraph('Trương Quang Trọng, ngày      tháng     năm 2026'))] }),
    ],
  });
  const fees = new Table({
    rows: [
      new TableRow({ children: [cell(new Paragraph('Đối tượng')), cell(new Paragraph('Mức thu'))] }),
      new TableRow({ children: [cell(new Paragraph('Hộ gia đình')), cell(brokenLines(['20.000 đồng/tháng', '(đã gồm VAT)']))] }),
    ],
  });
  const signature = new Table({
    rows: [
      new TableRow({
        children: [
          cell(new Paragraph({ children: [new TextRun({ text: 'Nơi nhận:', bold: true })] }), new Paragraph('- Như Điều 3;'), new Paragraph('- Lưu: VT, TP.')),
          cell(brokenLines(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], true), new Paragraph('(Ký, ghi rõ họ tên, đóng dấu)'), new Paragraph('Trương Thanh Thảo')),
        ],
      }),
    ],
  });
  const doc = new Document({
    sections: [
      {
        children: [
          header,
          brokenLines(['QUYẾT ĐỊNH', 'Ban hành Quy chế thu phí vệ sinh'], true),
          new Paragraph('Căn cứ Luật Tổ chức chính quyền địa phương;'),
          new Paragraph('Điều 1. Phạm vi điều chỉnh'),
          brokenLines(['Quy chế này quy định mức thu;', 'áp dụng trên địa bàn phường.']),
          new Paragraph('Điều 2. Mức thu'),
          fees,
          new Paragraph('Điều 3. Hiệu lực'),
          new Paragraph('Quyết định có hiệu lực từ ngày ký.'),
          signature,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

describe('importing a .docx keeps line and cell breaks and leaves the letterhead and signature out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the articles with their line breaks, a table cell by cell, and no letterhead, motto, signer or Nơi nhận', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/noi-dung`);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${id}/nhap-docx`, token)).attach('docx', await officialDocx(), 'quyet-dinh.docx');
    expect(res.status).toBe(200);
    const seen = visibleText(res.text);
    expect(seen).toContain('trong tệp Word: 0 chương, 0 mục, 3 điều');
    expect(seen).not.toContain('Cần kiểm tra');
    const text = /<textarea id="text" name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.text)![1].replace(/&#34;/g, '"').replace(/&amp;/g, '&');
    expect(text).toBe(
      [
        'QUYẾT ĐỊNH\nBan hành Quy chế thu phí vệ sinh',
        'Căn cứ Luật Tổ chức chính quyền địa phương;',
        'Điều 1. Phạm vi điều chỉnh',
        'Quy chế này quy định mức thu;\náp dụng trên địa bàn phường.',
        'Điều 2. Mức thu',
        '| Đối tượng | Mức thu |\n| --- | --- |\n| Hộ gia đình | 20.000 đồng/tháng / (đã gồm VAT) |',
        'Điều 3. Hiệu lực',
        'Quyết định có hiệu lực từ ngày ký.',
      ].join('\n\n'),
    );
    for (const glued of ['DÂNPHƯỜNG', 'NAMĐộc lập', 'ỦY BAN NHÂN DÂN', 'Độc lập', 'Số:', 'Nơi nhận', 'CHỦ TỊCH', 'Trương Thanh Thảo', 'Lưu: VT']) {
      expect(text, glued).not.toContain(glued);
    }

    const confirm = await agent.post(`/can-bo/du-thao/${id}/noi-dung`).type('form').send({ _csrf: token, text, action: 'save' });
    expect(confirm.status).toBe(303);
    const sections = await t.db.draftSection.findMany({ where: { version: { draftId: id } }, orderBy: { sortOrder: 'asc' } });
    expect(sections.map((s) => s.label)).toEqual(['Phần mở đầu', 'Điều 1', 'Điều 2', 'Điều 3']);
    expect(sections[0].body).toBe('QUYẾT ĐỊNH\nBan hành Quy chế thu phí vệ sinh\n\nCăn cứ Luật Tổ chức chính quyền địa phương;');
    expect(sections[3].body).toBe('Quyết định có hiệu lực từ ngày ký.');

    // Residents see the line break and the table, not glued text.
    const page = await agent.get(`/du-thao/${id}`);
    expect(page.text).toMatch(/Quy chế này quy định mức thu;<br>\s*áp dụng trên địa bàn phường\./);
    expect(page.text).toMatch(/<td>Hộ gia đình<\/td>\s*<td>20\.000 đồng\/tháng \/ \(đã gồm VAT\)<\/td>/);
  });

  it('leaves out a letterhead and a signature typed as plain paragraphs, keeping the text between', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const docx = await makeDocx([
      'ỦY BAN NHÂN DÂN',
      'PHƯỜNG TRƯƠNG QUANG TRỌNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập – Tự do – Hạnh phúc',
      '______________',
      'Số:      /NQ-HĐND',
      'Trương Quang Trọng, ngày … tháng … năm 2026',
      'NGHỊ QUYẾT',
      'Về hỗ trợ tổ dân phố',
      'Điều 1. Mức hỗ trợ',
      'Mỗi tổ dân phố được hỗ trợ 2.000.000 đồng/năm, theo Điều 3 của Quy chế.',
      'Điều 2. Tổ chức thực hiện',
      'Ủy ban nhân dân phường tổ chức thực hiện.',
      'Nơi nhận:',
      '- Như Điều 2;',
      'TM. HỘI ĐỒNG NHÂN DÂN',
      'CHỦ TỊCH',
      'Nguyễn Văn A',
    ]);
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/noi-dung`);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${id}/nhap-docx`, token)).attach('docx', docx, 'nghi-quyet.docx');
    expect(res.status).toBe(200);
    const text = /<textarea id="text" name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.text)![1].replace(/&#34;/g, '"').replace(/&amp;/g, '&');
    expect(text).toBe(
      'NGHỊ QUYẾT\n\nVề hỗ trợ tổ dân phố\n\nĐiều 1. Mức hỗ trợ\n\nMỗi tổ dân phố được hỗ trợ 2.000.000 đồng/năm, theo Điều 3 của Quy chế.\n\nĐiều 2. Tổ chức thực hiện\n\nỦy ban nhân dân phường tổ chức thực hiện.',
    );
  });
});
