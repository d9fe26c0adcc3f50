/**
 * The public summary page (tiếp thu, giải trình) is kept after an anonymous view (issue 10). These tests
 * view it, change what it shows — through the officers' routes, or straight in the database as any other
 * code would — and check that the very next view shows the change, including the figures at the top that
 * count comments nobody sees (pending, not published, by channel, in groups of similar comments).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

/** The figure shown above a label in the summary's grid of figures. */
const figure = (html: string, label: string) => {
  const m = new RegExp(`<span class="stat__value">(\\d+)</span><span class="stat__label">${label}`).exec(html);
  return m ? Number(m[1]) : null;
};

describe('the kept summary page shows every change on the next view', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let answerId: string;
  const page = () => `/du-thao/${draft.id}/tiep-thu-giai-trinh`;
  const view = async (path = page()) => {
    const res = await t.agent().get(path);
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    return res.text;
  };
  const comment = (i: number, status: string, channel = 'ONLINE') =>
    t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        receiptCode: `GY-KEPT-${String(i).padStart(4, '0')}`,
        respondentType: 'INDIVIDUAL',
        body: `Ý kiến lưu sẵn số ${i}.`,
        status,
        channel,
        createdAt: new Date(t.clock.now().getTime() - 10 * 24 * 3600_000 + i * 60_000),
      },
    });

  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo tổng hợp lưu sẵn', opensInDays: -30, closesInDays: -2 });
    for (let i = 1; i <= 3; i++) await comment(i, 'PUBLISHED');
    const answer = await t.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: 'Tiếp thu ý kiến về mức phí.' } });
    answerId = answer.id;
    await t.db.comment.updateMany({ where: { draftId: draft.id }, data: { answerId } });
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'ANSWERED', answeredAt: t.clock.now() } });
  });
  afterAll(() => t.close());

  it('an answer changed after publication shows on the next view', async () => {
    for (let i = 0; i < 3; i++) expect(visibleText(await view())).toContain('Tiếp thu ý kiến về mức phí.');
    const officer = await t.loginAs('tuphap');
    const form = `/can-bo/du-thao/${draft.id}/tra-loi/${answerId}`;
    const res = await submitForm(officer, form, form, { outcome: 'EXPLAINED', explanation: 'Giữ nguyên mức phí, giải trình như sau.' });
    expect(res.status).toBe(303);
    const html = await view();
    expect(visibleText(html)).toContain('Giữ nguyên mức phí, giải trình như sau.');
    expect(figure(html, 'Giải trình')).toBe(3);
    expect(figure(html, 'Tiếp thu<')).toBe(0);
  });

  it('a comment received off-line, then not published, moves the figures on the next view though it is never shown', async () => {
    let html = await view();
    expect(figure(html, 'Ý kiến nhận được')).toBe(3);
    const late = await comment(10, 'PENDING', 'WRITTEN');
    html = await view();
    expect(figure(html, 'Ý kiến nhận được')).toBe(4);
    expect(visibleText(html)).toContain('bằng văn bản 1');
    await t.db.comment.update({ where: { id: late.id }, data: { status: 'HIDDEN', hiddenReason: 'OFF_TOPIC' } });
    html = await view();
    expect(figure(html, 'Không công khai')).toBe(1);
    expect(visibleText(html)).not.toContain('Ý kiến lưu sẵn số 10.');
  });

  it('a group of similar comments that are not published moves the campaign figures on the next view', async () => {
    expect(figure(await view(), 'Ý kiến vận động')).toBe(0);
    const hidden = [];
    for (let i = 20; i < 25; i++) hidden.push((await comment(i, 'HIDDEN')).id);
    const before = await view();
    const group = await t.db.commentGroup.create({ data: { draftId: draft.id } });
    await t.db.comment.updateMany({ where: { id: { in: hidden } }, data: { similarGroupId: group.id } });
    const after = await view();
    expect(figure(before, 'Ý kiến vận động')).toBe(0);
    expect(figure(after, 'Ý kiến vận động')).toBe(5);
  });

  it('a signed-in officer gets the page rendered for them, and another ward’s page is not found', async () => {
    const officer = await t.loginAs('tuphap');
    const res = await officer.get(page());
    expect(res.status).toBe(200);
    expect(visibleText(res.text)).toContain('Đăng xuất');
    expect(visibleText(await view())).not.toContain('Đăng xuất');
    expect((await t.agent().get('/du-thao/khong-co-du-thao-nay/tiep-thu-giai-trinh')).status).toBe(404);
  });
});
