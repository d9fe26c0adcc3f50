/**
 * The summary's downloads at any size (issue 10): the .xlsx is streamed window after window and
 * holds every published comment once, numbered 1…n in summary order (whole draft first, then
 * article by article, oldest first) across the windows; the .docx lists the first
 * SUMMARY_DOCX_LIMIT comments and then tells the officer, in Vietnamese, that the full table is
 * in the .xlsx. Figures and shared-answer notes against a hand count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_DOCX_LIMIT } from '../../../src/features/comments/comments.summary-files.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { getBinary, readDocx, readXlsx } from '../documents/helpers.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

describe('summary downloads of more comments than the .docx lists', () => {
  let t: TestApp;
  let draft: DraftFixture;
  // 1,100 comments: 55 hidden (every 20th), 32 pending (every 33rd, but for two hidden): 1,013 published.
  const total = 1100;
  let expected: { body: string; section: string }[] = [];
  let published = 0;
  let hidden = 0;
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo có rất nhiều ý kiến', opensInDays: -30, closesInDays: -2 });
    const start = t.clock.now().getTime() - 20 * 86_400_000;
    const sections = [draft.articles[1], null, draft.articles[0]]; // Điều 2, whole draft, Điều 1
    const rows = Array.from({ length: total }, (_, i) => ({
      draftId: draft.id,
      versionId: draft.versionId,
      sectionId: sections[i % 3]?.id ?? null,
      receiptCode: `GY-SF-${String(i).padStart(5, '0')}`,
      respondentType: 'INDIVIDUAL',
      authorName: `Người số ${i}`,
      body: `Ý kiến thứ ${i}.`,
      status: i % 20 === 9 ? 'HIDDEN' : i % 33 === 5 ? 'PENDING' : 'PUBLISHED',
      // Out of order in time, so summary order is not insertion order.
      createdAt: new Date(start + ((i * 389) % total) * 60_000),
    }));
    await t.db.comment.createMany({ data: rows });
    hidden = rows.filter((r) => r.status === 'HIDDEN').length;
    const pub = rows.filter((r) => r.status === 'PUBLISHED');
    published = pub.length;
    const rank = (s: string | null) => (s === null ? 0 : s === draft.articles[0].id ? 1 : 2);
    const ordered = [...pub].sort((a, b) => rank(a.sectionId) - rank(b.sectionId) || +a.createdAt - +b.createdAt);
    expected = ordered.map((r) => ({ body: r.body, section: r.sectionId ?? 'whole' }));
    // One answer for three comments (their numbers are named), one for twelve (only counted).
    const few = await t.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: 'Tiếp thu ba ý kiến.' } });
    const many = await t.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'EXPLAINED', explanation: 'Giải trình mười hai ý kiến.' } });
    const code = (body: string) => `GY-SF-${body.replace(/\D/g, '').padStart(5, '0')}`;
    await t.db.comment.updateMany({ where: { receiptCode: { in: [0, 1, 2].map((n) => code(ordered[n].body)) } }, data: { answerId: few.id } });
    await t.db.comment.updateMany({
      where: { receiptCode: { in: Array.from({ length: 12 }, (_, k) => code(ordered[400 + k].body)) } },
      data: { answerId: many.id },
    });
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'ANSWERED', answeredAt: t.clock.now() } });
  });
  afterAll(() => t.close());

  it('the .xlsx holds every published comment once, numbered 1…n in summary order, with the figures of a hand count', async () => {
    expect([published, hidden]).toEqual([1013, 55]); // the hand count above, checked against the rows
    const res = await getBinary(t.agent(), `/du-thao/${draft.id}/tiep-thu-giai-trinh.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('tiep-thu-giai-trinh-co-rat-nhieu-y-kien.xlsx');
    const ws = (await readXlsx(res.body as Buffer)).worksheets[0];
    const numbered: { no: number; body: string }[] = [];
    const headings: string[] = [];
    ws.eachRow((row) => {
      const first = row.getCell(1).value;
      if (typeof first === 'number') numbered.push({ no: first, body: String(row.getCell(3).value).split('\n')[0] });
      else if (row.getCell(1).isMerged && row.number > 5) headings.push(String(first));
    });
    expect(numbered.map((r) => r.no)).toEqual(expected.map((_, i) => i + 1));
    expect(numbered.map((r) => r.body)).toEqual(expected.map((e) => e.body));
    // Each article's heading once, even where a window of the stream ends inside it.
    expect(headings).toEqual(['Góp ý chung đối với toàn bộ dự thảo', 'Điều 1. Phạm vi điều chỉnh', 'Điều 2. Đối tượng áp dụng']);
    expect(String(ws.getRow(3).getCell(1).value)).toContain(`Tổng số ý kiến nhận được: ${total}`);
    expect(String(ws.getRow(3).getCell(1).value)).toContain(`đã công khai: 1013; không công khai: 55. Tiếp thu: 3; tiếp thu một phần: 0; giải trình: 12.`);
    const answers = (no: number) => rowOf(ws, no);
    expect(answers(2)).toBe('Tiếp thu ba ý kiến.\n(3 ý kiến có nội dung tương tự, trả lời chung với ý kiến số 1, 3)');
    expect(answers(405)).toBe('Giải trình mười hai ý kiến.\n(12 ý kiến có nội dung tương tự, trả lời chung)');
    expect(ws.pageSetup.printTitlesRow).toBe('5:5');
  });

  it(`the .docx lists the first ${SUMMARY_DOCX_LIMIT} comments and says the full table is in the .xlsx`, async () => {
    expect(published).toBe(1013);
    expect(published).toBeGreaterThan(SUMMARY_DOCX_LIMIT);
    const res = await getBinary(t.agent(), `/du-thao/${draft.id}/tiep-thu-giai-trinh.docx`);
    expect(res.status).toBe(200);
    const { paragraphs, text } = await readDocx(res.body as Buffer);
    const numbers = paragraphs.filter((p) => /^\d+$/.test(p)).map(Number);
    expect(numbers).toEqual(Array.from({ length: SUMMARY_DOCX_LIMIT }, (_, i) => i + 1));
    expect(text).toContain('Tổng số ý kiến góp ý nhận được: 1.100; trong đó đã công khai 1.013, không công khai 55');
    expect(text).toContain('Văn bản này liệt kê 1.000 ý kiến đầu tiên (số 1 đến số 1.000) trong tổng số 1.013 ý kiến đã công khai.');
    expect(text).toContain('Phụ lục (bảng tính .xlsx)');
    expect(text).toContain('(Trả lời chung cho 12 ý kiến có nội dung tương tự.)');
    expect(text).toContain('(Trả lời chung với ý kiến số 1, 3.)');
  });
});

/** The answer cell (column 5) of the row numbered `no`. */
function rowOf(ws: import('exceljs').Worksheet, no: number): string {
  let found = '';
  ws.eachRow((row) => {
    if (row.getCell(1).value === no) found = String(row.getCell(5).value);
  });
  return found;
}
