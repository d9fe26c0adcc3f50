import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { Browser, hiddenField, startAppProcesses, type AppCluster } from '../../helpers/app-processes.js';
import { visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, validComment } from '../comments/fixtures.js';

/**
 * Issue 10: each app process keeps anonymous draft pages in its own memory. A change made through
 * one process (or by any code on the shared database) shows on the next view from the other.
 */
describe('kept draft pages with two app processes on one PostgreSQL database', () => {
  let cluster: AppCluster;
  let A: string;
  let B: string;
  beforeAll(async () => {
    cluster = await startAppProcesses(2);
    [A, B] = cluster.processes.map((p) => p.baseUrl);
  }, 240_000); // two processes starting through tsx on a busy machine
  afterAll(() => cluster?.stop());

  it('a comment posted on A and published by an officer on B shows on the next view from A; hidden on A, it goes from B', async () => {
    const fake = { db: cluster.db, clock: { now: () => new Date() }, wardId: (await cluster.db.ward.findFirstOrThrow()).id } as unknown as TestApp;
    const draft = await makeDraft(fake, { title: 'Dự thảo xem từ hai tiến trình' });
    const group = await groupId(fake);
    const page = `/du-thao/${draft.id}`;
    const reader = new Browser();
    for (const base of [A, B, A, B]) expect(visibleText((await reader.get(base + page)).text)).toContain('Ý kiến góp ý đã công khai (0)');

    const resident = new Browser();
    const form = await resident.get(`${A}${page}/gop-y`);
    const sent = await resident.post(`${A}${page}/gop-y`, {
      _csrf: hiddenField(form.text, '_csrf'),
      submissionId: hiddenField(form.text, 'submissionId'),
      ...validComment(group, { body: 'Ý kiến gửi qua tiến trình A.' }),
    });
    expect(sent.status).toBe(303);
    const comment = await cluster.db.comment.findFirstOrThrow({ where: { draftId: draft.id } });

    const officer = new Browser();
    const login = await officer.get(`${B}/dang-nhap`);
    expect((await officer.post(`${B}/dang-nhap`, { _csrf: hiddenField(login.text, '_csrf'), username: 'tuphap', password: DEMO_PASSWORD })).status).toBe(303);
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    const queuePage = await officer.get(B + queue);
    expect((await officer.post(`${B}${queue}/${comment.id}/cong-khai`, { _csrf: hiddenField(queuePage.text, '_csrf') })).status).toBe(303);

    for (const base of [A, B]) {
      const text = visibleText((await reader.get(base + page)).text);
      expect(text).toContain('Ý kiến gửi qua tiến trình A.');
      expect(text).toContain('Ý kiến góp ý đã công khai (1)');
    }

    const onA = await officer.get(A + queue);
    expect((await officer.post(`${A}${queue}/${comment.id}/an`, { _csrf: hiddenField(onA.text, '_csrf'), reason: 'OFF_TOPIC', note: '' })).status).toBe(303);
    for (const base of [B, A]) expect(visibleText((await reader.get(base + page)).text)).not.toContain('Ý kiến gửi qua tiến trình A.');
  });

  it('the draft list and the feed of both processes show a draft as soon as it is published', async () => {
    const fake = { db: cluster.db, clock: { now: () => new Date() }, wardId: (await cluster.db.ward.findFirstOrThrow()).id } as unknown as TestApp;
    const draft = await makeDraft(fake, { title: 'Dự thảo mới đăng tải lúc này', state: 'DRAFT' });
    const reader = new Browser();
    for (const base of [A, B]) {
      expect((await reader.get(`${base}/du-thao`)).text).not.toContain('Dự thảo mới đăng tải lúc này');
      expect((await reader.get(`${base}/du-thao/feed.rss`)).text).not.toContain('Dự thảo mới đăng tải lúc này');
    }
    await cluster.db.draft.update({ where: { id: draft.id }, data: { state: 'PUBLISHED' } });
    for (const base of [B, A]) {
      expect((await reader.get(`${base}/du-thao`)).text).toContain('Dự thảo mới đăng tải lúc này');
      expect((await reader.get(`${base}/du-thao/feed.rss`)).text).toContain('Dự thảo mới đăng tải lúc này');
      expect((await reader.get(`${base}/`)).text).toContain('Dự thảo mới đăng tải lúc này');
    }
  });

  it('the kept comment form of both processes shows an edited draft and a new residential group on the next view', async () => {
    const fake = { db: cluster.db, clock: { now: () => new Date() }, wardId: (await cluster.db.ward.findFirstOrThrow()).id } as unknown as TestApp;
    const draft = await makeDraft(fake, { title: 'Dự thảo có biểu mẫu giữ sẵn' });
    const form = `/du-thao/${draft.id}/gop-y`;
    const reader = new Browser();
    for (const base of [A, B, A, B]) expect(visibleText((await reader.get(base + form)).text)).toContain('Dự thảo có biểu mẫu giữ sẵn');
    await cluster.db.draft.update({ where: { id: draft.id }, data: { title: 'Dự thảo đổi tên ở nơi khác' } });
    await cluster.db.unit.create({ data: { wardId: fake.wardId, name: 'Tổ dân phố Hai Tiến Trình', kind: 'RESIDENTIAL_GROUP', sortOrder: 98 } });
    for (const base of [B, A]) {
      const text = visibleText((await reader.get(base + form)).text);
      expect(text).toContain('Dự thảo đổi tên ở nơi khác');
      expect(text).toContain('Tổ dân phố Hai Tiến Trình');
    }
  });
});
