import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN_REASON_LABELS, HIDDEN_REASONS } from '../../../src/domain/enums.js';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment } from './fixtures.js';

describe('the receipt says what happened to the comment', () => {
  let t: TestApp;
  let draftId: string;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draftId = (await makeDraft(t, { title: 'Dự thảo kiểm tra giấy biên nhận' })).id;
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const newComment = async (body: string) => {
    const res = await postComment(t.agent(), draftId, validComment(group, { body }));
    expect(res.status).toBe(303);
    return res.headers.location as string;
  };

  it('a pending comment awaits review', async () => {
    const receipt = visibleText((await t.agent().get(await newComment('Góp ý chờ kiểm duyệt'))).text);
    expect(receipt).toContain('Chờ kiểm duyệt – góp ý đang chờ cán bộ kiểm duyệt và chỉ được công khai sau khi kiểm duyệt.');
    expect(receipt).not.toContain('không được công khai');
  });

  it.each(HIDDEN_REASONS)('a comment hidden as %s says it was not published, why, and promises no answer', async (reason) => {
    const link = await newComment(`Góp ý bị ẩn (${reason})`);
    const c = await t.db.comment.findUniqueOrThrow({ where: { receiptCode: link.split('/').pop()! } });
    const officer = await t.loginAs('tuphap');
    const hidden = await submitForm(officer, `/can-bo/du-thao/${draftId}/y-kien`, `/can-bo/du-thao/${draftId}/y-kien/${c.id}/an`, {
      reason,
      note: 'Ghi chú nội bộ không công khai',
    });
    expect(hidden.status).toBeLessThan(400);
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('HIDDEN');

    const receipt = visibleText((await t.agent().get(link)).text);
    expect(receipt).toContain(`Góp ý này không được công khai vì lý do: ${HIDDEN_REASON_LABELS[reason]}`);
    expect(receipt).toContain('không có trả lời');
    expect(receipt).not.toContain('Chưa có trả lời');
    expect(receipt).not.toContain('Trả lời được công bố');
    expect(receipt).not.toContain('Ghi chú nội bộ');
  });
});
