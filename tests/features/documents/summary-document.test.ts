import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, type TestApp } from '../../helpers/test-app.js';
import { RESOLUTION_TITLE } from '../../../prisma/seed-demo-drafts-text.js';
import { getBinary, readDocx, readXlsx } from './helpers.js';

/**
 * The summary of comments and answers is an official document: header table,
 * number from the register, date line, title, body by article with the draft
 * version of each comment, signature and Nơi nhận, Times New Roman, Decree 30
 * margins, page numbers from page 2, and the right body answering.
 */
describe('the summary of comments and answers as an official document', () => {
  let t: TestApp;
  let resolutionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    resolutionId = (await t.db.draft.findFirstOrThrow({ where: { title: RESOLUTION_TITLE } })).id;
  });
  afterAll(() => t.close());

  const summaryDocx = async (draftId: string) => {
    const res = await getBinary(t.agent(), `/du-thao/${draftId}/tiep-thu-giai-trinh.docx`);
    expect(res.status).toBe(200);
    return { res, docx: await readDocx(res.body as Buffer) };
  };

  it('has the header, number blank until registered, title, signature, Nơi nhận, fonts, margins and page numbers', async () => {
    const { res, docx } = await summaryDocx(resolutionId);
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="tiep-thu-giai-trinh-nghi-quyet-cua-hdnd-tinh-quang-ngai-quy-dinh-muc-ho-tro-kinh.docx"; filename*=UTF-8''tiep-thu-giai-trinh-nghi-quyet-cua-hdnd-tinh-quang-ngai-quy-dinh-muc-ho-tro-kinh.docx`,
    );
    const p = docx.paragraphs;
    // The seed answers in autumn 2025: after 01/07/2025 the ward answers to the province.
    expect(p).toContain('UBND TỈNH QUẢNG NGÃI');
    expect(p[p.indexOf('ỦY BAN NHÂN DÂN') + 1]).toBe('PHƯỜNG TRƯƠNG QUANG TRỌNG');
    expect(p).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(p).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(p).toContain('Số:      /BC-UBND');
    expect(p.some((x) => /^Trương Quang Trọng, ngày {6}tháng {6}năm 2025$/.test(x))).toBe(true);
    expect(p).toContain('BÁO CÁO');
    const title = p.find((x) =>
      x.replace(/\u00a0/g, ' ').startsWith(`Tổng hợp ý kiến góp ý của Nhân dân và ý kiến tiếp thu, giải trình của cơ quan chủ trì soạn thảo đối với dự thảo`),
    );
    expect(title).toBeDefined();
    // Signature and distribution list.
    const authority = p.indexOf('TM. ỦY BAN NHÂN DÂN');
    expect(p[authority + 1]).toBe('CHỦ TỊCH');
    expect(p[authority + 7]).toBe('Trương Thanh Thảo');
    const recipients = p.indexOf('Nơi nhận:');
    expect(p.slice(recipients + 1, recipients + 3)).toEqual(['- Sở Nội vụ tỉnh Quảng Ngãi (cơ quan chủ trì soạn thảo);', '- Sở Tư pháp tỉnh Quảng Ngãi;']);
    expect(p).toContain('- Lưu: VT, TP.');
    // Decree 30 page: A4, margins 20/15/20/30 mm, Times New Roman, page number from page 2.
    expect(docx.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(docx.document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(docx.styles).toContain('w:ascii="Times New Roman"');
    expect(docx.document).not.toMatch(/w:ascii="(?!Times New Roman)/);
    expect(docx.document).toContain('<w:titlePg');
    expect(docx.headers.some((h) => /PAGE/.test(h))).toBe(true);
    // The signature block never splits: its table row cannot break across pages.
    const signatureTable = docx.document.slice(docx.document.lastIndexOf('<w:tbl>'));
    expect(signatureTable).toContain('<w:cantSplit/>');
  });

  it('says the drafting agency answers, the ward compiles and forwards; each comment names its draft version', async () => {
    const { docx } = await summaryDocx(resolutionId);
    const text = docx.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('Thực hiện đề nghị của Sở Nội vụ tỉnh Quảng Ngãi về việc lấy ý kiến Nhân dân');
    expect(text).toContain('ý kiến tiếp thu, giải trình của Sở Nội vụ tỉnh Quảng Ngãi là cơ quan chủ trì soạn thảo');
    expect(text).toContain('II. NỘI DUNG GÓP Ý VÀ Ý KIẾN TIẾP THU, GIẢI TRÌNH CỦA SỞ NỘI VỤ TỈNH QUẢNG NGÃI');
    expect(text).toContain('Ủy ban nhân dân phường Trương Quang Trọng gửi Sở Nội vụ tỉnh Quảng Ngãi để hoàn thiện dự thảo./.');
    // The resolution was published twice; comments were written on both versions.
    expect(text).toMatch(/Dự thảo được đăng tải 2 lần: lần 1 ngày \d\d\/\d\d\/\d{4}; lần 2 ngày \d\d\/\d\d\/\d{4}/);
    expect(text).toMatch(/trên dự thảo lần 1\)/);
    expect(text).toMatch(/trên dự thảo lần 2\)/);
    // Grouped by article, whole-draft comments first.
    expect(text.indexOf('1. Góp ý chung đối với toàn bộ dự thảo')).toBeGreaterThan(-1);
    expect(text.indexOf('Điều 2. Mức hỗ trợ kinh phí hoạt động của tổ dân phố')).toBeGreaterThan(text.indexOf('1. Góp ý chung đối với toàn bộ dự thảo'));
    expect(text).not.toContain('@example.com');
  });

  it('when the ward drafted, the ward answers and is the only one named as answering', async () => {
    const draft = await t.db.draft.update({
      where: { id: resolutionId },
      data: { draftingAgency: 'Công chức Văn hóa – Xã hội, UBND phường Trương Quang Trọng' },
    });
    const text = (await summaryDocx(draft.id)).docx.text.replace(/\u00a0/g, ' ');
    expect(text).toContain('Tổng hợp, tiếp thu, giải trình ý kiến góp ý của Nhân dân đối với');
    expect(text).toContain('Ủy ban nhân dân phường Trương Quang Trọng tổng hợp, tiếp thu, giải trình như sau:');
    expect(text).toContain('II. NỘI DUNG GÓP Ý VÀ TIẾP THU, GIẢI TRÌNH');
    expect(text).not.toContain('cơ quan chủ trì soạn thảo');
    await t.db.draft.update({ where: { id: resolutionId }, data: { draftingAgency: 'Sở Nội vụ tỉnh Quảng Ngãi' } });
  });

  it('carries the number and signing date once the văn thư registers it', async () => {
    const agent = await t.loginAs('tuphap');
    const page = await agent.get('/can-bo/so-van-ban-di');
    expect(page.text).toContain(`/can-bo/so-van-ban-di/tong-hop/${resolutionId}`);
    const res = await submitForm(agent, '/can-bo/so-van-ban-di', `/can-bo/so-van-ban-di/tong-hop/${resolutionId}`, { issuedOn: '14/10/2025', number: '' });
    expect(res.status).toBe(303);
    const entry = await t.db.outgoingRegisterEntry.findFirstOrThrow({ where: { draftId: resolutionId } });
    expect(entry).toMatchObject({ number: 1, year: 2025, symbol: 'BC-UBND', signedBy: 'Trương Thanh Thảo' });
    const p = (await summaryDocx(resolutionId)).docx.paragraphs;
    expect(p).toContain('Số: 01/BC-UBND');
    expect(p).toContain('Trương Quang Trọng, ngày 14 tháng 10 năm 2025');
    // Registered once: a second attempt is refused and uses no number.
    const again = await submitForm(agent, '/can-bo/so-van-ban-di', `/can-bo/so-van-ban-di/tong-hop/${resolutionId}`, { issuedOn: '', number: '' });
    expect(again.status).toBe(409);
    expect(await t.db.outgoingRegisterEntry.count({ where: { wardId: t.wardId, year: 2025 } })).toBe(1);
  });

  it('the .xlsx of the summary and of the comments print on A4, landscape, fitted to the width, in Times New Roman, rows tall enough', async () => {
    for (const url of [`/du-thao/${resolutionId}/tiep-thu-giai-trinh.xlsx`, `/du-thao/${resolutionId}/y-kien.xlsx`]) {
      const res = await getBinary(t.agent(), url);
      expect(res.status, url).toBe(200);
      expect(res.headers['content-disposition']).toMatch(/filename="[a-z0-9-]+\.xlsx"; filename\*=UTF-8''/);
      const ws = (await readXlsx(res.body as Buffer)).worksheets[0];
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      let wrapped = 0;
      ws.eachRow((row, n) => {
        row.eachCell((c) => expect(c.font?.name, `${url} row ${n}`).toBe('Times New Roman'));
        // A cell of N characters in a column W wide needs about N / (1.1 W) lines of 15.75 pt.
        row.eachCell((c, col) => {
          if (!c.alignment?.wrapText || c.isMerged) return;
          const width = ws.getColumn(col).width ?? 10;
          const lines = String(c.value ?? '')
            .split('\n')
            .reduce((k, part) => k + Math.max(1, Math.ceil(part.length / (width * 1.1))), 0);
          if (lines > 1) wrapped++;
          expect(row.height ?? 15, `${url} row ${n}`).toBeGreaterThanOrEqual(lines * 15);
        });
      });
      expect(wrapped).toBeGreaterThan(0);
    }
  });
});
