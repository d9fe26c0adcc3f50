import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';
import { PROPOSALS_ON_QUEUE_MAX } from '../../../src/features/comments/comments.officer.handlers.js';

const DAY = 24 * 60 * 60 * 1000;
const CAMPAIGN = 'Chúng tôi phản đối việc tăng phí vệ sinh môi trường năm 2026 vì đời sống người dân còn nhiều khó khăn sau bão lũ.';

describe('near-identical comments are grouped, confirmed, split and answered once', () => {
  let t: TestApp;
  let draft: DraftFixture;
  const ids: Record<string, string> = {};
  const page = () => `/can-bo/du-thao/${draft.id}/y-kien-tuong-tu`;
  const queue = () => `/can-bo/du-thao/${draft.id}/y-kien`;
  const comment = (key: string) => t.db.comment.findUniqueOrThrow({ where: { id: ids[key] } });
  /** The draft's counter of comments taken out of proposals (kept by triggers), and the rows themselves. */
  const notSimilarCounts = async (draftId = draft.id) => ({
    kept: (await t.db.draft.findUniqueOrThrow({ where: { id: draftId } })).commentsNotSimilar,
    rows: await t.db.comment.count({ where: { draftId, notSimilar: true } }),
  });

  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo Nghị quyết về phí vệ sinh môi trường' });
    const texts: Record<string, string> = {
      c1: CAMPAIGN,
      c2: CAMPAIGN.normalize('NFD'),
      c3: `Kính gửi UBND phường. ${CAMPAIGN}`,
      c4: CAMPAIGN.replace('nhiều khó khăn', 'rất nhiều khó khăn'),
      c5: CAMPAIGN.toUpperCase(),
      c6: `${CAMPAIGN} Xin cảm ơn.`,
      c7: CAMPAIGN.replace('.', ''),
      twice1: 'Đề nghị lắp thêm đèn chiếu sáng ở hẻm 12 đường Nguyễn Du.',
      twice2: 'Đề nghị lắp thêm đèn chiếu sáng ở hẻm 12 đường Nguyễn Du ạ.',
      other: 'Cần có thùng rác phân loại ở chợ.',
    };
    let i = 0;
    for (const [key, body] of Object.entries(texts)) {
      const c = await t.db.comment.create({
        data: {
          draftId: draft.id,
          versionId: draft.versionId,
          receiptCode: `GY-TEST-${String(++i).padStart(4, '0')}`,
          respondentType: 'INDIVIDUAL',
          body,
          status: 'PUBLISHED',
          createdAt: new Date(t.clock.now().getTime() - DAY + i * 1000),
        },
      });
      ids[key] = c.id;
    }
  });
  afterAll(() => t.close());

  it('proposes the groups to the Justice officer only', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await agent.get(page());
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Đề xuất nhóm 7 ý kiến');
    expect(text).toContain('Đề xuất nhóm 2 ý kiến');
    expect(text).toContain('Nhóm được đề xuất (2)');
    expect(text).not.toContain('Cần có thùng rác phân loại ở chợ.');
    // The moderation queue tells the officer the proposals are waiting.
    expect(visibleText((await agent.get(`/can-bo/du-thao/${draft.id}/y-kien`)).text)).toContain('Có 2 nhóm ý kiến có nội dung tương tự chờ xác nhận.');
    expect((await (await t.loginAs('chutich')).get(page())).status).toBe(403);
    expect((await (await t.loginAs('vanhoa')).get(page())).status).toBe(403);
  });

  it('confirms a group without the comment the officer unticked, which is not proposed again', async () => {
    const agent = await t.loginAs('tuphap');
    const campaign = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'].map((k) => ids[k]);
    const tooFew = await submitForm(agent, page(), `${page()}/xac-nhan`, { proposed: campaign, chosen: [ids.c1], action: 'confirm' });
    expect(tooFew.status).toBe(400);
    expect(visibleText(tooFew.text)).toContain('Một nhóm cần ít nhất hai ý kiến');
    const res = await submitForm(agent, page(), `${page()}/xac-nhan`, { proposed: campaign, chosen: campaign.slice(0, 6), action: 'confirm' });
    expect(res.status).toBe(303);
    const c1 = await comment('c1');
    expect(c1.similarGroupId).not.toBeNull();
    expect(await t.db.comment.count({ where: { similarGroupId: c1.similarGroupId } })).toBe(6);
    expect((await comment('c7')).notSimilar).toBe(true);
    expect(await notSimilarCounts()).toEqual({ kept: 1, rows: 1 });
    expect(await t.db.auditLog.count({ where: { action: 'comment.group.confirm', entityId: c1.similarGroupId! } })).toBe(1);
    const text = visibleText((await agent.get(page())).text);
    expect(text).toContain('Nhóm 6 ý kiến có nội dung tương tự (ý kiến vận động)');
    expect(text).toContain('Nhóm được đề xuất (1)');
    // The queue's count (kept per process while nothing it depends on changes) follows the confirmation.
    expect(visibleText((await agent.get(queue())).text)).toContain('Có 1 nhóm ý kiến có nội dung tương tự chờ xác nhận.');
  });

  it("proposes a new copy of a confirmed group's text as an addition to that group", async () => {
    const c = await t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        receiptCode: 'GY-TEST-0099',
        respondentType: 'INDIVIDUAL',
        body: CAMPAIGN,
        status: 'PENDING',
        channel: 'WRITTEN',
      },
    });
    ids.late = c.id;
    const agent = await t.loginAs('tuphap');
    expect(visibleText((await agent.get(queue())).text)).toContain('Có 2 nhóm ý kiến có nội dung tương tự chờ xác nhận.');
    expect(visibleText((await agent.get(page())).text)).toContain('Thêm 1 ý kiến vào nhóm đã xác nhận (6 ý kiến)');
    const groupId = (await comment('c1')).similarGroupId!;
    const res = await submitForm(agent, page(), `${page()}/xac-nhan`, { groupId, proposed: [c.id], chosen: [c.id], action: 'confirm' });
    expect(res.status).toBe(303);
    expect((await comment('late')).similarGroupId).toBe(groupId);
    expect(visibleText((await agent.get(queue())).text)).toContain('Có 1 nhóm ý kiến có nội dung tương tự chờ xác nhận.');
  });

  it('splits a group and takes a wrong member out; a group left with one comment is dissolved', async () => {
    const agent = await t.loginAs('tuphap');
    const pair = [ids.twice1, ids.twice2];
    expect((await submitForm(agent, page(), `${page()}/xac-nhan`, { proposed: pair, chosen: pair, action: 'confirm' })).status).toBe(303);
    const groupId = (await comment('c1')).similarGroupId!;
    // Split two campaign members into a group of their own, then back out one by one.
    const split = await submitForm(agent, page(), `${page()}/${groupId}/tach`, { chosen: [ids.c5, ids.c6], action: 'new' });
    expect(split.status).toBe(303);
    const c5 = await comment('c5');
    expect(c5.similarGroupId).not.toBe(groupId);
    expect((await comment('c6')).similarGroupId).toBe(c5.similarGroupId);
    expect(await t.db.comment.count({ where: { similarGroupId: groupId } })).toBe(5);
    const none = await submitForm(agent, page(), `${page()}/${c5.similarGroupId}/tach`, { action: 'remove' });
    expect(none.status).toBe(400);
    expect(visibleText(none.text)).toContain('Vui lòng chọn ý kiến cần tách khỏi nhóm.');
    expect((await submitForm(agent, page(), `${page()}/${c5.similarGroupId}/tach`, { chosen: [ids.c6], action: 'remove' })).status).toBe(303);
    expect(await t.db.commentGroup.count({ where: { id: c5.similarGroupId! } })).toBe(0);
    expect((await comment('c5')).similarGroupId).toBeNull();
    expect((await comment('c6')).notSimilar).toBe(true);
    const counts = await notSimilarCounts();
    expect(counts.kept).toBe(counts.rows);
    expect(counts.kept).toBeGreaterThanOrEqual(2); // c7, and c6 taken out of its group
  });

  it("keeps the draft's count of comments taken out of proposals through a delete and a move to another draft", async () => {
    const other = await makeDraft(t, { title: 'Dự thảo khác' });
    const before = await notSimilarCounts();
    // c7 moves (as an officer's correction of the draft would), c6 is erased: the counters follow, in the same statement.
    await t.db.comment.update({ where: { id: ids.c7 }, data: { draftId: other.id, versionId: other.versionId } });
    expect(await notSimilarCounts()).toEqual({ kept: before.kept - 1, rows: before.kept - 1 });
    expect(await notSimilarCounts(other.id)).toEqual({ kept: 1, rows: 1 });
    await t.db.comment.update({ where: { id: ids.c7 }, data: { draftId: draft.id, versionId: draft.versionId } });
    const c6 = await comment('c6');
    await t.db.comment.delete({ where: { id: c6.id } });
    expect(await notSimilarCounts()).toEqual({ kept: before.kept - 1, rows: before.kept - 1 });
    expect(await notSimilarCounts(other.id)).toEqual({ kept: 0, rows: 0 });
    // Put back as it was (still "not similar"), for the tests that follow.
    await t.db.comment.create({ data: { ...c6, similarGroupId: null } });
    expect(await notSimilarCounts()).toEqual(before);
  });

  it('answers a confirmed group once, and the summary says how many comments the answer covers and how many were a campaign', async () => {
    const agent = await t.loginAs('tuphap');
    const groupId = (await comment('c1')).similarGroupId!;
    const empty = await submitForm(agent, page(), `${page()}/${groupId}/tra-loi`, { outcome: 'EXPLAINED', explanation: '' });
    expect(empty.status).toBe(400);
    expect(visibleText(empty.text)).toContain('Vui lòng nhập nội dung tiếp thu, giải trình.');
    // The chosen outcome stays chosen, on this group's form only; the error sits on this group's explanation.
    expect(empty.text).toContain(`id="outcome-${groupId}-EXPLAINED" name="outcome" value="EXPLAINED" checked`);
    expect(empty.text).toMatch(new RegExp(`<textarea id="explanation-${groupId}" name="explanation"[^>]*aria-describedby="explanation-${groupId}-error"`));
    const noOutcome = await submitForm(agent, page(), `${page()}/${groupId}/tra-loi`, { explanation: 'Giải trình đã gõ.' });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.text).toContain(`<fieldset class="field field--error" id="outcome-${groupId}" aria-describedby="outcome-${groupId}-error">`);
    expect(noOutcome.text).toContain(`<a href="#outcome-${groupId}">`);
    expect(noOutcome.text).toContain('>Giải trình đã gõ.</textarea>');
    const res = await submitForm(agent, page(), `${page()}/${groupId}/tra-loi`, {
      outcome: 'EXPLAINED',
      explanation: 'Mức phí giữ nguyên như năm 2025; hộ khó khăn được miễn.',
    });
    expect(res.status).toBe(303);
    const members = await t.db.comment.findMany({ where: { similarGroupId: groupId } });
    expect(members).toHaveLength(5);
    expect(new Set(members.map((m) => m.answerId)).size).toBe(1);
    expect(members[0].answerId).not.toBeNull();

    // The late copy (pending) was answered with its group. Publish it, answer the rest one by one, close the draft and publish the summary.
    await t.db.comment.update({ where: { id: ids.late }, data: { status: 'PUBLISHED' } });
    const rest = await t.db.comment.findMany({ where: { draftId: draft.id, answerId: null, status: 'PUBLISHED' } });
    for (const c of rest) {
      const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
      expect(
        (await submitForm(agent, queue, `/can-bo/du-thao/${draft.id}/tra-loi`, { commentIds: [c.id], outcome: 'ACCEPTED', explanation: 'Tiếp thu.' })).status,
      ).toBe(303);
    }
    await t.db.draft.update({ where: { id: draft.id }, data: { closesAt: new Date(t.clock.now().getTime() - 1000) } });
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    expect((await submitForm(agent, queue, `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: '' })).status).toBe(303);
    const summary = visibleText((await t.agent().get(`/du-thao/${draft.id}/tiep-thu-giai-trinh`)).text);
    expect(summary).toContain('5 ý kiến có nội dung tương tự, trả lời chung với ý kiến số');
    // c1–c4 and the late copy: 5 comments, one campaign group; every one of them is still shown.
    expect(summary).toMatch(/5 Ý kiến vận động \(trong 1 nhóm từ 5 ý kiến giống nhau trở lên/);
    expect(summary).toContain('ý kiến vận động');
    expect(summary.split(CAMPAIGN.slice(0, 40)).length - 1).toBeGreaterThanOrEqual(4);
    const stats = visibleText((await agent.get(`/can-bo/du-thao/${draft.id}/thong-ke`)).text);
    expect(stats).toContain('Ý kiến vận động (trong 1 nhóm từ 5 ý kiến trở lên)');
    expect(stats).toContain('Bằng văn bản 1');
  });

  it('leaves the count of proposals off the queue of a draft past the limit, where grouping on every view would hold the server up', async () => {
    const big = await makeDraft(t, { title: 'Dự thảo có rất nhiều ý kiến' });
    const data = Array.from({ length: PROPOSALS_ON_QUEUE_MAX + 1 }, (_, i) => ({
      draftId: big.id,
      versionId: big.versionId,
      receiptCode: `GY-BIG-${String(i).padStart(5, '0')}`,
      respondentType: 'INDIVIDUAL',
      // Two copies of the campaign text, every other text its own.
      body: i < 2 ? CAMPAIGN : `Ý kiến riêng số ${i}: ${(i * 7919).toString(36)} ${(i * 104729).toString(36)}.`,
      status: 'PENDING',
    }));
    await t.db.comment.createMany({ data });
    const agent = await t.loginAs('tuphap');
    const text = visibleText((await agent.get(`/can-bo/du-thao/${big.id}/y-kien`)).text);
    expect(text).toContain(`Tất cả (${PROPOSALS_ON_QUEUE_MAX + 1})`);
    expect(text).not.toContain('nhóm ý kiến có nội dung tương tự chờ xác nhận');
    // The proposals are one link away, where the officer asks for them.
    expect(text).toContain('Ý kiến có nội dung tương tự');
    expect(visibleText((await agent.get(`/can-bo/du-thao/${big.id}/y-kien-tuong-tu`)).text)).toContain('Đề xuất nhóm 2 ý kiến');
    // One comment fewer and the queue counts them itself.
    await t.db.comment.delete({ where: { receiptCode: `GY-BIG-${String(PROPOSALS_ON_QUEUE_MAX).padStart(5, '0')}` } });
    expect(visibleText((await agent.get(`/can-bo/du-thao/${big.id}/y-kien`)).text)).toContain('Có 1 nhóm ý kiến có nội dung tương tự chờ xác nhận.');
  });
});
