import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';
import { postForm, postMultipart } from '../reports/work-helpers.js';

describe('each unit’s own plan for its tasks (kế hoạch cụ thể)', () => {
  let t: TestApp;
  let taskId = '';
  let otherTaskId = '';
  let unitId = '';
  beforeAll(async () => {
    t = await createTestApp();
    const vanhoa = await t.db.user.findUniqueOrThrow({ where: { username: 'vanhoa' } });
    unitId = vanhoa.unitId!;
    taskId = (await t.db.task.findFirstOrThrow({ where: { units: { some: { unitId } } }, orderBy: { ordinal: 'asc' } })).id;
    otherTaskId = (await t.db.task.findFirstOrThrow({ where: { units: { none: { unitId } } } })).id;
  });
  afterAll(() => t.close());

  const page = () => `/can-bo/nhiem-vu/${taskId}/ke-hoach-cu-the`;
  const planned = (fields: Record<string, string>) => ({
    title: '',
    when: '',
    channel: '',
    audience: '',
    expectedReach: '0',
    estimatedCostVnd: '0',
    budgetEstimateId: '',
    ...fields,
  });

  it('a unit plans activities by day or month; bad input comes back with what was typed; another unit’s task is refused', async () => {
    const a = await t.loginAs('vanhoa');
    const bad = await submitForm(a, page(), page(), planned({ title: 'Họp dân tổ 4', when: '13/2025' }));
    expect(bad.status).toBe(400);
    const text = visibleText(bad.text);
    expect(text).toContain('Thời gian không hợp lệ: nhập ngày (dd/mm/yyyy) hoặc tháng (mm/yyyy).');
    expect(text).toContain('Vui lòng chọn kênh truyền thông.');
    expect(bad.text).toContain('value="Họp dân tổ 4"');
    expect(await t.db.plannedActivity.count()).toBe(0);

    expect(
      (
        await submitForm(
          a,
          page(),
          page(),
          planned({
            title: 'Họp dân tổ 4',
            when: '11/2025',
            channel: 'MEETING',
            audience: 'Hộ gia đình tổ 4',
            expectedReach: '120',
            estimatedCostVnd: '1.500.000',
          }),
        )
      ).status,
    ).toBe(303);
    expect((await submitForm(a, page(), page(), planned({ title: 'Phát thanh 3 buổi', when: '20/10/2025', channel: 'LOUDSPEAKER' }))).status).toBe(303);
    const rows = await t.db.plannedActivity.findMany({ orderBy: { plannedOn: 'asc' } });
    expect(rows.map((r) => [r.title, r.byMonth, r.unitId, r.expectedReach, r.estimatedCostVnd])).toEqual([
      ['Phát thanh 3 buổi', false, unitId, 0, 0],
      ['Họp dân tổ 4', true, unitId, 120, 1_500_000],
    ]);
    const other = `/can-bo/nhiem-vu/${otherTaskId}/ke-hoach-cu-the`;
    expect((await submitForm(a, other, other, planned({ title: 'x', when: '11/2025', channel: 'MEETING' }))).status).toBe(403);
    // Who may not add sees the plan but no form.
    expect((await (await t.loginAs('chutich')).get(page())).text).not.toContain('Thêm vào kế hoạch');
  });

  it('a progress report ticks a planned activity off or adds an unplanned one; the task and progress pages show planned against done and what is overdue', async () => {
    const a = await t.loginAs('vanhoa');
    const [radio, meeting] = await t.db.plannedActivity.findMany({ orderBy: { plannedOn: 'asc' } });
    // Unplanned activities count once their report is accepted, as the figures count them.
    const unplannedBefore = await t.db.communicationActivity.count({
      where: { taskId, reportId: { not: null }, plannedActivityId: null, report: { status: 'ACCEPTED' } },
    });
    const form = await a.get(`/can-bo/nhiem-vu/${taskId}/bao-cao/moi`);
    expect(visibleText(form.text)).toContain('Thuộc kế hoạch cụ thể của đơn vị');
    const report = await postMultipart(a, `/can-bo/nhiem-vu/${taskId}/bao-cao/moi`, {
      reportedOn: '15/10/2025',
      summary: 'Đã phát thanh và họp dân',
      'activities[0][channel]': 'LOUDSPEAKER',
      'activities[0][heldOn]': '14/10/2025',
      'activities[0][description]': 'Phát thanh buổi sáng',
      'activities[0][peopleReached]': '300',
      'activities[0][plannedId]': radio.id,
      'activities[1][channel]': 'LEAFLET',
      'activities[1][heldOn]': '14/10/2025',
      'activities[1][description]': 'Phát tờ rơi',
      'activities[1][peopleReached]': '50',
    });
    expect(report.status).toBe(303);
    // Until the Justice officer accepts the report, the radio is reported, not done (the figures count accepted reports only).
    const waiting = visibleText((await a.get(`/can-bo/nhiem-vu/${taskId}/ke-hoach-cu-the`)).text);
    expect(waiting).toContain('Đã báo cáo, chờ xem xét');
    expect(visibleText((await a.get(`/can-bo/nhiem-vu/${taskId}`)).text)).toContain(
      `2 Hoạt động đã lên kế hoạch 0 Đã thực hiện theo kế hoạch 0 Quá hạn, chưa thực hiện ${unplannedBefore} Hoạt động ngoài kế hoạch`,
    );
    const reportId = (await t.db.progressReport.findFirstOrThrow({ where: { taskId, summary: 'Đã phát thanh và họp dân' } })).id;
    expect((await postForm(await t.loginAs('tuphap'), `/can-bo/bao-cao/${reportId}/chap-nhan`, {})).status).toBe(303);
    // 16/12/2025: the radio is done, the November meeting is overdue.
    t.clock.set('2025-12-16T03:00:00.000Z');
    const task = visibleText((await a.get(`/can-bo/nhiem-vu/${taskId}`)).text);
    expect(task).toContain(
      `2 Hoạt động đã lên kế hoạch 1 Đã thực hiện theo kế hoạch 1 Quá hạn, chưa thực hiện ${unplannedBefore + 1} Hoạt động ngoài kế hoạch`,
    );
    expect(task).toContain(`Quá hạn: ${meeting.title}`);
    expect(task).toContain('hạn 30/11/2025');
    const progress = visibleText((await (await t.loginAs('chutich')).get('/can-bo/tien-do')).text);
    expect(progress).toContain(`1/2 hoạt động đã thực hiện, 1 quá hạn, ${unplannedBefore + 1} ngoài kế hoạch`);

    // Ticking another unit's planned activity is refused.
    const foreign = await t.db.plannedActivity.create({ data: { taskId: otherTaskId, unitId, title: 'Khác', plannedOn: new Date(), channel: 'MEETING' } });
    const refused = await postMultipart(a, `/can-bo/nhiem-vu/${taskId}/bao-cao/moi`, {
      reportedOn: '15/12/2025',
      summary: 'x',
      'activities[0][channel]': 'MEETING',
      'activities[0][heldOn]': '14/12/2025',
      'activities[0][description]': 'Họp',
      'activities[0][peopleReached]': '10',
      'activities[0][plannedId]': foreign.id,
    });
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain('không thuộc đơn vị hoặc nhiệm vụ này');
    t.clock.set('2025-10-15T02:00:00.000Z');
  });
});
