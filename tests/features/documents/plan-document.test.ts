import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import * as text from '../../../prisma/seed-plan-text.js';
import { getBinary, readDocx } from './helpers.js';

describe('the plan as an official document (Decree 30/2020 layout)', () => {
  let t: TestApp;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId, title: text.PLAN_TITLE }, orderBy: { createdAt: 'asc' } });
    planId = plan.id;
  });
  afterAll(() => t.close());

  it('rebuilds the seed plan as a .docx that reads like the signed original', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await getBinary(agent, `/can-bo/van-ban/ke-hoach/${planId}.docx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="ke-hoach-thuc-hien-de-an-to-chuc-truyen-thong-[a-z0-9-]+\.docx"; filename\*=UTF-8''ke-hoach-thuc-hien-de-an-/,
    );
    const docx = await readDocx(res.body as Buffer);
    const p = docx.paragraphs;

    // Header: issuing body on the left, national title and motto on the right.
    expect(p).toContain('UBND THÀNH PHỐ QUẢNG NGÃI');
    expect(p).toContain('ỦY BAN NHÂN DÂN');
    expect(p[p.indexOf('ỦY BAN NHÂN DÂN') + 1]).toBe('PHƯỜNG TRƯƠNG QUANG TRỌNG');
    expect(p).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(p).toContain('Độc lập - Tự do - Hạnh phúc');
    // The number and the date are not known in the extracted text: left blank to be written by hand.
    expect(p).toContain('Số:      /KH-UBND');
    expect(p).toContain('Trương Quang Trọng, ngày      tháng      năm 2025');
    expect(p).toContain('KẾ HOẠCH');
    // The summary line joins the syllables of a word with no-break spaces, so it never breaks as "địa / bàn".
    const title = p.find((x) => x.replace(/\u00a0/g, ' ') === text.PLAN_TITLE);
    expect(title).toBeDefined();
    expect(title).toContain('địa\u00a0bàn');
    expect(title).toContain('Trương\u00a0Quang\u00a0Trọng');
    expect(p).toContain(text.PLAN_PREAMBLE);

    // Sections and the three tasks in the seed document's own words.
    const order = [
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '2. Yêu cầu',
      'II. NỘI DUNG TRỌNG TÂM',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Trách nhiệm thực hiện',
      '2. Kinh phí thực hiện',
    ];
    const positions = order.map((h) => p.indexOf(h));
    expect(positions.every((i) => i > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(p).toContain(`1. ${text.PLAN_TASKS[0].content}`);
    expect(p).toContain('- Chủ trì thực hiện: UBND phường, Mặt trận, các tổ chức chính trị - xã hội phường, tổ dân phố.');
    expect(p).toContain('- Phối hợp thực hiện: Cán bộ, công chức thuộc UBND phường và các cơ quan, tổ chức liên quan.');
    expect(p).toContain('- Thời gian thực hiện: Thường xuyên trong năm 2025.');
    expect(p).toContain(`- Chủ trì tham mưu thực hiện: ${text.PLAN_TASKS[1].leadNote}`);
    expect(p).toContain('- Thời gian thực hiện: Theo đề nghị của cơ quan chủ trì soạn thảo văn bản QPPL.');
    expect(p).toContain('- Chủ trì tham mưu thực hiện: Công chức Tư pháp – Hộ tịch.');
    expect(p).toContain(`- Thời gian thực hiện: ${text.PLAN_TASKS[2].timeframeText}`);
    expect(p).toContain(text.PLAN_CLOSING);

    // Distribution list and signature.
    const recipients = p.indexOf('Nơi nhận:');
    expect(p.slice(recipients + 1, recipients + 10)).toEqual([...text.PLAN_RECIPIENTS.map((r) => `- ${r};`), '- Lưu: VT, TP. Thanh.']);
    expect(p).toContain('CHỦ TỊCH');
    expect(p.indexOf('Trương Thanh Thảo')).toBeGreaterThan(p.indexOf('CHỦ TỊCH'));
    expect(p).not.toContain('DỰ THẢO');

    // A4, margins in twips (top/bottom 20 mm, left 30 mm, right 15 mm), Times New Roman.
    expect(docx.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(docx.document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(docx.styles).toContain('w:ascii="Times New Roman"');
    expect(docx.document).toContain('w:ascii="Times New Roman"');
    expect(docx.document).not.toMatch(/w:ascii="(?!Times New Roman)/);
    // Page numbers from page 2: a different first page, and a PAGE field in the other header.
    expect(docx.document).toContain('<w:titlePg');
    expect(docx.headers.some((h) => /PAGE/.test(h))).toBe(true);
    expect(docx.headers.some((h) => !/PAGE/.test(h))).toBe(true);

    // A second, independent reader (mammoth) opens the file and reads the same text.
    const { value } = await mammoth.extractRawText({ buffer: res.body as Buffer });
    expect(value).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(value).toContain('- Chủ trì tham mưu thực hiện: Công chức Tư pháp – Hộ tịch.');
  });

  it('formats the header as the decree asks: bold bodies and title, underlined motto, italic date line, borderless table', async () => {
    const agent = await t.loginAs('chutich');
    const docx = await readDocx((await getBinary(agent, `/can-bo/van-ban/ke-hoach/${planId}.docx`)).body as Buffer);
    const runOf = (s: string) => {
      const m = new RegExp(`<w:r>(?:(?!</w:r>).)*?<w:t(?: [^>]*)?>${s}</w:t>`, 's').exec(docx.document);
      expect(m, s).not.toBeNull();
      return m![0].slice(m![0].lastIndexOf('<w:r>'));
    };
    expect(runOf('ỦY BAN NHÂN DÂN')).toContain('<w:b/>');
    expect(runOf('PHƯỜNG TRƯƠNG QUANG TRỌNG')).toContain('<w:b/>');
    expect(runOf('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toContain('<w:b/>');
    const motto = runOf('Độc lập - Tự do - Hạnh phúc');
    expect(motto).toContain('<w:b/>');
    expect(motto).toContain('<w:u w:val="single"/>');
    expect(runOf('Trương Quang Trọng, ngày      tháng      năm 2025')).toContain('<w:i/>');
    expect(runOf('KẾ HOẠCH')).toContain('<w:b/>');
    expect(runOf('Nơi nhận:')).toMatch(/<w:b\/>[\s\S]*<w:i\/>/);
    expect(runOf('- Tổ dân phố;')).toContain('<w:sz w:val="22"/>');
    const headerTable = docx.document.slice(docx.document.indexOf('<w:tbl>'), docx.document.indexOf('</w:tbl>'));
    expect(headerTable).toMatch(/<w:tblBorders>[\s\S]*w:val="none"/);
  });

  it('shows the same plan as a printable page', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await agent.get(`/can-bo/van-ban/ke-hoach/${planId}`);
    expect(res.status).toBe(200);
    const page = visibleText(res.text);
    expect(page).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(page).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(page).toContain('Số: /KH-UBND');
    expect(page).toContain('- Chủ trì tham mưu thực hiện: Công chức Tư pháp – Hộ tịch.');
    expect(page).toContain('- Lưu: VT, TP. Thanh.');
    expect(page).toContain('Trương Thanh Thảo');
    expect(res.text.match(/<h1[ >]/g)).toHaveLength(1);
  });

  it('answers 404 for a plan that does not exist', async () => {
    const agent = await t.loginAs('tuphap');
    expect((await agent.get('/can-bo/van-ban/ke-hoach/khong-co.docx')).status).toBe(404);
    expect((await agent.get('/can-bo/van-ban/ke-hoach/khong-co')).status).toBe(404);
  });
});
