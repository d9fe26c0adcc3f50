import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { agentsFor, postForm, runMatrix, statuses, taskIds, unitId } from '../reports/work-helpers.js';

const estimate = (extra: Record<string, string> = {}) => ({
  title: 'Dự toán in tờ rơi và hội nghị',
  legalBasis: 'Luật Ngân sách nhà nước năm 2015; Thông tư số 76/2018/TT-BTC',
  'lines[0][description]': 'In tờ rơi',
  'lines[0][unitLabel]': 'tờ',
  'lines[0][quantity]': '1.000',
  'lines[0][unitPrice]': '1.500',
  'lines[1][description]': 'Hội nghị tuyên truyền',
  'lines[1][unitLabel]': 'buổi',
  'lines[1][quantity]': '2',
  'lines[1][unitPrice]': '1.500.000',
  'lines[2][description]': '',
  'lines[2][unitLabel]': '',
  'lines[2][quantity]': '',
  'lines[2][unitPrice]': '',
  ...extra,
});

describe('budget estimates', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof taskIds>>;
  let vanhoa: TestAgent;
  let chutich: TestAgent;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await taskIds(t);
    vanhoa = await t.loginAs('vanhoa');
    chutich = await t.loginAs('chutich');
  });
  afterAll(() => t.close());

  async function submit(extra: Record<string, string> = {}) {
    const res = await postForm(vanhoa, `/can-bo/nhiem-vu/${ids.t2}/du-toan/moi`, estimate(extra));
    expect(res.status).toBe(303);
    return res.headers.location.split('/').pop()!;
  }

  it('computes line amounts and the total on the server in whole VND, and the chairman approves it', async () => {
    const form = await vanhoa.get(`/can-bo/nhiem-vu/${ids.t2}/du-toan/moi`);
    expect(form.status).toBe(200);
    const id = await submit({ 'lines[0][amount]': '999' });
    const saved = await t.db.budgetEstimate.findUniqueOrThrow({ where: { id }, include: { lines: { orderBy: { sortOrder: 'asc' } } } });
    expect(saved).toMatchObject({ status: 'SUBMITTED', requestedVnd: 4_500_000, unitId: await unitId(t, 'Công chức Văn hóa – Xã hội') });
    expect(saved.lines.map((l) => [l.quantity, l.unitPrice, l.amount])).toEqual([
      [1000, 1500, 1_500_000],
      [2, 1_500_000, 3_000_000],
    ]);
    const page = visibleText((await vanhoa.get(`/can-bo/du-toan/${id}`)).text);
    expect(page).toContain('4.500.000 đ');
    expect(page).toContain('Chờ phê duyệt');
    expect(page).not.toContain('Ghi ý kiến phê duyệt');

    expect(visibleText((await chutich.get(`/can-bo/du-toan/${id}`)).text)).toContain('Ghi ý kiến phê duyệt');
    const res = await postForm(chutich, `/can-bo/du-toan/${id}/quyet-dinh`, { decision: 'APPROVE' });
    expect(res.status).toBe(303);
    expect(await t.db.budgetEstimate.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'APPROVED', approvedVnd: 4_500_000 });
    expect(await t.db.auditLog.count({ where: { entityId: id, action: { in: ['budget.submit', 'budget.approve'] } } })).toBe(2);
    // A decision is final.
    expect((await postForm(chutich, `/can-bo/du-toan/${id}/quyet-dinh`, { decision: 'REJECT', decisionNote: 'x' })).status).toBe(409);
  });

  it('lets the chairman adjust the amount or reject with a reason', async () => {
    const adjusted = await submit();
    const noAmount = await postForm(chutich, `/can-bo/du-toan/${adjusted}/quyet-dinh`, { decision: 'ADJUST', approvedVnd: '3,5' });
    expect(noAmount.status).toBe(400);
    expect(visibleText(noAmount.text)).toContain('Số kinh phí được duyệt phải là số nguyên.');
    expect(noAmount.text).toContain('value="3,5"');
    expect((await t.db.budgetEstimate.findUniqueOrThrow({ where: { id: adjusted } })).status).toBe('SUBMITTED');
    const negative = await postForm(chutich, `/can-bo/du-toan/${adjusted}/quyet-dinh`, { decision: 'ADJUST', approvedVnd: '-1' });
    expect(negative.status).toBe(400);
    expect(
      (await postForm(chutich, `/can-bo/du-toan/${adjusted}/quyet-dinh`, { decision: 'ADJUST', approvedVnd: '3.000.000', decisionNote: 'Giảm số buổi' }))
        .status,
    ).toBe(303);
    expect(await t.db.budgetEstimate.findUniqueOrThrow({ where: { id: adjusted } })).toMatchObject({
      status: 'ADJUSTED',
      approvedVnd: 3_000_000,
      decisionNote: 'Giảm số buổi',
    });

    const rejected = await submit();
    const noReason = await postForm(chutich, `/can-bo/du-toan/${rejected}/quyet-dinh`, { decision: 'REJECT', decisionNote: '' });
    expect(noReason.status).toBe(400);
    expect(visibleText(noReason.text)).toContain('Vui lòng nhập lý do không phê duyệt.');
    expect((await t.db.budgetEstimate.findUniqueOrThrow({ where: { id: rejected } })).status).toBe('SUBMITTED');
    const noChoice = await postForm(chutich, `/can-bo/du-toan/${rejected}/quyet-dinh`, {});
    expect(noChoice.status).toBe(400);
    expect(visibleText(noChoice.text)).toContain('Vui lòng chọn ý kiến phê duyệt.');
    expect(
      (await postForm(chutich, `/can-bo/du-toan/${rejected}/quyet-dinh`, { decision: 'REJECT', decisionNote: 'Đã có kinh phí từ nguồn khác' })).status,
    ).toBe(303);
    expect(await t.db.budgetEstimate.findUniqueOrThrow({ where: { id: rejected } })).toMatchObject({ status: 'REJECTED', approvedVnd: null });
  });

  it('shows totals per task and per plan, requested against approved, with VND formatting', async () => {
    const rows = await t.db.budgetEstimate.findMany({ where: { task: { plan: { wardId: t.wardId } } } });
    const requested = rows.reduce((s, r) => s + r.requestedVnd, 0);
    const approved = rows.reduce((s, r) => s + (r.approvedVnd ?? 0), 0);
    const t2 = rows.filter((r) => r.taskId === ids.t2);
    const fmt = (n: number) => `${n.toLocaleString('de-DE')} đ`;
    const page = visibleText((await chutich.get('/can-bo/du-toan')).text);
    expect(page).toContain(`Cả kế hoạch ${rows.length} ${fmt(requested)} ${fmt(approved)}`);
    expect(page).toContain(
      `Nhiệm vụ 2 ${t2.length} ${fmt(t2.reduce((s, r) => s + r.requestedVnd, 0))} ${fmt(t2.reduce((s, r) => s + (r.approvedVnd ?? 0), 0))}`,
    );
    const filtered = visibleText((await chutich.get(`/can-bo/du-toan?nhiem-vu=${ids.t1}`)).text);
    expect(filtered).toContain('Dự toán kinh phí – Nhiệm vụ 1');
    expect(filtered).not.toContain('Dự toán in tờ rơi và hội nghị');
    // A unit official sees only their unit's estimates.
    const tdp1 = await t.loginAs('tdp1');
    const own = visibleText((await tdp1.get('/can-bo/du-toan')).text);
    expect(own).toContain('Tổ dân phố 1');
    expect(own).not.toContain('Dự toán in tờ rơi và hội nghị');
  });

  describe('refuses bad input with the form again, typed values kept and nothing saved', () => {
    const cases: [string, Record<string, string>, string][] = [
      [
        'an empty form',
        {
          title: '',
          legalBasis: '',
          'lines[0][description]': '',
          'lines[0][unitLabel]': '',
          'lines[0][quantity]': '',
          'lines[0][unitPrice]': '',
          'lines[1][description]': '',
          'lines[1][unitLabel]': '',
          'lines[1][quantity]': '',
          'lines[1][unitPrice]': '',
        },
        'Vui lòng nhập tên dự toán.',
      ],
      [
        'no line at all',
        {
          'lines[0][description]': '',
          'lines[0][unitLabel]': '',
          'lines[0][quantity]': '',
          'lines[0][unitPrice]': '',
          'lines[1][description]': '',
          'lines[1][unitLabel]': '',
          'lines[1][quantity]': '',
          'lines[1][unitPrice]': '',
        },
        'Vui lòng nhập ít nhất một dòng dự toán.',
      ],
      ['a decimal price "1,5"', { 'lines[1][unitPrice]': '1,5' }, 'Đơn giá phải là số nguyên.'],
      ['a negative price', { 'lines[1][unitPrice]': '-1.000' }, 'Đơn giá phải từ 0'],
      ['a zero quantity', { 'lines[0][quantity]': '0' }, 'Số lượng phải từ 1'],
      ['a line without description', { 'lines[1][description]': '' }, 'Vui lòng nhập nội dung chi.'],
      ['a total too large for the books', { 'lines[1][quantity]': '1.000', 'lines[1][unitPrice]': '1.500.000.000' }, 'vượt quá'],
      ['a legal basis missing', { legalBasis: ' ' }, 'Vui lòng nhập căn cứ pháp lý.'],
    ];
    for (const [name, fields, message] of cases) {
      it(name, async () => {
        const [estimates, lines] = await Promise.all([t.db.budgetEstimate.count(), t.db.budgetLine.count()]);
        const res = await postForm(vanhoa, `/can-bo/nhiem-vu/${ids.t2}/du-toan/moi`, estimate(fields));
        expect(res.status).toBe(400);
        const text = visibleText(res.text);
        expect(text).toContain('Có lỗi cần sửa trước khi gửi');
        expect(text).toContain(message);
        for (const [k, v] of Object.entries({ ...estimate(), ...fields })) {
          if (v && k.startsWith('lines')) expect(res.text).toContain(`value="${v}"`);
        }
        expect(await t.db.budgetEstimate.count()).toBe(estimates);
        expect(await t.db.budgetLine.count()).toBe(lines);
      });
    }
  });

  it('checks role and unit on the server for every budget route', { timeout: 120_000 }, async () => {
    // vanhoa has no part in task 1; tdp1 leads it.
    const agents = await agentsFor(t, 'vanhoa', 'tdp1');
    const own = await t.db.budgetEstimate.findFirstOrThrow({ where: { unit: { name: 'Tổ dân phố 1' }, status: 'SUBMITTED' } });
    const wrong = await runMatrix(agents, [
      { method: 'get', url: '/can-bo/du-toan', expect: statuses(302, 200, 200, 200, 200, 200) },
      { method: 'get', url: `/can-bo/nhiem-vu/${ids.t1}/du-toan/moi`, expect: statuses(302, 403, 200, 403, 200, 200) },
      { method: 'post', url: `/can-bo/nhiem-vu/${ids.t1}/du-toan/moi`, body: { title: '' }, expect: statuses(401, 403, 400, 403, 400, 400) },
      { method: 'get', url: `/can-bo/du-toan/${own.id}`, expect: statuses(302, 403, 200, 200, 200, 200) },
      { method: 'post', url: `/can-bo/du-toan/${own.id}/quyet-dinh`, body: { decision: 'REJECT' }, expect: statuses(401, 403, 403, 400, 403, 403) },
      { method: 'post', url: `/can-bo/du-toan/${own.id}/sua-quyet-dinh`, body: { decision: 'REJECT' }, expect: statuses(401, 403, 403, 400, 403, 403) },
    ]);
    expect(wrong).toEqual([]);
  });
});
