import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { publishedDraft } from './draft-helpers.js';

const REASON = 'Cơ quan soạn thảo rút dự thảo để bổ sung đánh giá tác động.';

describe('closing a comment period early needs a reason, and residents see the real period', () => {
  let t: TestApp;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    const agent = await t.loginAs('tuphap');
    id = await publishedDraft(t, agent, { opensAt: '2025-10-10', closesAt: '2025-11-10' });
  });
  afterAll(() => t.close());

  it('refuses an early close without a reason: 400, a Vietnamese error on the draft page, nothing changed', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, `/can-bo/du-thao/${id}`, `/can-bo/du-thao/${id}/ket-thuc`, { closedEarlyReason: '   ' });
    expect(res.status).toBe(400);
    const text = visibleText(res.text);
    expect(text).toContain('Có lỗi cần sửa trước khi gửi');
    expect(text).toContain('Vui lòng nhập lý do kết thúc lấy ý kiến sớm.');
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id } });
    expect(draft.state).toBe('PUBLISHED');
    expect(draft.closedEarlyAt).toBeNull();
    expect(await t.db.auditLog.count({ where: { entityId: id, action: 'draft.close' } })).toBe(0);
  });

  it('keeps the reason typed when it is too long', async () => {
    const agent = await t.loginAs('tuphap');
    const long = `Lý do ${'x'.repeat(1000)}`;
    const res = await submitForm(agent, `/can-bo/du-thao/${id}`, `/can-bo/du-thao/${id}/ket-thuc`, { closedEarlyReason: long });
    expect(res.status).toBe(400);
    expect(res.text).toContain(long);
  });

  it('closes with a reason; the draft page and list show the reason and the real period', async () => {
    const agent = await t.loginAs('tuphap');
    t.clock.set('2025-10-20T03:00:00.000Z'); // 20/10/2025 10:00 in Vietnam, 21 days before the planned end
    const res = await submitForm(agent, `/can-bo/du-thao/${id}`, `/can-bo/du-thao/${id}/ket-thuc`, { closedEarlyReason: REASON });
    expect(res.status).toBe(303);
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id } });
    expect(draft.state).toBe('CLOSED');
    expect(draft.closedEarlyReason).toBe(REASON);
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id, action: 'draft.close' } });
    expect(audit.after).toContain(REASON);

    const page = visibleText((await t.agent().get(`/du-thao/${id}`)).text);
    expect(page).toContain(`Lý do kết thúc sớm ${REASON}`);
    expect(page).toContain('Kết thúc lấy ý kiến 20/10/2025 (kết thúc sớm; dự kiến ban đầu 10/11/2025)');
    expect(page).toContain('Thời gian lấy ý kiến 11 ngày');
    expect(page).toContain('kết thúc lấy ý kiến sớm, ngày 20/10/2025');

    const list = visibleText((await t.agent().get('/du-thao')).text);
    expect(list).toContain('Lấy ý kiến: 10/10/2025 – 20/10/2025 (kết thúc sớm; dự kiến đến 10/11/2025)');
    expect(list).toContain(`Lý do kết thúc sớm: ${REASON}`);
    expect(list).not.toContain('10/10/2025 – 10/11/2025');

    const summary = visibleText((await t.agent().get(`/du-thao/${id}/tiep-thu-giai-trinh`)).text);
    expect(summary).toContain('(20/10/2025, kết thúc sớm)');

    const feed = (await t.agent().get('/du-thao/feed.atom')).text;
    expect(feed).toContain('đến ngày 20/10/2025 (kết thúc sớm)');

    const activity = await t.db.communicationActivity.findFirstOrThrow({ where: { draftId: id, channel: 'PORTAL' } });
    expect(activity.description).toContain('đến ngày 20/10/2025 (kết thúc sớm)');

    const officer = visibleText((await agent.get(`/can-bo/du-thao/${id}`)).text);
    expect(officer).toContain(`Lý do kết thúc sớm ${REASON}`);
    const officerList = visibleText((await agent.get('/can-bo/du-thao')).text);
    expect(officerList).toContain('10/10/2025 – 20/10/2025 (kết thúc sớm; dự kiến đến 10/11/2025)');
    const progress = visibleText((await agent.get('/can-bo/tien-do')).text);
    expect(progress).toContain('10/10/2025 – 20/10/2025');
    expect(progress).not.toContain('10/10/2025 – 10/11/2025');
  });
});
