/**
 * Issue 9: the chairman approved 5.000.000 đ on a 4.000.000 đ request with no
 * undo. Approval cannot exceed the request; a decision is corrected only with a
 * reason, audited, the earlier decision kept; every total follows, and a past
 * period keeps the amount decided then.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { computePlanFigures } from '../../../src/features/figures/plan-figures.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { postForm, taskIds } from '../reports/work-helpers.js';

const request = {
  title: 'Dự toán loa truyền thanh lưu động',
  legalBasis: 'Luật Ngân sách nhà nước năm 2015',
  'lines[0][description]': 'Thuê loa lưu động',
  'lines[0][unitLabel]': 'buổi',
  'lines[0][quantity]': '4',
  'lines[0][unitPrice]': '1.000.000',
};

describe('budget decisions: capped at the request, corrected with a reason', () => {
  let t: TestApp;
  let vanhoa: TestAgent;
  let chutich: TestAgent;
  let planId: string;
  let id: string;
  beforeAll(async () => {
    t = await createTestApp();
    const ids = await taskIds(t);
    planId = (await t.db.task.findUniqueOrThrow({ where: { id: ids.t2 } })).planId;
    vanhoa = await t.loginAs('vanhoa');
    chutich = await t.loginAs('chutich');
    t.clock.set('2025-09-10T02:00:00Z');
    const res = await postForm(vanhoa, `/can-bo/nhiem-vu/${ids.t2}/du-toan/moi`, request);
    expect(res.status).toBe(303);
    id = res.headers.location.split('/').pop()!;
  });
  afterAll(() => t.close());

  const totals = async (to?: string) => {
    const f = await computePlanFigures(t.db, { wardId: t.wardId, planId, now: t.clock.now(), to: to ? new Date(`${to}T00:00:00+07:00`) : null });
    return f.budgets.byStatus;
  };

  it('refuses an adjusted approval above the request: 400, Vietnamese message, typed amount kept, nothing saved', async () => {
    const demo = (await totals()).ADJUSTED; // the demo data's own adjusted estimate
    const before = await t.db.auditLog.count();
    const res = await postForm(chutich, `/can-bo/du-toan/${id}/quyet-dinh`, { decision: 'ADJUST', approvedVnd: '5.000.000', decisionNote: '' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Số kinh phí được duyệt không được vượt số kinh phí đề nghị (4.000.000 đ).');
    expect(res.text).toContain('value="5.000.000"');
    expect(await t.db.budgetEstimate.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'SUBMITTED', approvedVnd: null });
    expect(await t.db.auditLog.count()).toBe(before);
    // Exactly the request is allowed.
    t.clock.set('2025-09-15T02:00:00Z');
    expect(
      (await postForm(chutich, `/can-bo/du-toan/${id}/quyet-dinh`, { decision: 'ADJUST', approvedVnd: '3.000.000', decisionNote: 'Giảm một buổi' })).status,
    ).toBe(303);
    expect((await totals()).ADJUSTED).toEqual({
      count: demo.count + 1,
      requestedVnd: demo.requestedVnd + 4_000_000,
      approvedVnd: demo.approvedVnd + 3_000_000,
    });
  });

  it('corrects a decision only with a reason; the history keeps both and every total follows', async () => {
    const page = visibleText((await chutich.get(`/can-bo/du-toan/${id}`)).text);
    expect(page).toContain('Sửa quyết định');
    const noReason = await postForm(chutich, `/can-bo/du-toan/${id}/sua-quyet-dinh`, { decision: 'APPROVE', decisionNote: '', correctionReason: '' });
    expect(noReason.status).toBe(400);
    expect(visibleText(noReason.text)).toContain('Vui lòng nhập lý do sửa quyết định.');
    const tooMuch = await postForm(chutich, `/can-bo/du-toan/${id}/sua-quyet-dinh`, {
      decision: 'ADJUST',
      approvedVnd: '4.500.000',
      decisionNote: '',
      correctionReason: 'Bổ sung',
    });
    expect(tooMuch.status).toBe(400);
    expect(visibleText(tooMuch.text)).toContain('không được vượt số kinh phí đề nghị');
    expect(await t.db.budgetEstimate.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'ADJUSTED', approvedVnd: 3_000_000 });

    t.clock.set('2025-10-20T02:00:00Z');
    const ok = await postForm(chutich, `/can-bo/du-toan/${id}/sua-quyet-dinh`, {
      decision: 'APPROVE',
      decisionNote: '',
      correctionReason: 'Loa của phường hỏng, cần thuê đủ 4 buổi.',
    });
    expect(ok.status).toBe(303);
    expect(await t.db.budgetEstimate.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'APPROVED', approvedVnd: 4_000_000 });
    const shown = visibleText((await chutich.get(`/can-bo/du-toan/${id}`)).text);
    expect(shown).toContain('Lịch sử quyết định');
    expect(shown).toContain('Phê duyệt có điều chỉnh: 3.000.000 đ');
    expect(shown).toContain('sửa quyết định, lý do: Loa của phường hỏng, cần thuê đủ 4 buổi.');
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { entityId: id, action: 'budget.correct' } });
    expect(audit.before).toContain('"approvedVnd":3000000');
    expect(audit.after).toContain('Loa của phường hỏng');

    // Totals follow: today's figures, the list page and the progress page …
    expect((await totals()).APPROVED.approvedVnd).toBeGreaterThanOrEqual(4_000_000);
    expect((await totals()).ADJUSTED.count).toBe((await totals('2025-09-30')).ADJUSTED.count - 1);
    const list = visibleText((await chutich.get('/can-bo/du-toan')).text);
    expect(list).toContain('4.000.000 đ');
    // … while quarter III keeps the 3.000.000 đ decided then.
    const q3 = await computePlanFigures(t.db, {
      wardId: t.wardId,
      planId,
      from: new Date('2025-07-01T00:00:00+07:00'),
      to: new Date('2025-09-30T00:00:00+07:00'),
      now: t.clock.now(),
    });
    const q4 = await computePlanFigures(t.db, {
      wardId: t.wardId,
      planId,
      from: new Date('2025-10-01T00:00:00+07:00'),
      to: new Date('2025-12-31T00:00:00+07:00'),
      now: t.clock.now(),
    });
    expect(q4.budgets.approvedVnd - q3.budgets.approvedVnd).toBe(1_000_000);
    expect(q3.tasks.find((x) => x.ordinal === 2)!.approvedVnd + 1_000_000).toBe(q4.tasks.find((x) => x.ordinal === 2)!.approvedVnd);
  });
});
