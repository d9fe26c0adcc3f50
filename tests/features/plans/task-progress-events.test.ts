/**
 * Issue 9 "Hoàn thành at 80 %": a task's status and progress derive from its
 * accepted reports only. Every order of events goes through the real routes, and
 * the task page, the progress page and the report figures must all agree.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { TASK_STATUS_LABELS, type TaskStatus } from '../../../src/domain/enums.js';
import { computePlanFigures } from '../../../src/features/figures/plan-figures.js';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { postForm, unitId } from '../reports/work-helpers.js';

const vn = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

describe('task status and progress from accepted reports, in every order of events', () => {
  let t: TestApp;
  let justice: TestAgent;
  let chairman: TestAgent;
  let planId: string;
  let taskId: string;
  let tdp1: string;

  beforeAll(async () => {
    t = await createTestApp();
    justice = await t.loginAs('tuphap');
    chairman = await t.loginAs('chutich');
    planId = (await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId, year: 2025 } })).id;
    tdp1 = await unitId(t, 'Tổ dân phố 1');
  });
  afterAll(() => t.close());

  beforeEach(async () => {
    const last = await t.db.task.findFirst({ where: { planId }, orderBy: { ordinal: 'desc' } });
    const task = await t.db.task.create({
      data: {
        planId,
        ordinal: (last?.ordinal ?? 0) + 1,
        content: 'Nhiệm vụ thử thứ tự sự kiện',
        timeframeKind: 'DATE_RANGE',
        timeframeText: 'Đến 31/12/2025',
        dueOn: vn('2025-12-31'),
        units: { create: [{ unitId: tdp1, role: 'LEAD' }] },
      },
    });
    taskId = task.id;
  });

  const submitted = async (reportedOn: string, progressPercent: number) =>
    (await t.db.progressReport.create({ data: { taskId, unitId: tdp1, reportedOn: vn(reportedOn), summary: `Báo cáo ${progressPercent}%`, progressPercent } }))
      .id;
  // Each review happens a minute after the previous one, as it would in an office.
  const tick = () => t.clock.set(new Date(t.clock.now().getTime() + 60_000));
  const accept = async (id: string) => {
    tick();
    expect((await postForm(justice, `/can-bo/bao-cao/${id}/chap-nhan`, {})).status).toBe(303);
  };
  const giveBack = async (id: string) => {
    tick();
    expect((await postForm(justice, `/can-bo/bao-cao/${id}/tra-lai`, { reviewNote: 'Số liệu chưa đúng, đề nghị kiểm tra lại.' })).status).toBe(303);
  };

  /** What the task page, the progress page and the figures say; they must say the same. */
  async function shown() {
    const task = await t.db.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.status === 'DONE').toBe(task.progressPercent === 100);
    const page = visibleText((await justice.get(`/can-bo/nhiem-vu/${taskId}`)).text);
    const progress = visibleText((await chairman.get(`/can-bo/tien-do?ke-hoach=${planId}`)).text);
    const figures = await computePlanFigures(t.db, { wardId: t.wardId, planId, now: t.clock.now() });
    const row = figures.tasks.find((x) => x.id === taskId)!;
    const label = TASK_STATUS_LABELS[task.status as TaskStatus];
    expect(page).toContain(`Trạng thái ${label}`);
    expect(progress).toContain(`Nhiệm vụ ${task.ordinal} ${label}`);
    expect(page).toContain(`Tiến độ ${task.progressPercent}%`);
    expect(row).toMatchObject({ status: task.status, progressPercent: task.progressPercent });
    return { status: task.status, progressPercent: task.progressPercent, label };
  }

  it('100 % accepted, then a later 80 % accepted: back in progress at 80 %, never "Hoàn thành" at 80 %', async () => {
    await accept(await submitted('2025-10-01', 100));
    expect(await shown()).toEqual({ status: 'DONE', progressPercent: 100, label: 'Hoàn thành' });
    await accept(await submitted('2025-10-10', 80));
    expect(await shown()).toEqual({ status: 'IN_PROGRESS', progressPercent: 80, label: 'Đang thực hiện' });
  });

  it('80 % then 100 %: done', async () => {
    await accept(await submitted('2025-10-01', 80));
    expect(await shown()).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 80 });
    await accept(await submitted('2025-10-10', 100));
    expect(await shown()).toMatchObject({ status: 'DONE', progressPercent: 100 });
  });

  it('reports accepted out of order by report date: the latest report date wins, and the past keeps its own figure', async () => {
    const early = await submitted('2025-09-20', 80);
    await accept(await submitted('2025-10-10', 100));
    await accept(early);
    expect(await shown()).toMatchObject({ status: 'DONE', progressPercent: 100 });
    const q3 = await computePlanFigures(t.db, { wardId: t.wardId, planId, from: vn('2025-07-01'), to: vn('2025-09-30'), now: t.clock.now() });
    expect(q3.tasks.find((x) => x.id === taskId)).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 80 });
  });

  it('a report returned after acceptance stops counting: the task falls back to the reports still accepted', async () => {
    await accept(await submitted('2025-09-01', 60));
    const done = await submitted('2025-10-01', 100);
    await accept(done);
    const report = visibleText((await justice.get(`/can-bo/bao-cao/${done}`)).text);
    expect(report).toContain('Trả lại báo cáo đã chấp nhận');
    await giveBack(done);
    expect(await shown()).toMatchObject({ status: 'IN_PROGRESS', progressPercent: 60 });
    const only = await t.db.progressReport.findFirstOrThrow({ where: { taskId, progressPercent: 60 } });
    await giveBack(only.id);
    expect(await shown()).toMatchObject({ status: 'NOT_STARTED', progressPercent: 0 });
    const history = await t.db.stateChange.findMany({ where: { kind: 'TASK', entityId: taskId }, orderBy: { recordedAt: 'asc' } });
    expect(history.map((h) => [h.status, h.progressPercent])).toEqual([
      ['IN_PROGRESS', 60],
      ['DONE', 100],
      ['IN_PROGRESS', 60],
      ['NOT_STARTED', 0],
    ]);
    // Returning twice is refused.
    expect((await postForm(justice, `/can-bo/bao-cao/${done}/tra-lai`, { reviewNote: 'Lần nữa' })).status).toBe(409);
  });

  it('a blocked task stays blocked below 100 %, is done at 100 %, and a done task cannot be marked blocked', async () => {
    const path = `/can-bo/nhiem-vu/${taskId}/sua`;
    const task = await t.db.task.findUniqueOrThrow({ where: { id: taskId } });
    const fields = {
      ordinal: String(task.ordinal),
      content: task.content,
      leadNote: '',
      coordinationNote: '',
      leadUnitIds: tdp1,
      timeframeKind: 'DATE_RANGE',
      timeframeText: task.timeframeText,
      rangeStart: '',
      rangeDue: '2025-12-31',
      status: 'BLOCKED',
      blockedReason: 'Chưa có loa.',
    };
    expect((await postForm(justice, path, fields)).status).toBe(303);
    await accept(await submitted('2025-10-01', 50));
    expect(await shown()).toMatchObject({ status: 'BLOCKED', progressPercent: 50 });
    await accept(await submitted('2025-10-05', 100));
    expect(await shown()).toMatchObject({ status: 'DONE', progressPercent: 100 });
    const refused = await postForm(justice, path, fields);
    expect(refused.status).toBe(400);
    expect(visibleText(refused.text)).toContain('Nhiệm vụ đã hoàn thành (100%) theo báo cáo tiến độ được chấp nhận nên không thể ghi “Vướng mắc”.');
    expect(await shown()).toMatchObject({ status: 'DONE', progressPercent: 100 });
  });
});
