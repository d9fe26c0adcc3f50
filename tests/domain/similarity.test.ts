import { describe, expect, it } from 'vitest';
import { SIMILARITY_THRESHOLD, groupSimilar, jaccard, shingles } from '../../src/domain/similarity.js';
import { labelledSet, scorePairs } from './similarity-testset.js';

describe('grouping near-identical comments', () => {
  it('reads NFC and NFD, upper and lower case, any punctuation as the same text, and keeps diacritics', () => {
    const text = 'Đề nghị giảm mức thu phí vệ sinh.';
    expect(jaccard(shingles(text), shingles(text.normalize('NFD').toUpperCase().replace('.', ' !!')))).toBe(1);
    // "mức thu" (the fee) is not "mực thu": diacritics are kept, only "thu" is shared (1 of 5 shingles).
    expect(jaccard(shingles('mức thu'), shingles('mực thu'))).toBeCloseTo(1 / 5);
  });

  it('groups copies and light edits and leaves unrelated comments alone', () => {
    const groups = groupSimilar([
      'Đề nghị chợ mở cửa từ 5 giờ sáng.',
      'Cần thêm chỗ gửi xe ở đầu hẻm 12.',
      'Đề nghị chợ mở cửa từ 5 giờ sáng ạ.',
      '',
      'ĐỀ NGHỊ CHỢ MỞ CỬA TỪ 5 GIỜ SÁNG',
      'Đề nghị chợ đóng cửa lúc 18 giờ.',
    ]);
    expect(groups).toEqual([[0, 2, 4]]);
  });

  /**
   * Thresholds: an officer confirms every group, so a wrong proposal costs a
   * click, but a group the officer does not notice can be answered wrongly:
   * precision must stay at or above 95 %. Copies and light edits are what the
   * grouping is for, so their pairs must be found at 90 % or more; paraphrases
   * (other words, same request) are out of reach of text similarity and are
   * measured and reported, not required.
   */
  it(`reaches precision ≥ 95 % and recall ≥ 90 % on copies and light edits of the labelled set (threshold ${SIMILARITY_THRESHOLD})`, () => {
    const all = labelledSet();
    const scores = scorePairs(all, groupSimilar(all.map((c) => c.text)));
    expect(scores.precision).toBeGreaterThanOrEqual(0.95);
    const textual = all.filter((c) => c.kind !== 'paraphrase');
    const textualScores = scorePairs(textual, groupSimilar(textual.map((c) => c.text)));
    expect(textualScores.recall).toBeGreaterThanOrEqual(0.9);
    expect(textualScores.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps a 10,000-copy campaign in one group', () => {
    const texts = Array.from({ length: 10_000 }, (_, i) => `Chúng tôi phản đối việc tăng phí vệ sinh môi trường năm 2026${i % 3 ? '.' : '!'}`);
    const groups = groupSimilar(texts);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toHaveLength(10_000);
  });
});
