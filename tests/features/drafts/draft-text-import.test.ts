import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, multipartAction, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDraftVia, makeDocx, PDF, publish, publishedDraft, SAMPLE_TEXT, saveText } from './draft-helpers.js';

describe('the text of a draft: typed, imported from .docx, revised in versions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('previews the articles found in typed text without saving, then saves them with folded search text', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const preview = await submitForm(agent, `/can-bo/du-thao/${id}/noi-dung`, `/can-bo/du-thao/${id}/noi-dung`, { text: SAMPLE_TEXT, action: 'preview' });
    expect(preview.status).toBe(200);
    const seen = visibleText(preview.text);
    expect(seen).toContain('Đã tìm thấy 6 phần: 2 chương, 0 mục, 3 điều');
    expect(seen).toContain('Điều 3. Mức thu');
    expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(0);

    expect((await saveText(agent, id)).status).toBe(303);
    const version = await t.db.draftVersion.findFirstOrThrow({ where: { draftId: id }, include: { sections: { orderBy: { sortOrder: 'asc' } } } });
    expect(version.number).toBe(1);
    expect(version.publishedAt).toBeNull();
    expect(version.sections.map((s) => s.key)).toEqual(['phan-mo-dau', 'chuong-i', 'dieu-1', 'dieu-2', 'chuong-ii', 'dieu-3']);
    expect(version.sections[2].searchText).toBe('dieu 1 pham vi dieu chinh nghi quyet nay quy dinh muc thu phi ve sinh doi voi **dat dai** va nha o.');
    expect((await t.db.draft.findUniqueOrThrow({ where: { id } })).searchText).toContain('muc thu');

    // Saving again replaces the working text instead of adding a version.
    expect((await saveText(agent, id, 'Điều 1. Phạm vi\nMột điều duy nhất.')).status).toBe(303);
    const versions = await t.db.draftVersion.findMany({ where: { draftId: id }, include: { sections: true } });
    expect(versions).toHaveLength(1);
    expect(versions[0].sections.map((s) => s.key)).toEqual(['dieu-1']);
    expect(await t.db.auditLog.count({ where: { action: 'draft.text', entityId: versions[0].id } })).toBe(2);
  });

  it('refuses empty text with 400 and saves nothing', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const res = await saveText(agent, id, '   ');
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Vui lòng nhập nội dung dự thảo.');
    expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(0);
  });

  it('imports a real .docx, shows the articles for review, and saves them only on confirmation', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const docx = await makeDocx([
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      { heading: 'Chương I' },
      { heading: 'NHỮNG QUY ĐỊNH CHUNG' },
      'Điều 1. Phạm vi điều chỉnh',
      'Quy định về sinh hoạt tổ dân phố trên đường Trương Quang Trọng.',
      'Điều 2. Đối tượng áp dụng',
      'Các tổ dân phố thuộc phường.',
      { heading: 'Chương II' },
      { heading: 'TỔ CHỨC THỰC HIỆN' },
      'Điều 3. Hiệu lực',
      'Có hiệu lực từ ngày ký.',
    ]);
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/noi-dung`);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${id}/nhap-docx`, token)).attach('docx', docx, 'du-thao.docx');
    expect(res.status).toBe(200);
    const seen = visibleText(res.text);
    expect(seen).toContain('trong tệp Word: 2 chương, 0 mục, 3 điều');
    expect(seen).toContain('Chương II. TỔ CHỨC THỰC HIỆN');
    expect(seen).toContain('Điều 1. Phạm vi điều chỉnh');
    expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(0);

    const text = /<textarea id="text" name="text"[^>]*>([\s\S]*?)<\/textarea>/.exec(res.text)![1].replace(/&#34;/g, '"').replace(/&amp;/g, '&');
    const confirm = await agent.post(`/can-bo/du-thao/${id}/noi-dung`).type('form').send({ _csrf: token, text, action: 'save' });
    expect(confirm.status).toBe(303);
    const sections = await t.db.draftSection.findMany({ where: { version: { draftId: id } }, orderBy: { sortOrder: 'asc' } });
    expect(sections.map((s) => `${s.label}|${s.heading}`)).toEqual([
      'Phần mở đầu|',
      'Chương I|NHỮNG QUY ĐỊNH CHUNG',
      'Điều 1|Phạm vi điều chỉnh',
      'Điều 2|Đối tượng áp dụng',
      'Chương II|TỔ CHỨC THỰC HIỆN',
      'Điều 3|Hiệu lực',
    ]);
    expect(sections[2].body).toBe('Quy định về sinh hoạt tổ dân phố trên đường Trương Quang Trọng.');
  });

  const notDocx: [string, () => Promise<Buffer>, string][] = [
    ['a PDF named .docx', async () => PDF, 'không phải là tài liệu Word (.docx) hợp lệ'],
    ['plain text named .docx', async () => Buffer.from('Điều 1. Không phải Word'), 'không phải là tài liệu Word (.docx) hợp lệ'],
    [
      'a zip that only looks like a .docx',
      async () => {
        const zip = new JSZip();
        zip.file(
          '[Content_Types].xml',
          '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        );
        zip.file('word/document.xml', 'không phải XML');
        return zip.generateAsync({ type: 'nodebuffer' });
      },
      'không phải là tài liệu Word (.docx) hợp lệ',
    ],
  ];
  for (const [what, make, message] of notDocx) {
    it(`refuses ${what} with 400 and a clear message, saving nothing`, async () => {
      const agent = await t.loginAs('tuphap');
      const id = await createDraftVia(t, agent);
      const token = await csrfToken(agent, `/can-bo/du-thao/${id}/noi-dung`);
      const res = await agent.post(multipartAction(`/can-bo/du-thao/${id}/nhap-docx`, token)).attach('docx', await make(), 'du-thao.docx');
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain('Có lỗi cần sửa trước khi gửi');
      expect(visibleText(res.text)).toContain(message);
      expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(0);
    });
  }

  it('asks for a file when none is chosen', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/noi-dung`);
    const res = await agent.post(multipartAction(`/can-bo/du-thao/${id}/nhap-docx`, token)).field('_csrf', token);
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Vui lòng chọn tệp Word (.docx) chứa dự thảo.');
  });

  it('publishes a new version with a change summary; residents compare the two article by article', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await publishedDraft(t, agent, { opensAt: '2025-10-10', closesAt: '2025-11-10' });
    const v2text =
      SAMPLE_TEXT.replace('20.000 đồng/tháng', '25.000 đồng/tháng').replace('Điều 2. Đối tượng áp dụng\nHộ gia đình, cá nhân trên địa bàn phường.\n', '') +
      '\nĐiều 4. Hiệu lực thi hành\nTừ ngày 01/01/2026.\n';

    const missing = await saveText(agent, id, v2text);
    expect(missing.status).toBe(400);
    expect(visibleText(missing.text)).toContain('Vui lòng nhập tóm tắt nội dung sửa đổi.');
    expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(1);

    // Dropping Điều 2 leaves a gap in the numbering: the officer is warned once, then confirms.
    const warned = await saveText(agent, id, v2text, { changeSummary: 'Tăng mức thu; bỏ Điều 2; thêm Điều 4.' });
    expect(warned.status).toBe(200);
    expect(visibleText(warned.text)).toContain('Số thứ tự điều bị nhảy: sau Điều 1 là Điều 3 (thiếu Điều 2).');
    expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(1);
    const stamp = /name="warned" value="([0-9a-f]+)"/.exec(warned.text)![1];
    const res = await saveText(agent, id, v2text, { changeSummary: 'Tăng mức thu; bỏ Điều 2; thêm Điều 4.', warned: stamp });
    expect(res.status).toBe(303);
    const v2 = await t.db.draftVersion.findFirstOrThrow({ where: { draftId: id, number: 2 } });
    expect(v2.changeSummary).toBe('Tăng mức thu; bỏ Điều 2; thêm Điều 4.');
    expect(v2.publishedAt?.toISOString()).toBe(t.clock.now().toISOString());
    expect((await t.db.draft.findUniqueOrThrow({ where: { id } })).searchText).toContain('hieu luc thi hanh');

    const page = visibleText((await t.agent().get(`/du-thao/${id}`)).text);
    expect(page).toContain('Toàn văn dự thảo (phiên bản 2)');
    expect(page).toContain('Tăng mức thu; bỏ Điều 2; thêm Điều 4.');

    const cmp = await t.agent().get(`/du-thao/${id}/so-sanh?tu=1&den=2`);
    expect(cmp.status).toBe(200);
    const text = visibleText(cmp.text);
    expect(text).toMatch(/Điều 2\. Đối tượng áp dụng Bãi bỏ/);
    expect(text).toMatch(/Điều 4\. Hiệu lực thi hành Bổ sung/);
    expect(text).toMatch(/Điều 3\. Mức thu Sửa đổi/);
    expect(text).toMatch(/Điều 1\. Phạm vi điều chỉnh Giữ nguyên/);
    expect(cmp.text).toContain('<del>20.000 </del><ins>25.000 </ins>');
    expect((await t.agent().get(`/du-thao/${id}/so-sanh?tu=1&den=7`)).status).toBe(404);
    expect((await t.agent().get(`/du-thao/${id}/so-sanh`)).status).toBe(200);
  });

  it('keeps the working text editable only before publication', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    await saveText(agent, id);
    await publish(agent, id);
    const form = await agent.get(`/can-bo/du-thao/${id}/noi-dung`);
    expect(visibleText(form.text)).toContain('Đăng phiên bản mới (phiên bản 2)');
  });
});
