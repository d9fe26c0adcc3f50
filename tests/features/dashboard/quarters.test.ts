/**
 * Issue 9 "Reports true to their period": each quarter's figures are those that
 * stood at the quarter's end, even when computed in December — checked against
 * counts made by hand from the history in quarters.ts, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyTrend } from '../../../src/features/dashboard/dashboard.service.js';
import { computePlanFigures } from '../../../src/features/figures/plan-figures.js';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { getBinary, quarterForm, readDocx } from '../documents/helpers.js';
import { at, buildQuarterHistory } from './quarters.js';

describe('figures of a period as they stood at its end (quarters II, III and IV of 2025)', () => {
  let t: TestApp;
  let planId: string;
  const december = at('2025-12-20T09:00:00');
  const quarter = (from: string, to: string) =>
    computePlanFigures(t.db, { wardId: t.wardId, planId, from: at(`${from}T00:00:00`), to: at(`${to}T00:00:00`), now: december });
  beforeAll(async () => {
    t = await createTestApp();
    ({ planId } = await buildQuarterHistory(t));
    t.clock.set(december);
  });
  afterAll(() => t.close());

  it('quarter II: task 1 at 40 %, 1 activity of 100 people and 1 of unknown reach, 3.000.000 đ approved, 1 obstacle unresolved, no draft yet', async () => {
    const f = await quarter('2025-04-01', '2025-06-30');
    expect(f.tasks.map((x) => [x.ordinal, x.status, x.progressPercent])).toEqual([
      [1, 'IN_PROGRESS', 40],
      [2, 'NOT_STARTED', 0],
    ]);
    expect(f.channels.filter((c) => c.activities)).toEqual([
      { channel: 'LOUDSPEAKER', activities: 1, peopleReached: 0, unknownReach: 1 },
      { channel: 'MEETING', activities: 1, peopleReached: 100, unknownReach: 0 },
    ]);
    expect([f.peopleReachedTotal, f.unknownReachTotal]).toEqual([100, 1]);
    expect(f.budgets).toMatchObject({ count: 1, requestedVnd: 4_000_000, approvedVnd: 3_000_000 });
    expect(f.obstacles).toMatchObject({ raised: 1, open: 1, answered: 0, closed: 0 });
    expect(f.tasks[0].unresolvedObstacles).toBe(1);
    expect(f.drafts).toMatchObject({ inScope: 0, communicated: 0, percent: 100, list: [] });
  });

  it('quarter III: task 1 done (reported 20/09, accepted in October), task 2 at 50 %, the corrected 3.500.000 đ, the draft communicated', async () => {
    const f = await quarter('2025-07-01', '2025-09-30');
    expect(f.tasks.map((x) => [x.ordinal, x.status, x.progressPercent])).toEqual([
      [1, 'DONE', 100],
      [2, 'IN_PROGRESS', 50],
    ]);
    expect(f.peopleReachedTotal).toBe(300);
    expect(f.budgets).toMatchObject({ count: 1, approvedVnd: 3_500_000 });
    // The Q2 obstacle was answered in July; the September one is still unresolved at the quarter's end.
    expect(f.obstacles).toMatchObject({ raised: 1, open: 1, answered: 1, closed: 0 });
    expect(f.obstacles.list.map((o) => [o.title, o.status])).toEqual([
      ['Thiếu loa', 'ANSWERED'],
      ['Ít người góp ý', 'OPEN'],
    ]);
    expect(f.drafts).toMatchObject({ inScope: 1, communicated: 1, percent: 100 });
    expect(f.drafts.list.map((d) => d.status)).toEqual(['CLOSED']);
  });

  it('quarter IV: task 1 back to 80 % (a later report), task 2 done, the rejected estimate counted, both obstacles closed', async () => {
    const f = await quarter('2025-10-01', '2025-12-31');
    expect(f.tasks.map((x) => [x.ordinal, x.status, x.progressPercent])).toEqual([
      [1, 'IN_PROGRESS', 80],
      [2, 'DONE', 100],
    ]);
    expect(f.peopleReachedTotal).toBe(200);
    expect(f.budgets).toMatchObject({ count: 2, requestedVnd: 6_000_000, approvedVnd: 3_500_000 });
    expect(f.budgets.byStatus.REJECTED).toEqual({ count: 1, requestedVnd: 2_000_000, approvedVnd: 0 });
    expect(f.obstacles).toMatchObject({ raised: 0, open: 0, answered: 0, closed: 2 });
    // The draft was communicated in quarter III: it is no longer to do in quarter IV.
    expect(f.drafts).toMatchObject({ inScope: 0, percent: 100 });
  });

  it('the monthly trend uses the same as-of rules: tasks done and obstacles unresolved at each month end', async () => {
    const months = await monthlyTrend(t.db, planId, 2025, null, null, december);
    const row = (label: string) => months.find((m) => m.label === label)!;
    expect(months.map((m) => [m.label, m.tasksDone, m.unresolvedObstacles])).toEqual([
      ['01/2025', 0, 0],
      ['02/2025', 0, 0],
      ['03/2025', 0, 0],
      ['04/2025', 0, 0],
      ['05/2025', 0, 0],
      ['06/2025', 0, 1],
      ['07/2025', 0, 0],
      ['08/2025', 0, 0],
      ['09/2025', 1, 1],
      ['10/2025', 1, 0],
      ['11/2025', 0, 0],
      ['12/2025', 1, 0],
    ]);
    expect(row('05/2025')).toMatchObject({ activities: 2, peopleReached: 100, unknownReach: 1, reportsAccepted: 1 });
    expect(row('09/2025')).toMatchObject({ activities: 0, reportsAccepted: 1 });
  });

  it('the quarter III results report compiled in December prints quarter III, not today', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(planId));
    expect(res.status).toBe(303);
    const id = res.headers.location.split('/').pop()!;
    const docx = await readDocx((await getBinary(agent, `/can-bo/van-ban/${id}.docx`)).body as Buffer);
    expect(docx.paragraphs).toContain('- Tình trạng: Hoàn thành; tiến độ 100%; thời hạn 31/12/2025.');
    expect(docx.paragraphs).toContain('- Tình trạng: Đang thực hiện; tiến độ 50%; thời hạn 31/12/2025.');
    expect(docx.text).toContain(
      'Số khó khăn, vướng mắc được phản ánh: 1; đã có ý kiến chỉ đạo, hướng dẫn: 1; đã giải quyết xong: 0; đang xử lý: 1 (kể cả 1 khó khăn, vướng mắc phản ánh từ trước kỳ báo cáo).',
    );
    const page = visibleText((await agent.get(`/can-bo/van-ban/${id}`)).text);
    expect(page).not.toContain('80%');
  });
});
