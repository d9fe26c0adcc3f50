/**
 * A NUL character typed or sent anywhere: PostgreSQL cannot store it, so before
 * this was handled a comment with one, or an address with %00, answered 500 there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment } from '../comments/fixtures.js';

describe('a NUL character in what is sent', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('in a comment’s fields: the comment is taken and stored without it', async () => {
    const draft = await makeDraft(t);
    const res = await postComment(
      t.agent(),
      draft.id,
      validComment(await groupId(t), { authorName: 'Nguyễn\u0000 Văn Nam', body: 'Đề nghị\u0000 giữ nguyên mức thu phí.' }),
    );
    expect(res.status).toBe(303);
    const saved = await t.db.comment.findFirstOrThrow({ where: { draftId: draft.id } });
    expect(saved.authorName).toBe('Nguyễn Văn Nam');
    expect(saved.body).toBe('Đề nghị giữ nguyên mức thu phí.');
  });

  it('in the address (a route parameter or a query value): a Vietnamese 400, never 500', async () => {
    for (const url of ['/du-thao/abc%00def', '/du-thao?q=ph%00i', '/gop-y/ma/GY-AB%00C-2222', '/ke-hoach/x%00']) {
      const res = await t.agent().get(url);
      expect(res.status, url).toBe(400);
      expect(visibleText(res.text), url).toContain('Địa chỉ trang không hợp lệ.');
    }
  });
});
