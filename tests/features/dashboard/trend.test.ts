import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthlyTrend } from '../../../src/features/dashboard/dashboard.service.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

describe('the monthly trend of the progress page', () => {
  let t: TestApp;
  let planId: string;
  beforeAll(async () => {
    t = await createTestApp();
    const plan = await t.db.plan.findFirstOrThrow({ where: { year: 2025 } });
    planId = plan.id;
  });
  afterAll(() => t.close());

  it('runs from January of the plan year to this month while the year lasts', async () => {
    const months = await monthlyTrend(t.db, planId, 2025, null, null, new Date('2025-10-15T02:00:00Z'));
    expect(months.map((m) => m.label)).toEqual(['01/2025', '02/2025', '03/2025', '04/2025', '05/2025', '06/2025', '07/2025', '08/2025', '09/2025', '10/2025']);
  });

  it('keeps showing follow-up work done after the plan year', async () => {
    const task = await t.db.task.findFirstOrThrow({ where: { planId, ordinal: 1 } });
    const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 1' } });
    await t.db.progressReport.create({
      data: {
        taskId: task.id,
        unitId: unit.id,
        reportedOn: new Date('2026-03-10T03:00:00Z'),
        summary: 'Tiếp tục truyền thông sau năm kế hoạch',
        status: 'ACCEPTED',
        activities: { create: [{ taskId: task.id, unitId: unit.id, channel: 'MEETING', heldOn: new Date('2026-03-10T03:00:00Z'), peopleReached: 40 }] },
      },
    });
    const months = await monthlyTrend(t.db, planId, 2025, null, null, new Date('2026-11-27T02:00:00Z'));
    expect(months[0].label).toBe('01/2025');
    expect(months.at(-1)?.label).toBe('03/2026');
    expect(months.find((m) => m.label === '03/2026')).toMatchObject({ activities: 1, peopleReached: 40, reportsAccepted: 1 });
  });
});
