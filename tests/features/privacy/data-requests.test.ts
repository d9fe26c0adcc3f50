import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment } from '../comments/fixtures.js';

const PAGE = '/can-bo/du-lieu-ca-nhan';
const EMAIL = 'chu.the@example.com';
const PHONE = '0905111222';
const REASON = 'Theo đơn yêu cầu ngày 20/10/2025 của người góp ý.';

describe("data subjects' requests: officers correct or erase by receipt code; residents withdraw consent", () => {
  let t: TestApp;
  let draftId: string;
  let group: string;
  const codes: Record<string, string> = {};
  const comment = (key: string) => t.db.comment.findUniqueOrThrow({ where: { receiptCode: codes[key] } });

  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    group = await groupId(t);
    const draft = await makeDraft(t, { publishImmediately: true, title: 'Dự thảo kiểm tra quyền của chủ thể dữ liệu' });
    draftId = draft.id;
    for (const key of ['correct', 'erase', 'withdraw', 'keep']) {
      const res = await postComment(t.agent(), draftId, validComment(group, { email: `${key}.${EMAIL}`, phone: PHONE, consent: '1', body: `Góp ý ${key}` }));
      expect(res.status).toBe(303);
      codes[key] = res.headers.location.split('/').pop()!;
    }
  });
  afterAll(() => t.close());

  it('only the Justice officer and the administrator reach the page', async () => {
    for (const user of ['vanhoa', 'chutich']) {
      const agent = await t.loginAs(user);
      expect((await agent.get(`${PAGE}?ma=${codes.correct}`)).status, user).toBe(403);
    }
    const anonymous = await t.agent().get(PAGE);
    expect(anonymous.status).toBe(302);
    expect((await (await t.loginAs('quantri')).get(`${PAGE}?ma=${codes.correct}`)).status).toBe(200);
  });

  it('finds a comment by its code typed loosely; an unknown code is a Vietnamese error', async () => {
    const officer = await t.loginAs('tuphap');
    const found = visibleText((await officer.get(`${PAGE}?ma=${codes.correct.toLowerCase().replace(/-/g, ' ')}`)).text);
    expect(found).toContain(`correct.${EMAIL}`);
    expect(found).toContain('Góp ý correct');
    const missing = await officer.get(`${PAGE}?ma=GY-2222-3333`);
    expect(missing.status).toBe(404);
    expect(visibleText(missing.text)).toContain('Không tìm thấy góp ý có mã này');
    const empty = await officer.get(`${PAGE}?ma=`);
    expect(empty.status).toBe(400);
    expect(visibleText(empty.text)).toContain('Vui lòng nhập mã tiếp nhận.');
  });

  it('correcting needs a reason and valid values: 400 with what was typed kept, nothing changed', async () => {
    const officer = await t.loginAs('tuphap');
    const res = await submitForm(officer, `${PAGE}?ma=${codes.correct}`, `${PAGE}/${codes.correct}/sua`, {
      authorName: 'Nguyễn Thị Mai',
      email: 'khong-hop-le',
      phone: '12',
      reason: '',
    });
    expect(res.status).toBe(400);
    const text = visibleText(res.text);
    for (const m of ['Thư điện tử không hợp lệ', 'Số điện thoại không hợp lệ', 'Vui lòng nhập lý do']) expect(text).toContain(m);
    expect(res.text).toContain('value="khong-hop-le"');
    expect((await comment('correct')).email).toBe(`correct.${EMAIL}`);
  });

  it('corrects e-mail and phone, keeps text; the audit says what and why, not the values', async () => {
    const officer = await t.loginAs('tuphap');
    const res = await submitForm(officer, `${PAGE}?ma=${codes.correct}`, `${PAGE}/${codes.correct}/sua`, {
      authorName: 'Nguyễn Thị Mai',
      email: 'Moi@Example.com',
      phone: '0912 345 678',
      reason: REASON,
    });
    expect(res.status).toBe(303);
    const c = await comment('correct');
    expect([c.email, c.phone, c.body]).toEqual(['moi@example.com', '0912345678', 'Góp ý correct']);
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { action: 'privacy.correct', entityId: c.id } });
    expect(JSON.parse(entry.after!)).toEqual({ receiptCode: codes.correct, reason: REASON, fields: ['email', 'phone'] });
    expect(`${entry.before}${entry.after}`).not.toMatch(/example\.com|0905111222|0912345678/);
  });

  it('erasing needs a reason; then name, e-mail and phone are gone, the comment shows as anonymous, text and answer stay', async () => {
    const officer = await t.loginAs('tuphap');
    const answer = await t.db.commentAnswer.create({ data: { draftId, outcome: 'ACCEPTED', explanation: 'Tiếp thu.' } });
    await t.db.comment.update({ where: { receiptCode: codes.erase }, data: { answerId: answer.id } });
    const refused = await submitForm(officer, `${PAGE}?ma=${codes.erase}`, `${PAGE}/${codes.erase}/xoa`, { eraseReason: ' ' });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain('Vui lòng nhập lý do');
    expect((await comment('erase')).email).toBe(`erase.${EMAIL}`);

    const res = await submitForm(officer, `${PAGE}?ma=${codes.erase}`, `${PAGE}/${codes.erase}/xoa`, { eraseReason: REASON });
    expect(res.status).toBe(303);
    const c = await comment('erase');
    expect([c.authorName, c.email, c.phone, c.isAnonymous]).toEqual(['', '', '', true]);
    expect(c.contactErasedAt).not.toBeNull();
    expect([c.body, c.answerId]).toEqual(['Góp ý erase', answer.id]);
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { action: 'privacy.erase', entityId: c.id } });
    expect(JSON.parse(entry.after!)).toEqual({ receiptCode: codes.erase, reason: REASON });
    expect(entry.after).not.toContain('Nguyễn Thị Mai');
  });

  it("another ward's officer cannot reach this ward's comments", async () => {
    const officer = await t.loginAs('tuphap');
    const otherWard = await t.db.ward.create({
      data: { slug: 'phuong-khac', name: 'Phường Khác', placeName: 'Khác', committeeName: 'UBND phường Khác', parentBodyName: 'UBND tỉnh' },
    });
    const other = await makeDraft(t, { wardId: otherWard.id, title: 'Dự thảo phường khác' });
    await t.db.comment.create({
      data: {
        draftId: other.id,
        versionId: other.versionId,
        receiptCode: 'GY-KKKK-2222',
        respondentType: 'INDIVIDUAL',
        email: 'x@example.com',
        body: 'Ở phường khác',
      },
    });
    expect((await officer.get(`${PAGE}?ma=GY-KKKK-2222`)).status).toBe(404);
    const res = await submitForm(officer, PAGE, `${PAGE}/GY-KKKK-2222/xoa`, { eraseReason: REASON });
    expect(res.status).toBe(404);
    expect((await t.db.comment.findUniqueOrThrow({ where: { receiptCode: 'GY-KKKK-2222' } })).email).toBe('x@example.com');
  });

  it('the resident withdraws consent on the receipt page: erased at once, audited, no e-mail when the summary is published', async () => {
    const resident = t.agent();
    const receipt = await resident.get(`/gop-y/ma/${codes.withdraw}`);
    expect(visibleText(receipt.text)).toContain('Rút lại sự đồng ý và xóa thông tin của tôi');
    // Without the page's CSRF token nothing happens.
    const forged = await t.agent().post(`/gop-y/ma/${codes.withdraw}/rut-dong-y`).type('form').send({});
    expect(forged.status).toBe(403);
    expect((await comment('withdraw')).email).toBe(`withdraw.${EMAIL}`);

    const res = await resident
      .post(`/gop-y/ma/${codes.withdraw}/rut-dong-y`)
      .type('form')
      .send({ _csrf: csrfFrom(receipt.text) });
    expect(res.status).toBe(303);
    const after = visibleText((await resident.get(res.headers.location)).text);
    expect(after).toContain('Bạn đã rút lại sự đồng ý');
    expect(after).not.toContain('Rút lại sự đồng ý và xóa thông tin của tôi');
    const c = await comment('withdraw');
    expect([c.authorName, c.email, c.phone, c.body]).toEqual(['', '', '', 'Góp ý withdraw']);
    expect(c.consentWithdrawnAt).not.toBeNull();
    const entry = await t.db.auditLog.findFirstOrThrow({ where: { action: 'privacy.withdrawConsent', entityId: c.id } });
    expect(entry.userId).toBeNull();
    expect(entry.after).not.toContain(EMAIL);

    // Close, answer everything, publish the summary: only the resident who kept consent gets mail.
    const answer = await t.db.commentAnswer.create({ data: { draftId, outcome: 'EXPLAINED', explanation: 'Giải trình.' } });
    await t.db.comment.updateMany({ where: { draftId, answerId: null }, data: { answerId: answer.id } });
    await t.db.draft.update({ where: { id: draftId }, data: { state: 'CLOSED', closedEarlyAt: t.clock.now(), closedEarlyReason: 'Kiểm tra.' } });
    const officer = await t.loginAs('tuphap');
    // Receipts were e-mailed at submission; only what publishing the summary sends counts here.
    const mailDir = path.join(t.dataDir, 'mail');
    const earlier = new Set(fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []);
    const published = await submitForm(officer, `/can-bo/du-thao/${draftId}/y-kien`, `/can-bo/du-thao/${draftId}/cong-bo-tiep-thu`, {
      summaryNote: 'Công bố.',
    });
    expect(published.status).toBe(303);
    // The .eml bodies are quoted-printable: undo soft breaks and =XX bytes to read the text.
    const decode = (eml: string) =>
      Buffer.from(
        eml.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
        'latin1',
      ).toString('utf8');
    const mails = fs
      .readdirSync(mailDir)
      .filter((f) => !earlier.has(f))
      .map((f) => decode(fs.readFileSync(path.join(mailDir, f), 'utf8')));
    expect(mails.some((m) => m.includes(`keep.${EMAIL}`))).toBe(true);
    expect(mails.some((m) => m.includes(`withdraw.${EMAIL}`))).toBe(false);
    // The e-mail repeats the form's and the privacy page's promise.
    expect(mails.every((m) => m.includes('12 tháng kể từ ngày công bố bản tổng hợp') && m.includes('rút lại sự đồng ý'))).toBe(true);
  });
});
