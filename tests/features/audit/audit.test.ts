import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';

describe('audit log page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } });
    await t.db.auditLog.create({
      data: { wardId: t.wardId, userId: user.id, action: 'plan.update', entityType: 'Plan', entityId: 'p1', before: JSON.stringify({ title: 'Cũ' }), after: JSON.stringify({ title: 'Mới <b>đậm</b>' }) },
    });
  });
  afterAll(() => t.close());

  it('shows the administrator who changed what, with the values before and after', async () => {
    const agent = await t.loginAs('quantri');
    const res = await agent.get('/can-bo/nhat-ky');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Nguyễn Văn Thanh');
    expect(text).toContain('plan.update');
    expect(text).toContain('"title": "Cũ"');
    // Stored values are escaped, never rendered as HTML.
    expect(res.text).toContain('Mới &lt;b&gt;đậm&lt;/b&gt;');
  });

  it('filters by the kind of data changed', async () => {
    const agent = await t.loginAs('chutich');
    const res = await agent.get('/can-bo/nhat-ky?loai=Draft');
    expect(res.status).toBe(200);
    expect(visibleText(res.text)).not.toContain('plan.update');
  });

  it('is closed to the Justice officer and unit officials, and sends visitors to log in', async () => {
    expect((await (await t.loginAs('tuphap')).get('/can-bo/nhat-ky')).status).toBe(403);
    expect((await (await t.loginAs('vanhoa')).get('/can-bo/nhat-ky')).status).toBe(403);
    const anon = await t.agent().get('/can-bo/nhat-ky');
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toContain('/dang-nhap');
  });
});
