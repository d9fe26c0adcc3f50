import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, postComment, validComment } from '../comments/fixtures.js';
import { createDraftVia, publish, saveText } from './draft-helpers.js';

/** Decomposed Unicode, as Unikey's "Unicode tổ hợp" and some macOS input methods type it. */
const nfd = (s: string) => s.normalize('NFD');

const TEXT = `Căn cứ Luật Thực hiện dân chủ ở cơ sở;

Chương I
QUY ĐỊNH CHUNG

Mục 1
PHẠM VI

Điều 1. Phạm vi điều chỉnh
Quy định về sinh hoạt tổ dân phố.

Điều 2. Đối tượng áp dụng
Hộ gia đình trên địa bàn phường.

Chương II
TỔ CHỨC THỰC HIỆN

Điều 3. Trách nhiệm của Tổ trưởng
Tổ trưởng triệu tập cuộc họp.

Điều 4. Hiệu lực
Có hiệu lực từ ngày ký.
`;

describe('texts typed in decomposed Unicode (NFD) are composed (NFC) before they are parsed, stored or searched', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('finds every chapter, section and article of an NFD text and stores it NFC', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent, {
      title: nfd('Dự thảo Quy chế hoạt động tổ dân phố'),
      summary: nfd('Quy chế về tổ chức và hoạt động của tổ dân phố.'),
    });
    expect(TEXT).not.toBe(nfd(TEXT));
    const preview = await submitForm(agent, `/can-bo/du-thao/${id}/noi-dung`, `/can-bo/du-thao/${id}/noi-dung`, { text: nfd(TEXT), action: 'preview' });
    expect(visibleText(preview.text)).toContain('Đã tìm thấy 8 phần: 2 chương, 1 mục, 4 điều');
    expect(visibleText(preview.text)).not.toContain('Cần kiểm tra');

    expect((await saveText(agent, id, nfd(TEXT))).status).toBe(303);
    const sections = await t.db.draftSection.findMany({ where: { version: { draftId: id } }, orderBy: { sortOrder: 'asc' } });
    expect(sections.map((s) => `${s.label}|${s.heading}`)).toEqual([
      'Phần mở đầu|',
      'Chương I|QUY ĐỊNH CHUNG',
      'Mục 1|PHẠM VI',
      'Điều 1|Phạm vi điều chỉnh',
      'Điều 2|Đối tượng áp dụng',
      'Chương II|TỔ CHỨC THỰC HIỆN',
      'Điều 3|Trách nhiệm của Tổ trưởng',
      'Điều 4|Hiệu lực',
    ]);
    for (const s of sections) expect(s.body, s.label).toBe(s.body.normalize('NFC'));
    expect(sections[6].body).toBe('Tổ trưởng triệu tập cuộc họp.');
    const draft = await t.db.draft.findUniqueOrThrow({ where: { id } });
    expect(draft.title).toBe('Dự thảo Quy chế hoạt động tổ dân phố');
    expect(draft.summary).toBe('Quy chế về tổ chức và hoạt động của tổ dân phố.');

    // Residents find it whether they type NFC, NFD or no diacritics at all.
    await publish(agent, id);
    t.clock.set('2025-10-25T03:00:00Z');
    for (const q of ['tổ dân phố', nfd('tổ dân phố'), 'to dan pho', nfd('TRÁCH NHIỆM của Tổ trưởng')]) {
      const res = await t.agent().get(`/du-thao?q=${encodeURIComponent(q)}`);
      expect(visibleText(res.text), q).toContain('Dự thảo Quy chế hoạt động tổ dân phố');
    }
    const echoed = await t.agent().get(`/du-thao?q=${encodeURIComponent(nfd('tổ dân phố'))}`);
    expect(echoed.text).toContain('value="tổ dân phố"');

    // A resident's comment typed in NFD is stored composed.
    const res = await postComment(
      t.agent(),
      id,
      validComment(await groupId(t), { authorName: nfd('Nguyễn Thị Mai'), body: nfd('Đề nghị bổ sung Điều 3 về họp trực tuyến.') }),
    );
    expect(res.status).toBe(303);
    const comment = await t.db.comment.findFirstOrThrow({ where: { draftId: id } });
    expect(comment.body).toBe('Đề nghị bổ sung Điều 3 về họp trực tuyến.');
    expect(comment.authorName).toBe('Nguyễn Thị Mai');
  });

  it('warns about numbering gaps, duplicates and unrecognised headings in the preview, and on saving asks once more', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const text = [
      'Điều 1. Phạm vi',
      'Nội dung một.',
      'Điều 2. Đối tượng',
      'Nội dung hai.',
      'Dieu 3. Giai thich tu ngu',
      'Nội dung ba, gõ không dấu nên không được nhận là điều.',
      'Điều 4. Trách nhiệm',
      'Theo Điều 5 của Luật này, đây không phải tiêu đề.',
      'Điều 4. Hiệu lực',
      'Chương II. Quy định khác',
    ].join('\n');
    const preview = await submitForm(agent, `/can-bo/du-thao/${id}/noi-dung`, `/can-bo/du-thao/${id}/noi-dung`, { text, action: 'preview' });
    expect(preview.status).toBe(200);
    const seen = visibleText(preview.text);
    expect(seen).toContain('Cần kiểm tra 4 điểm trước khi lưu');
    expect(seen).toContain('Dòng 5 “Dieu 3. Giai thich tu ngu” trông như tiêu đề nhưng không được nhận ra, nên đang nằm trong nội dung của Điều 2');
    expect(seen).toContain('Dòng 10 “Chương II. Quy định khác” trông như tiêu đề nhưng không được nhận ra, nên đang nằm trong nội dung của Điều 4');
    expect(seen).toContain('Số thứ tự điều bị nhảy: sau Điều 2 là Điều 4 (thiếu Điều 3).');
    expect(seen).toContain('Điều 4 xuất hiện 2 lần');
    expect(seen).not.toContain('Điều 5 của Luật này” trông như');

    // Saving straight away shows the same warnings; saving the same text again (the form carries its stamp) saves it.
    const first = await saveText(agent, id, text);
    expect(first.status).toBe(200);
    expect(visibleText(first.text)).toContain('Số thứ tự điều bị nhảy: sau Điều 2 là Điều 4 (thiếu Điều 3).');
    expect(await t.db.draftVersion.count({ where: { draftId: id } })).toBe(0);
    const stamp = /name="warned" value="([0-9a-f]+)"/.exec(first.text)?.[1];
    expect(stamp).toBeTruthy();
    expect((await saveText(agent, id, `${text}\nThêm một dòng.`, { warned: stamp! })).status).toBe(200);
    expect((await saveText(agent, id, text, { warned: stamp! })).status).toBe(303);
    expect(await t.db.draftSection.count({ where: { version: { draftId: id }, kind: 'ARTICLE' } })).toBe(4);
  });

  it('warns about a chapter numbered out of sequence and a first article that is not Điều 1', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const text = 'Chương I\nCHUNG\n\nĐiều 2. Một\nA.\n\nChương III\nKHÁC\n\nĐiều 3. Hai\nB.';
    const seen = visibleText((await submitForm(agent, `/can-bo/du-thao/${id}/noi-dung`, `/can-bo/du-thao/${id}/noi-dung`, { text, action: 'preview' })).text);
    expect(seen).toContain('Số thứ tự chương bị nhảy: sau Chương I là Chương III (thiếu Chương II).');
    expect(seen).toContain('Điều đầu tiên là Điều 2, không phải Điều 1.');
  });
});
