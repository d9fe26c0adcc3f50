import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, storedBytes, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { vnDate } from '../../../prisma/seed.js';
import { createDataset, getBinary, quarterForm, readDocx, readXlsx, type Dataset } from './helpers.js';

/** Paragraphs of the report that carry the figures of the known dataset (quarter III of 2025). */
const FIGURE_LINES = [
  '+ Ngày 25/07/2025, Ủy ban Mặt trận Tổ quốc Việt Nam phường: Tổ chức hội nghị phổ biến Đề án cho đoàn viên, hội viên và phát thanh trên loa truyền thanh các tổ dân phố.',
  '- Hoạt động truyền thông: Loa truyền thanh: 1 hoạt động, 2.000 lượt người; Hội nghị, họp dân: 1 hoạt động, 120 lượt người.',
  '- Chủ trì thực hiện: UBND phường, Mặt trận, các tổ chức chính trị - xã hội phường, tổ dân phố.',
  '- Kinh phí: đề nghị 5.000.000 đ; được phê duyệt 5.000.000 đ.',
  '- Hoạt động truyền thông: Trang thông tin điện tử: 1 hoạt động, 850 lượt người.',
  '+ Ngày 10/09/2025, Công chức Tư pháp – Hộ tịch: Niêm yết dự thảo Luật tại bảng tin UBND phường và nhà văn hóa các tổ dân phố.',
  'Số dự thảo thuộc phạm vi Kế hoạch: 2; số dự thảo đã được truyền thông, lấy ý kiến trên Trang thông tin điện tử phường: 1, đạt 50% so với chỉ tiêu 100% dự thảo thuộc phạm vi được truyền thông (chưa đạt chỉ tiêu).',
  'Tổng số ý kiến góp ý nhận được: 4; trong đó đã công khai 2, không công khai 1, đang chờ kiểm duyệt 1.',
  'Số ý kiến đã được trả lời: 2; trong đó tiếp thu 1, tiếp thu một phần 0, giải trình 1.',
  'Lũy kế từ khi triển khai Kế hoạch đến hết ngày 30/09/2025, số dự toán kinh phí đã lập: 3; tổng kinh phí đề nghị 9.200.000 đ; tổng kinh phí được phê duyệt 7.500.000 đ.',
  'Số khó khăn, vướng mắc được phản ánh: 2; đã có ý kiến chỉ đạo, hướng dẫn: 1; đã giải quyết xong: 0; đang xử lý: 1.',
  '- Tổ dân phố 1 chưa có loa truyền thanh (Tổ dân phố 1, phản ánh ngày 05/08/2025): đã có ý kiến chỉ đạo, hướng dẫn. Hướng dẫn ngày 12/08/2025: Phối hợp Văn phòng – Thống kê bố trí loa di động.',
  '(Số liệu trong báo cáo được tổng hợp từ Cổng thông tin của phường lúc 15/10/2025 09:00, kỳ báo cáo từ ngày 01/07/2025 đến ngày 30/09/2025.)',
];

describe('the results report: compiled, edited, issued and frozen', () => {
  let t: TestApp;
  let ds: Dataset;
  let docId: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
  });
  afterAll(() => t.close());

  it('compiles a draft report for quarter III from the data, with no number and the DỰ THẢO marking', async () => {
    const agent = await t.loginAs('tuphap');
    const form = await agent.get(`/can-bo/van-ban/moi?ke_hoach=${ds.planId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`value="${ds.planId}" selected`);
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId));
    expect(res.status).toBe(303);
    docId = res.headers.location.split('/').pop()!;
    const doc = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId } });
    expect(doc).toMatchObject({ status: 'DRAFT', number: null, kind: 'RESULTS_REPORT', symbol: 'BC-UBND', planId: ds.planId });
    expect(doc.computedAt?.toISOString()).toBe('2025-10-15T02:00:00.000Z');
    expect(doc.title).toBe(
      'Kết quả thực hiện Kế hoạch số 12/KH-UBND ngày 05/03/2025 thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn phường Trương Quang Trọng (quý III năm 2025)',
    );
    const audit = await t.db.auditLog.findFirst({ where: { entityId: docId, action: 'document.create' } });
    expect(audit?.userId).toBeTruthy();

    const show = await agent.get(`/can-bo/van-ban/${docId}`);
    expect(show.status).toBe(200);
    expect(visibleText(show.text)).toContain('Dự thảo – chưa có số');
    expect(visibleText(show.text)).toContain('3.270 lượt người được tiếp cận');

    const file = await getBinary(agent, `/can-bo/van-ban/${docId}.docx`);
    expect(file.status).toBe(200);
    const docx = await readDocx(file.body as Buffer);
    expect(docx.paragraphs).toContain('DỰ THẢO');
    expect(docx.paragraphs).toContain('Số:      /BC-UBND');
    expect(docx.paragraphs).toContain('Trương Quang Trọng, ngày      tháng      năm 2025');
    expect(docx.paragraphs).toContain('BÁO CÁO');
    for (const line of FIGURE_LINES) expect(docx.paragraphs).toContain(line);
    // The channel table: totals of the period (4 activities, 3.270 people).
    const total = docx.paragraphs.indexOf('Tổng cộng');
    expect(docx.paragraphs.slice(total, total + 3)).toEqual(['Tổng cộng', '4', '3.270']);
    // A returned report and a report of October are not in the quarter.
    expect(docx.text).not.toContain('Báo cáo bị trả lại');
    expect(docx.text).not.toContain('ngoài kỳ báo cáo');
    expect(await t.db.storedFile.count({ where: { documentId: docId } })).toBe(0);
  });

  it('gives the same figures as an .xlsx annex', async () => {
    const agent = await t.loginAs('chutich');
    const res = await getBinary(agent, `/can-bo/van-ban/${docId}.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml.sheet');
    const wb = await readXlsx(res.body as Buffer);
    const summary = wb.getWorksheet('Tổng hợp')!;
    const value = (label: string) => {
      let found: unknown;
      summary.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(value('Số lượt người được tiếp cận')).toBe(3270);
    expect(value('Số hoạt động truyền thông')).toBe(4);
    expect(value('Tỷ lệ dự thảo được truyền thông (%)')).toBe(50);
    expect(value('Số ý kiến nhận được')).toBe(4);
    expect(value('Giải trình')).toBe(1);
    expect(value('Kinh phí đề nghị (đồng)')).toBe(9_200_000);
    expect(value('Kinh phí được phê duyệt (đồng)')).toBe(7_500_000);
    // Title rows: what the annex is, the line tying it to its report, when the figures were computed.
    expect(summary.getRow(1).getCell(1).value).toBe(`PHỤ LỤC SỐ LIỆU: ${(await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId } })).title}`);
    expect(summary.getRow(2).getCell(1).value).toBe(
      'Kèm theo Báo cáo số      /BC-UBND ngày      /     /2025 của Ủy ban nhân dân phường Trương Quang Trọng (dự thảo)',
    );
    expect(summary.getRow(3).getCell(1).value).toBe('Số liệu tính lúc 15/10/2025 09:00');
    // Printed on A4, fitted to the page width, in Times New Roman; the wide task sheet in landscape.
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      ws.eachRow((row) => row.eachCell((c) => expect(c.font?.name).toBe('Times New Roman')));
    }
    expect(wb.getWorksheet('Nhiệm vụ')!.pageSetup.orientation).toBe('landscape');
    expect(summary.pageSetup.orientation).toBe('portrait');
    const channels = wb.getWorksheet('Hoạt động truyền thông')!;
    const rows = channels
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Trang thông tin điện tử', 1, 850, 0]);
    expect(rows).toContainEqual(['Loa truyền thanh', 1, 2000, 0]);
    expect(rows).toContainEqual(['Tổng cộng', 4, 3270, 0]);
    const tasks = wb.getWorksheet('Nhiệm vụ')!;
    expect(tasks.getRow(5).getCell(2).value).toBe('Nhiệm vụ');
    expect(tasks.getRow(6).getCell(11).value).toBe(5_000_000);
    // A long task text wraps, and its row is tall enough for every line (no overlap with the next row).
    const long = tasks.getRow(6);
    expect(long.getCell(2).alignment?.wrapText).toBe(true);
    const lines = Math.ceil(String(long.getCell(2).value).length / (tasks.getColumn(2).width! * 1.1));
    expect(long.height).toBeGreaterThanOrEqual(lines * 15);
  });

  it('keeps every typed value and says what is missing when the narrative is incomplete', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, `/can-bo/van-ban/${docId}/sua`, `/can-bo/van-ban/${docId}/sua`, {
      intro: 'Mở đầu đã sửa.',
      overview: 'Tình hình đã sửa.',
      assessment: 'Đánh giá đã sửa.',
      proposals: '',
      recipients: 'Phòng Tư pháp thành phố',
      archiveNote: 'VT, TP',
      signerAuthority: 'KT. CHỦ TỊCH',
      signerTitle: 'PHÓ CHỦ TỊCH',
      signerName: 'Nguyễn Văn An',
      [`taskNote_${ds.taskIds[0]}`]: 'Ghi chú nhiệm vụ 1 giữ nguyên.',
    });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Vui lòng nhập kiến nghị, đề xuất.');
    expect(res.text).toContain('Tình hình đã sửa.');
    expect(res.text).toContain('Ghi chú nhiệm vụ 1 giữ nguyên.');
    expect(res.text).toContain('value="Nguyễn Văn An"');
  });

  it('lets the officer rewrite the narrative; the numbers stay as computed', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, `/can-bo/van-ban/${docId}/sua`, `/can-bo/van-ban/${docId}/sua`, {
      intro: 'Thực hiện Kế hoạch số 12/KH-UBND, UBND phường báo cáo kết quả quý III năm 2025 như sau:',
      overview: 'Đã triển khai Kế hoạch đến toàn thể cán bộ, công chức.',
      commsNote: 'Việc đăng tải dự thảo trên Cổng được Nhân dân quan tâm.',
      budgetNote: '',
      obstacleNote: '',
      assessment: 'Các nhiệm vụ được triển khai đúng tiến độ.',
      proposals: 'Đề nghị UBND thành phố hỗ trợ 02 loa truyền thanh cho Tổ dân phố 1.',
      recipients: '- Phòng Tư pháp thành phố;\n- Thường trực Đảng ủy phường;\nCT, các PCT UBND phường',
      archiveNote: 'VT, TP',
      signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
      signerTitle: 'CHỦ TỊCH',
      signerName: 'Trương Thanh Thảo',
      [`taskNote_${ds.taskIds[0]}`]: 'Mặt trận phối hợp tốt với các tổ dân phố.',
    });
    expect(res.status).toBe(303);
    const audit = await t.db.auditLog.findFirst({ where: { entityId: docId, action: 'document.update' } });
    expect(audit?.after).toContain('Đề nghị UBND thành phố hỗ trợ 02 loa truyền thanh');
    const docx = await readDocx((await getBinary(agent, `/can-bo/van-ban/${docId}.docx`)).body as Buffer);
    const p = docx.paragraphs;
    expect(p).toContain('Đề nghị UBND thành phố hỗ trợ 02 loa truyền thanh cho Tổ dân phố 1.');
    expect(p).toContain('Mặt trận phối hợp tốt với các tổ dân phố.');
    expect(p.indexOf('VIII. KIẾN NGHỊ, ĐỀ XUẤT')).toBeGreaterThan(p.indexOf('VII. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI'));
    expect(p.indexOf('VII. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI')).toBeGreaterThan(p.indexOf('2. Tồn tại, hạn chế và nguyên nhân'));
    expect(p.indexOf('2. Tồn tại, hạn chế và nguyên nhân')).toBeGreaterThan(p.indexOf('VI. ĐÁNH GIÁ CHUNG'));
    for (const line of FIGURE_LINES) expect(p).toContain(line);
    const recipients = p.indexOf('Nơi nhận:');
    expect(p.slice(recipients, recipients + 5)).toEqual([
      'Nơi nhận:',
      '- Phòng Tư pháp thành phố;',
      '- Thường trực Đảng ủy phường;',
      '- CT, các PCT UBND phường;',
      '- Lưu: VT, TP.',
    ]);
  });

  it('recomputes a draft on request, with the new time of computation', async () => {
    const agent = await t.loginAs('quantri');
    t.clock.set('2025-10-20T03:30:00.000Z');
    const res = await submitForm(agent, `/can-bo/van-ban/${docId}`, `/can-bo/van-ban/${docId}/tinh-lai`, {});
    expect(res.status).toBe(303);
    const doc = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId } });
    expect(doc.computedAt?.toISOString()).toBe('2025-10-20T03:30:00.000Z');
    const page = visibleText((await agent.get(`/can-bo/van-ban/${docId}`)).text);
    expect(page).toContain('20/10/2025 10:30');
    expect(await t.db.auditLog.count({ where: { entityId: docId, action: 'document.recompute' } })).toBe(1);
  });

  it('issues the report: number 01 of the year, dated, stored once with its hash', async () => {
    const agent = await t.loginAs('tuphap');
    t.clock.set('2026-01-05T02:00:00.000Z'); // 05/01/2026 09:00 in Vietnam
    const res = await submitForm(agent, `/can-bo/van-ban/${docId}`, `/can-bo/van-ban/${docId}/ban-hanh`, {});
    expect(res.status).toBe(303);
    const doc = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId }, include: { files: true } });
    expect(doc).toMatchObject({ status: 'ISSUED', number: 1, year: 2026, symbol: 'BC-UBND' });
    expect(doc.files).toHaveLength(1);
    const stored = doc.files[0];
    expect(stored).toMatchObject({ kind: 'DOCUMENT', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', sha256: doc.sha256 });
    const onDisk = (await storedBytes(t, stored.storageKey)) ?? Buffer.alloc(0);
    expect(crypto.createHash('sha256').update(onDisk).digest('hex')).toBe(doc.sha256);

    const download = await getBinary(agent, `/can-bo/van-ban/${docId}.docx`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toBe(
      `attachment; filename="bao-cao-ket-qua-quy-iii-nam-2025-so-01-bc-ubnd.docx"; filename*=UTF-8''bao-cao-ket-qua-quy-iii-nam-2025-so-01-bc-ubnd.docx`,
    );
    expect(Buffer.compare(download.body as Buffer, onDisk)).toBe(0);
    const docx = await readDocx(download.body as Buffer);
    const p = docx.paragraphs;
    expect(p).toContain('Số: 01/BC-UBND');
    expect(p).toContain('Trương Quang Trọng, ngày 05 tháng 01 năm 2026');
    expect(p).not.toContain('DỰ THẢO');
    // Dated after 01/07/2025: the ward answers to the province, no longer to the city.
    expect(p).toContain('UBND TỈNH QUẢNG NGÃI');
    expect(p).not.toContain('UBND THÀNH PHỐ QUẢNG NGÃI');
    expect(p).toContain('ỦY BAN NHÂN DÂN');
    expect(p[p.indexOf('ỦY BAN NHÂN DÂN') + 1]).toBe('PHƯỜNG TRƯƠNG QUANG TRỌNG');
    expect(p).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(p).toContain('Độc lập - Tự do - Hạnh phúc');
    for (const line of FIGURE_LINES.slice(0, -1)) expect(p).toContain(line);
    expect(p).toContain(
      '(Số liệu trong báo cáo được tổng hợp từ Cổng thông tin của phường lúc 20/10/2025 10:30, kỳ báo cáo từ ngày 01/07/2025 đến ngày 30/09/2025.)',
    );
    // Signature block: authority, title, then the name after the blank space.
    const authority = p.indexOf('TM. ỦY BAN NHÂN DÂN');
    expect(authority).toBeGreaterThan(p.indexOf('- Lưu: VT, TP.'));
    expect(p[authority + 1]).toBe('CHỦ TỊCH');
    expect(p.slice(authority + 2, authority + 7).every((x) => x === '')).toBe(true);
    expect(p[authority + 7]).toBe('Trương Thanh Thảo');
    expect(docx.document).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(docx.document).toContain('<w:titlePg');

    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: docId, action: 'document.issue' } });
    expect(JSON.parse(audit.after!)).toMatchObject({ number: 1, year: 2026, sha256: doc.sha256 });
    const print = visibleText((await agent.get(`/can-bo/van-ban/${docId}/ban-in`)).text);
    expect(print).toContain('Số: 01/BC-UBND');
    expect(print).toContain('Trương Quang Trọng, ngày 05 tháng 01 năm 2026');
    expect(print).toContain('Tổng số ý kiến góp ý nhận được: 4; trong đó đã công khai 2, không công khai 1, đang chờ kiểm duyệt 1.');
  });

  it('keeps the issued document frozen when the data changes later', async () => {
    const agent = await t.loginAs('tuphap');
    const before = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId } });
    const first = (await getBinary(agent, `/can-bo/van-ban/${docId}.docx`)).body as Buffer;
    const frontId = (await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường' } })).id;
    await t.db.progressReport.create({
      data: {
        taskId: ds.taskIds[0],
        unitId: frontId,
        reportedOn: vnDate('2025-09-15'),
        summary: 'Báo cáo được chấp nhận sau khi ban hành.',
        status: 'ACCEPTED',
        activities: { create: [{ taskId: ds.taskIds[0], channel: 'MEETING', heldOn: vnDate('2025-09-15'), peopleReached: 1000 }] },
      },
    });
    await t.db.plan.update({ where: { id: ds.planId }, data: { signerName: 'Người khác' } });

    const again = (await getBinary(agent, `/can-bo/van-ban/${docId}.docx`)).body as Buffer;
    expect(Buffer.compare(first, again)).toBe(0);
    expect(crypto.createHash('sha256').update(again).digest('hex')).toBe(before.sha256);
    const after = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId } });
    expect(after.figures).toBe(before.figures);
    const wb = await readXlsx((await getBinary(agent, `/can-bo/van-ban/${docId}.xlsx`)).body as Buffer);
    const rows = wb
      .getWorksheet('Hoạt động truyền thông')!
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toContainEqual(['Tổng cộng', 4, 3270, 0]);
    expect(visibleText((await agent.get(`/can-bo/van-ban/${docId}/ban-in`)).text)).not.toContain('Báo cáo được chấp nhận sau khi ban hành');

    // The issued document is never edited.
    expect((await submitForm(agent, `/can-bo/van-ban/${docId}`, `/can-bo/van-ban/${docId}/tinh-lai`, {})).status).toBe(409);
    expect((await agent.get(`/can-bo/van-ban/${docId}/sua`)).status).toBe(409);
    expect((await submitForm(agent, `/can-bo/van-ban/${docId}`, `/can-bo/van-ban/${docId}/ban-hanh`, {})).status).toBe(409);
    expect(await t.db.storedFile.count({ where: { documentId: docId } })).toBe(1);
  });

  it('makes a correction a new document that names the one it replaces', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, `/can-bo/van-ban/${docId}`, `/can-bo/van-ban/${docId}/dinh-chinh`, {});
    expect(res.status).toBe(303);
    const newId = res.headers.location.split('/').pop()!;
    expect(newId).not.toBe(docId);
    const correction = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: newId } });
    expect(correction).toMatchObject({ status: 'DRAFT', number: null, supersedesId: docId });
    const docx = await readDocx((await getBinary(agent, `/can-bo/van-ban/${newId}.docx`)).body as Buffer);
    // The correction sees today's data (the report accepted after issuing); the original does not.
    expect(docx.paragraphs).toContain('+ Ngày 15/09/2025, Ủy ban Mặt trận Tổ quốc Việt Nam phường: Báo cáo được chấp nhận sau khi ban hành.');
    expect(docx.paragraphs).toContain('Đề nghị UBND thành phố hỗ trợ 02 loa truyền thanh cho Tổ dân phố 1.');
    const original = await t.db.issuedDocument.findUniqueOrThrow({ where: { id: docId } });
    expect(original.status).toBe('ISSUED');
    expect(await t.db.auditLog.count({ where: { entityId: newId, action: 'document.correct' } })).toBe(1);
    expect(visibleText((await agent.get(`/can-bo/van-ban/${newId}`)).text)).toContain('Báo cáo số 01/BC-UBND');
  });
});
