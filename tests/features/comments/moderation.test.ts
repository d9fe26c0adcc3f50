import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment, type DraftFixture } from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;

describe('officers moderate, answer and publish the summary', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  const codes: Record<string, string> = {};
  const queue = () => `/can-bo/du-thao/${draft.id}/y-kien`;
  const byCode = (code: string) => t.db.comment.findUniqueOrThrow({ where: { receiptCode: code } });

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draft = await makeDraft(t, { title: 'Dự thảo Quy định về giờ hoạt động của chợ phường' });
    group = await groupId(t, 'Tổ dân phố 6');
    const post = async (key: string, fields: Record<string, string>) => {
      const res = await postComment(t.agent(), draft.id, validComment(group, fields));
      expect(res.status).toBe(303);
      codes[key] = res.headers.location.split('/').pop()!;
    };
    await post('same1', { body: 'Đề nghị chợ mở cửa từ 5 giờ sáng.', email: 'same1@example.com', consent: '1', phan: draft.articles[0].id });
    await post('same2', { body: 'Đề nghị chợ mở cửa từ 5 giờ sáng.', publicName: 'anonymous', phone: '0912000111', consent: '1', phan: draft.articles[0].id });
    await post('other', { body: 'Cần thêm chỗ gửi xe.', email: 'other@example.com', consent: '1' });
    await post('spam', { body: 'Mua bán sim số đẹp, gọi ngay.' });
    await post('late', { body: 'Đề nghị quy định giờ đóng cửa là 18 giờ.', phan: draft.articles[2].id, email: 'late@example.com', consent: '1' });
  });
  afterAll(() => t.close());

  it('shows the queue with contact details to the Justice officer, filtered by status', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await agent.get(queue());
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Kiểm duyệt và trả lời ý kiến');
    expect(text).toContain('same1@example.com');
    expect(text).toContain('0912000111');
    expect(text).toContain('Chờ kiểm duyệt (5)');
    const published = await agent.get(`${queue()}?trang-thai=PUBLISHED`);
    expect(visibleText(published.text)).toContain('Đã công khai: 0');
  });

  it('a comment’s “Công khai” button, as a browser sends it (the page’s one publish form, the button’s address and value), publishes it and keeps the filter', async () => {
    // A draft of its own: the others below count this draft's comments.
    const own = await makeDraft(t, { title: 'Dự thảo công khai bằng nút' });
    const ownQueue = `/can-bo/du-thao/${own.id}/y-kien`;
    const posted = await postComment(t.agent(), own.id, validComment(group, { body: 'Ý kiến công khai bằng nút của trang.' }));
    const code = posted.headers.location.split('/').pop()!;
    const agent = await t.loginAs('tuphap');
    const page = (await agent.get(`${ownQueue}?trang-thai=PENDING`)).text;
    // The button of this comment: in no form of its own, it names the shared form, its own address and what the officer saw.
    const button = new RegExp(
      `<button[^>]*form="([^"]+)"[^>]*formaction="([^"]+)"[^>]*name="seen" value="([^"]*)"[^>]*>Công khai<span class="visually-hidden"> ý kiến ${code}<`,
    ).exec(page);
    expect(button).not.toBeNull();
    const [, formId, action, seen] = button!;
    const form = new RegExp(`<form method="post" id="${formId}"[^>]*>([\\s\\S]*?)</form>`).exec(page)![1];
    const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]));
    expect(Object.keys(fields).sort()).toEqual(['_csrf', 'filter']);
    const res = await agent
      .post(action)
      .type('form')
      .send({ ...fields, seen });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`${ownQueue}?trang-thai=PENDING`);
    expect((await byCode(code)).status).toBe('PUBLISHED');
    expect(visibleText((await agent.get(res.headers.location)).text)).toContain(`Đã công khai ý kiến ${code}.`);
  });

  it('publishes a comment, and hides one with a reason without deleting it', async () => {
    const agent = await t.loginAs('tuphap');
    for (const key of ['same1', 'same2', 'other', 'late']) {
      const c = await byCode(codes[key]);
      const res = await submitForm(agent, queue(), `${queue()}/${c.id}/cong-khai`, {});
      expect(res.status).toBe(303);
    }
    expect((await byCode(codes.same1)).status).toBe('PUBLISHED');
    const published = await byCode(codes.same1);
    expect(published.moderatedById).toBe((await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } })).id);
    expect(await t.db.auditLog.count({ where: { entityId: published.id, action: 'comment.publish' } })).toBe(1);
    // A comment id of another draft under this draft's URL is not found.
    const other = await makeDraft(t, { title: 'Dự thảo bên cạnh' });
    const stray = await postComment(t.agent(), other.id, validComment(group));
    const strayComment = await byCode(stray.headers.location.split('/').pop()!);
    expect((await submitForm(agent, queue(), `${queue()}/${strayComment.id}/cong-khai`, {})).status).toBe(404);
    expect((await byCode(strayComment.receiptCode)).status).toBe('PENDING');

    const spam = await byCode(codes.spam);
    const missing = await submitForm(agent, queue(), `${queue()}/${spam.id}/an`, { reason: '', note: 'Quảng cáo' });
    expect(missing.status).toBe(400);
    expect(visibleText(missing.text)).toContain('Vui lòng chọn lý do không công khai.');
    expect(missing.text).toContain('value="Quảng cáo"');
    expect((await byCode(codes.spam)).status).toBe('PENDING');

    const hidden = await submitForm(agent, queue(), `${queue()}/${spam.id}/an`, { reason: 'SPAM', note: 'Quảng cáo' });
    expect(hidden.status).toBe(303);
    const after = await byCode(codes.spam);
    expect(after).toMatchObject({ status: 'HIDDEN', hiddenReason: 'SPAM', hiddenNote: 'Quảng cáo' });
    const logs = await t.db.auditLog.findMany({ where: { entityId: spam.id } });
    expect(logs.map((l) => l.action)).toEqual(['comment.hide']);

    const receipt = await t.agent().get(`/gop-y/ma/${codes.spam}`);
    expect(visibleText(receipt.text)).toContain('Góp ý này không được công khai vì lý do: Thư rác, quảng cáo');
    expect(receipt.text).not.toContain('Quảng cáo'); // the officer's note stays internal
    const counts = visibleText((await agent.get(queue())).text);
    expect(counts).toContain('Tất cả (5)');
    expect(counts).toContain('Không công khai (1)');
  });

  it('cannot publish the summary while the period is open', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: 'Lời giới thiệu' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Chỉ công bố bản tổng hợp khi đã kết thúc thời gian lấy ý kiến.');
    expect(res.text).toContain('Lời giới thiệu');
  });

  describe('answers', () => {
    it('rejects an answer with nothing selected, no outcome or no explanation, keeping what was typed', async () => {
      const agent = await t.loginAs('tuphap');
      const same1 = await byCode(codes.same1);
      const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, {
        commentIds: [same1.id],
        outcome: '',
        explanation: 'Giải thích dở dang',
      });
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain('Vui lòng chọn kết quả');
      expect(res.text).toContain('Giải thích dở dang');
      expect(res.text).toMatch(new RegExp(`value="${same1.id}" id="chon-${same1.id}" checked`));
      const none = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, { outcome: 'ACCEPTED', explanation: 'x' });
      expect(none.status).toBe(400);
      expect(visibleText(none.text)).toContain('Vui lòng chọn ít nhất một ý kiến để trả lời.');
      const empty = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, { commentIds: [same1.id], outcome: 'ACCEPTED', explanation: ' ' });
      expect(empty.status).toBe(400);
      expect(visibleText(empty.text)).toContain('Vui lòng nhập nội dung tiếp thu, giải trình.');
      expect(await t.db.commentAnswer.count({ where: { draftId: draft.id } })).toBe(0);
    });

    it('refuses hidden comments and comments of another draft', async () => {
      const agent = await t.loginAs('tuphap');
      const spam = await byCode(codes.spam);
      const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, { commentIds: [spam.id], outcome: 'EXPLAINED', explanation: 'x' });
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain('Ý kiến không công khai không cần trả lời');
      const other = await makeDraft(t, { title: 'Dự thảo khác' });
      const foreign = await postComment(t.agent(), other.id, validComment(group));
      const foreignComment = await byCode(foreign.headers.location.split('/').pop()!);
      const res2 = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, {
        commentIds: [foreignComment.id],
        outcome: 'ACCEPTED',
        explanation: 'x',
      });
      expect(res2.status).toBe(400);
      expect(visibleText(res2.text)).toContain('Có ý kiến được chọn không thuộc dự thảo này.');
      expect(await t.db.commentAnswer.count({ where: { draftId: draft.id } })).toBe(0);
      expect((await byCode(foreignComment.receiptCode)).answerId).toBeNull();
    });

    it('answers two identical comments with one answer, and refuses to answer them twice', async () => {
      const agent = await t.loginAs('tuphap');
      const [a, b] = await Promise.all([byCode(codes.same1), byCode(codes.same2)]);
      const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, {
        commentIds: [a.id, b.id],
        outcome: 'ACCEPTED',
        explanation: 'Tiếp thu: chợ mở cửa từ 5 giờ.',
      });
      expect(res.status).toBe(303);
      const [a2, b2] = await Promise.all([byCode(codes.same1), byCode(codes.same2)]);
      expect(a2.answerId).toBeTruthy();
      expect(a2.answerId).toBe(b2.answerId);
      expect(await t.db.auditLog.count({ where: { entityId: a2.answerId!, action: 'comment.answer' } })).toBe(1);
      const again = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, { commentIds: [a.id], outcome: 'EXPLAINED', explanation: 'x' });
      expect(again.status).toBe(400);
      expect(visibleText(again.text)).toContain(`Ý kiến đã có trả lời (hãy sửa trả lời đó): ${codes.same1}`);
      expect(visibleText((await agent.get(queue())).text)).toContain(`trả lời chung cho ${codes.same1}, ${codes.same2}`);
    });

    it('edits an answer (400 and values kept on a bad edit), audited', async () => {
      const agent = await t.loginAs('tuphap');
      const { answerId } = await byCode(codes.same1);
      const page = `/can-bo/du-thao/${draft.id}/tra-loi/${answerId}`;
      const form = await agent.get(page);
      expect(form.status).toBe(200);
      expect(visibleText(form.text)).toContain('Ý kiến được trả lời (2)');
      const bad = await submitForm(agent, page, page, { outcome: 'PARTLY_ACCEPTED', explanation: '' });
      expect(bad.status).toBe(400);
      expect(bad.text).toMatch(/value="PARTLY_ACCEPTED" checked/);
      const ok = await submitForm(agent, page, page, { outcome: 'PARTLY_ACCEPTED', explanation: 'Tiếp thu một phần: chợ mở cửa từ 5 giờ 30.' });
      expect(ok.status).toBe(303);
      expect(await t.db.commentAnswer.findUniqueOrThrow({ where: { id: answerId! } })).toMatchObject({
        outcome: 'PARTLY_ACCEPTED',
        explanation: 'Tiếp thu một phần: chợ mở cửa từ 5 giờ 30.',
      });
      expect(await t.db.auditLog.count({ where: { entityId: answerId!, action: 'comment.answer.update' } })).toBe(1);
      expect((await agent.get(`/can-bo/du-thao/${draft.id}/tra-loi/khong-co`)).status).toBe(404);
    });
  });

  describe('publishing the summary after the period closes', () => {
    it('is refused with the number of comments still unanswered', async () => {
      t.clock.set(new Date(t.clock.now().getTime() + 16 * DAY));
      const agent = await t.loginAs('tuphap');
      const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: 'Ghi chú giữ lại' });
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain('Còn 2 ý kiến đã công khai chưa được trả lời');
      expect(res.text).toContain('Ghi chú giữ lại');
      expect((await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } })).state).toBe('PUBLISHED');
    });

    it('publishes once every published comment is answered, and emails residents who left an email and consented', async () => {
      const agent = await t.loginAs('tuphap');
      for (const [key, outcome] of [
        ['other', 'EXPLAINED'],
        ['late', 'ACCEPTED'],
      ] as const) {
        const c = await byCode(codes[key]);
        const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/tra-loi`, { commentIds: [c.id], outcome, explanation: `Trả lời cho ${key}` });
        expect(res.status).toBe(303);
      }
      // Pending comments also block publication (they must be moderated first).
      const extra = await t.db.comment.create({
        data: { draftId: draft.id, versionId: draft.versionId, receiptCode: 'GY-PEND-2222', respondentType: 'INDIVIDUAL', body: 'Chờ', status: 'PENDING' },
      });
      const pending = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: '' });
      expect(pending.status).toBe(400);
      expect(visibleText(pending.text)).toContain('Còn 1 ý kiến chờ kiểm duyệt');
      await submitForm(agent, queue(), `${queue()}/${extra.id}/an`, { reason: 'OFF_TOPIC' });

      const mailDir = path.join(t.dataDir, 'mail');
      // Receipts e-mailed at submission (issue 11) are already there; only the messages written by publishing count here.
      const before = new Set(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
      const res = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, { summaryNote: 'UBND phường tổng hợp ý kiến như sau.' });
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe(`/du-thao/${draft.id}/tiep-thu-giai-trinh`);
      const saved = await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } });
      expect(saved).toMatchObject({ state: 'ANSWERED', summaryNote: 'UBND phường tổng hợp ý kiến như sau.' });
      expect(saved.answeredAt?.toISOString()).toBe(t.clock.now().toISOString());
      expect(await t.db.auditLog.count({ where: { entityId: draft.id, action: 'draft.publishSummary' } })).toBe(1);

      const mails = fs
        .readdirSync(mailDir)
        .filter((f) => !before.has(f))
        .map((f) => fs.readFileSync(path.join(mailDir, f), 'utf8'));
      const recipients = mails.map((m) => /^To: (.+)$/m.exec(m)?.[1].trim()).sort();
      expect(recipients).toEqual(['late@example.com', 'other@example.com', 'same1@example.com']);
      const mail = mails.find((m) => m.includes('To: same1@example.com'))!;
      expect(mail).toMatch(/Subject: /);
      const decoded = decodeMail(mail);
      expect(decoded).toContain(`/du-thao/${draft.id}/tiep-thu-giai-trinh`);
      expect(decoded).toContain(`/gop-y/ma/${codes.same1}`);
      expect(decoded).toContain('đã công bố bản tổng hợp, tiếp thu, giải trình ý kiến');
      // Without MAIL_FROM the sender is the ward itself, by name, at the host of BASE_URL.
      expect(decodeFrom(mail)).toBe('UBND phường Trương Quang Trọng <no-reply@localhost>');
      expect(decoded).toContain('Bộ phận Tư pháp – Hộ tịch, UBND phường Trương Quang Trọng');
      expect((await byCode(codes.same1)).notifiedAt?.toISOString()).toBe(t.clock.now().toISOString());
      expect((await byCode(codes.same2)).notifiedAt).toBeNull(); // phone only: no email to send

      const again = await submitForm(agent, queue(), `/can-bo/du-thao/${draft.id}/cong-bo-tiep-thu`, {});
      expect(again.status).toBe(400);
      expect(visibleText(again.text)).toContain('đã được công bố');
    });

    it('shows the answer on the receipt page once published', async () => {
      const text = visibleText((await t.agent().get(`/gop-y/ma/${codes.same2}`)).text);
      expect(text).toContain('Tiếp thu một phần');
      expect(text).toContain('chợ mở cửa từ 5 giờ 30');
    });

    it('shows the public summary grouped by article, whole-draft comments first, with counts and shared answers', async () => {
      const res = await t.agent().get(`/du-thao/${draft.id}/tiep-thu-giai-trinh`);
      expect(res.status).toBe(200);
      const text = visibleText(res.text);
      expect(text).toContain('BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý đối với Dự thảo Quy định về giờ hoạt động của chợ phường');
      const whole = text.indexOf('Góp ý chung đối với toàn bộ dự thảo');
      const art1 = text.indexOf('Điều 1. Phạm vi điều chỉnh (2 ý kiến)');
      const art3 = text.indexOf('Điều 3. Mức thu (1 ý kiến)');
      expect(whole).toBeGreaterThan(-1);
      expect(art1).toBeGreaterThan(whole);
      expect(art3).toBeGreaterThan(art1);
      expect(text).toContain('trả lời chung với ý kiến số 3');
      expect(text).toContain('Người góp ý ẩn danh');
      expect(text).not.toContain('Mua bán sim số đẹp');
      expect(text).toMatch(/6 Ý kiến nhận được/);
      expect(text).toMatch(/4 Ý kiến công khai/);
      expect(text).toMatch(/2 Không công khai/);
    });
  });
});

/** The body of an .eml written by nodemailer, quoted-printable or base64 decoded. */
function decodeMail(eml: string): string {
  const split = eml.search(/\r?\n\r?\n/);
  const body = eml.slice(split).trim();
  if (/Content-Transfer-Encoding: base64/i.test(eml)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The From header of an .eml, its RFC 2047 encoded words decoded. */
function decodeFrom(eml: string): string {
  const header = /^From: (.*(?:\r?\n[ \t].*)*)/m.exec(eml)![1].replace(/\?=\s+=\?/g, '?==?');
  return header.replace(/=\?UTF-8\?Q\?([^?]*)\?=/gi, (_, q: string) =>
    Buffer.from(
      q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8'),
  );
}
