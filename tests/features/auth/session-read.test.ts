import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';

/**
 * An officer's session and account are read by hand-written statements (src/middleware/ward-session.ts,
 * src/middleware/auth.ts), not through the session store's Prisma queries: what the store decided about a
 * row must still hold.
 */
describe("an officer's session as read on every page", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const newestSession = () => t.db.session.findFirstOrThrow({ orderBy: { expiresAt: 'desc' } });

  it('signs the officer in with their unit, and keeps them signed in from page to page', async () => {
    const agent = await t.loginAs('vanhoa');
    for (const path of ['/can-bo', '/can-bo/bao-cao', '/can-bo']) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      expect(visibleText(res.text)).toContain('Đăng xuất');
    }
  });

  it('treats a session past its expiry as none, and deletes its row', async () => {
    const agent = await t.loginAs('tuphap');
    expect((await agent.get('/can-bo')).status).toBe(200);
    const session = await newestSession();
    await t.db.session.update({ where: { id: session.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await agent.get('/can-bo');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/dang-nhap?next=%2Fcan-bo');
    expect(await t.db.session.count({ where: { id: session.id } })).toBe(0);
  });

  it('treats a session whose data cannot be read as an error page, not as a signed-in officer', async () => {
    const agent = await t.loginAs('tuphap');
    const session = await newestSession();
    await t.db.session.update({ where: { id: session.id }, data: { data: '{not json' } });
    const res = await agent.get('/can-bo');
    expect(res.status).toBe(500);
    expect(visibleText(res.text)).not.toContain('Đăng xuất');
  });

  it('signs nobody in for an account deactivated since, or a session carried to another ward', async () => {
    const agent = await t.loginAs('chutich');
    const session = await newestSession();
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'chutich' } });
    await t.db.user.update({ where: { id: user.id }, data: { active: false } });
    expect((await agent.get('/can-bo')).status).toBe(302);
    await t.db.user.update({ where: { id: user.id }, data: { active: true } });
    // The session was told to forget the officer: signed out for good.
    expect((await agent.get('/can-bo')).status).toBe(302);

    const again = await t.loginAs('chutich');
    const next = await newestSession();
    expect(next.id).not.toBe(session.id);
    const data = JSON.parse(next.data) as Record<string, unknown>;
    await t.db.session.update({ where: { id: next.id }, data: { data: JSON.stringify({ ...data, wardId: 'another-ward' }) } });
    expect((await again.get('/can-bo')).status).toBe(302);
  });
});
