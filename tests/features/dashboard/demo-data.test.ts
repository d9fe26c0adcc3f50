import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysBetween } from '../../../src/lib/format.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';

describe('demo plan activity (prisma/seed-demo-plan.ts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('has accepted reports from several units on several channels, one waiting and one returned', async () => {
    const reports = await t.db.progressReport.findMany({ include: { unit: true, activities: true } });
    const accepted = reports.filter((r) => r.status === 'ACCEPTED');
    expect(new Set(accepted.map((r) => r.unit.name)).size).toBeGreaterThanOrEqual(3);
    expect(accepted.map((r) => r.unit.name)).toEqual(
      expect.arrayContaining(['Công chức Văn hóa – Xã hội', 'Ủy ban Mặt trận Tổ quốc Việt Nam phường', 'Tổ dân phố 1']),
    );
    expect(new Set(accepted.flatMap((r) => r.activities.map((a) => a.channel)))).toEqual(
      new Set(['LOUDSPEAKER', 'MEETING', 'NOTICE_BOARD', 'SOCIAL', 'LEAFLET']),
    );
    expect(reports.filter((r) => r.status === 'SUBMITTED')).toHaveLength(1);
    expect(reports.filter((r) => r.status === 'RETURNED')).toHaveLength(1);
    // Every report is by a unit that leads or coordinates its task, and dated before the seed day.
    for (const r of reports) {
      expect(await t.db.taskUnit.count({ where: { taskId: r.taskId, unitId: r.unitId } })).toBeGreaterThan(0);
      expect(r.reportedOn <= t.clock.now()).toBe(true);
    }
    const task1 = await t.db.task.findFirstOrThrow({ where: { ordinal: 1 } });
    expect(task1).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 70 });
  });

  it('records the triggers of tasks 2 and 3 with their 30-day clocks', async () => {
    const triggers = await t.db.taskTrigger.findMany({ include: { task: true }, orderBy: { receivedOn: 'asc' } });
    const byTask = new Map(triggers.map((tr) => [tr.task.ordinal, tr]));
    expect(byTask.get(2)).toMatchObject({ documentNumber: '1234/STP-XDKTVB', issuer: 'Sở Tư pháp tỉnh Quảng Ngãi' });
    // Issued after 01/07/2025: by the province, the district level having ended.
    expect(byTask.get(3)?.issuer).toBe('UBND tỉnh Quảng Ngãi');
    expect(byTask.get(3)!.issuedOn >= new Date('2025-06-30T17:00:00Z')).toBe(true);
    for (const tr of [byTask.get(2)!, byTask.get(3)!]) expect(daysBetween(tr.receivedOn, tr.dueOn!)).toBe(30);
  });

  it('has budgets approved, adjusted and waiting, and obstacles forwarded, answered and closed', async () => {
    const budgets = await t.db.budgetEstimate.findMany({ include: { lines: true } });
    expect(budgets.map((b) => b.status).sort()).toEqual(['ADJUSTED', 'APPROVED', 'SUBMITTED']);
    for (const b of budgets) expect(b.requestedVnd).toBe(b.lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0));
    const adjusted = budgets.find((b) => b.status === 'ADJUSTED')!;
    expect(adjusted.approvedVnd).toBeLessThan(adjusted.requestedVnd);
    const obstacles = await t.db.obstacle.findMany();
    expect(obstacles.map((o) => o.status).sort()).toEqual(['ANSWERED', 'CLOSED', 'FORWARDED']);
  });

  it('shows each role the reports it should see on /can-bo/bao-cao', async () => {
    const tuphap = visibleText((await (await t.loginAs('tuphap')).get('/can-bo/bao-cao')).text);
    expect(tuphap).toMatch(/Chờ xem xét \(1\) .*Công chức Văn phòng – Thống kê/);
    const tdp1 = visibleText((await (await t.loginAs('tdp1')).get('/can-bo/bao-cao')).text);
    expect(tdp1).toContain('Tổ dân phố 1');
    expect(tdp1).not.toContain('Công chức Văn hóa – Xã hội');
    const chutich = visibleText((await (await t.loginAs('chutich')).get('/can-bo/bao-cao')).text);
    for (const unit of ['Tổ dân phố 1', 'Công chức Văn hóa – Xã hội', 'Ủy ban Mặt trận Tổ quốc Việt Nam phường', 'Hội Liên hiệp Phụ nữ phường'])
      expect(chutich).toContain(unit);
    expect(chutich).not.toContain('Chờ xem xét (');
  });
});
