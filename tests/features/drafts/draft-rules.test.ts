import { describe, expect, it } from 'vitest';
import { commentPeriodDays, daysLeftText, effectiveDraftStatus } from '../../../src/domain/draft-status.js';
import { joinSections, splitDraftText } from '../../../src/features/drafts/drafts.text.js';
import { wordDiff } from '../../../src/features/drafts/word-diff.js';
import { parseDateInput, endOfDay } from '../../../src/lib/format.js';
import { SAMPLE_TEXT } from './draft-helpers.js';

const d = (s: string) => parseDateInput(s)!;

describe('draft status by itself from the dates', () => {
  const draft = { state: 'PUBLISHED', opensAt: d('2025-10-20'), closesAt: endOfDay(d('2025-11-20')) };
  it('is upcoming before it opens, open between the dates, closed after', () => {
    expect(effectiveDraftStatus(draft, new Date('2025-10-19T16:59:00Z'))).toBe('UPCOMING');
    expect(effectiveDraftStatus(draft, new Date('2025-10-19T17:00:00Z'))).toBe('OPEN'); // 00:00 on 20/10 in Vietnam
    expect(effectiveDraftStatus(draft, new Date('2025-11-20T16:59:00Z'))).toBe('OPEN'); // 23:59 on 20/11
    expect(effectiveDraftStatus(draft, new Date('2025-11-20T17:00:01Z'))).toBe('CLOSED');
  });
  it('keeps the stored states officers set', () => {
    const now = new Date('2025-10-25T02:00:00Z');
    expect(effectiveDraftStatus({ ...draft, state: 'DRAFT' }, now)).toBe('DRAFT');
    expect(effectiveDraftStatus({ ...draft, state: 'CLOSED' }, now)).toBe('CLOSED');
    expect(effectiveDraftStatus({ ...draft, state: 'ANSWERED' }, now)).toBe('ANSWERED');
  });
  it('counts the days of the period and the days left', () => {
    expect(commentPeriodDays(d('2025-10-20'), endOfDay(d('2025-11-08')))).toBe(20);
    expect(daysLeftText(draft, new Date('2025-11-08T02:00:00Z'))).toBe('Còn 12 ngày');
    expect(daysLeftText(draft, new Date('2025-11-20T10:00:00Z'))).toBe('Hôm nay là ngày cuối');
    expect(daysLeftText(draft, new Date('2025-10-17T02:00:00Z'))).toBe('Mở góp ý sau 3 ngày');
  });
});

describe('splitting the text into chapters, sections and articles', () => {
  it('finds the preamble, chapters with their titles on the next line, and articles', () => {
    const parts = splitDraftText(SAMPLE_TEXT);
    expect(parts.map((p) => [p.kind, p.key, p.label, p.heading])).toEqual([
      ['PREAMBLE', 'phan-mo-dau', 'Phần mở đầu', ''],
      ['CHAPTER', 'chuong-i', 'Chương I', 'QUY ĐỊNH CHUNG'],
      ['ARTICLE', 'dieu-1', 'Điều 1', 'Phạm vi điều chỉnh'],
      ['ARTICLE', 'dieu-2', 'Điều 2', 'Đối tượng áp dụng'],
      ['CHAPTER', 'chuong-ii', 'Chương II', 'MỨC THU'],
      ['ARTICLE', 'dieu-3', 'Điều 3', 'Mức thu'],
    ]);
    expect(parts[5].body).toBe('1. Hộ gia đình: 20.000 đồng/tháng.\n2. Hộ kinh doanh: 50.000 đồng/tháng.');
  });
  it('accepts Markdown headings and keeps sections unique per chapter', () => {
    const parts = splitDraftText(
      '# Chương 1. Quy định chung\n## Mục 1. Phạm vi\n### Điều 1: Đối tượng\nNội dung.\n# Chương 2\n## Mục 1\n**Điều 2.** Hiệu lực\nTừ ngày ký.',
    );
    expect(parts.map((p) => p.key)).toEqual(['chuong-1', 'chuong-1-muc-1', 'dieu-1', 'chuong-2', 'chuong-2-muc-1', 'dieu-2']);
    expect(parts[1].heading).toBe('Phạm vi');
    expect(parts[5].heading).toBe('Hiệu lực');
  });
  it('does not take a reference inside a body or a quoted amended article for a heading', () => {
    const parts = splitDraftText('Điều 1. Sửa đổi\nĐiều 5 của Luật này được sửa như sau:\n“Điều 5. Nguyên tắc”\nMục tiêu của chính sách là …');
    expect(parts).toHaveLength(1);
    expect(parts[0].body).toContain('Điều 5 của Luật này');
    expect(parts[0].body).toContain('“Điều 5. Nguyên tắc”');
    expect(parts[0].body).toContain('Mục tiêu');
  });
  it('joins stored sections back into text that splits the same way', () => {
    const parts = splitDraftText(SAMPLE_TEXT);
    expect(splitDraftText(joinSections(parts))).toEqual(parts);
  });
});

describe('word diff', () => {
  it('marks the words added and removed', () => {
    const parts = wordDiff('Mức thu 20.000 đồng/tháng.', 'Mức thu 25.000 đồng/tháng.');
    expect(parts).toEqual([
      { type: 'same', text: 'Mức thu ' },
      { type: 'removed', text: '20.000 ' },
      { type: 'added', text: '25.000 ' },
      { type: 'same', text: 'đồng/tháng.' },
    ]);
  });
});
