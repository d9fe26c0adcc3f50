import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { agentsFor, postForm, runMatrix, statuses, taskIds, unitId } from '../reports/work-helpers.js';

describe('obstacles (khó khăn, vướng mắc)', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof taskIds>>;
  let tdp1: TestAgent;
  let tuphap: TestAgent;
  let chutich: TestAgent;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await taskIds(t);
    [tdp1, tuphap, chutich] = await Promise.all([t.loginAs('tdp1'), t.loginAs('tuphap'), t.loginAs('chutich')]);
  });
  afterAll(() => t.close());

  async function raise(agent: TestAgent, fields: Record<string, string> = {}) {
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } });
    const res = await postForm(agent, '/can-bo/kho-khan/moi', {
      planId: plan.id,
      taskId: ids.t1,
      title: 'Thiếu tài liệu tuyên truyền',
      description: 'Tổ chưa nhận được tài liệu.',
      ...fields,
    });
    expect(res.status).toBe(303);
    return res.headers.location.split('/').pop()!;
  }

  it('goes from a unit to the Justice officer, the chairman, and back to closed', async () => {
    const form = await tdp1.get(`/can-bo/kho-khan/moi?nhiem-vu=${ids.t1}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain(`<option value="${ids.t1}" selected>`);
    const id = await raise(tdp1);
    expect(await t.db.obstacle.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'OPEN', unitId: await unitId(t, 'Tổ dân phố 1'), taskId: ids.t1 });

    // The chairman cannot answer before it is forwarded; the unit cannot close it yet.
    const early = await postForm(chutich, `/can-bo/kho-khan/${id}/tra-loi`, { responseKind: 'GUIDANCE', response: 'x' });
    expect(early.status).toBe(409);
    expect(visibleText(early.text)).toContain('Chỉ trả lời được khó khăn, vướng mắc đã được chuyển Chủ tịch');
    expect((await postForm(tdp1, `/can-bo/kho-khan/${id}/dong`, {})).status).toBe(409);

    const noNote = await postForm(tuphap, `/can-bo/kho-khan/${id}/chuyen`, { forwardNote: '' });
    expect(noNote.status).toBe(400);
    expect(visibleText(noNote.text)).toContain('Vui lòng nhập ý kiến khi chuyển Chủ tịch.');
    expect((await postForm(tuphap, `/can-bo/kho-khan/${id}/chuyen`, { forwardNote: 'Đề nghị Chủ tịch chỉ đạo.' })).status).toBe(303);
    expect((await t.db.obstacle.findUniqueOrThrow({ where: { id } })).status).toBe('FORWARDED');
    expect((await postForm(tuphap, `/can-bo/kho-khan/${id}/chuyen`, { forwardNote: 'Lần nữa' })).status).toBe(409);

    const noKind = await postForm(chutich, `/can-bo/kho-khan/${id}/tra-loi`, { response: 'Giao Văn phòng in tài liệu.' });
    expect(noKind.status).toBe(400);
    expect(visibleText(noKind.text)).toContain('Vui lòng chọn hình thức trả lời');
    expect(noKind.text).toContain('Giao Văn phòng in tài liệu.');
    expect((await postForm(chutich, `/can-bo/kho-khan/${id}/tra-loi`, { responseKind: 'DECISION', response: 'Giao Văn phòng in tài liệu.' })).status).toBe(303);
    const answered = await t.db.obstacle.findUniqueOrThrow({ where: { id } });
    expect(answered).toMatchObject({ status: 'ANSWERED', responseKind: 'DECISION', response: 'Giao Văn phòng in tài liệu.' });
    expect(visibleText((await tdp1.get(`/can-bo/kho-khan/${id}`)).text)).toContain('Ý kiến chỉ đạo: Quyết định giải quyết');

    expect((await postForm(tdp1, `/can-bo/kho-khan/${id}/dong`, {})).status).toBe(303);
    expect((await t.db.obstacle.findUniqueOrThrow({ where: { id } })).status).toBe('CLOSED');
    expect((await postForm(tdp1, `/can-bo/kho-khan/${id}/dong`, {})).status).toBe(409);
    const actions = (await t.db.auditLog.findMany({ where: { entityId: id }, orderBy: { createdAt: 'asc' } })).map((a) => a.action);
    expect(actions).toEqual(['obstacle.raise', 'obstacle.forward', 'obstacle.answer', 'obstacle.close']);
  });

  it('lists a unit’s own obstacles only, and the ward’s for the Justice officer', async () => {
    const mine = visibleText((await tdp1.get('/can-bo/kho-khan')).text);
    expect(mine).toContain('Thiếu tài liệu tuyên truyền');
    expect(mine).not.toContain('Chưa rõ thời gian đăng tải dự thảo');
    const all = visibleText((await tuphap.get('/can-bo/kho-khan')).text);
    expect(all).toContain('Chưa rõ thời gian đăng tải dự thảo');
    const byTask = visibleText((await tuphap.get(`/can-bo/kho-khan?nhiem-vu=${ids.t2}`)).text);
    expect(byTask).toContain('Chưa rõ thời gian đăng tải dự thảo');
    expect(byTask).not.toContain('Thiếu tài liệu tuyên truyền');
  });

  it('lets the Justice officer raise one for a chosen unit', async () => {
    const before = await t.db.obstacle.count();
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } });
    const noUnit = await postForm(tuphap, '/can-bo/kho-khan/moi', { planId: plan.id, taskId: '', title: 'A', description: 'B' });
    expect(noUnit.status).toBe(400);
    expect(visibleText(noUnit.text)).toContain('Vui lòng chọn đơn vị phản ánh.');
    expect(await t.db.obstacle.count()).toBe(before);
    await raise(tuphap, { unitId: await unitId(t, 'Hội Nông dân phường'), taskId: '' });
    expect(await t.db.obstacle.count()).toBe(before + 1);
  });

  describe('refuses bad input with the form again, typed values kept and nothing saved', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['an empty title', { title: '' }, 'Vui lòng nhập tiêu đề.'],
      ['an empty description', { description: '  ' }, 'Vui lòng nhập nội dung khó khăn, vướng mắc.'],
      ['a task of no plan of the ward', { taskId: 'khong-co' }, 'Nhiệm vụ đã chọn không thuộc kế hoạch của phường.'],
    ];
    for (const [name, fields, message] of cases) {
      it(name, async () => {
        const before = await t.db.obstacle.count();
        const res = await postForm(tdp1, '/can-bo/kho-khan/moi', { taskId: ids.t1, title: 'Tiêu đề đã gõ', description: 'Nội dung đã gõ', ...fields });
        expect(res.status).toBe(400);
        expect(visibleText(res.text)).toContain('Có lỗi cần sửa trước khi gửi');
        expect(visibleText(res.text)).toContain(message);
        if (!('title' in fields)) expect(res.text).toContain('value="Tiêu đề đã gõ"');
        if (!('description' in fields)) expect(res.text).toContain('Nội dung đã gõ');
        expect(await t.db.obstacle.count()).toBe(before);
      });
    }
  });

  it('checks role and unit on the server for every obstacle route', { timeout: 120_000 }, async () => {
    const agents = await agentsFor(t, 'vanhoa', 'tdp1');
    const open = await raise(tdp1);
    const forwarded = await t.db.obstacle.findFirstOrThrow({ where: { status: 'FORWARDED', unit: { name: 'Tổ dân phố 1' } } });
    const wrong = await runMatrix(agents, [
      { method: 'get', url: '/can-bo/kho-khan', expect: statuses(302, 200, 200, 200, 200, 200) },
      { method: 'get', url: '/can-bo/kho-khan/moi', expect: statuses(302, 200, 200, 403, 200, 200) },
      { method: 'post', url: '/can-bo/kho-khan/moi', body: { title: '' }, expect: statuses(401, 400, 400, 403, 400, 400) },
      { method: 'get', url: `/can-bo/kho-khan/${open}`, expect: statuses(302, 403, 200, 200, 200, 200) },
      { method: 'post', url: `/can-bo/kho-khan/${open}/chuyen`, body: { forwardNote: '' }, expect: statuses(401, 403, 403, 403, 400, 400) },
      { method: 'post', url: `/can-bo/kho-khan/${forwarded.id}/tra-loi`, body: { response: '' }, expect: statuses(401, 403, 403, 400, 403, 403) },
      // Closing needs an answer first: those allowed get 409, the others 403.
      { method: 'post', url: `/can-bo/kho-khan/${open}/dong`, expect: statuses(401, 403, 409, 403, 409, 409) },
    ]);
    expect(wrong).toEqual([]);
  });
});
