import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';

describe('audit log page', () => {
  let t: TestApp;
  let unitId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } });
    const chair = await t.db.user.findUniqueOrThrow({ where: { username: 'chutich' } });
    unitId = (await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name: 'Công chức Văn hóa – Xã hội' } })).id;
    await t.db.auditLog.create({
      data: {
        wardId: t.wardId,
        userId: user.id,
        action: 'plan.update',
        entityType: 'Plan',
        entityId: 'clplaninternal01',
        before: JSON.stringify({ id: 'clplaninternal01', title: 'Cũ', year: 2025, published: false }),
        after: JSON.stringify({ id: 'clplaninternal01', title: 'Mới <b>đậm</b>', year: 2025, published: true }),
        createdAt: new Date('2025-03-04T17:30:00Z'), // 05/03/2025 00:30 in Vietnam
      },
    });
    await t.db.auditLog.create({
      data: {
        wardId: t.wardId,
        userId: chair.id,
        action: 'draft.close',
        entityType: 'Draft',
        entityId: 'd1',
        before: JSON.stringify({ state: 'PUBLISHED' }),
        after: JSON.stringify({ state: 'CLOSED', closedEarlyAt: '2025-10-01T02:05:00.000Z', unitId }),
        createdAt: new Date('2025-10-01T02:05:00Z'),
      },
    });
  });
  afterAll(() => t.close());

  it('shows each change in Vietnamese, field by field, in local time, without internal ids or JSON', async () => {
    const agent = await t.loginAs('quantri');
    const res = await agent.get('/can-bo/nhat-ky');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('05/03/2025 00:30 · Nguyễn Văn Thanh · Sửa kế hoạch — Kế hoạch: Mới <b>đậm</b>');
    expect(text).toMatch(/Tên\s+Cũ\s+Mới <b>đậm<\/b>/);
    expect(text).toMatch(/Đã công khai\s+Không\s+Có/);
    expect(text).not.toMatch(/Năm\s+2025/); // unchanged fields are left out
    expect(text).toContain('01/10/2025 09:05 · Trương Thanh Thảo · Kết thúc lấy ý kiến sớm — Dự thảo');
    expect(text).toMatch(/Kết thúc sớm lúc\s+—?\s*01\/10\/2025 09:05/);
    expect(text).toContain('Công chức Văn hóa – Xã hội'); // the unit's name, not its id
    for (const raw of ['plan.update', '"title"', 'clplaninternal01', unitId, 'PUBLISHED', '2025-10-01T02:05']) expect(text).not.toContain(raw);
    // Stored values are escaped, never rendered as HTML.
    expect(res.text).toContain('Mới &lt;b&gt;đậm&lt;/b&gt;');
    expect(res.text).toContain('<td data-label="Sau">Có</td>');
  });

  it('filters by the kind of data, the person and a range of local days', async () => {
    const agent = await t.loginAs('chutich');
    const kindPage = await agent.get('/can-bo/nhat-ky?loai=Draft');
    const byKind = visibleText(kindPage.text);
    expect(byKind).not.toContain('Sửa kế hoạch');
    expect(byKind).toContain('Kết thúc lấy ý kiến sớm');
    expect(kindPage.text).toContain('<option value="Draft" selected>Dự thảo</option>');

    const chair = await t.db.user.findUniqueOrThrow({ where: { username: 'chutich' } });
    const byPerson = visibleText((await agent.get(`/can-bo/nhat-ky?nguoi=${chair.id}`)).text);
    expect(byPerson).not.toContain('Sửa kế hoạch');

    // 00:30 on 05/03 in Vietnam is still 04/03 in UTC: the day is the local one.
    const day = visibleText((await agent.get('/can-bo/nhat-ky?tu=05/03/2025&den=05/03/2025')).text);
    expect(day).toContain('1 thay đổi');
    expect(day).toContain('Sửa kế hoạch');
    expect(visibleText((await agent.get('/can-bo/nhat-ky?tu=2025-03-06&den=2025-10-01')).text)).toContain('1 thay đổi');
    expect(visibleText((await agent.get('/can-bo/nhat-ky?den=04/03/2025')).text)).toContain('0 thay đổi');
    const bad = visibleText((await agent.get('/can-bo/nhat-ky?tu=31/02/2025')).text);
    expect(bad).toContain('Không hiểu ngày “31/02/2025”');
  });

  it('pages 25 entries at a time and keeps the filter in the page links', async () => {
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } });
    await t.db.auditLog.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        wardId: t.wardId,
        userId: user.id,
        action: 'task.update',
        entityType: 'Task',
        entityId: `t${i}`,
        after: JSON.stringify({ title: `Nhiệm vụ ${i}` }),
        createdAt: new Date(Date.UTC(2025, 5, 1, 0, i)),
      })),
    });
    const agent = await t.loginAs('quantri');
    const first = await agent.get('/can-bo/nhat-ky?loai=Task');
    expect(visibleText(first.text)).toContain('60 thay đổi · trang 1/3');
    expect((first.text.match(/class="audit-entry"/g) ?? []).length).toBe(25);
    expect(first.text).toContain('href="/can-bo/nhat-ky?loai=Task&amp;trang=2"');
    const last = await agent.get('/can-bo/nhat-ky?loai=Task&trang=3');
    expect((last.text.match(/class="audit-entry"/g) ?? []).length).toBe(10);
  });

  it('is closed to the Justice officer and unit officials, and sends visitors to log in', async () => {
    expect((await (await t.loginAs('tuphap')).get('/can-bo/nhat-ky')).status).toBe(403);
    expect((await (await t.loginAs('vanhoa')).get('/can-bo/nhat-ky')).status).toBe(403);
    const anon = await t.agent().get('/can-bo/nhat-ky');
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toContain('/dang-nhap');
  });
});
