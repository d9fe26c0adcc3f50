import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, newIp, postComment, validComment, type DraftFixture } from './fixtures.js';

describe('a resident comments on a draft without an account', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    draft = await makeDraft(t);
    group = await groupId(t);
  });
  afterAll(() => t.close());

  const commentCount = () => t.db.comment.count({ where: { draftId: draft.id } });

  it('shows the form with articles, residential groups, radios, an unticked consent box and a hidden honeypot', async () => {
    const res = await t.agent().get(`/du-thao/${draft.id}/gop-y`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Góp ý dự thảo');
    expect(res.text).toContain('<option value="" selected>Toàn bộ dự thảo</option>');
    expect(text).toContain('Điều 2. Đối tượng áp dụng');
    expect(text).not.toContain('Chương I'); // only articles are commented on
    for (let i = 1; i <= 8; i++) expect(text).toContain(`Tổ dân phố ${i}`);
    expect(text).toContain('Khác (ghi rõ bên dưới)');
    for (const label of ['Cá nhân', 'Cơ quan, tổ chức', 'Doanh nghiệp']) expect(text).toContain(label);
    expect(res.text).toMatch(/<input type="checkbox" name="consent" id="consent" value="1" aria-describedby/);
    expect(res.text).not.toMatch(/name="consent"[^>]*checked/);
    expect(text).toContain('UBND phường (Bộ phận Tư pháp – Hộ tịch)');
    expect(text).toContain('12 tháng kể từ ngày công bố bản tổng hợp');
    expect(res.text).toMatch(/<div class="honeypot" aria-hidden="true">\s*<label for="website">Không điền vào ô này<\/label>/);
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('preselects the article given by ?phan= and 404s an article of another draft', async () => {
    const res = await t.agent().get(`/du-thao/${draft.id}/gop-y?phan=${draft.articles[1].id}`);
    expect(res.text).toContain(`<option value="${draft.articles[1].id}" selected>Điều 2. Đối tượng áp dụng</option>`);
    const other = await makeDraft(t, { title: 'Dự thảo khác' });
    expect((await t.agent().get(`/du-thao/${draft.id}/gop-y?phan=${other.articles[0].id}`)).status).toBe(404);
  });

  it('saves a comment on one article, on the current version, pending, and shows the receipt code', async () => {
    const agent = t.agent();
    const res = await postComment(
      agent,
      draft.id,
      validComment(group, { phan: draft.articles[2].id, email: 'mai.nguyen@example.com', phone: '0905 123 456', consent: '1' }),
    );
    expect(res.status).toBe(303);
    const code = /\/gop-y\/ma\/(GY-[A-Z0-9]{4}-[A-Z0-9]{4})$/.exec(res.headers.location)?.[1];
    expect(code).toMatch(/^GY-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    const saved = await t.db.comment.findUniqueOrThrow({ where: { receiptCode: code! } });
    expect(saved).toMatchObject({
      draftId: draft.id,
      versionId: draft.versionId,
      sectionId: draft.articles[2].id,
      status: 'PENDING',
      respondentType: 'INDIVIDUAL',
      authorName: 'Nguyễn Thị Mai',
      isAnonymous: false,
      residentialGroupId: group,
      email: 'mai.nguyen@example.com',
      phone: '0905123456',
    });
    expect(saved.consentAt?.toISOString()).toBe(t.clock.now().toISOString());

    const receipt = await agent.get(res.headers.location);
    expect(receipt.status).toBe(200);
    const text = visibleText(receipt.text);
    expect(text).toContain(`Mã tiếp nhận: ${code}`);
    expect(text).toContain(`/gop-y/ma/${code}`);
    expect(text).toContain('Chờ kiểm duyệt');
    expect(text).toContain('Điều 3. Mức thu (phiên bản 1)');
    expect(text).toContain('Cảm ơn bạn đã góp ý');
    expect(receipt.text).not.toContain('mai.nguyen@example.com');
    expect(receipt.text).not.toContain('0905123456');
    expect(receipt.text).not.toContain('0905 123 456');
  });

  it('publishes at once when the draft says so, and records organisation and "other" residence', async () => {
    const quick = await makeDraft(t, { publishImmediately: true });
    const res = await postComment(t.agent(), quick.id, {
      respondentType: 'BUSINESS',
      organisationName: 'Công ty TNHH Môi trường Xanh',
      publicName: 'named',
      residentialGroup: 'KHAC',
      residentialOther: 'Phường Nghĩa Chánh',
      body: 'Doanh nghiệp đề nghị quy định rõ thời gian thu gom.',
    });
    expect(res.status).toBe(303);
    const saved = await t.db.comment.findFirstOrThrow({ where: { draftId: quick.id } });
    expect(saved).toMatchObject({
      status: 'PUBLISHED',
      organisationName: 'Công ty TNHH Môi trường Xanh',
      residentialGroupId: null,
      residentialOther: 'Phường Nghĩa Chánh',
      sectionId: null,
    });
  });

  it('finds a comment by its receipt code typed loosely, and says so when the code is unknown', async () => {
    const res = await postComment(t.agent(), draft.id, validComment(group));
    const code = res.headers.location.split('/').pop()!;
    const loose = code.toLowerCase().replace(/-/g, ' ');
    const found = await t.agent().get(`/gop-y/tra-cuu?ma=${encodeURIComponent(loose)}`);
    expect(found.status).toBe(303);
    expect(found.headers.location).toBe(`/gop-y/ma/${code}`);
    const missing = await t.agent().get('/gop-y/tra-cuu?ma=GY-2222-2222');
    expect(missing.status).toBe(404);
    expect(visibleText(missing.text)).toContain('Không tìm thấy góp ý có mã này');
    expect(missing.text).toContain('value="GY-2222-2222"');
    const empty = await t.agent().get('/gop-y/tra-cuu?ma=');
    expect(empty.status).toBe(400);
    expect(visibleText(empty.text)).toContain('Vui lòng nhập mã tiếp nhận.');
    expect((await t.agent().get('/gop-y/tra-cuu')).status).toBe(200);
    expect((await t.agent().get('/gop-y/ma/GY-2222-2222')).status).toBe(404);
  });

  describe('bad submissions: 400, a Vietnamese summary, the typed values kept, nothing saved', () => {
    const cases: { name: string; fields: (g: string, d: DraftFixture) => Record<string, string>; message: string }[] = [
      { name: 'empty body', fields: (g) => validComment(g, { body: '   ' }), message: 'Vui lòng nhập nội dung góp ý.' },
      {
        name: 'too long',
        fields: (g) => validComment(g, { body: 'ố'.repeat(5001) }),
        message: 'Nội dung góp ý không được dài quá 5.000 ký tự (hiện có 5.001 ký tự).',
      },
      { name: 'unknown article', fields: (g) => validComment(g, { phan: 'khong-ton-tai' }), message: 'Điều được chọn không thuộc dự thảo này.' },
      {
        name: 'contact without consent',
        fields: (g) => validComment(g, { email: 'a@example.com' }),
        message: 'vui lòng đánh dấu đồng ý cho phép lưu giữ thông tin liên hệ',
      },
      { name: 'invalid email', fields: (g) => validComment(g, { email: 'khong-phai-thu', consent: '1' }), message: 'Thư điện tử không hợp lệ' },
      { name: 'invalid phone', fields: (g) => validComment(g, { phone: '12ab', consent: '1' }), message: 'Số điện thoại không hợp lệ' },
      { name: 'no respondent type', fields: (g) => validComment(g, { respondentType: '' }), message: 'Vui lòng chọn bạn góp ý với tư cách nào' },
      {
        name: 'organisation without its name',
        fields: (g) => validComment(g, { respondentType: 'ORGANISATION' }),
        message: 'Vui lòng nhập tên cơ quan, tổ chức hoặc doanh nghiệp.',
      },
      {
        name: 'named without a name',
        fields: (g) => validComment(g, { authorName: '' }),
        message: 'Vui lòng nhập họ và tên, hoặc chọn ẩn danh khi công khai.',
      },
      { name: 'no residential group', fields: (g) => validComment(g, { residentialGroup: '' }), message: 'Vui lòng chọn tổ dân phố.' },
      { name: '"other" without text', fields: (g) => validComment(g, { residentialGroup: 'KHAC' }), message: 'Vui lòng ghi rõ nơi cư trú' },
      { name: 'a unit that is not a residential group', fields: () => validComment('khong-co'), message: 'Tổ dân phố được chọn không có trong danh sách' },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const before = await commentCount();
        const fields = c.fields(group, draft);
        const res = await postComment(t.agent(), draft.id, fields);
        expect(res.status).toBe(400);
        const text = visibleText(res.text);
        expect(text).toContain('Có lỗi cần sửa trước khi gửi');
        expect(text).toContain(c.message);
        if (fields.body.trim() && fields.body.length < 100) expect(res.text).toContain(fields.body);
        if (fields.authorName) expect(res.text).toContain(`value="${fields.authorName}"`);
        if (fields.email) expect(res.text).toContain(`value="${fields.email}"`);
        expect(await commentCount()).toBe(before);
      });
    }

    it('shows every problem of one submission at once, cross-field checks included', async () => {
      const res = await postComment(t.agent(), draft.id, validComment(group, { body: '', email: 'a@example.com', respondentType: 'BUSINESS' }));
      expect(res.status).toBe(400);
      const text = visibleText(res.text);
      expect(text).toContain('Vui lòng nhập nội dung góp ý.');
      expect(text).toContain('vui lòng đánh dấu đồng ý cho phép lưu giữ thông tin liên hệ');
      expect(text).toContain('Vui lòng nhập tên cơ quan, tổ chức hoặc doanh nghiệp.');
    });

    it('an article of another draft', async () => {
      const other = await makeDraft(t, { title: 'Dự thảo thứ ba' });
      const res = await postComment(t.agent(), draft.id, validComment(group, { phan: other.articles[0].id }));
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain('Điều được chọn không thuộc dự thảo này.');
      expect(await t.db.comment.count({ where: { sectionId: other.articles[0].id } })).toBe(0);
    });

    it('a forged draft id is a 404', async () => {
      const agent = t.agent();
      const page = await agent.get(`/du-thao/${draft.id}/gop-y`);
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
      const forged = await agent
        .post('/du-thao/khong-co-du-thao-nay/gop-y')
        .set('X-Forwarded-For', newIp())
        .type('form')
        .send({ _csrf: token, ...validComment(group) });
      expect(forged.status).toBe(404);
      expect((await t.agent().get('/du-thao/khong-co-du-thao-nay/gop-y')).status).toBe(404);
    });

    it('a closed period: the form says so, and a POST is refused with 400', async () => {
      const closed = await makeDraft(t, { opensInDays: -30, closesInDays: -1 });
      const page = await t.agent().get(`/du-thao/${closed.id}/gop-y`);
      expect(page.status).toBe(200);
      expect(visibleText(page.text)).toContain('Đã hết thời gian góp ý cho dự thảo này');
      expect(page.text).not.toContain('name="body"');
      const agent = t.agent();
      const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get(`/du-thao/${draft.id}/gop-y`)).text)![1];
      const res = await agent
        .post(`/du-thao/${closed.id}/gop-y`)
        .set('X-Forwarded-For', newIp())
        .type('form')
        .send({ _csrf: token, ...validComment(group) });
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain('Thời gian góp ý cho dự thảo này đã kết thúc');
      expect(await t.db.comment.count({ where: { draftId: closed.id } })).toBe(0);
    });

    it('an upcoming or unpublished draft has no form at all', async () => {
      const upcoming = await makeDraft(t, { opensInDays: 3, closesInDays: 30 });
      const unpublished = await makeDraft(t, { state: 'DRAFT' });
      expect((await t.agent().get(`/du-thao/${upcoming.id}/gop-y`)).status).toBe(404);
      expect((await t.agent().get(`/du-thao/${unpublished.id}/gop-y`)).status).toBe(404);
    });
  });

  it('refuses a submission with the honeypot filled, saving nothing', async () => {
    const before = await commentCount();
    const res = await postComment(t.agent(), draft.id, validComment(group, { website: 'http://spam.example' }));
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Vui lòng để trống ô “Không điền vào ô này”');
    expect(await commentCount()).toBe(before);
  });

  it('does not count failed submissions against the limit', async () => {
    const ip = newIp();
    const agent = t.agent();
    for (let i = 0; i < 6; i++) expect((await postComment(agent, draft.id, validComment(group, { body: '' }), ip)).status).toBe(400);
    expect((await postComment(agent, draft.id, validComment(group), ip)).status).toBe(303);
  });
});
