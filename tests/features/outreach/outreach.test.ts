import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../../../src/lib/format.js';
import { readingTime } from '../../../src/features/outreach/outreach.service.js';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from '../comments/fixtures.js';

describe('notice and loudspeaker bulletin of a draft', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let taskId: string;
  const bulletin = () => `/can-bo/du-thao/${draft.id}/tin-phat-thanh`;
  const poster = () => `/can-bo/du-thao/${draft.id}/thong-bao`;

  beforeAll(async () => {
    t = await createTestApp({ BASE_URL: 'https://gopy.truongquangtrong.example.vn' });
    draft = await makeDraft(t, { title: 'Dự thảo Nghị quyết quy định mức thu phí vệ sinh môi trường' });
    const vanhoa = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    taskId = (await t.db.taskUnit.findFirstOrThrow({ where: { unitId: vanhoa.unitId! } })).taskId;
  });
  afterAll(() => t.close());

  it('reads Vietnamese at about 150 syllables a minute', () => {
    expect(readingTime('một hai ba').seconds).toBe(1);
    expect(readingTime(Array(150).fill('tiếng').join(' '))).toMatchObject({ syllables: 150, seconds: 60, label: '1 phút' });
    expect(readingTime(Array(225).fill('tiếng').join(' ')).label).toBe('1 phút 30 giây');
  });

  it('generates a spoken-style bulletin from the draft, with its dates and how to comment', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await agent.get(bulletin());
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('thông báo lấy ý kiến nhân dân đối với Dự thảo Nghị quyết quy định mức thu phí vệ sinh môi trường.');
    expect(text).toContain('Quy định mức thu phí thu gom rác thải sinh hoạt.');
    expect(text).toMatch(/Thời gian lấy ý kiến từ ngày \d{1,2} tháng \d{1,2} năm 20\d\d đến hết ngày/);
    expect(text).toContain(`gopy.truongquangtrong.example.vn/du-thao/${draft.id}`);
    expect(text).toMatch(/Thời lượng đọc: khoảng \d+ (phút|giây)/);
    // The notice carries the draft's address for the QR code and the phone.
    const page = await agent.get(poster());
    expect(page.status).toBe(200);
    expect(page.text).toContain('<svg');
    expect(visibleText(page.text)).toContain(`https://gopy.truongquangtrong.example.vn/du-thao/${draft.id}`);
  });

  it('cannot record a broadcast for a draft without a task, and says so on the form', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, bulletin(), bulletin(), { text: 'Kính thưa bà con.', heldOn: '01/01/2020', times: '2', action: 'record' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Dự thảo chưa gắn với nhiệm vụ của kế hoạch nên không ghi nhận được hoạt động truyền thông.');
    expect(res.text).toContain('Kính thưa bà con.');
  });

  it('records a broadcast and a notice-board posting as communication activities on the task', async () => {
    await t.db.draft.update({ where: { id: draft.id }, data: { taskId } });
    const agent = await t.loginAs('vanhoa');
    const bad = await submitForm(agent, poster(), poster(), { heldOn: '', places: '0' });
    expect(bad.status).toBe(400);
    expect(visibleText(bad.text)).toContain('Vui lòng nhập ngày niêm yết.');
    expect((await submitForm(agent, poster(), poster(), { heldOn: formatDate(t.clock.now()), places: '12' })).status).toBe(303);
    expect(
      (
        await submitForm(agent, bulletin(), bulletin(), {
          text: 'Kính thưa bà con, mời bà con góp ý.',
          heldOn: formatDate(t.clock.now()),
          times: '3',
          action: 'record',
        })
      ).status,
    ).toBe(303);
    const activities = await t.db.communicationActivity.findMany({ where: { draftId: draft.id }, orderBy: { createdAt: 'asc' } });
    expect(activities.map((a) => a.channel).sort()).toEqual(['LOUDSPEAKER', 'NOTICE_BOARD']);
    expect(activities.find((a) => a.channel === 'NOTICE_BOARD')!.description).toContain('tại 12 bảng tin');
    expect(activities.find((a) => a.channel === 'LOUDSPEAKER')!.description).toContain('3 lần');
    expect(await t.db.auditLog.count({ where: { action: 'draft.bulletin' } })).toBe(1);
  });

  it("is refused to the chairman and to units outside the draft's task", async () => {
    expect((await (await t.loginAs('chutich')).get(poster())).status).toBe(403);
    const tdp1 = await t.db.user.findUniqueOrThrow({ where: { username: 'tdp1' } });
    await t.db.taskUnit.deleteMany({ where: { taskId, unitId: tdp1.unitId! } });
    expect((await (await t.loginAs('tdp1')).get(bulletin())).status).toBe(403);
  });
});
