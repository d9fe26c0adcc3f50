import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';

describe('the public home page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('leads residents to the drafts open for comment and the ward plan', async () => {
    const res = await t.agent().get('/');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    const open = await t.db.draft.findMany({
      where: { wardId: t.wardId, state: 'PUBLISHED', opensAt: { lte: t.clock.now() }, closesAt: { gte: t.clock.now() } },
    });
    expect(open.length).toBeGreaterThan(0);
    expect(text).toContain(`Đang lấy ý kiến (${open.length})`);
    for (const d of open) expect(text).toContain(d.title);
    expect(text).toContain('Thực hiện Đề án “Tổ chức truyền thông chính sách');
    expect(res.text).toContain('action="/du-thao"');
  });

  it('says so when nothing is open', async () => {
    t.clock.set('2030-01-01T00:00:00Z');
    const res = await t.agent().get('/');
    expect(visibleText(res.text)).toContain('Hiện không có dự thảo nào đang lấy ý kiến.');
  });
});
