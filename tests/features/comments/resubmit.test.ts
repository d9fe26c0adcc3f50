import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, newIp, validComment, type DraftFixture } from './fixtures.js';

/** Issue 9: back button after a successful comment, then "Gửi" again, must not make a second comment. */
describe('a comment form is taken once', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draft = await makeDraft(t);
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const count = () => t.db.comment.count({ where: { draftId: draft.id } });

  async function openForm(agent = t.agent()) {
    const page = await agent.get(`/du-thao/${draft.id}/gop-y`);
    return { agent, token: csrfFrom(page.text), submissionId: /name="submissionId" value="([^"]+)"/.exec(page.text)![1] };
  }

  it('each rendered form carries its own one-time id', async () => {
    const a = await openForm();
    const b = await openForm(a.agent);
    expect(a.submissionId).toMatch(/^[A-Za-z0-9_-]{24,}$/);
    expect(b.submissionId).not.toBe(a.submissionId);
  });

  it('sending the same form again (back button, then Gửi) shows the first receipt and stores nothing new', async () => {
    const { agent, token, submissionId } = await openForm();
    const fields = { _csrf: token, submissionId, ...validComment(group, { body: 'Gửi một lần thôi.' }) };
    const before = await count();
    const first = await agent.post(`/du-thao/${draft.id}/gop-y`).set('X-Forwarded-For', newIp()).type('form').send(fields);
    expect(first.status).toBe(303);
    // The resident edits nothing, or even the text, and presses "Gửi" on the old page.
    const second = await agent
      .post(`/du-thao/${draft.id}/gop-y`)
      .set('X-Forwarded-For', newIp())
      .type('form')
      .send({ ...fields, body: 'Gửi một lần thôi!' });
    expect(second.status).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await count()).toBe(before + 1);
    const receipt = await agent.get(second.headers.location);
    expect(visibleText(receipt.text)).toContain('Góp ý này đã được gửi trước đó');
    expect(visibleText(receipt.text)).toContain('Gửi một lần thôi.');
  });

  it('two copies of the same form sent at once still make one comment', async () => {
    const { agent, token, submissionId } = await openForm();
    const fields = { _csrf: token, submissionId, ...validComment(group, { body: 'Bấm hai lần liền.' }) };
    const before = await count();
    const [a, b] = await Promise.all([0, 1].map(() => agent.post(`/du-thao/${draft.id}/gop-y`).type('form').send(fields)));
    expect([a.status, b.status]).toEqual([303, 303]);
    expect(a.headers.location).toBe(b.headers.location);
    expect(await count()).toBe(before + 1);
  });

  it('a form corrected after an error keeps its id and is then taken once', async () => {
    const { agent, token, submissionId } = await openForm();
    const bad = await agent
      .post(`/du-thao/${draft.id}/gop-y`)
      .type('form')
      .send({ _csrf: token, submissionId, ...validComment(group, { body: '' }) });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain(`name="submissionId" value="${submissionId}"`);
    const before = await count();
    const ok = await agent
      .post(`/du-thao/${draft.id}/gop-y`)
      .type('form')
      .send({ _csrf: token, submissionId, ...validComment(group, { body: 'Đã sửa lỗi.' }) });
    expect(ok.status).toBe(303);
    expect(await count()).toBe(before + 1);
  });
});
