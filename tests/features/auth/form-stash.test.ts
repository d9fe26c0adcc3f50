import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { createTestApp, csrfFrom, type TestApp, visibleText } from '../../helpers/test-app.js';

const LONG = 'UBND phường tiếp thu ý kiến: sẽ bổ sung quy định hỗ trợ hộ nghèo, hộ cận nghèo\nvà công khai mức thu tại nhà văn hóa từng tổ dân phố.';

describe('a long answer typed in an expired session is kept', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** Signs in, opens the moderation queue of a draft with an unanswered published comment, then lets the session expire. */
  async function expiredForm() {
    const comment = await t.db.comment.findFirstOrThrow({ where: { status: 'PUBLISHED', answerId: null } });
    const a = await t.loginAs('tuphap');
    const queue = `/can-bo/du-thao/${comment.draftId}/y-kien`;
    const token = csrfFrom((await a.get(queue)).text);
    await t.db.session.deleteMany();
    const res = await a
      .post(`/can-bo/du-thao/${comment.draftId}/tra-loi`)
      .type('form')
      .send({ _csrf: token, commentIds: [comment.id], outcome: 'ACCEPTED', explanation: LONG });
    return { a, comment, res };
  }

  it('shows the login page instead of an error, then the typed text to send after logging in', async () => {
    const { a, comment, res } = await expiredForm();
    expect(res.status).toBe(401);
    expect(visibleText(res.text)).toContain('Phiên làm việc đã hết hạn nên nội dung chưa được gửi.');
    const stash = /name="stash" value="([^"]+)"/.exec(res.text)![1];
    // A wrong password keeps the stash on the form.
    const wrong = await a
      .post('/dang-nhap')
      .type('form')
      .send({ _csrf: csrfFrom(res.text), username: 'tuphap', password: 'sai', next: '/can-bo', stash });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`name="stash" value="${stash}"`);
    const login = await a
      .post('/dang-nhap')
      .type('form')
      .send({ _csrf: csrfFrom(wrong.text), username: 'tuphap', password: DEMO_PASSWORD, next: '/can-bo', stash });
    expect(login.headers.location).toBe('/can-bo/khoi-phuc');
    const restore = await a.get('/can-bo/khoi-phuc');
    expect(restore.status).toBe(200);
    expect(restore.text).toContain(`action="/can-bo/du-thao/${comment.draftId}/tra-loi"`);
    expect(restore.text).toContain('UBND phường tiếp thu ý kiến: sẽ bổ sung quy định hỗ trợ hộ nghèo, hộ cận nghèo\nvà công khai');
    expect(await t.db.comment.count({ where: { id: comment.id, answerId: { not: null } } })).toBe(0);
    // Nothing is sent until the officer presses "Gửi lại".
    const form = Object.fromEntries([...restore.text.matchAll(/name="([^"]+)"(?: type="hidden")? value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    const sent = await a
      .post(`/can-bo/du-thao/${comment.draftId}/tra-loi`)
      .type('form')
      .send({ ...form, _csrf: csrfFrom(restore.text), commentIds: [comment.id], explanation: LONG });
    expect(sent.status).toBe(303);
    const answered = await t.db.comment.findUniqueOrThrow({ where: { id: comment.id }, include: { answer: true } });
    expect(answered.answer?.explanation).toBe(LONG);
    // Shown once.
    expect((await a.get('/can-bo/khoi-phuc')).headers.location).toBe('/can-bo');
  });

  it('refuses a tampered or expired stash', async () => {
    const { a, res } = await expiredForm();
    const stash = /name="stash" value="([^"]+)"/.exec(res.text)![1];
    const [data, sig] = stash.split('.');
    const forged = `${Buffer.from(Buffer.from(data, 'base64url').toString().replace('hộ nghèo', 'ai đó')).toString('base64url')}.${sig}`;
    const login = await a
      .post('/dang-nhap')
      .type('form')
      .send({ _csrf: csrfFrom(res.text), username: 'tuphap', password: DEMO_PASSWORD, next: '/can-bo', stash: forged });
    expect(login.headers.location).toBe('/can-bo');
    const b = await expiredForm();
    t.clock.set(new Date(t.clock.now().getTime() + 31 * 60_000));
    const late = await b.a
      .post('/dang-nhap')
      .type('form')
      .send({
        _csrf: csrfFrom(b.res.text),
        username: 'tuphap',
        password: DEMO_PASSWORD,
        next: '/can-bo',
        stash: /name="stash" value="([^"]+)"/.exec(b.res.text)![1],
      });
    expect(late.headers.location).toBe('/can-bo');
  });
});
