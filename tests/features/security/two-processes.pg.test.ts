import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { LOGIN_LIMITS } from '../../../src/features/auth/auth.handlers.js';
import { Browser, hiddenField, startAppProcesses, type AppCluster } from '../../helpers/app-processes.js';
import type { TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, validComment } from '../comments/fixtures.js';

/** Issue 8: two real app processes on one PostgreSQL database share sessions, CSRF tokens and limits. */
describe('two app processes on one PostgreSQL database', () => {
  let cluster: AppCluster;
  let A: string;
  let B: string;
  beforeAll(async () => {
    cluster = await startAppProcesses(2);
    [A, B] = cluster.processes.map((p) => p.baseUrl);
  });
  afterAll(() => cluster?.stop());

  async function login(browser: Browser, base: string, username: string, password: string) {
    const form = await browser.get(`${base}/dang-nhap`);
    return browser.post(`${base}/dang-nhap`, { _csrf: hiddenField(form.text, '_csrf'), username, password });
  }

  it('a login on A is valid on B, and a logout on B ends it on A', async () => {
    const browser = new Browser();
    expect((await login(browser, A, 'tuphap', DEMO_PASSWORD)).status).toBe(302);
    const onB = await browser.get(`${B}/can-bo`);
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('Nguyễn Văn Thanh');
    const logout = await browser.post(`${B}/dang-xuat`, { _csrf: hiddenField(onB.text, '_csrf') });
    expect(logout.status).toBe(302);
    expect((await browser.get(`${A}/can-bo`)).status).toBe(302);
  });

  it('a comment form rendered by A is taken by B, once', async () => {
    // A draft open now (the processes run on the real clock).
    const fake = { db: cluster.db, clock: { now: () => new Date() }, wardId: (await cluster.db.ward.findFirstOrThrow()).id } as unknown as TestApp;
    const draft = await makeDraft(fake);
    const group = await groupId(fake);
    const resident = new Browser();
    const form = await resident.get(`${A}/du-thao/${draft.id}/gop-y`);
    const fields = { _csrf: hiddenField(form.text, '_csrf'), submissionId: hiddenField(form.text, 'submissionId'), ...validComment(group, { body: 'Gửi từ tiến trình B.' }) };
    const first = await resident.post(`${B}/du-thao/${draft.id}/gop-y`, fields);
    expect(first.status).toBe(303);
    const again = await resident.post(`${A}/du-thao/${draft.id}/gop-y`, fields);
    expect(again.location).toBe(first.location);
    expect(await cluster.db.comment.count({ where: { draftId: draft.id } })).toBe(1);
    // Another browser's token is refused by either process.
    expect((await new Browser().post(`${B}/du-thao/${draft.id}/gop-y`, fields)).status).toBe(403);
  });

  it('the login limit is shared: failures on A and B together reach it', async () => {
    const { limit } = LOGIN_LIMITS.perUsername;
    for (let i = 0; i < limit; i++) {
      const res = await login(new Browser(), i % 2 === 0 ? A : B, ' VanHoa ', `sai-${i}`);
      expect(res.status, `attempt ${i + 1}`).toBe(400);
    }
    for (const base of [A, B]) {
      const res = await login(new Browser(), base, 'vanhoa', DEMO_PASSWORD);
      expect(res.status, base).toBe(429);
      expect(res.text).toContain('Đã đăng nhập sai quá nhiều lần');
    }
  });
});
