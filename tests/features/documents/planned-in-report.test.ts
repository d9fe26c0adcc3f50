/**
 * Issue 11: the units' own plans (kế hoạch cụ thể) against what was done, as the
 * progress page and the results report show them for a period — counted by hand
 * below, on the known dataset of helpers.ts (its activities are all unplanned).
 *
 * Planned activities (clock: 10/01/2026):
 *   A  task 1, Mặt trận, 10/07/2025   done 12/07/2025 (accepted)        → Q3 done
 *   B  task 1, Mặt trận, month 08/2025 never done                      → Q3 overdue, Q4 carried + overdue
 *   C  task 3, Tư pháp,  20/09/2025   done 05/10/2025 (accepted)        → Q3 overdue, Q4 carried + done
 *   D  task 1, Mặt trận, month 11/2025 held 10/11, report not reviewed → Q4 overdue (not done)
 *   F  task 3, Tư pháp,  10/12/2025   held 09/12, report returned      → Q4 overdue
 *   E  task 3, Tư pháp,  25/01/2026                                     → in neither quarter
 * Unplanned activities of accepted reports: Q3 — Mặt trận 2 (task 1), Tư pháp 1 (task 3); Q4 — Mặt trận 1 (task 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../../prisma/seed.js';
import { createTestApp, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';
import { createDataset, type Dataset, getBinary, quarterForm, readDocx, readXlsx } from './helpers.js';

const FRONT = 'Ủy ban Mặt trận Tổ quốc Việt Nam phường';
const JUSTICE = 'Công chức Tư pháp – Hộ tịch';

describe('units’ planned activities against what was done, for the period a report names', () => {
  let t: TestApp;
  let ds: Dataset;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
    const [t1, , t3] = ds.taskIds;
    const unit = async (name: string) => (await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name } })).id;
    const front = await unit(FRONT);
    const justice = await unit(JUSTICE);
    const plan = (taskId: string, unitId: string, title: string, day: string, byMonth = false) =>
      t.db.plannedActivity.create({ data: { taskId, unitId, title, plannedOn: vnDate(day), byMonth, channel: 'MEETING' } });
    const a = await plan(t1, front, 'Họp dân tổ 1', '2025-07-10');
    await plan(t1, front, 'Phát thanh chuyên đề', '2025-08-01', true);
    const c = await plan(t3, justice, 'Niêm yết dự thảo tại tổ 5', '2025-09-20');
    const d = await plan(t1, front, 'Hội nghị đoàn viên', '2025-11-01', true);
    await plan(t3, justice, 'Phát tờ rơi', '2026-01-25');
    const f = await plan(t3, justice, 'Họp dân tổ 7', '2025-12-10');
    const tick = (taskId: string, unitId: string, status: string, reportedOn: string, heldOn: string, plannedActivityId: string) =>
      t.db.progressReport.create({
        data: {
          taskId,
          unitId,
          reportedOn: vnDate(reportedOn),
          summary: `Thực hiện theo kế hoạch (${status})`,
          status,
          activities: { create: { taskId, unitId, channel: 'MEETING', heldOn: vnDate(heldOn), peopleReached: 40, plannedActivityId } },
        },
      });
    await tick(t1, front, 'ACCEPTED', '2025-07-13', '2025-07-12', a.id);
    await tick(t3, justice, 'ACCEPTED', '2025-10-06', '2025-10-05', c.id);
    await tick(t1, front, 'SUBMITTED', '2025-11-11', '2025-11-10', d.id);
    await tick(t3, justice, 'RETURNED', '2025-12-10', '2025-12-09', f.id);
    t.clock.set('2026-01-10T03:00:00.000Z');
  });
  afterAll(() => t.close());

  it('the progress page for quarter III counts planned, done, overdue and unplanned per task and per unit', async () => {
    const chairman = await t.loginAs('chutich');
    const page = visibleText((await chairman.get(`/can-bo/tien-do?ke-hoach=${ds.planId}&tu=01/07/2025&den=30/09/2025`)).text);
    // Task 1: A done, B overdue; two unplanned activities of Mặt trận.
    expect(page).toContain('Kế hoạch cụ thể 1/2 hoạt động đã thực hiện, 1 quá hạn, 2 ngoài kế hoạch (trong kỳ)');
    // Task 3: C not done by 30/09; one unplanned notice board.
    expect(page).toContain('Kế hoạch cụ thể 0/1 hoạt động đã thực hiện, 1 quá hạn, 1 ngoài kế hoạch (trong kỳ)');
    expect(page).toContain(`${FRONT} 2 1 1 2`);
    expect(page).toContain(`${JUSTICE} 1 0 1 1`);
    expect(page).toContain('Tổng cộng 3 1 2 3');
    expect(page).toContain(`Phát thanh chuyên đề – ${FRONT}, Nhiệm vụ 1, dự kiến tháng 08/2025`);
    expect(page).toContain(`Niêm yết dự thảo tại tổ 5 – ${JUSTICE}, Nhiệm vụ 3, dự kiến 20/09/2025`);
  });

  it('the results report of quarter III says the same, in a table and under each task', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId));
    expect(res.status).toBe(303);
    const docx = await readDocx((await getBinary(agent, `${res.headers.location}.docx`)).body as Buffer);
    const p = docx.paragraphs;
    expect(p).toContain('4. Thực hiện kế hoạch cụ thể của các đơn vị');
    expect(p).toContain(
      '- Kế hoạch cụ thể của đơn vị: 2 hoạt động phải thực hiện trong kỳ, đã thực hiện 1, quá hạn chưa thực hiện 1; 2 hoạt động ngoài kế hoạch.',
    );
    expect(p).toContain(
      '- Kế hoạch cụ thể của đơn vị: 1 hoạt động phải thực hiện trong kỳ, đã thực hiện 0, quá hạn chưa thực hiện 1; 1 hoạt động ngoài kế hoạch.',
    );
    const row = (name: string) => p.slice(p.indexOf(name), p.indexOf(name) + 5);
    expect(row(FRONT).slice(1)).toEqual(['2', '1', '1', '2']);
    expect(row(JUSTICE).slice(1)).toEqual(['1', '0', '1', '1']);
    const total = p.lastIndexOf('Tổng cộng');
    expect(p.slice(total, total + 5)).toEqual(['Tổng cộng', '3', '1', '2', '3']);
    expect(p).toContain(`- Phát thanh chuyên đề (${FRONT}, Nhiệm vụ 1, dự kiến tháng 08/2025).`);
    expect(p).toContain(`- Niêm yết dự thảo tại tổ 5 (${JUSTICE}, Nhiệm vụ 3, dự kiến ngày 20/09/2025).`);
    // The .xlsx annex has the same table, numbers as numbers.
    const wb = await readXlsx((await getBinary(agent, `${res.headers.location}.xlsx`)).body as Buffer);
    const values = (wb.getWorksheet('Kế hoạch cụ thể')?.getSheetValues() ?? []).filter(Boolean).map((r) => (r as unknown[]).slice(1));
    expect(values).toContainEqual([FRONT, 2, 1, 1, 2]);
    expect(values).toContainEqual(['Tổng cộng', 3, 1, 2, 3]);
    // The budget table keeps its place after the new one.
    expect(p).toContain('Bảng 4. Dự toán kinh phí theo tình trạng phê duyệt (đơn vị: đồng)');
  });

  it('the report of quarter IV carries over what was still not done and counts only accepted reports as done', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId, { quarter: '4' }));
    expect(res.status).toBe(303);
    const p = (await readDocx((await getBinary(agent, `${res.headers.location}.docx`)).body as Buffer)).paragraphs;
    // B (carried) and D (report not reviewed) overdue; C (carried) done on 05/10; F (returned) overdue; E not yet.
    const total = p.lastIndexOf('Tổng cộng');
    expect(p.slice(total, total + 5)).toEqual(['Tổng cộng', '4', '1', '3', '1']);
    const front = p.indexOf(FRONT, p.indexOf('Bảng 3. Thực hiện kế hoạch cụ thể của các đơn vị'));
    expect(p.slice(front + 1, front + 5)).toEqual(['2', '0', '2', '1']);
    const justice = p.indexOf(JUSTICE, p.indexOf('Bảng 3. Thực hiện kế hoạch cụ thể của các đơn vị'));
    expect(p.slice(justice + 1, justice + 5)).toEqual(['2', '1', '1', '0']);
    expect(p).toContain(`- Hội nghị đoàn viên (${FRONT}, Nhiệm vụ 1, dự kiến tháng 11/2025).`);
    expect(p).toContain(`- Họp dân tổ 7 (${JUSTICE}, Nhiệm vụ 3, dự kiến ngày 10/12/2025).`);
    expect(p.join('\n')).not.toContain('Phát tờ rơi (');
  });
});
