import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

/** The hidden stamp a form carries of the record it was opened on. */
function seenIn(html: string, action: string): string {
  const form = html.slice(html.indexOf(`action="${action}"`));
  return /name="seen" value="([^"]*)"/.exec(form)![1];
}

describe('two tabs: a decision made in one is not silently overridden from the other', () => {
  let t: TestApp;
  let draft: DraftFixture;
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t);
  });
  afterAll(() => t.close());

  const queue = () => `/can-bo/du-thao/${draft.id}/y-kien`;

  it('refuses to publish a comment hidden in the other tab since the page was opened, and says who hid it', async () => {
    const c = await t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        receiptCode: 'GY-TABS-0001',
        respondentType: 'INDIVIDUAL',
        body: 'Ý kiến có số điện thoại 0905 123 456',
      },
    });
    const officer = await t.loginAs('tuphap');
    const tabA = await officer.get(queue());
    const tabB = await officer.get(queue());
    const publishPath = `${queue()}/${c.id}/cong-khai`;
    const hidePath = `${queue()}/${c.id}/an`;

    const hidden = await officer
      .post(hidePath)
      .type('form')
      .send({ _csrf: csrfFrom(tabA.text), reason: 'PERSONAL_DATA', note: '', seen: seenIn(tabA.text, hidePath) });
    expect(hidden.status).toBe(303);

    const late = await officer
      .post(publishPath)
      .type('form')
      .send({ _csrf: csrfFrom(tabB.text), seen: seenIn(tabB.text, publishPath) });
    expect(late.status).toBe(409);
    const text = visibleText(late.text);
    expect(text).toContain('Ý kiến này đã được thay đổi bởi Nguyễn Văn Thanh lúc');
    expect(text).toContain('Thao tác của bạn chưa được lưu');
    const saved = await t.db.comment.findUniqueOrThrow({ where: { id: c.id } });
    expect(saved.status).toBe('HIDDEN');
    expect(saved.hiddenReason).toBe('PERSONAL_DATA');
    expect(await t.db.auditLog.count({ where: { entityId: c.id, action: 'comment.publish' } })).toBe(0);

    // The page that came back shows the current state and a fresh stamp: publishing from it is taken.
    const again = await officer
      .post(publishPath)
      .type('form')
      .send({ _csrf: csrfFrom(late.text), seen: seenIn(late.text, publishPath) });
    expect(again.status).toBe(303);
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('PUBLISHED');
  });

  it('refuses a hide from a stale tab too, keeping the reason that was chosen', async () => {
    const c = await t.db.comment.create({
      data: { draftId: draft.id, versionId: draft.versionId, receiptCode: 'GY-TABS-0002', respondentType: 'INDIVIDUAL', body: 'Ý kiến thứ hai' },
    });
    const officer = await t.loginAs('tuphap');
    const tabA = await officer.get(queue());
    const tabB = await officer.get(queue());
    const publishPath = `${queue()}/${c.id}/cong-khai`;
    const hidePath = `${queue()}/${c.id}/an`;
    expect(
      (
        await officer
          .post(publishPath)
          .type('form')
          .send({ _csrf: csrfFrom(tabA.text), seen: seenIn(tabA.text, publishPath) })
      ).status,
    ).toBe(303);
    const late = await officer
      .post(hidePath)
      .type('form')
      .send({ _csrf: csrfFrom(tabB.text), reason: 'OFF_TOPIC', note: 'Không liên quan', seen: seenIn(tabB.text, hidePath) });
    expect(late.status).toBe(409);
    expect(late.text).toContain('value="Không liên quan"');
    expect((await t.db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('PUBLISHED');
  });

  it('warns when an answer was edited in another tab, shows the newer text, keeps what was typed, and takes a second save', async () => {
    const answer = await t.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'EXPLAINED', explanation: 'Bản đầu' } });
    await t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        receiptCode: 'GY-TABS-0003',
        respondentType: 'INDIVIDUAL',
        body: 'Ý kiến',
        status: 'PUBLISHED',
        answerId: answer.id,
      },
    });
    const officer = await t.loginAs('tuphap');
    const path = `/can-bo/du-thao/${draft.id}/tra-loi/${answer.id}`;
    const tabA = await officer.get(path);
    const tabB = await officer.get(path);
    const first = await officer
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(tabA.text), seen: seenIn(tabA.text, path), outcome: 'ACCEPTED', explanation: 'Bản của tab A' });
    expect(first.status).toBe(303);

    const late = await officer
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(tabB.text), seen: seenIn(tabB.text, path), outcome: 'PARTLY_ACCEPTED', explanation: 'Bản dài của tab B' });
    expect(late.status).toBe(409);
    const text = visibleText(late.text);
    expect(text).toContain('Trả lời này đã được thay đổi bởi Nguyễn Văn Thanh');
    expect(text).toContain('Trả lời đang được lưu (bản mới hơn)');
    expect(text).toContain('Bản của tab A');
    expect(late.text).toContain('Bản dài của tab B</textarea>');
    expect((await t.db.commentAnswer.findUniqueOrThrow({ where: { id: answer.id } })).explanation).toBe('Bản của tab A');

    const confirmed = await officer
      .post(path)
      .type('form')
      .send({ _csrf: csrfFrom(late.text), seen: seenIn(late.text, path), outcome: 'PARTLY_ACCEPTED', explanation: 'Bản dài của tab B' });
    expect(confirmed.status).toBe(303);
    expect((await t.db.commentAnswer.findUniqueOrThrow({ where: { id: answer.id } })).explanation).toBe('Bản dài của tab B');
  });
});
