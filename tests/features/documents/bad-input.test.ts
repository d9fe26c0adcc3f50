import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, storedFileCount, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDataset, quarterForm, type Dataset } from './helpers.js';

describe('a results report refuses bad periods with a clear message on the same form', () => {
  let t: TestApp;
  let ds: Dataset;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
  });
  afterAll(() => t.close());

  const post = async (fields: Record<string, string>) => {
    const agent = await t.loginAs('tuphap');
    return submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId, fields));
  };
  const nothingCreated = async () => {
    expect(await t.db.issuedDocument.count({ where: { planId: ds.planId } })).toBe(0);
    expect(await t.db.storedFile.count({ where: { kind: 'DOCUMENT' } })).toBe(0);
    expect(await storedFileCount(t)).toBe(0);
  };

  it('asks for both dates of a custom period when they are empty', async () => {
    const res = await post({ periodKind: 'CUSTOM', from: '', to: '' });
    expect(res.status).toBe(400);
    const text = visibleText(res.text);
    expect(text).toContain('Có lỗi cần sửa trước khi gửi');
    expect(text).toContain('Vui lòng nhập ngày bắt đầu kỳ báo cáo.');
    expect(text).toContain('Vui lòng nhập ngày kết thúc kỳ báo cáo.');
    expect(res.text).toContain('href="#from"');
    expect(res.text).toMatch(/value="CUSTOM" checked/);
    await nothingCreated();
  });

  it('refuses an end before the start and keeps what was typed', async () => {
    const res = await post({ periodKind: 'CUSTOM', from: '2025-09-30', to: '2025-07-01', signerName: 'Nguyễn Văn An' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Ngày kết thúc kỳ báo cáo phải bằng hoặc sau ngày bắt đầu.');
    expect(res.text).toContain('value="2025-09-30"');
    expect(res.text).toContain('value="2025-07-01"');
    expect(res.text).toContain('value="Nguyễn Văn An"');
    await nothingCreated();
  });

  it('refuses a date that does not exist', async () => {
    const res = await post({ periodKind: 'CUSTOM', from: '31/02/2025', to: '2025-09-30' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Ngày bắt đầu không phải là ngày hợp lệ (dd/mm/yyyy).');
    await nothingCreated();
  });

  it('refuses a period with no data instead of producing an empty report', async () => {
    const res = await post({ periodKind: 'QUARTER', quarter: '1', year: '2025' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Kỳ báo cáo quý I năm 2025 không có dữ liệu nào');
    expect(res.text).toMatch(/value="QUARTER" checked/);
    const custom = await post({ periodKind: 'CUSTOM', from: '2025-06-01', to: '2025-06-30' });
    expect(custom.status).toBe(400);
    expect(visibleText(custom.text)).toContain('Kỳ báo cáo từ ngày 01/06/2025 đến ngày 30/06/2025 không có dữ liệu nào');
    await nothingCreated();
  });

  it('accepts a one-day custom period that has data', async () => {
    const res = await post({ periodKind: 'CUSTOM', from: '2025-09-20', to: '2025-09-20' });
    expect(res.status).toBe(303);
    const doc = await t.db.issuedDocument.findFirstOrThrow({ where: { planId: ds.planId } });
    expect(doc.title).toContain('(từ ngày 20/09/2025 đến ngày 20/09/2025)');
    await t.db.issuedDocument.delete({ where: { id: doc.id } });
  });

  it.each([
    [{ periodKind: 'HALF', half: '2', year: '2025' }, '(6 tháng cuối năm 2025)'],
    // The plan's title already says "năm 2025 trên địa bàn phường Trương Quang Trọng": the year is not repeated.
    [{ periodKind: 'YEAR', year: '2025' }, 'năm 2025 trên địa bàn phường Trương Quang Trọng'],
    [{ periodKind: 'CUSTOM', from: '01/07/2025', to: '31/08/2025' }, '(từ ngày 01/07/2025 đến ngày 31/08/2025)'],
  ])('accepts the other kinds of period: %o', async (fields, words) => {
    const res = await post(fields);
    expect(res.status).toBe(303);
    const doc = await t.db.issuedDocument.findFirstOrThrow({ where: { planId: ds.planId } });
    expect(doc.title.endsWith(words)).toBe(true);
    await t.db.issuedDocument.delete({ where: { id: doc.id } });
  });

  it('asks for the quarter, the year and the signer when they are missing', async () => {
    const res = await post({ periodKind: 'QUARTER', quarter: '', year: '', signerName: '' });
    expect(res.status).toBe(400);
    const text = visibleText(res.text);
    expect(text).toContain('Vui lòng chọn quý (I, II, III hoặc IV).');
    expect(text).toContain('Vui lòng nhập năm của kỳ báo cáo (ví dụ 2025).');
    expect(text).toContain('Vui lòng nhập họ và tên người ký.');
    const noKind = await post({ periodKind: '' });
    expect(noKind.status).toBe(400);
    expect(visibleText(noKind.text)).toContain('Vui lòng chọn kỳ báo cáo.');
    await nothingCreated();
  });

  it('refuses a plan that is not the ward’s', async () => {
    const res = await post({ planId: 'khong-co-ke-hoach' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Vui lòng chọn kế hoạch cần báo cáo.');
    await nothingCreated();
  });
});
