import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDraftVia, draftFields, publish, publishedDraft, saveText, taskId } from './draft-helpers.js';

describe('officers create, edit and publish drafts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('creates a draft with its task and trigger, audited, not public', async () => {
    const agent = await t.loginAs('tuphap');
    const task2 = await taskId(t, 2);
    const trigger = await t.db.taskTrigger.findFirstOrThrow({ where: { taskId: task2 } });
    const id = await createDraftVia(t, agent, { triggerId: trigger.id, title: 'Dự thảo về chợ Trương Quang Trọng' });
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id } });
    expect(draft).toMatchObject({ state: 'DRAFT', taskId: task2, triggerId: trigger.id, publishImmediately: false, field: 'Phí và lệ phí' });
    expect(draft.searchText).toContain('truong quang trong');
    expect(await t.db.auditLog.count({ where: { entityId: id, action: 'draft.create' } })).toBe(1);
    const page = await agent.get(`/can-bo/du-thao/${id}`);
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain('Đang soạn');
    expect((await t.agent().get(`/du-thao/${id}`)).status).toBe(404);
    expect(visibleText((await t.agent().get('/du-thao')).text)).not.toContain('chợ Trương Quang Trọng');
    const list = await agent.get('/can-bo/du-thao');
    expect(visibleText(list.text)).toContain('Dự thảo về chợ Trương Quang Trọng');
  });

  const bad: [string, Record<string, string>, string, string][] = [
    ['an empty title', { title: '  ' }, 'Vui lòng nhập tên dự thảo.', 'title'],
    ['closes before it opens', { opensAt: '2025-11-20', closesAt: '2025-11-01' }, 'Ngày kết thúc lấy ý kiến phải sau ngày bắt đầu.', 'closesAt'],
    ['a period under 20 days with no reason', { opensAt: '2025-10-20', closesAt: '2025-10-31' }, 'ít hơn 20 ngày', 'shortPeriodReason'],
    ['a date that is not a date', { opensAt: '31/02/2025' }, 'không phải là ngày hợp lệ', 'opensAt'],
    ['an unknown document type', { documentType: 'EDICT' }, 'Vui lòng chọn loại văn bản.', 'documentType'],
    ['a forged task', { taskId: 'khong-co-nhiem-vu' }, 'Nhiệm vụ đã chọn không có trong kế hoạch của phường.', 'taskId'],
    ['no task', { taskId: '' }, 'Vui lòng chọn nhiệm vụ của kế hoạch.', 'taskId'],
  ];
  for (const [what, overrides, message, field] of bad) {
    it(`refuses ${what} with 400, keeps the values and saves nothing`, async () => {
      const agent = await t.loginAs('tuphap');
      const before = await t.db.draft.count();
      const fields = await draftFields(t, { summary: 'Tóm tắt giữ lại sau lỗi', ...overrides });
      const res = await submitForm(agent, '/can-bo/du-thao/moi', '/can-bo/du-thao/moi', fields);
      expect(res.status).toBe(400);
      const text = visibleText(res.text);
      expect(text).toContain('Có lỗi cần sửa trước khi gửi');
      expect(text).toContain(message);
      expect(res.text).toContain(`href="#${field}"`);
      expect(res.text).toContain('Tóm tắt giữ lại sau lỗi');
      expect(await t.db.draft.count()).toBe(before);
    });
  }

  it('refuses a trigger of another task', async () => {
    const agent = await t.loginAs('tuphap');
    const trigger = await t.db.taskTrigger.findFirstOrThrow({ where: { taskId: await taskId(t, 2) } });
    const before = await t.db.draft.count();
    const res = await submitForm(
      agent,
      '/can-bo/du-thao/moi',
      '/can-bo/du-thao/moi',
      await draftFields(t, { taskId: await taskId(t, 3), triggerId: trigger.id }),
    );
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Văn bản kích hoạt đã chọn không thuộc nhiệm vụ này.');
    expect(await t.db.draft.count()).toBe(before);
  });

  it('accepts a short period with a reason, and shows the reason to residents', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await publishedDraft(t, agent, {
      opensAt: '2025-10-15',
      closesAt: '2025-10-24',
      shortPeriodReason: 'Văn bản cần ban hành gấp để kịp thời hạn của Sở Tài chính.',
    });
    const page = visibleText((await t.agent().get(`/du-thao/${id}`)).text);
    expect(page).toContain('Lý do lấy ý kiến dưới 20 ngày');
    expect(page).toContain('Văn bản cần ban hành gấp để kịp thời hạn của Sở Tài chính.');
    expect(page).toContain('10 ngày');
  });

  it('refuses to publish a draft with no text, and says why', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const res = await publish(agent, id);
    expect(res.status).toBe(303);
    const page = await agent.get(`/can-bo/du-thao/${id}`);
    expect(visibleText(page.text)).toContain('Vui lòng nhập nội dung dự thảo');
    expect((await t.db.draft.findUniqueOrThrow({ where: { id } })).state).toBe('DRAFT');
  });

  it('records a portal communication activity on publishing, keeps it in step with the dates, removes it on unpublishing', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent, { taskId: await taskId(t, 3) });
    expect(await t.db.communicationActivity.count({ where: { draftId: id } })).toBe(0);
    await saveText(agent, id);
    expect((await publish(agent, id)).status).toBe(303);
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id } });
    expect(draft.state).toBe('PUBLISHED');
    const [activity] = await t.db.communicationActivity.findMany({ where: { draftId: id } });
    expect(activity).toMatchObject({ taskId: await taskId(t, 3), channel: 'PORTAL', reportId: null, peopleReached: null });
    expect(activity.heldOn.toISOString()).toBe(draft.opensAt.toISOString());
    expect(activity.description).toContain('Đăng tải dự thảo Nghị quyết về phí vệ sinh môi trường trên Trang thông tin điện tử phường');
    expect(await t.db.auditLog.count({ where: { entityId: id, action: 'draft.publish' } })).toBe(1);

    const edit = await submitForm(
      agent,
      `/can-bo/du-thao/${id}/sua`,
      `/can-bo/du-thao/${id}/sua`,
      await draftFields(t, { opensAt: '2025-10-22', closesAt: '2025-11-22', taskId: await taskId(t, 2) }),
    );
    expect(edit.status).toBe(303);
    const moved = await t.db.communicationActivity.findMany({ where: { draftId: id } });
    expect(moved).toHaveLength(1);
    expect(moved[0].taskId).toBe(await taskId(t, 2));
    expect(moved[0].heldOn.toISOString()).toBe((await t.db.draft.findUniqueOrThrow({ where: { id } })).opensAt.toISOString());
    expect(await t.db.auditLog.count({ where: { entityId: id, action: 'draft.update' } })).toBe(1);

    const undo = await submitForm(agent, `/can-bo/du-thao/${id}`, `/can-bo/du-thao/${id}/huy-dang-tai`, {});
    expect(undo.status).toBe(303);
    expect((await t.db.draft.findUniqueOrThrow({ where: { id } })).state).toBe('DRAFT');
    expect(await t.db.communicationActivity.count({ where: { draftId: id } })).toBe(0);
  });

  it('closes an open draft early', async () => {
    const agent = await t.loginAs('quantri');
    const id = await publishedDraft(t, agent, { opensAt: '2025-10-10', closesAt: '2025-11-10' });
    expect(visibleText((await t.agent().get(`/du-thao/${id}`)).text)).toContain('Đang lấy ý kiến');
    const res = await submitForm(agent, `/can-bo/du-thao/${id}`, `/can-bo/du-thao/${id}/ket-thuc`, {
      closedEarlyReason: 'Cơ quan soạn thảo rút dự thảo để sửa đổi.',
    });
    expect(res.status).toBe(303);
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id } });
    expect(draft.state).toBe('CLOSED');
    expect(draft.closedEarlyAt?.toISOString()).toBe(t.clock.now().toISOString());
    const page = visibleText((await t.agent().get(`/du-thao/${id}`)).text);
    expect(page).toContain('Đã hết hạn góp ý');
    expect(page).toContain('kết thúc sớm');
    expect(page).not.toContain('Góp ý điều này');
  });

  it('answers 404 for a draft of no ward or a made-up id', async () => {
    const agent = await t.loginAs('tuphap');
    for (const path of ['/can-bo/du-thao/khong-co', '/can-bo/du-thao/khong-co/sua', '/can-bo/du-thao/khong-co/noi-dung', '/can-bo/du-thao/khong-co/tep']) {
      expect((await agent.get(path)).status, path).toBe(404);
    }
    const res = await submitForm(agent, '/can-bo/du-thao', '/can-bo/du-thao/khong-co/sua', await draftFields(t));
    expect(res.status).toBe(404);
  });
});

describe('who may use the officer draft pages', () => {
  let t: TestApp;
  let draftId: string;
  beforeAll(async () => {
    t = await createTestApp();
    draftId = (await t.db.draft.findFirstOrThrow({ where: { documentType: 'LAW' } })).id;
  });
  afterAll(() => t.close());

  const gets = (id: string) => [
    '/can-bo/du-thao',
    '/can-bo/du-thao/moi',
    `/can-bo/du-thao/${id}`,
    `/can-bo/du-thao/${id}/sua`,
    `/can-bo/du-thao/${id}/noi-dung`,
    `/can-bo/du-thao/${id}/tep`,
  ];
  const posts = (id: string) => [
    '/can-bo/du-thao/moi',
    `/can-bo/du-thao/${id}/sua`,
    `/can-bo/du-thao/${id}/noi-dung`,
    `/can-bo/du-thao/${id}/dang-tai`,
    `/can-bo/du-thao/${id}/ket-thuc`,
    `/can-bo/du-thao/${id}/huy-dang-tai`,
    `/can-bo/du-thao/${id}/tep/x/xoa`,
  ];

  it('sends anonymous visitors to the login page and refuses their posts', async () => {
    for (const path of gets(draftId)) {
      const res = await t.agent().get(path);
      expect(res.status, path).toBe(302);
      expect(res.headers.location).toContain('/dang-nhap');
    }
    const agent = t.agent();
    const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/dang-nhap')).text)![1];
    for (const path of posts(draftId)) {
      expect((await agent.post(path).type('form').send({ _csrf: token })).status, path).toBe(401);
    }
  });

  for (const username of ['vanhoa', 'tdp1', 'chutich']) {
    it(`refuses ${username} (UNIT / CHAIRMAN) with 403 and changes nothing`, async () => {
      const agent = await t.loginAs(username);
      for (const path of gets(draftId)) expect((await agent.get(path)).status, path).toBe(403);
      const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/')).text)![1];
      const before = await t.db.draft.findUniqueOrThrow({ where: { id: draftId } });
      for (const path of posts(draftId)) {
        expect((await agent.post(path).type('form').send({ _csrf: token, title: 'Đổi tên' })).status, path).toBe(403);
      }
      expect(await t.db.draft.findUniqueOrThrow({ where: { id: draftId } })).toEqual(before);
    });
  }

  for (const username of ['tuphap', 'quantri']) {
    it(`lets ${username} (JUSTICE / ADMIN) open every page`, async () => {
      const agent = await t.loginAs(username);
      for (const path of gets(draftId)) expect((await agent.get(path)).status, path).toBe(200);
    });
  }
});
