import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createKnownPlan } from './known-plan.js';

describe("the chairman's progress page /can-bo/tien-do", () => {
  let t: TestApp;
  let known: Awaited<ReturnType<typeof createKnownPlan>>;
  let chutich: TestAgent;
  beforeAll(async () => {
    t = await createTestApp();
    known = await createKnownPlan(t);
    chutich = await t.loginAs('chutich');
  });
  afterAll(() => t.close());

  it('is for the chairman, the Justice officer and the administrator only', { timeout: 90_000 }, async () => {
    const anonymous = await t.agent().get('/can-bo/tien-do');
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.location).toMatch(/^\/dang-nhap/);
    for (const u of ['vanhoa', 'tdp1']) expect((await (await t.loginAs(u)).get('/can-bo/tien-do')).status).toBe(403);
    for (const u of ['tuphap', 'quantri']) expect((await (await t.loginAs(u)).get('/can-bo/tien-do')).status).toBe(200);
    expect((await chutich.get('/can-bo/tien-do')).status).toBe(200);
  });

  it('shows the demo plan: tasks with status, lead units, budgets and people reached', async () => {
    const res = await chutich.get(`/can-bo/tien-do?nam=2025&ke-hoach=${(await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId, number: null } })).id}`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Tiến độ thực hiện kế hoạch');
    expect(text).toContain('UBND phường, Mặt trận, các tổ chức chính trị - xã hội phường, tổ dân phố.');
    expect(text).toContain('Cụm loa truyền thanh Tổ dân phố 1 bị hỏng');
    expect(text).toContain('Loa truyền thanh');
  });

  it("shows a known dataset's numbers: per channel, VND totals, drafts, obstacles and the monthly trend", async () => {
    const res = await chutich.get(`/can-bo/tien-do?ke-hoach=${known.planId}`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    // People reached per channel: in the table …
    expect(text).toContain('Loa truyền thanh 1 1.500');
    expect(text).toContain('Hội nghị, họp dân 1 100');
    expect(text).toContain('Mạng xã hội 0 0');
    expect(text).toContain('Tổng cộng 4 1.890');
    // … and as SVG bars whose widths follow the numbers (1.500 is the longest bar, 100 is 1/15 of it).
    expect(res.text).toContain('<title id="bieu-do-kenh-title">Số người được truyền thông theo kênh</title>');
    expect(res.text).toMatch(/Loa truyền thanh: 1\.500<\/text>\s*<rect[^>]*width="300"[^>]*>\s*<rect[^>]*width="300"/);
    expect(res.text).toMatch(/Hội nghị, họp dân: 100<\/text>\s*<rect[^>]*width="300"[^>]*>\s*<rect[^>]*width="20"/);
    expect(res.text).not.toMatch(/\sstyle=/);
    // Budgets, requested against approved.
    expect(text).toContain('Cả kế hoạch (4 dự toán) 4.500.000 đ 2.700.000 đ');
    expect(text).toContain('Nhiệm vụ 1 3.500.000 đ 2.700.000 đ');
    // Drafts against the 100% target, and comments.
    expect(text).toMatch(/Đã truyền thông 1\/3 dự thảo thuộc phạm vi kế hoạch \( ?33% ?; chỉ tiêu của Đề án: 100%\)/);
    expect(text).toMatch(/Ý kiến góp ý nhận được: 4 ?; đã trả lời \(tiếp thu, giải trình\): 2 ?;/);
    // Open obstacles, linked.
    expect(res.text).toContain(`href="/can-bo/kho-khan/${known.openObstacleId}"`);
    expect(text).toContain('Vướng mắc đã chuyển');
    expect(text).not.toContain('Vướng mắc đã đóng');
    // Waiting, blocked, late.
    expect(text).toContain('Quá hạn (1)');
    // Blocked: task 3 (marked by an officer) and task 1 (two unresolved obstacles), one definition.
    expect(text).toContain('Vướng mắc (2)');
    expect(text).toContain('Nhiệm vụ 1 – thời hạn 20/10/2025 – 2 khó khăn, vướng mắc chưa giải quyết');
    expect(text).toContain('2 khó khăn, vướng mắc chưa giải quyết');
    expect(text).toContain('Chờ văn bản chỉ đạo, đề nghị (1)');
    // Monthly trend: activities, people reached, accepted reports.
    expect(text).toContain('09/2025 2 1.600 1');
    expect(text).toContain('10/2025 2 290 1');
    expect(text).toContain('01/2025 0 0 0');
  });

  it('shows a task as late once its deadline has passed, by itself', async () => {
    const before = visibleText((await chutich.get(`/can-bo/tien-do?ke-hoach=${known.planId}`)).text);
    // Only task 4 is late before the deadline (task 1 is listed under "Vướng mắc" for its obstacles).
    expect(before).toMatch(/Quá hạn \(1\) Nhiệm vụ 4 – thời hạn 30\/09\/2025 Vướng mắc/);
    t.clock.set('2025-10-21T02:00:00Z');
    try {
      const after = visibleText((await chutich.get(`/can-bo/tien-do?ke-hoach=${known.planId}`)).text);
      expect(after).toContain('Quá hạn (2) Nhiệm vụ 1 – thời hạn 20/10/2025');
    } finally {
      t.clock.set('2025-10-15T02:00:00Z');
    }
  });

  it('filters by period, and refuses an impossible date with the form again', async () => {
    const res = await chutich.get(`/can-bo/tien-do?ke-hoach=${known.planId}&tu=2025-10-01&den=31/10/2025`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('trong kỳ từ 01/10/2025 đến 31/10/2025');
    expect(text).toContain('Tổng cộng 2 290');
    const bad = await chutich.get(`/can-bo/tien-do?ke-hoach=${known.planId}&tu=2025-02-30`);
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain('Từ ngày không phải là ngày hợp lệ (dd/mm/yyyy).');
    expect(bad.text).toContain('value="2025-02-30"');
    const reversed = await chutich.get(`/can-bo/tien-do?tu=2025-10-10&den=2025-10-01`);
    expect(reversed.status).toBe(400);
    expect(visibleText(reversed.text)).toContain('Đến ngày phải sau hoặc bằng từ ngày.');
    expect((await chutich.get('/can-bo/tien-do?nam=1999')).status).toBe(200);
    expect(visibleText((await chutich.get('/can-bo/tien-do?nam=1999')).text)).toContain('Chưa có kế hoạch nào của năm 1999.');
  });
});
