/**
 * A comment's post uses the draft and its articles as kept since the last change (comments.service.ts,
 * draftRowsForComment: kept per the draft's "publicVersion", which database triggers move). Whatever
 * changes the draft, by whatever code, the very next post sees it: a new version's articles, a closed
 * period, a draft taken down.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, openCommentForm, postComment, sendCommentForm, validComment, type DraftFixture } from './fixtures.js';

describe('the next comment after the draft changes', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draft = await makeDraft(t);
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const stored = (body: string) => t.db.comment.findFirst({ where: { draftId: draft.id, body }, select: { versionId: true, sectionId: true } });

  it('lands on a new version published in between, and an article of the old one is refused', async () => {
    const first = 'Góp ý cho Điều 3 của bản dự thảo lần 1.';
    expect((await postComment(t.agent(), draft.id, validComment(group, { body: first, phan: draft.articles[2].id }))).status).toBe(303);
    expect(await stored(first)).toEqual({ versionId: draft.versionId, sectionId: draft.articles[2].id });

    const now = t.clock.now();
    const v2 = await t.db.draftVersion.create({
      data: {
        draftId: draft.id,
        number: 2,
        publishedAt: now,
        sections: { create: [{ sortOrder: 1, kind: 'ARTICLE', key: 'dieu-1', label: 'Điều 1', heading: 'Phạm vi điều chỉnh (sửa đổi)', body: 'Sửa đổi.' }] },
      },
      include: { sections: true },
    });
    const old = await postComment(t.agent(), draft.id, validComment(group, { body: 'Góp ý cho điều đã bỏ.', phan: draft.articles[2].id }));
    expect(old.status).toBe(400);
    expect(visibleText(old.text)).toContain('Điều được chọn không thuộc dự thảo này');

    const second = 'Góp ý cho Điều 1 của bản dự thảo lần 2.';
    expect((await postComment(t.agent(), draft.id, validComment(group, { body: second, phan: v2.sections[0].id }))).status).toBe(303);
    expect(await stored(second)).toEqual({ versionId: v2.id, sectionId: v2.sections[0].id });
  });

  it('is refused once the period is closed early, and 404s once the draft is taken down', async () => {
    // Forms opened while the period is open, sent after it changed (as a resident who typed slowly).
    const agent = t.agent();
    const ip = '198.51.100.201';
    const openForm = () => openCommentForm(agent, draft.id, ip);
    const send = (form: Record<string, string>, body: string) => sendCommentForm(agent, draft.id, form, validComment(group, { body }), ip);
    const [a, b] = [await openForm(), await openForm()];

    // As closing early does (drafts.service.ts).
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'CLOSED', closedEarlyAt: t.clock.now(), closedEarlyReason: 'Đã đủ ý kiến.' } });
    const late = await send(a, 'Góp ý sau khi kết thúc sớm.');
    expect(late.status).toBe(400);
    expect(visibleText(late.text)).toContain('Thời gian góp ý cho dự thảo này đã kết thúc');
    expect(await stored('Góp ý sau khi kết thúc sớm.')).toBeNull();

    await t.db.draft.update({ where: { id: draft.id }, data: { closedEarlyAt: null, closedEarlyReason: '', state: 'DRAFT' } });
    expect((await send(b, 'Góp ý khi dự thảo đã bị gỡ.')).status).toBe(404);
    expect(await stored('Góp ý khi dự thảo đã bị gỡ.')).toBeNull();
    expect((await agent.get(`/du-thao/${draft.id}/gop-y`)).status).toBe(404);
  });
});
