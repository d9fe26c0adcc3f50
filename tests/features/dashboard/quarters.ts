/**
 * A plan whose history across quarters II, III and IV of 2025 is written by the
 * services themselves, each change at its own moment, so the figures of each
 * quarter can be checked against counts made by hand (see quarters.test.ts).
 */
import type { Db } from '../../../src/db/client.js';
import { createEstimate, decideEstimate, getEstimate } from '../../../src/features/budgets/budgets.service.js';
import { answerObstacle, closeObstacle, forwardObstacle, getObstacle, raiseObstacle } from '../../../src/features/obstacles/obstacles.service.js';
import { acceptReport, getReport } from '../../../src/features/reports/reports.service.js';
import { recordState } from '../../../src/lib/state-history.js';
import type { CurrentUser } from '../../../src/middleware/auth.js';
import type { TestApp } from '../../helpers/test-app.js';

export const at = (iso: string) => new Date(`${iso}+07:00`);

async function officer(db: Db, username: string): Promise<CurrentUser> {
  const u = await db.user.findUniqueOrThrow({ where: { username }, include: { unit: true } });
  return {
    id: u.id,
    wardId: u.wardId as string, // a ward officer (province accounts have none)
    unitId: u.unitId,
    unitName: u.unit?.name ?? null,
    username: u.username,
    fullName: u.fullName,
    role: u.role as CurrentUser['role'],
  };
}

export async function buildQuarterHistory(t: TestApp) {
  const db = t.db;
  const [justice, chairman, group] = await Promise.all([officer(db, 'tuphap'), officer(db, 'chutich'), officer(db, 'tdp1')]);
  const actor = (u: CurrentUser) => ({ userId: u.id, wardId: u.wardId });
  const plan = await db.plan.create({
    data: {
      wardId: t.wardId,
      year: 2025,
      number: 77,
      title: 'Kế hoạch thử các quý',
      issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG',
      parentBody: 'UBND THÀNH PHỐ QUẢNG NGÃI',
      place: 'Trương Quang Trọng',
      signerName: 'Trương Thanh Thảo',
      preamble: '',
      purpose: '',
      requirements: '',
      implementation: '',
      funding: '',
    },
  });
  const task = (ordinal: number) =>
    db.task.create({
      data: {
        planId: plan.id,
        ordinal,
        content: `Nhiệm vụ quý ${ordinal}`,
        timeframeKind: 'DATE_RANGE',
        timeframeText: 'Trong năm 2025',
        dueOn: at('2025-12-31T00:00:00'),
        units: { create: [{ unitId: group.unitId!, role: 'LEAD' }] },
      },
    });
  const a = await task(1);
  const b = await task(2);

  /** A report submitted on its date and accepted by the Justice officer at `acceptedAt`. */
  const report = async (taskId: string, reportedOn: string, progressPercent: number, acceptedAt: string, activities: [string, string, number | null][]) => {
    const row = await db.progressReport.create({
      data: {
        taskId,
        unitId: group.unitId!,
        reportedOn: at(`${reportedOn}T00:00:00`),
        summary: `Báo cáo ${progressPercent}%`,
        progressPercent,
        createdAt: at(`${reportedOn}T09:00:00`),
        activities: {
          create: activities.map(([channel, heldOn, peopleReached]) => ({
            taskId,
            unitId: group.unitId!,
            channel,
            heldOn: at(`${heldOn}T00:00:00`),
            peopleReached,
            description: channel,
          })),
        },
      },
    });
    await acceptReport(db, actor(justice), await getReport(db, justice, row.id), at(acceptedAt));
  };
  const obstacle = async (taskId: string, title: string, raisedAt: string) =>
    raiseObstacle(db, actor(group), group, { title, description: title, taskId, planId: '', unitId: '' }, at(raisedAt));
  const step = async (id: string, what: 'forward' | 'answer' | 'close', when: string) => {
    const o = await getObstacle(db, justice, id);
    if (what === 'forward') await forwardObstacle(db, actor(justice), o, 'Đề nghị Chủ tịch cho ý kiến.', at(when));
    if (what === 'answer') await answerObstacle(db, actor(chairman), o, { responseKind: 'GUIDANCE', response: 'Thực hiện như đề xuất.' }, at(when));
    if (what === 'close') await closeObstacle(db, actor(justice), o, at(when));
  };
  const estimate = async (title: string, amount: number, when: string) =>
    createEstimate(
      db,
      actor(group),
      {
        taskId: a.id,
        unitId: group.unitId!,
        estimate: { title, legalBasis: 'Luật NSNN' },
        lines: [{ description: title, unitLabel: '', quantity: 1, unitPrice: amount }],
      },
      at(when),
    );
  const decide = async (id: string, input: Parameters<typeof decideEstimate>[3], when: string) =>
    decideEstimate(db, actor(chairman), await getEstimate(db, chairman, id), input, at(when));

  // Quarter II
  await report(a.id, '2025-05-10', 40, '2025-05-12T10:00:00', [
    ['MEETING', '2025-05-08', 100],
    ['LOUDSPEAKER', '2025-05-09', null],
  ]);
  const e1 = await estimate('Hội nghị', 4_000_000, '2025-05-15T09:00:00');
  await decide(e1, { decision: 'ADJUST', approvedVnd: 3_000_000, decisionNote: '' }, '2025-06-01T09:00:00');
  const o1 = await obstacle(a.id, 'Thiếu loa', '2025-06-10T09:00:00');
  await step(o1, 'forward', '2025-06-12T09:00:00');
  // Quarter III (task A's 100 % report is dated in September but accepted on 2 October)
  await step(o1, 'answer', '2025-07-05T09:00:00');
  const draft = await db.draft.create({
    data: {
      wardId: t.wardId,
      title: 'Dự thảo quý III',
      documentType: 'WARD_DECISION',
      draftingAgency: 'UBND phường',
      field: 'Khác',
      summary: 'Tóm tắt',
      taskId: b.id,
      opensAt: at('2025-07-10T00:00:00'),
      closesAt: at('2025-08-10T23:59:59'),
      state: 'PUBLISHED',
      createdAt: at('2025-07-01T08:00:00'),
    },
  });
  await recordState(db, { wardId: t.wardId, kind: 'DRAFT', entityId: draft.id, status: 'DRAFT', effectiveAt: draft.createdAt, recordedAt: draft.createdAt });
  await recordState(db, {
    wardId: t.wardId,
    kind: 'DRAFT',
    entityId: draft.id,
    status: 'PUBLISHED',
    effectiveAt: at('2025-07-01T09:00:00'),
    recordedAt: at('2025-07-01T09:00:00'),
  });
  await report(b.id, '2025-08-15', 50, '2025-08-16T10:00:00', [['SOCIAL', '2025-08-14', 300]]);
  await decide(e1, { decision: 'ADJUST', approvedVnd: 3_500_000, decisionNote: '', correctionReason: 'Bổ sung tài liệu' }, '2025-08-20T09:00:00');
  const o2 = await obstacle(b.id, 'Ít người góp ý', '2025-09-25T09:00:00');
  await report(a.id, '2025-09-20', 100, '2025-10-02T10:00:00', []);
  // Quarter IV
  const e2 = await estimate('Tờ rơi', 2_000_000, '2025-10-05T09:00:00');
  await decide(e2, { decision: 'REJECT', approvedVnd: null, decisionNote: 'Đã có nguồn khác' }, '2025-10-07T09:00:00');
  await step(o2, 'forward', '2025-10-10T09:00:00');
  await step(o1, 'close', '2025-10-15T09:00:00');
  await step(o2, 'answer', '2025-10-20T09:00:00');
  await step(o2, 'close', '2025-11-01T09:00:00');
  await report(a.id, '2025-11-05', 80, '2025-11-06T10:00:00', [['NOTICE_BOARD', '2025-11-04', 200]]);
  await report(b.id, '2025-12-01', 100, '2025-12-02T10:00:00', []);
  return { planId: plan.id, taskIds: { a: a.id, b: b.id } };
}
