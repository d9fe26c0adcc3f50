/**
 * The public draft page is kept in memory after an anonymous view (issue 10). These tests view
 * it, change what it shows through the officers' routes (or straight in the database, as any
 * other code would), and check the very next view shows the change; and that a view writes
 * nothing to the database and sets no cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment } from '../comments/fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

describe('the kept draft page shows every change on the next view', () => {
  let t: TestApp;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const view = async (path: string) => {
    const res = await t.agent().get(path);
    expect(res.status).toBe(200);
    return res;
  };
  const idOf = async (code: string) => (await t.db.comment.findUniqueOrThrow({ where: { receiptCode: code } })).id;

  it('a comment published by an officer, then hidden, shows and goes on the next anonymous view', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo kiểm tra trang lưu sẵn' });
    const page = `/du-thao/${draft.id}`;
    for (let i = 0; i < 3; i++) expect(visibleText((await view(page)).text)).toContain('Ý kiến góp ý đã công khai (0)');

    const res = await postComment(t.agent(), draft.id, validComment(group, { body: 'Đề nghị thu phí theo số người trong hộ.', phan: draft.articles[0].id }));
    const code = res.headers.location.split('/').pop()!;
    // A pending comment is not shown, and its arrival does not make the kept page stale.
    const before = await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } });
    expect(visibleText((await view(page)).text)).not.toContain('Đề nghị thu phí theo số người trong hộ.');
    expect((await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } })).publicVersion).toBe(before.publicVersion);

    const officer = await t.loginAs('tuphap');
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    expect((await submitForm(officer, queue, `${queue}/${await idOf(code)}/cong-khai`, {})).status).toBe(303);
    let text = visibleText((await view(page)).text);
    expect(text).toContain('Đề nghị thu phí theo số người trong hộ.');
    expect(text).toContain('Ý kiến góp ý đã công khai (1)');
    expect(text).toContain('1 ý kiến về Điều 1');
    // The per-article list and the comment's other pages are kept apart and follow too.
    expect(visibleText((await view(`${page}?dieu=${draft.articles[0].key}`)).text)).toContain('Đề nghị thu phí theo số người trong hộ.');

    expect((await submitForm(officer, queue, `${queue}/${await idOf(code)}/an`, { reason: 'OFF_TOPIC', note: '' })).status).toBe(303);
    text = visibleText((await view(page)).text);
    expect(text).not.toContain('Đề nghị thu phí theo số người trong hộ.');
    expect(text).toContain('Ý kiến góp ý đã công khai (0)');
    expect(visibleText((await view(`${page}?dieu=${draft.articles[0].key}`)).text)).not.toContain('Đề nghị thu phí theo số người trong hộ.');
  });

  it('an answer published with the summary shows on the next view, and so does an answer changed afterwards', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo có trả lời', publishImmediately: true });
    const page = `/du-thao/${draft.id}`;
    await postComment(t.agent(), draft.id, validComment(group, { body: 'Đề nghị giảm phí cho hộ nghèo.' }));
    expect(visibleText((await view(page)).text)).toContain('Đề nghị giảm phí cho hộ nghèo.');
    // Closed by the clock: the kept page of the open draft is not served past its closing moment.
    t.clock.set(new Date(t.clock.now().getTime() + 16 * DAY));
    const closed = visibleText((await view(page)).text);
    expect(closed).toContain('Đã hết thời gian góp ý');
    expect(closed).not.toContain('Góp ý toàn bộ dự thảo');

    const officer = await t.loginAs('tuphap');
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    const comment = await t.db.comment.findFirstOrThrow({ where: { draftId: draft.id } });
    expect(
      (
        await submitForm(officer, queue, `/can-bo/du-thao/${draft.id}/tra-loi`, {
          commentIds: [comment.id],
          outcome: 'ACCEPTED',
          explanation: 'Đã bổ sung mức giảm 50 %.',
        })
      ).status,
    ).toBe(303);
    // Answers are public only once the summary is published.
    expect(visibleText((await view(page)).text)).not.toContain('Đã bổ sung mức giảm 50 %.');
    expect((await submitForm(officer, queue, `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: '' })).status).toBe(303);
    expect(visibleText((await view(page)).text)).toContain('Đã bổ sung mức giảm 50 %.');

    // Changed by any code path (here straight in the database): the trigger moves the stamp.
    await t.db.commentAnswer.updateMany({ where: { draftId: draft.id }, data: { explanation: 'Đã bổ sung mức giảm 70 %.' } });
    expect(visibleText((await view(page)).text)).toContain('Đã bổ sung mức giảm 70 %.');
  });

  it('a title edited, an article text changed or a residential group renamed shows on the next view', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo trước khi sửa', publishImmediately: true });
    const page = `/du-thao/${draft.id}`;
    await postComment(t.agent(), draft.id, validComment(group, { body: 'Ý kiến của tổ dân phố.' }));
    expect(visibleText((await view(page)).text)).toContain('Dự thảo trước khi sửa');
    await t.db.draft.update({ where: { id: draft.id }, data: { title: 'Dự thảo sau khi sửa' } });
    expect(visibleText((await view(page)).text)).toContain('Dự thảo sau khi sửa');

    await t.db.draftSection.update({ where: { id: draft.articles[2].id }, data: { body: 'Mức thu 15.000 đồng/hộ/tháng.' } });
    expect(visibleText((await view(page)).text)).toContain('Mức thu 15.000 đồng/hộ/tháng.');

    const unit = await t.db.unit.findUniqueOrThrow({ where: { id: group } });
    await t.db.unit.update({ where: { id: group }, data: { name: 'Tổ dân phố Ba' } });
    try {
      expect(visibleText((await view(page)).text)).toContain('Tổ dân phố Ba');
    } finally {
      await t.db.unit.update({ where: { id: group }, data: { name: unit.name } });
    }
  });

  it('an anonymous view writes nothing and sets no cookie; an officer is never served the kept page', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo xem ẩn danh', opensInDays: -1 });
    const page = `/du-thao/${draft.id}`;
    await view(page);
    const sessions = await t.db.session.count();
    const version = (await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } })).publicVersion;
    for (let i = 0; i < 3; i++) expect((await view(page)).headers['set-cookie']).toBeUndefined();
    expect(await t.db.session.count()).toBe(sessions);
    expect((await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } })).publicVersion).toBe(version);

    const officer = await t.loginAs('tuphap');
    const asOfficer = visibleText((await officer.get(page)).text);
    expect(asOfficer).toContain('Đăng xuất (Nguyễn Văn Thanh)');
    // …and what the officer saw was not kept for residents.
    const anonymous = visibleText((await view(page)).text);
    expect(anonymous).not.toContain('Đăng xuất');
    expect(anonymous).toContain('Cán bộ đăng nhập');
  });
  it('the draft list, the home page and the feeds show a newly published draft, a new count and the opening day on the next view', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo chờ đăng tải', state: 'DRAFT', opensInDays: 2, closesInDays: 30 });
    const pages = ['/du-thao', '/', '/du-thao/feed.rss', '/du-thao/feed.atom'];
    for (const p of pages) for (let i = 0; i < 2; i++) expect((await view(p)).text).not.toContain('Dự thảo chờ đăng tải');
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'PUBLISHED' } });
    // Upcoming: listed (not in the feeds, which list opened drafts only).
    expect(visibleText((await view('/du-thao')).text)).toMatch(/Sắp lấy ý kiến \(\d+\)[\s\S]*Dự thảo chờ đăng tải/);
    expect((await view('/')).text).toContain('Dự thảo chờ đăng tải');
    expect((await view('/du-thao/feed.rss')).text).not.toContain('Dự thảo chờ đăng tải');
    // Three days later it has opened by the clock alone: the kept pages are not served past that moment.
    t.clock.set(new Date(t.clock.now().getTime() + 3 * DAY));
    expect((await view('/du-thao/feed.rss')).text).toContain('Dự thảo chờ đăng tải');
    const list = visibleText((await view('/du-thao')).text);
    expect(list.indexOf('Dự thảo chờ đăng tải')).toBeLessThan(list.indexOf('Sắp lấy ý kiến'));

    await postComment(t.agent(), draft.id, validComment(group, { body: 'Một ý kiến được đếm trên danh sách.' }));
    expect(visibleText((await view('/du-thao')).text)).toMatch(/Dự thảo chờ đăng tải[\s\S]{0,600}?0 ý kiến đã công khai/);
    const officer = await t.loginAs('tuphap');
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    const id = (await t.db.comment.findFirstOrThrow({ where: { draftId: draft.id } })).id;
    expect((await submitForm(officer, queue, `${queue}/${id}/cong-khai`, {})).status).toBe(303);
    expect(visibleText((await view('/du-thao')).text)).toMatch(/Dự thảo chờ đăng tải[\s\S]{0,600}?1 ý kiến đã công khai/);
    expect(await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } })).toMatchObject({ commentsPublished: 1 });
  });
});
