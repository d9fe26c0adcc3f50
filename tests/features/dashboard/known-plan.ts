/**
 * A second plan of the ward with a dataset whose figures are known by hand,
 * so the plan figures and the progress page can be checked number by number.
 */
import type { TestApp } from '../../helpers/test-app.js';

export const vn = (iso: string) => new Date(`${iso}T00:00:00+07:00`);

export async function createKnownPlan(t: TestApp) {
  const db = t.db;
  const unit = async (name: string) => (await db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name } })).id;
  const [tdp2, nongDan, tdp3] = await Promise.all([unit('Tổ dân phố 2'), unit('Hội Nông dân phường'), unit('Tổ dân phố 3')]);
  const plan = await db.plan.create({
    data: {
      wardId: t.wardId,
      year: 2025,
      number: 99,
      title: 'Kế hoạch thử nghiệm số liệu',
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
  const task = (ordinal: number, data: Record<string, unknown>, units: [string, string][]) =>
    db.task.create({
      data: {
        planId: plan.id,
        ordinal,
        content: `Nhiệm vụ thử ${ordinal}`,
        leadNote: '',
        timeframeKind: 'DATE_RANGE',
        timeframeText: 'Theo thời hạn',
        ...data,
        units: { create: units.map(([unitId, role]) => ({ unitId, role })) },
      },
    });
  const a = await task(1, { dueOn: vn('2025-10-20'), status: 'IN_PROGRESS', progressPercent: 50 }, [
    [tdp2, 'LEAD'],
    [nongDan, 'COORDINATE'],
  ]);
  const b = await task(2, { timeframeKind: 'TRIGGERED', triggerDays: 10, timeframeText: 'Theo đề nghị' }, [[tdp3, 'LEAD']]);
  const c = await task(3, { timeframeKind: 'ONGOING', dueOn: vn('2025-12-31'), status: 'BLOCKED' }, [[tdp3, 'LEAD']]);
  const d = await task(4, { timeframeKind: 'TRIGGERED', triggerDays: 10, timeframeText: 'Theo đề nghị' }, [[tdp2, 'LEAD']]);
  const trigger = await db.taskTrigger.create({
    data: { taskId: d.id, documentNumber: '1/X', issuedOn: vn('2025-09-18'), issuer: 'Sở', receivedOn: vn('2025-09-20'), dueOn: vn('2025-09-30') },
  });
  await db.taskTrigger.create({
    data: { taskId: d.id, documentNumber: '2/X', issuedOn: vn('2025-08-18'), issuer: 'Sở', receivedOn: vn('2025-08-20'), dueOn: vn('2025-08-30') },
  });

  const report = (status: string, reportedOn: string, summary: string, activities: [string, string, number][], progressPercent: number | null = null) =>
    db.progressReport.create({
      data: {
        taskId: a.id,
        unitId: tdp2,
        reportedOn: vn(reportedOn),
        summary,
        status,
        progressPercent,
        activities: {
          create: activities.map(([channel, heldOn, peopleReached]) => ({ taskId: a.id, unitId: tdp2, channel, heldOn: vn(heldOn), peopleReached })),
        },
      },
    });
  await report('ACCEPTED', '2025-09-10', 'Họp dân và phát thanh', [
    ['MEETING', '2025-09-05', 100],
    ['LOUDSPEAKER', '2025-09-06', 1500],
  ]);
  await report('RETURNED', '2025-09-12', 'Bị trả lại', [['SOCIAL', '2025-09-11', 999]]);
  await report('SUBMITTED', '2025-10-06', 'Chờ xem xét', [['LEAFLET', '2025-10-04', 777]]);
  // Task 1's 50 % comes from its latest accepted report (the one rule for status and progress).
  await report('ACCEPTED', '2025-10-05', 'Niêm yết bảng tin', [['NOTICE_BOARD', '2025-10-03', 250]], 50);

  const draft = await db.draft.create({
    data: {
      wardId: t.wardId,
      title: 'Dự thảo thử',
      documentType: 'LAW',
      draftingAgency: 'Bộ',
      field: 'Đất đai',
      summary: 'Tóm tắt',
      taskId: d.id,
      triggerId: trigger.id,
      opensAt: vn('2025-10-01'),
      closesAt: new Date('2025-10-25T23:59:59+07:00'),
      state: 'PUBLISHED',
      createdAt: vn('2025-09-25'),
    },
  });
  await db.draft.create({
    data: {
      wardId: t.wardId,
      title: 'Dự thảo chưa đăng',
      documentType: 'WARD_DECISION',
      draftingAgency: 'UBND phường',
      field: 'Khác',
      summary: 'Tóm tắt',
      taskId: b.id,
      opensAt: vn('2025-11-01'),
      closesAt: new Date('2025-11-30T23:59:59+07:00'),
      state: 'DRAFT',
      createdAt: vn('2025-09-25'),
    },
  });
  await db.communicationActivity.create({
    data: { taskId: d.id, draftId: draft.id, channel: 'PORTAL', heldOn: vn('2025-10-01'), peopleReached: 40, description: 'Đăng trên cổng' },
  });
  const version = await db.draftVersion.create({ data: { draftId: draft.id, number: 1 } });
  const [accepted, explained] = await Promise.all([
    db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: 'Tiếp thu', createdAt: vn('2025-10-10') } }),
    db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'EXPLAINED', explanation: 'Giải trình', createdAt: vn('2025-10-10') } }),
  ]);
  const comment = (code: string, status: string, createdAt: string, answerId: string | null = null) =>
    db.comment.create({
      data: {
        draftId: draft.id,
        versionId: version.id,
        receiptCode: code,
        respondentType: 'INDIVIDUAL',
        body: 'Ý kiến',
        status,
        createdAt: vn(createdAt),
        answerId,
      },
    });
  await comment('KNOWN-1', 'PUBLISHED', '2025-09-28', accepted.id);
  await comment('KNOWN-2', 'PUBLISHED', '2025-10-02', explained.id);
  await comment('KNOWN-3', 'PENDING', '2025-10-03');
  await comment('KNOWN-4', 'HIDDEN', '2025-09-29');

  const budget = (taskId: string, status: string, requestedVnd: number, approvedVnd: number | null) =>
    db.budgetEstimate.create({
      data: {
        taskId,
        unitId: tdp2,
        title: `Dự toán ${status}`,
        legalBasis: 'Luật NSNN',
        status,
        requestedVnd,
        approvedVnd,
        createdAt: vn('2025-09-01'),
        lines: { create: [{ sortOrder: 1, description: 'Chi', quantity: 1, unitPrice: requestedVnd, amount: requestedVnd }] },
      },
    });
  await budget(a.id, 'APPROVED', 1_500_000, 1_500_000);
  await budget(a.id, 'ADJUSTED', 2_000_000, 1_200_000);
  await budget(c.id, 'REJECTED', 700_000, null);
  await budget(c.id, 'SUBMITTED', 300_000, null);

  const obstacle = (status: string, createdAt: string, title: string) =>
    db.obstacle.create({
      data: {
        planId: plan.id,
        taskId: a.id,
        unitId: tdp2,
        title,
        description: 'Mô tả',
        status,
        createdAt: vn(createdAt),
        responseKind: status === 'ANSWERED' || status === 'CLOSED' ? 'GUIDANCE' : null,
      },
    });
  const open = await obstacle('OPEN', '2025-09-01', 'Vướng mắc mới');
  await obstacle('FORWARDED', '2025-09-15', 'Vướng mắc đã chuyển');
  await obstacle('ANSWERED', '2025-10-01', 'Vướng mắc đã trả lời');
  await obstacle('CLOSED', '2025-08-01', 'Vướng mắc đã đóng');

  return { planId: plan.id, tasks: { a: a.id, b: b.id, c: c.id, d: d.id }, draftId: draft.id, openObstacleId: open.id };
}
