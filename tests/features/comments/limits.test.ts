import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMENT_LIMITS } from '../../../src/features/comments/comments.limits.js';
import { createTestApp, csrfToken, visibleText, type TestApp } from '../../helpers/test-app.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { groupId, makeDraft, newIp, postComment, validComment, type DraftFixture } from './fixtures.js';

/** Issue 8 item 4: limits that stop floods but let a meeting room of residents on one Wi-Fi comment. */
describe('comment and login rate limits, counted in the database', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draft = await makeDraft(t);
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const commentCount = () => t.db.comment.count({ where: { draftId: draft.id } });

  it('sixty residents on one address all comment; the sixty-first is refused (429) with what was typed kept', async () => {
    const hall = newIp();
    for (let i = 0; i < COMMENT_LIMITS.perAddress.limit; i++) {
      const res = await postComment(t.agent(), draft.id, validComment(group, { body: `Ý kiến của cư dân thứ ${i + 1} trong hội trường.` }), hall);
      expect(res.status, `resident ${i + 1}`).toBe(303);
    }
    const before = await commentCount();
    const res = await postComment(t.agent(), draft.id, validComment(group, { body: 'Ý kiến thứ sáu mươi mốt, xin giữ lại.' }), hall);
    expect(res.status).toBe(429);
    expect(visibleText(res.text)).toContain('Bạn đã gửi nhiều góp ý trong thời gian ngắn. Vui lòng thử lại sau');
    expect(res.text).toContain('Ý kiến thứ sáu mươi mốt, xin giữ lại.');
    expect(await commentCount()).toBe(before);
    // Another address is not affected, and after the window the hall may comment again.
    expect((await postComment(t.agent(), draft.id, validComment(group, { body: 'Từ địa chỉ khác.' }))).status).toBe(303);
    t.clock.set(new Date(t.clock.now().getTime() + COMMENT_LIMITS.perAddress.windowMs));
    expect((await postComment(t.agent(), draft.id, validComment(group, { body: 'Sau mười phút.' }), hall)).status).toBe(303);
  });

  it('one browser is held to ten comments in ten minutes, whatever address it comes from', async () => {
    const phone = t.agent();
    for (let i = 0; i < COMMENT_LIMITS.perBrowser.limit; i++) {
      expect((await postComment(phone, draft.id, validComment(group, { body: `Điện thoại, ý kiến ${i + 1}.` }))).status).toBe(303);
    }
    const res = await postComment(phone, draft.id, validComment(group, { body: 'Điện thoại, ý kiến thêm.' }));
    expect(res.status).toBe(429);
    expect(res.text).toContain('Điện thoại, ý kiến thêm.');
  });

  it('refuses the same text sent again on the same draft (however it is spaced or cased), and keeps it on the form', async () => {
    const agent = t.agent();
    const ip = newIp();
    expect((await postComment(agent, draft.id, validComment(group, { body: 'Đề nghị lắp thêm đèn đường ở tổ 3.' }), ip)).status).toBe(303);
    const before = await commentCount();
    const again = await postComment(agent, draft.id, validComment(group, { body: '  đề nghị lắp thêm  đèn đường ở tổ 3. ' }), ip);
    expect(again.status).toBe(429);
    expect(visibleText(again.text)).toContain('Góp ý có nội dung giống hệt đã được gửi cho dự thảo này');
    expect(again.text).toContain('đề nghị lắp thêm  đèn đường ở tổ 3.');
    expect(await commentCount()).toBe(before);
    // A different text from the same phone is fine.
    expect((await postComment(agent, draft.id, validComment(group, { body: 'Và sửa vỉa hè.' }), ip)).status).toBe(303);
  });

  it('keeps the honeypot: a filled hidden field is refused and not counted as a comment', async () => {
    const before = await commentCount();
    expect((await postComment(t.agent(), draft.id, validComment(group, { website: 'http://spam.example', body: 'Quảng cáo.' }))).status).toBe(400);
    expect(await commentCount()).toBe(before);
  });

  it('stores only hashes of addresses, browsers and texts in the counters', async () => {
    const rows = await t.db.rateLimitCounter.findMany();
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.key).toMatch(/^[a-z-]+:[A-Za-z0-9_-]{32}:\d+$/);
  });

  it('receipt look-ups: codes that exist are never counted; sixty misses from one address, then 429 on the form with the code kept', async () => {
    const ip = newIp();
    const good = await postComment(t.agent(), draft.id, validComment(group, { body: 'Để tra cứu.' }));
    const code = /\/gop-y\/ma\/(.+)$/.exec(good.headers.location)![1];
    for (let i = 0; i < 70; i++) expect((await t.agent().get(`/gop-y/ma/${code}`).set('X-Forwarded-For', ip)).status).toBe(200);
    for (let i = 0; i < COMMENT_LIMITS.failedLookupsPerAddress.limit; i++) {
      expect(
        (
          await t
            .agent()
            .get(`/gop-y/tra-cuu?ma=GY-AAAA-${String(1000 + i)}`)
            .set('X-Forwarded-For', ip)
        ).status,
      ).toBe(404);
    }
    const res = await t.agent().get('/gop-y/tra-cuu?ma=GY-BBBB-CCCC').set('X-Forwarded-For', ip);
    expect(res.status).toBe(429);
    expect(res.text).toContain('value="GY-BBBB-CCCC"');
    expect(visibleText(res.text)).toContain('Bạn đã tra cứu sai mã quá nhiều lần');
    // The receipt page itself (its count read in the ward's own statement): blocked for that address, at the
    // root and under the ward's prefix; another address still sees it.
    for (const path of [`/gop-y/ma/${code}`, `/phuong/truong-quang-trong/gop-y/ma/${code}`]) {
      const blocked = await t.agent().get(path).set('X-Forwarded-For', ip);
      expect(blocked.status, path).toBe(429);
      expect(visibleText(blocked.text), path).toContain('Bạn đã tra cứu sai mã quá nhiều lần');
      expect((await t.agent().get(path).set('X-Forwarded-For', newIp())).status, path).toBe(200);
    }
  });

  it('the login limiter keys on the normalised username: spaces around it or its case do not reset it', async () => {
    const spellings = ['vanhoa', ' vanhoa ', 'VanHoa', 'VANHOA  ', '\tvanhoa'];
    for (let i = 0; i < 10; i++) {
      const agent = t.agent();
      const token = await csrfToken(agent, '/dang-nhap');
      const res = await agent
        .post('/dang-nhap')
        .set('X-Forwarded-For', newIp())
        .type('form')
        .send({ _csrf: token, username: spellings[i % spellings.length], password: `sai-${i}` });
      expect(res.status).toBe(400);
    }
    const agent = t.agent();
    const token = await csrfToken(agent, '/dang-nhap');
    const res = await agent
      .post('/dang-nhap')
      .set('X-Forwarded-For', newIp())
      .type('form')
      .send({ _csrf: token, username: '  VANHOA ', password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(visibleText(res.text)).toContain('Đã đăng nhập sai quá nhiều lần');
    expect(res.text).toContain('value="  VANHOA "');
    // Another officer on the same address is not locked out.
    const other = t.agent();
    const otherToken = await csrfToken(other, '/dang-nhap');
    expect((await other.post('/dang-nhap').type('form').send({ _csrf: otherToken, username: 'vanphong', password: DEMO_PASSWORD })).status).toBe(303);
  });
});
