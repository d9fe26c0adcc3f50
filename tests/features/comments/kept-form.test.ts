/**
 * The comment form kept for anonymous visitors (src/features/comments/comments.kept-form.ts): rendered
 * once per change, answered with a fresh CSRF token and one-time id. What a resident must not notice:
 * the page is the ordinary one, its token is accepted, every change shows on the next view; an officer
 * (a session) or a message to show gets the ordinary render.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, newIp, validComment } from './fixtures.js';

const BROWSER = 'csrf=abcdefghijklmnopqrstuvwx';
const submissionIdIn = (html: string) => /name="submissionId" value="([^"]+)"/.exec(html)?.[1] ?? '';
const withoutId = (html: string) => html.replace(/name="submissionId" value="[^"]*"/, 'name="submissionId" value=""');

describe('the kept comment form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('is byte for byte the ordinary render but for its one-time id, with the same token for the same browser and no ETag', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo giữ biểu mẫu' });
    for (const path of [
      `/du-thao/${draft.id}/gop-y`,
      `/du-thao/${draft.id}/gop-y?phan=${draft.articles[1].id}`,
      `/phuong/truong-quang-trong/du-thao/${draft.id}/gop-y`,
    ]) {
      // A session cookie (an officer's browser, here with no session behind it) always gets the ordinary render.
      const session = path.startsWith('/phuong/') ? 'sid-truong-quang-trong' : 'sid';
      const ordinary = await t.agent().get(path).set('Cookie', `${BROWSER}; ${session}=not-a-session`);
      const first = await t.agent().get(path).set('Cookie', BROWSER);
      const kept = await t.agent().get(path).set('Cookie', BROWSER);
      expect(ordinary.status, path).toBe(200);
      expect(ordinary.headers.etag, path).toBeDefined();
      for (const res of [first, kept]) {
        expect(res.status, path).toBe(200);
        expect(withoutId(res.text), path).toBe(withoutId(ordinary.text));
        expect(csrfFrom(res.text), path).toBe(csrfFrom(ordinary.text));
        expect(submissionIdIn(res.text), path).toMatch(/^[A-Za-z0-9_-]{24}$/);
        for (const h of ['content-type', 'content-security-policy', 'x-frame-options', 'referrer-policy', 'cache-control'])
          expect(res.headers[h], `${path} ${h}`).toBe(ordinary.headers[h]);
        expect(res.headers.etag, path).toBeUndefined();
        expect(res.headers['set-cookie'], path).toBeUndefined();
      }
      expect(submissionIdIn(kept.text)).not.toBe(submissionIdIn(first.text));
    }
  });

  it('sets the CSRF cookie as the ordinary render does when the browser has none', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo cookie mới' });
    const path = `/du-thao/${draft.id}/gop-y`;
    await t.agent().get(path);
    const kept = await t.agent().get(path);
    const ordinary = await t.agent().get(path).set('Cookie', 'sid=not-a-session');
    const attributes = (res: typeof kept) =>
      (res.headers['set-cookie'] as unknown as string[]).map((c) => c.replace(/^csrf=[^;]+/, 'csrf=').replace(/Expires=[^;]+/, ''));
    expect(kept.headers.etag).toBeUndefined();
    expect(attributes(kept)).toEqual(attributes(ordinary));
    expect(attributes(kept)[0]).toMatch(/HttpOnly/);
  });

  it('gives each view its own id, and its token is accepted by the POST of that browser only', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo gửi từ biểu mẫu giữ sẵn' });
    const group = await groupId(t);
    const path = `/du-thao/${draft.id}/gop-y`;
    await t.agent().get(path); // kept from here on
    const resident = t.agent();
    const one = await resident.get(path);
    const two = await resident.get(path);
    expect(one.headers.etag).toBeUndefined();
    expect(submissionIdIn(one.text)).not.toBe(submissionIdIn(two.text));
    expect(csrfFrom(one.text)).toBe(csrfFrom(two.text)); // one browser, one cookie

    // Another browser cannot use this browser's token.
    const stranger = t.agent();
    await stranger.get(path);
    const forged = await stranger
      .post(path)
      .set('X-Forwarded-For', newIp())
      .type('form')
      .send({ _csrf: csrfFrom(one.text), submissionId: submissionIdIn(one.text), ...validComment(group) });
    expect(forged.status).toBe(403);

    const ip = newIp();
    const sent = await resident
      .post(path)
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ _csrf: csrfFrom(two.text), submissionId: submissionIdIn(two.text), ...validComment(group) });
    expect(sent.status).toBe(303);
    const code = /GY-[A-Z0-9]{4}-[A-Z0-9]{4}$/.exec(sent.headers.location)?.[0];
    const stored = await t.db.comment.findUniqueOrThrow({ where: { receiptCode: code } });
    expect(stored.submissionId).toBe(submissionIdIn(two.text));
    // The same form sent again is the same comment (its id was the form's own).
    const again = await resident
      .post(path)
      .set('X-Forwarded-For', ip)
      .type('form')
      .send({ _csrf: csrfFrom(two.text), submissionId: submissionIdIn(two.text), ...validComment(group) });
    expect(again.headers.location).toBe(sent.headers.location);
    expect(await t.db.comment.count({ where: { draftId: draft.id } })).toBe(1);
  });

  it('shows a new, renamed or closed residential group, an edited draft or article, and a closed draft on the next view', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo thay đổi' });
    const path = `/du-thao/${draft.id}/gop-y`;
    const view = async () => {
      const res = await t.agent().get(path);
      expect(res.status).toBe(200);
      return { text: visibleText(res.text), kept: res.headers.etag === undefined };
    };
    await view();
    expect((await view()).kept).toBe(true);

    const unit = await t.db.unit.create({ data: { wardId: t.wardId, name: 'Tổ dân phố Mới Lập', kind: 'RESIDENTIAL_GROUP', sortOrder: 99 } });
    expect((await view()).text).toContain('Tổ dân phố Mới Lập');
    await t.db.unit.update({ where: { id: unit.id }, data: { name: 'Tổ dân phố Đổi Tên' } });
    expect((await view()).text).toContain('Tổ dân phố Đổi Tên');
    await t.db.unit.update({ where: { id: unit.id }, data: { active: false } });
    expect((await view()).text).not.toContain('Tổ dân phố Đổi Tên');

    await t.db.draft.update({ where: { id: draft.id }, data: { title: 'Dự thảo đã sửa tên' } });
    expect((await view()).text).toContain('Dự thảo đã sửa tên');
    await t.db.draftSection.update({ where: { id: draft.articles[0].id }, data: { heading: 'Phạm vi đã sửa' } });
    expect((await view()).text).toContain('Điều 1. Phạm vi đã sửa');
    await t.db.draft.update({ where: { id: draft.id }, data: { publishImmediately: true } });
    expect((await view()).text).toContain('dự thảo này công khai ý kiến ngay khi gửi');

    // Closed early by the officer, then opened again.
    const open = await view();
    expect(open.text).not.toContain('Đã hết thời gian góp ý');
    const now = t.clock.now();
    await t.db.draft.update({
      where: { id: draft.id },
      data: { state: 'CLOSED', closedEarlyAt: new Date(now.getTime() - 1000), closedEarlyReason: 'Đã đủ ý kiến' },
    });
    expect((await view()).text).toContain('Đã hết thời gian góp ý cho dự thảo này');
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'PUBLISHED', closedEarlyAt: null, closedEarlyReason: '' } });
    expect((await view()).text).not.toContain('Đã hết thời gian góp ý');
    expect((await view()).kept).toBe(true);
    // Closing by time: the page kept while open is not served after the closing moment.
    const row = await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } });
    t.clock.set(new Date(row.closesAt.getTime() + 1));
    try {
      expect((await view()).text).toContain('Đã hết thời gian góp ý cho dự thảo này');
    } finally {
      t.clock.set(now);
    }
  });

  it('is never served for a flash message or a session, nor for another ward’s draft', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo không giữ' });
    const path = `/du-thao/${draft.id}/gop-y`;
    await t.agent().get(path);
    for (const cookie of ['flash=x', 'sid=x']) expect((await t.agent().get(path).set('Cookie', cookie)).headers.etag, cookie).toBeDefined();
    const other = await t.db.ward.findFirstOrThrow({ where: { slug: { not: 'truong-quang-trong' } } });
    const elsewhere = await makeDraft(t, { title: 'Dự thảo phường khác', wardId: other.id });
    for (let i = 0; i < 2; i++) expect((await t.agent().get(`/du-thao/${elsewhere.id}/gop-y`)).status).toBe(404);
  });

  it('takes a comment for a group opened since the last post and refuses one for a group closed since the form was shown', async () => {
    // The post checks the group against the ward's groups kept with the draft under the form's stamp, read at its start.
    const draft = await makeDraft(t, { title: 'Dự thảo tổ mới' });
    const path = `/du-thao/${draft.id}/gop-y`;
    const post = async (group: string) => {
      const resident = t.agent();
      const form = await resident.get(path);
      return resident
        .post(path)
        .set('X-Forwarded-For', newIp())
        .type('form')
        .send({ _csrf: csrfFrom(form.text), submissionId: submissionIdIn(form.text), ...validComment(group) });
    };
    expect((await post(await groupId(t))).status).toBe(303);
    const unit = await t.db.unit.create({ data: { wardId: t.wardId, name: 'Tổ dân phố Vừa Lập', kind: 'RESIDENTIAL_GROUP', sortOrder: 98 } });
    expect((await post(unit.id)).status).toBe(303);

    const resident = t.agent();
    const form = await resident.get(path);
    expect(form.text).toContain('Tổ dân phố Vừa Lập');
    await t.db.unit.update({ where: { id: unit.id }, data: { active: false } });
    const refused = await resident
      .post(path)
      .set('X-Forwarded-For', newIp())
      .type('form')
      .send({
        _csrf: csrfFrom(form.text),
        submissionId: submissionIdIn(form.text),
        ...validComment(unit.id, { body: 'Góp ý cho tổ đã đóng, không được lưu.' }),
      });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain('Tổ dân phố được chọn không có trong danh sách');
    expect(await t.db.comment.count({ where: { draftId: draft.id, residentialGroupId: unit.id } })).toBe(1);
  });
});
