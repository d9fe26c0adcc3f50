import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft } from '../comments/fixtures.js';

// The retention promise, word for word the same on the form, the privacy page and the e-mail.
const RETENTION_PROMISE = '12 tháng kể từ ngày công bố bản tổng hợp';

describe('the privacy page follows Law 91/2025 and Decree 356/2025 and matches the form', () => {
  let t: TestApp;
  let page: string;
  beforeAll(async () => {
    t = await createTestApp();
    page = visibleText((await t.agent().get('/quyen-rieng-tu')).text);
  });
  afterAll(() => t.close());

  it('names the law in force, who processes the data, what, why, how long, the rights, how to ask and the time limits', () => {
    for (const s of [
      'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15',
      'Nghị định số 356/2025/NĐ-CP',
      'thay thế Nghị định số 13/2023/NĐ-CP',
      'Ai xử lý dữ liệu',
      'Dữ liệu nào được thu thập',
      'Để làm gì',
      'Lưu giữ bao lâu',
      `${RETENTION_PROMISE}, tiếp thu, giải trình ý kiến`,
      'nếu không có bản tổng hợp: 12 tháng kể từ ngày kết thúc lấy ý kiến',
      'Quyền của bạn',
      'rút lại sự đồng ý',
      'mã tiếp nhận',
      '02 ngày làm việc',
      '15 ngày',
      'nơi cư trú chỉ hiển thị là tên tổ dân phố hoặc “Khác”',
    ]) {
      expect(page).toContain(s);
    }
    expect(page).not.toContain('72 giờ');
  });

  it('the comment form promises the same retention and the withdrawal by receipt code', async () => {
    const draft = await makeDraft(t);
    const form = visibleText((await t.agent().get(`/du-thao/${draft.id}/gop-y`)).text);
    expect(form).toContain(RETENTION_PROMISE);
    expect(form).toContain('(nếu không có bản tổng hợp: kể từ ngày kết thúc lấy ý kiến)');
    expect(form).toContain('Tôi có thể rút lại sự đồng ý bất cứ lúc nào bằng mã tiếp nhận.');
  });
});
