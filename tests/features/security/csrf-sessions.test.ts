import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, csrfToken, login, multipartAction, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { groupId, makeDraft, postComment, validComment, type DraftFixture } from '../comments/fixtures.js';

/** Issue 8 items 1 and 3: CSRF for every encoding with a token that needs no session; sessions only at login. */
describe('CSRF without stored sessions', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draft = await makeDraft(t);
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const rowCounts = async () => ({
    sessions: await t.db.session.count(),
    counters: await t.db.rateLimitCounter.count(),
    audit: await t.db.auditLog.count(),
    comments: await t.db.comment.count(),
  });

  it('300 anonymous GETs of pages, feeds, the sitemap and a receipt write nothing to the database', async () => {
    const comment = await postComment(t.agent(), draft.id, validComment(group, { body: 'Góp ý để tra cứu mã.' }));
    const code = /\/gop-y\/ma\/(.+)$/.exec(comment.headers.location)![1];
    const paths = [
      '/',
      '/du-thao',
      `/du-thao/${draft.id}`,
      `/du-thao/${draft.id}/gop-y`,
      '/du-thao/feed.rss',
      '/du-thao/feed.atom',
      '/sitemap.xml',
      '/ke-hoach',
      '/gop-y/tra-cuu',
      `/gop-y/ma/${code}`,
      '/dang-nhap',
      '/quyen-rieng-tu',
    ];
    const before = await rowCounts();
    const browser = t.agent();
    for (let i = 0; i < 300; i++) {
      const path = paths[i % paths.length];
      // Half like a crawler (no cookies at all), half like a browser keeping its cookies.
      const res = i % 2 === 0 ? await request(t.app).get(path) : await browser.get(path);
      expect(res.status, path).toBe(200);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('feeds, the sitemap and pages without a form set no cookie; a form page sets only the HttpOnly, SameSite=Lax CSRF cookie', async () => {
    for (const path of ['/du-thao/feed.rss', '/sitemap.xml', '/du-thao', `/du-thao/${draft.id}`, '/'])
      expect((await request(t.app).get(path)).headers['set-cookie'], path).toBeUndefined();
    const cookies = (await request(t.app).get(`/du-thao/${draft.id}/gop-y`)).headers['set-cookie'] as unknown as string[];
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(/^csrf=[A-Za-z0-9_-]{32}; Max-Age=\d+; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Lax$/);
  });

  it('an anonymous comment is taken with the signed token, creates no session, and the receipt thanks the resident once', async () => {
    const before = await t.db.session.count();
    const agent = t.agent();
    const res = await postComment(agent, draft.id, validComment(group, { body: 'Góp ý không cần phiên đăng nhập.' }));
    expect(res.status).toBe(303);
    const receipt = await agent.get(res.headers.location);
    expect(visibleText(receipt.text)).toContain('Cảm ơn bạn đã góp ý. Mã tiếp nhận của bạn là');
    expect(visibleText((await agent.get(res.headers.location)).text)).not.toContain('Cảm ơn bạn đã góp ý.');
    expect(await t.db.session.count()).toBe(before);
  });

  it('no public form posted without the session cookie opens a session: no sid cookie, no Session row, at the root or under the prefix', async () => {
    const before = await t.db.session.count();
    // A session cookie given a value (a logout may clear one: that opens nothing).
    const sessionCookies = (res: { headers: Record<string, unknown> }) =>
      ((res.headers['set-cookie'] as string[] | undefined) ?? []).filter((c) => /^sid(-[^=]*)?=[^;]/.test(c));
    const resident = t.agent();
    const comment = await postComment(resident, draft.id, validComment(group, { body: 'Góp ý rồi rút lại sự đồng ý.' }));
    const receipt = await resident.get(comment.headers.location);
    const prefix = '/phuong/truong-quang-trong';
    const posted = [
      ['comment', 303, comment],
      [
        'consent withdrawn on the receipt',
        303,
        await resident
          .post(`${comment.headers.location}/rut-dong-y`)
          .type('form')
          .send({ _csrf: csrfFrom(receipt.text) }),
      ],
      [
        'subscription',
        303,
        await submitForm(resident, '/nhan-tin', '/nhan-tin', { kind: 'NEW_DRAFTS', field: '', email: 'khong-phien@example.vn', consent: '1' }),
      ],
      ['subscription refused, kept typed', 400, await submitForm(resident, '/nhan-tin', '/nhan-tin', { kind: 'NEW_DRAFTS', field: '', email: 'sai@' })],
      [
        'subscription under the prefix',
        303,
        await submitForm(resident, `${prefix}/nhan-tin`, `${prefix}/nhan-tin`, { kind: 'NEW_DRAFTS', field: '', email: 'tien-to@example.vn', consent: '1' }),
      ],
      ['a form without its token', 403, await request(t.app).post('/nhan-tin').type('form').send({ email: 'x@example.vn' })],
      ['a logout with nobody signed in', 303, await submitForm(resident, '/dang-nhap', '/dang-xuat', {})],
    ] as const;
    for (const [what, status, res] of posted) {
      expect(res.status, what).toBe(status);
      expect(sessionCookies(res), what).toEqual([]);
    }
    expect(visibleText((await resident.get(comment.headers.location)).text)).toContain('Bạn đã rút lại sự đồng ý');
    expect(await t.db.session.count()).toBe(before);
  });

  it('refuses, with 403 and nothing saved, a missing token, another browser’s token, and a forged flash cookie is ignored', async () => {
    const before = await rowCounts();
    const mine = t.agent();
    const other = t.agent();
    const theirs = await csrfToken(other, `/du-thao/${draft.id}/gop-y`);
    await mine.get(`/du-thao/${draft.id}/gop-y`);
    const url = `/du-thao/${draft.id}/gop-y`;
    const attempts = [
      mine.post(url).type('form').send(validComment(group)),
      mine
        .post(url)
        .type('form')
        .send({ _csrf: theirs, ...validComment(group) }),
      mine.post(url).set('X-CSRF-Token', theirs).type('json').send(validComment(group)),
      mine.post(url).set('Content-Type', 'text/plain').send(`_csrf=${theirs}`),
      mine.post(multipartAction(url, theirs)).field('body', 'x'),
      mine.post(url).field('_csrf', theirs).field('body', 'x'),
      request(t.app)
        .post(url)
        .type('form')
        .send({ _csrf: theirs, ...validComment(group) }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(visibleText(res.text)).toContain('Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ');
    }
    expect(await rowCounts()).toEqual(before);
    const forged = await t
      .agent()
      .get('/')
      .set('Cookie', `flash=${Buffer.from('[{"kind":"success","text":"Giả mạo"}]').toString('base64url')}.sai`);
    expect(visibleText(forged.text)).not.toContain('Giả mạo');
  });

  it('a JSON or empty body with a valid header token reaches the form as empty input: 400, never 500', async () => {
    const agent = t.agent();
    const token = await csrfToken(agent, `/du-thao/${draft.id}/gop-y`);
    const json = await agent.post(`/du-thao/${draft.id}/gop-y`).set('X-CSRF-Token', token).type('json').send({ body: 'x' });
    expect(json.status).toBe(400);
    expect(visibleText(json.text)).toContain('Vui lòng nhập nội dung góp ý.');
    const multipart = await agent.post(multipartAction(`/du-thao/${draft.id}/gop-y`, token)).field('body', 'x');
    expect(multipart.status).toBe(400);
  });

  it('a form re-rendered after a refused submission carries a token that works, urlencoded and multipart', async () => {
    const resident = t.agent();
    const bad = await postComment(resident, draft.id, validComment(group, { body: '' }));
    expect(bad.status).toBe(400);
    const retry = await resident
      .post(`/du-thao/${draft.id}/gop-y`)
      .type('form')
      .send({ _csrf: csrfFrom(bad.text), ...validComment(group, { body: 'Gửi lại sau khi sửa.' }) });
    expect(retry.status).toBe(303);

    const officer = await t.loginAs('tuphap');
    const page = `/can-bo/du-thao/${draft.id}/tep`;
    const token = await csrfToken(officer, page);
    const none = await officer.post(multipartAction(page, token)).field('kind', 'OTHER');
    expect(none.status).toBe(400);
    const action = new RegExp(`action="${page}\\?_csrf=([^"]+)"`).exec(none.text)![1];
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upload = await officer.post(`${page}?_csrf=${action}`).field('kind', 'OTHER').attach('files', pdf, 'to-trinh.pdf');
    expect(upload.status).toBe(303);
    expect(await t.db.storedFile.count({ where: { draftId: draft.id } })).toBe(1);
  });

  it('a session exists only after login, with a new id (no fixation), and logout destroys it', async () => {
    const agent = t.agent();
    const planted = 's%3Aplanted-by-attacker.AAAA';
    await agent.get('/dang-nhap').set('Cookie', `sid=${planted}`);
    const token = await csrfToken(agent, '/dang-nhap');
    const before = await t.db.session.count();
    const res = await agent.post('/dang-nhap').set('Cookie', `sid=${planted}`).type('form').send({ _csrf: token, username: 'tuphap', password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!;
    expect(sid).not.toContain('planted');
    expect(await t.db.session.count()).toBe(before + 1);
    const officerToken = await csrfToken(agent, '/can-bo');
    await agent.post('/dang-xuat').type('form').send({ _csrf: officerToken });
    expect(await t.db.session.count()).toBe(before);
  });

  it('an officer’s token is bound to the session: after logout and a new login the old token is refused', async () => {
    const agent = await t.loginAs('tuphap');
    const old = await csrfToken(agent, '/can-bo');
    await agent.post('/dang-xuat').type('form').send({ _csrf: old });
    await login(agent, 'tuphap', DEMO_PASSWORD);
    const res = await agent.post('/dang-xuat').type('form').send({ _csrf: old });
    expect(res.status).toBe(403);
    expect((await agent.get('/can-bo')).status).toBe(200);
    // The anonymous token of the same browser is refused as well once signed in.
    const anonymous = csrfFrom((await t.agent().get('/dang-nhap')).text);
    expect((await agent.post('/dang-xuat').type('form').send({ _csrf: anonymous })).status).toBe(403);
  });
});
