import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';

describe('public plan pages', () => {
  let t: TestApp;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp();
    planId = (await t.db.plan.findFirstOrThrow({ where: { year: 2025 } })).id;
  });
  afterAll(() => t.close());

  it('lists the published plans of the ward', async () => {
    const res = await t.agent().get('/ke-hoach');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội');
    expect(res.text).toContain(`href="/ke-hoach/${planId}"`);
  });

  it('renders the plan the way the document reads, with the task table in the middle', async () => {
    const res = await t.agent().get(`/ke-hoach/${planId}`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    const inOrder = [
      'UBND THÀNH PHỐ QUẢNG NGÃI',
      'ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG',
      'Số: /KH-UBND',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Trương Quang Trọng, ngày … tháng … năm 2025',
      'KẾ HOẠCH',
      'Thực hiện Đề án “Tổ chức truyền thông chính sách có tác động lớn đến xã hội trong quá trình xây dựng văn bản quy phạm pháp luật” năm 2025 trên địa bàn phường Trương Quang Trọng',
      'Kế hoạch số 113/KH-UBND ngày 19/07/2022 của UBND tỉnh Quảng Ngãi',
      'Kế hoạch số 25/KH-UBND ngày 11/02/2025 của UBND thành phố Quảng Ngãi',
      'Thực hiện Kế hoạch số 25/KH-UBND ngày 11/02/2025 của UBND thành phố Quảng Ngãi',
      'I. MỤC ĐÍCH, YÊU CẦU',
      '1. Mục đích',
      '2. Yêu cầu',
      'II. NỘI DUNG TRỌNG TÂM',
      'Tổ chức triển khai thực hiện Kế hoạch số 113/KH-UBND ngày 19/7/2022',
      'Thường xuyên trong năm 2025',
      'Phối hợp truyền thông, thông tin rộng rãi',
      'Theo đề nghị của cơ quan chủ trì soạn thảo văn bản QPPL',
      'Trong năm 2025, sau khi có văn bản chỉ đạo của UBND thành phố và hướng dẫn của Phòng Tư pháp thành phố',
      'III. TỔ CHỨC THỰC HIỆN',
      '1. Trách nhiệm thực hiện',
      '2. Kinh phí thực hiện',
      'xem xét giải quyết./.',
      'Nơi nhận:',
      '- Phòng Tư pháp;',
      '- Thường trực Đảng ủy phường;',
      '- Trang thông tin điện tử phường;',
      '- Lưu: VT, TP. Thanh.',
      'CHỦ TỊCH',
      'Trương Thanh Thảo',
    ];
    let at = 0;
    for (const part of inOrder) {
      const found = text.indexOf(part, at);
      expect(found, `"${part}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found + part.length;
    }
    expect(text).not.toContain('null');
    expect(text).not.toContain('undefined');
    // One h1, the table captioned, row headers scoped.
    expect(res.text.match(/<h1/g)).toHaveLength(1);
    expect(res.text).toContain('<caption');
    expect(res.text).toContain('<th scope="row">1</th>');
  });

  it('shows each task status as of today: the ongoing task due at year end, a triggered one waiting for its document', async () => {
    const task2 = await t.db.task.findFirstOrThrow({ where: { planId, ordinal: 2 } });
    await t.db.taskTrigger.deleteMany({ where: { taskId: task2.id } });
    await t.db.task.update({ where: { id: task2.id }, data: { status: 'NOT_STARTED' } });
    const res = await t.agent().get(`/ke-hoach/${planId}`);
    const text = visibleText(res.text);
    expect(text).toContain('Hạn: 31/12/2025');
    expect(text).toContain('Chờ văn bản chỉ đạo');
    t.clock.set('2026-01-02T02:00:00Z');
    const later = visibleText((await t.agent().get(`/ke-hoach/${planId}`)).text);
    expect(later).toContain('Quá hạn');
    t.clock.set('2025-10-15T02:00:00Z');
  });

  it('hides an unpublished plan from anonymous visitors (404) but lets officers of the ward preview it', async () => {
    await t.db.plan.update({ where: { id: planId }, data: { published: false } });
    try {
      const anon = await t.agent().get(`/ke-hoach/${planId}`);
      expect(anon.status).toBe(404);
      const list = await t.agent().get('/ke-hoach');
      expect(list.text).not.toContain(planId);
      const officer = await t.loginAs('vanhoa');
      const preview = await officer.get(`/ke-hoach/${planId}`);
      expect(preview.status).toBe(200);
      expect(visibleText(preview.text)).toContain('chưa được công khai');
    } finally {
      await t.db.plan.update({ where: { id: planId }, data: { published: true } });
    }
  });

  it('answers 404 for a plan that does not exist', async () => {
    const res = await t.agent().get('/ke-hoach/khong-co');
    expect(res.status).toBe(404);
  });

  it('prints like the document: site chrome and status column hidden by the print styles', async () => {
    const css = await t.agent().get('/static/css/site.css');
    expect(css.text).toContain('/* plans */');
    expect(css.text).toMatch(/@media print[\s\S]*\.plan-tasks__status[^}]*display: none/);
  });
});
