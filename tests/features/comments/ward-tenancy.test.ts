/**
 * Two checks that keep one ward's residents' data out of another ward's pages:
 * a receipt code is looked up only among this ward's comments, and a comment
 * may name only this ward's residential groups. Each test fails if the ward
 * filter is taken out of the service (findByReceipt, the residential-group check).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, deploymentFor, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment, type DraftFixture } from './fixtures.js';

describe('comments stay within their ward', () => {
  let t: TestApp;
  let otherWardId: string;
  let otherDraft: DraftFixture;
  let otherGroupId: string;
  const otherCode = 'GY-WARD-BBBB';

  beforeAll(async () => {
    t = await createTestApp();
    const other = await t.db.ward.create({
      data: { slug: 'phuong-b', name: 'Phường B', placeName: 'B', committeeName: 'UBND phường B', parentBodyName: 'UBND tỉnh' },
    });
    otherWardId = other.id;
    otherGroupId = (await t.db.unit.create({ data: { wardId: otherWardId, name: 'Tổ dân phố 3 (phường B)', kind: 'RESIDENTIAL_GROUP' } })).id;
    otherDraft = await makeDraft(t, { wardId: otherWardId, title: 'Dự thảo của phường B' });
    await t.db.comment.create({
      data: {
        draftId: otherDraft.id,
        versionId: otherDraft.versionId,
        receiptCode: otherCode,
        respondentType: 'INDIVIDUAL',
        authorName: 'Người dân phường B',
        body: 'Góp ý gửi cho phường B.',
        status: 'PUBLISHED',
      },
    });
  });
  afterAll(() => t.close());

  it('a receipt code of another ward is not found here (page and lookup form), and is found on its own ward', async () => {
    const here = t.agent();
    const page = await here.get(`/gop-y/ma/${otherCode}`);
    expect(page.status).toBe(404);
    expect(page.text).not.toContain('Góp ý gửi cho phường B.');
    const lookup = await here.get(`/gop-y/tra-cuu?ma=${otherCode}`);
    expect(lookup.status).toBe(404);
    expect(lookup.text).toContain('Không tìm thấy góp ý có mã này.');

    const own = await deploymentFor(t, 'phuong-b').agent().get(`/gop-y/ma/${otherCode}`);
    expect(own.status).toBe(200);
    expect(own.text).toContain('Góp ý gửi cho phường B.');
  });

  it('a comment naming another ward’s residential group is refused on the form (400) and nothing is saved', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo của phường này' });
    const before = await t.db.comment.count();
    const res = await postComment(t.agent(), draft.id, validComment(otherGroupId));
    expect(res.status).toBe(400);
    expect(res.text).toContain('Tổ dân phố được chọn không có trong danh sách. Vui lòng chọn lại.');
    expect(res.text).toContain('Đề nghị giảm mức thu đối với hộ nghèo, hộ cận nghèo.');
    expect(await t.db.comment.count()).toBe(before);

    // The same form with this ward's group goes through: the refusal was about the ward.
    const ok = await postComment(t.agent(), draft.id, validComment(await groupId(t)));
    expect(ok.status).toBe(303);
  });
});
