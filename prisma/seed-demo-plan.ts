import type { Prisma, Tx } from '../src/db/client.js';
import { syncTaskState } from '../src/features/plans/index.js';
import { dayjs, TIME_ZONE } from '../src/lib/format.js';
import { recordState } from '../src/lib/state-history.js';

type Ctx = { wardId: string; planId: string; now: Date };

/**
 * The day the demo activity is counted back from: today while the plan's year
 * lasts (tests seed at 15/10/2025), else 15 December of the plan's year, so a
 * 2025 plan always has 2025 activity whenever the demo is seeded.
 */
export function demoActivityAnchor(planYear: number, now: Date): Date {
  const yearEnd = dayjs.tz(`${planYear}-12-31`, TIME_ZONE).endOf('day');
  const nowVn = dayjs(now).tz(TIME_ZONE);
  if (nowVn.year() === planYear) return now;
  if (nowVn.isAfter(yearEnd)) return dayjs.tz(`${planYear}-12-15T16:00:00`, TIME_ZONE).toDate();
  return dayjs.tz(`${planYear}-03-31T16:00:00`, TIME_ZONE).toDate();
}

/**
 * Demo progress reports, communication activities, triggers, budget estimates
 * and obstacles on the seed plan. Every date is "N days before the anchor" (see
 * demoActivityAnchor). The history figures depend on (StateChange) is written as
 * the services would have written it, at the time of each change.
 */
export async function seedDemoPlanActivity(tx: Tx, ctx: Ctx) {
  const plan = await tx.plan.findUniqueOrThrow({ where: { id: ctx.planId }, select: { year: true } });
  const anchor = demoActivityAnchor(plan.year, ctx.now);
  const day = (n: number) => dayjs(anchor).tz(TIME_ZONE).subtract(n, 'day').startOf('day').toDate();
  const at = (n: number, hour: number) => dayjs(anchor).tz(TIME_ZONE).subtract(n, 'day').startOf('day').add(hour, 'hour').toDate();
  const history = (kind: 'BUDGET' | 'OBSTACLE', entityId: string, status: string, when: Date, by: string, amountVnd: number | null = null) =>
    recordState(tx, { wardId: ctx.wardId, kind, entityId, status, amountVnd, effectiveAt: when, recordedAt: when, recordedById: user(by) });

  const users = new Map((await tx.user.findMany({ where: { wardId: ctx.wardId }, select: { id: true, username: true } })).map((u) => [u.username, u.id]));
  const user = (username: string) => {
    const id = users.get(username);
    if (!id) throw new Error(`seed: unknown user ${username}`);
    return id;
  };
  const units = new Map((await tx.unit.findMany({ where: { wardId: ctx.wardId }, select: { id: true, name: true } })).map((u) => [u.name, u.id]));
  const unit = (name: string) => {
    const id = units.get(name);
    if (!id) throw new Error(`seed: unknown unit ${name}`);
    return id;
  };
  const tasks = new Map((await tx.task.findMany({ where: { planId: ctx.planId }, select: { id: true, ordinal: true } })).map((t) => [t.ordinal, t.id]));
  const task = (ordinal: number) => tasks.get(ordinal)!;

  const MAT_TRAN = 'Ủy ban Mặt trận Tổ quốc Việt Nam phường';
  const VAN_HOA = 'Công chức Văn hóa – Xã hội';
  const VAN_PHONG = 'Công chức Văn phòng – Thống kê';
  const TDP1 = 'Tổ dân phố 1';
  const PHU_NU = 'Hội Liên hiệp Phụ nữ phường';

  // The documents that started the two triggered tasks' clocks (30 days each).
  await tx.taskTrigger.create({
    data: {
      taskId: task(2),
      documentNumber: '1234/STP-XDKTVB',
      issuedOn: day(66),
      issuer: 'Sở Tư pháp tỉnh Quảng Ngãi',
      summary:
        'Đề nghị phối hợp truyền thông, lấy ý kiến Nhân dân đối với dự thảo Nghị quyết của HĐND tỉnh quy định mức hỗ trợ kinh phí hoạt động của tổ dân phố (Sở Nội vụ chủ trì soạn thảo).',
      receivedOn: day(64),
      dueOn: dayjs(day(64)).tz(TIME_ZONE).add(30, 'day').toDate(),
      recordedById: user('tuphap'),
      createdAt: at(64, 9),
    },
  });
  await tx.taskTrigger.create({
    data: {
      taskId: task(3),
      documentNumber: '2456/UBND-NC',
      issuedOn: day(15),
      // Issued after 01/07/2025, when the district level (thành phố Quảng Ngãi) no longer existed.
      issuer: 'UBND tỉnh Quảng Ngãi',
      summary: 'Chỉ đạo tổ chức truyền thông dự thảo Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật trên địa bàn tỉnh.',
      receivedOn: day(12),
      dueOn: dayjs(day(12)).tz(TIME_ZONE).add(30, 'day').toDate(),
      recordedById: user('tuphap'),
      createdAt: at(12, 10),
    },
  });

  type Activity = { channel: string; daysAgo: number; description: string; peopleReached: number };
  const report = async (r: {
    task: number;
    unit: string;
    author: string;
    daysAgo: number;
    summary: string;
    progressPercent?: number;
    status: 'ACCEPTED' | 'SUBMITTED' | 'RETURNED';
    reviewNote?: string;
    activities: Activity[];
  }) => {
    const unitId = unit(r.unit);
    const created = await tx.progressReport.create({
      data: {
        taskId: task(r.task),
        unitId,
        authorId: user(r.author),
        reportedOn: day(r.daysAgo),
        summary: r.summary,
        progressPercent: r.progressPercent ?? null,
        status: r.status,
        reviewNote: r.reviewNote ?? '',
        reviewedById: r.status === 'SUBMITTED' ? null : user('tuphap'),
        reviewedAt: r.status === 'SUBMITTED' ? null : at(r.daysAgo - 1, 15),
        createdAt: at(r.daysAgo, 16),
        activities: {
          create: r.activities.map((a) => ({
            taskId: task(r.task),
            unitId,
            channel: a.channel,
            heldOn: day(a.daysAgo),
            description: a.description,
            peopleReached: a.peopleReached,
            createdAt: at(r.daysAgo, 16),
          })),
        },
      },
    });
    // Accepting moves the task on, as reports.service does.
    if (r.status === 'ACCEPTED') await syncTaskState(tx, null, task(r.task), { effectiveAt: created.reportedOn, now: created.reviewedAt!, cause: 'seed' });
  };

  await report({
    task: 1,
    unit: MAT_TRAN,
    author: 'mattran',
    daysAgo: 75,
    status: 'ACCEPTED',
    progressPercent: 40,
    summary:
      'Ủy ban MTTQ Việt Nam phường phối hợp tổ chức hội nghị quán triệt Đề án cho Ban Thường trực, các đoàn thể và Ban công tác Mặt trận 8 tổ dân phố; đề nghị các tổ dân phố lồng ghép nội dung vào sinh hoạt định kỳ.',
    activities: [
      { channel: 'MEETING', daysAgo: 80, description: 'Hội nghị quán triệt Đề án tại hội trường UBND phường', peopleReached: 120 },
      { channel: 'LOUDSPEAKER', daysAgo: 78, description: 'Phát thanh nội dung Đề án trên hệ thống loa truyền thanh phường (3 buổi)', peopleReached: 2500 },
    ],
  });
  await report({
    task: 1,
    unit: PHU_NU,
    author: 'tuphap',
    daysAgo: 50,
    status: 'ACCEPTED',
    summary: 'Hội LHPN phường đăng tải nội dung dự thảo chính sách trên nhóm Zalo của các chi hội phụ nữ và vận động hội viên tham gia góp ý.',
    activities: [{ channel: 'SOCIAL', daysAgo: 52, description: 'Chia sẻ dự thảo trên nhóm Zalo của 8 chi hội phụ nữ', peopleReached: 640 }],
  });
  await report({
    task: 1,
    unit: TDP1,
    author: 'tdp1',
    daysAgo: 40,
    status: 'ACCEPTED',
    progressPercent: 70,
    summary: 'Tổ dân phố 1 tổ chức họp dân, niêm yết dự thảo tại nhà sinh hoạt cộng đồng và phát thanh trên cụm loa của tổ.',
    activities: [
      { channel: 'MEETING', daysAgo: 45, description: 'Họp dân Tổ dân phố 1 giới thiệu dự thảo chính sách', peopleReached: 85 },
      { channel: 'NOTICE_BOARD', daysAgo: 47, description: 'Niêm yết dự thảo tại bảng tin nhà sinh hoạt cộng đồng Tổ dân phố 1', peopleReached: 300 },
      { channel: 'LOUDSPEAKER', daysAgo: 44, description: 'Phát thanh trên cụm loa Tổ dân phố 1 (2 buổi)', peopleReached: 1200 },
    ],
  });
  await report({
    task: 2,
    unit: VAN_HOA,
    author: 'vanhoa',
    daysAgo: 38,
    status: 'ACCEPTED',
    progressPercent: 100,
    summary:
      'Công chức Văn hóa – Xã hội biên tập tin bài, phát thanh và in tờ rơi giới thiệu dự thảo Nghị quyết theo đề nghị của Sở Tư pháp tỉnh; đăng tải trên trang mạng xã hội của phường trong suốt thời gian lấy ý kiến.',
    activities: [
      {
        channel: 'LOUDSPEAKER',
        daysAgo: 58,
        description: 'Phát thanh giới thiệu dự thảo Nghị quyết trên loa truyền thanh phường (5 buổi)',
        peopleReached: 1500,
      },
      { channel: 'SOCIAL', daysAgo: 55, description: 'Đăng tin trên trang Facebook và nhóm Zalo của phường', peopleReached: 900 },
      { channel: 'LEAFLET', daysAgo: 50, description: 'Phát 400 tờ rơi tóm tắt dự thảo đến các hộ gia đình', peopleReached: 400 },
    ],
  });
  await report({
    task: 2,
    unit: VAN_PHONG,
    author: 'vanphong',
    daysAgo: 2,
    status: 'SUBMITTED',
    summary: 'Văn phòng – Thống kê niêm yết thông báo lấy ý kiến dự thảo Quyết định của UBND phường tại bảng tin trụ sở và bộ phận một cửa.',
    activities: [{ channel: 'NOTICE_BOARD', daysAgo: 3, description: 'Niêm yết thông báo tại bảng tin trụ sở UBND phường', peopleReached: 250 }],
  });
  await report({
    task: 3,
    unit: MAT_TRAN,
    author: 'mattran',
    daysAgo: 4,
    status: 'RETURNED',
    reviewNote: 'Báo cáo chưa nêu số người tham dự hội nghị và chưa gửi kèm biên bản; đề nghị bổ sung rồi gửi lại.',
    summary: 'Ủy ban MTTQ Việt Nam phường tổ chức hội nghị lấy ý kiến đối với dự thảo Luật theo chỉ đạo của UBND tỉnh.',
    activities: [{ channel: 'MEETING', daysAgo: 6, description: 'Hội nghị lấy ý kiến dự thảo Luật tại hội trường Mặt trận phường', peopleReached: 0 }],
  });

  // Task 1 stands at 70 % and task 2 is done (100 %) from their accepted reports; task 3's
  // only report was returned, so it has not started as far as the figures know.

  const LEGAL_BASIS =
    'Luật Ngân sách nhà nước năm 2015; Thông tư số 76/2018/TT-BTC ngày 17/8/2018 của Bộ Tài chính; Kế hoạch của UBND phường Trương Quang Trọng thực hiện Đề án năm 2025.';
  const estimate = async (e: {
    task: number;
    unit: string;
    by: string;
    daysAgo: number;
    title: string;
    lines: [string, string, number, number][];
    status: 'SUBMITTED' | 'APPROVED' | 'ADJUSTED';
    approvedVnd?: number;
    decisionNote?: string;
  }) => {
    const lines = e.lines.map(([description, unitLabel, quantity, unitPrice], i) => ({
      sortOrder: i + 1,
      description,
      unitLabel,
      quantity,
      unitPrice,
      amount: quantity * unitPrice,
    }));
    const requestedVnd = lines.reduce((s, l) => s + l.amount, 0);
    const row = await tx.budgetEstimate.create({
      data: {
        taskId: task(e.task),
        unitId: unit(e.unit),
        submittedById: user(e.by),
        title: e.title,
        legalBasis: LEGAL_BASIS,
        status: e.status,
        requestedVnd,
        approvedVnd: e.status === 'APPROVED' ? requestedVnd : (e.approvedVnd ?? null),
        decisionNote: e.decisionNote ?? '',
        decidedById: e.status === 'SUBMITTED' ? null : user('chutich'),
        decidedAt: e.status === 'SUBMITTED' ? null : at(e.daysAgo - 3, 10),
        createdAt: at(e.daysAgo, 14),
        lines: { create: lines },
      },
    });
    await history('BUDGET', row.id, 'SUBMITTED', row.createdAt, e.by);
    if (row.decidedAt) await history('BUDGET', row.id, row.status, row.decidedAt, 'chutich', row.approvedVnd);
  };
  await estimate({
    task: 1,
    unit: MAT_TRAN,
    by: 'mattran',
    daysAgo: 90,
    title: 'Dự toán kinh phí tổ chức hội nghị quán triệt Đề án năm 2025',
    status: 'APPROVED',
    lines: [
      ['Thuê hội trường, âm thanh, nước uống', 'buổi', 1, 1_500_000],
      ['In tài liệu hội nghị', 'bộ', 150, 10_000],
      ['Bồi dưỡng báo cáo viên', 'người', 2, 500_000],
    ],
  });
  await estimate({
    task: 2,
    unit: VAN_HOA,
    by: 'vanhoa',
    daysAgo: 62,
    title: 'Dự toán kinh phí truyền thông dự thảo Nghị quyết trên loa truyền thanh và tờ rơi',
    status: 'ADJUSTED',
    approvedVnd: 5_500_000,
    decisionNote: 'Giảm số buổi phát thanh còn 10 buổi; phần còn lại lồng ghép vào chương trình phát thanh thường xuyên.',
    lines: [
      ['In tờ rơi tóm tắt dự thảo', 'tờ', 2_000, 1_200],
      ['Biên tập, phát thanh trên loa truyền thanh phường', 'buổi', 20, 150_000],
      ['Thiết kế, in băng rôn tuyên truyền', 'cái', 2, 800_000],
    ],
  });
  await estimate({
    task: 1,
    unit: TDP1,
    by: 'tdp1',
    daysAgo: 5,
    title: 'Dự toán kinh phí tổ chức họp dân tuyên truyền dự thảo chính sách tại Tổ dân phố 1',
    status: 'SUBMITTED',
    lines: [
      ['Nước uống họp dân', 'buổi', 2, 300_000],
      ['Photo tài liệu dự thảo', 'bộ', 100, 5_000],
    ],
  });

  /** An obstacle with the history of its steps (raised, forwarded, answered, closed) at their times. */
  const obstacle = async (data: Prisma.ObstacleUncheckedCreateInput) => {
    const o = await tx.obstacle.create({ data });
    const steps: [string, Date | null | undefined, string | null | undefined][] = [
      ['OPEN', o.createdAt, o.raisedById],
      ['FORWARDED', o.forwardedAt, o.forwardedById],
      ['ANSWERED', o.answeredAt, o.answeredById],
      ['CLOSED', o.closedAt, o.raisedById],
    ];
    for (const [status, when, by] of steps) {
      if (when)
        await recordState(tx, { wardId: ctx.wardId, kind: 'OBSTACLE', entityId: o.id, status, effectiveAt: when, recordedAt: when, recordedById: by ?? null });
    }
  };
  await obstacle({
    planId: ctx.planId,
    taskId: task(1),
    unitId: unit(TDP1),
    raisedById: user('tdp1'),
    title: 'Cụm loa truyền thanh Tổ dân phố 1 bị hỏng',
    description:
      'Cụm loa tại ngã ba đường Hai Bà Trưng hỏng từ tháng trước, khu vực phía Nam của tổ không nghe được tin phát thanh. Đề nghị UBND phường bố trí kinh phí sửa chữa.',
    status: 'FORWARDED',
    forwardNote: 'Bộ phận Tư pháp đề nghị Chủ tịch xem xét giao Văn phòng – Thống kê kiểm tra, lập dự toán sửa chữa.',
    forwardedById: user('tuphap'),
    forwardedAt: at(3, 10),
    createdAt: at(6, 9),
  });
  await obstacle({
    planId: ctx.planId,
    taskId: task(2),
    unitId: unit(VAN_HOA),
    raisedById: user('vanhoa'),
    title: 'Chưa rõ thời gian đăng tải dự thảo trên Trang thông tin điện tử phường',
    description: 'Đề nghị hướng dẫn thời gian tối thiểu đăng tải dự thảo để lấy ý kiến Nhân dân khi cơ quan chủ trì soạn thảo đề nghị phối hợp.',
    status: 'ANSWERED',
    forwardNote: 'Đề nghị Chủ tịch cho ý kiến để thống nhất thực hiện.',
    forwardedById: user('tuphap'),
    forwardedAt: at(61, 9),
    responseKind: 'GUIDANCE',
    response: 'Đăng tải toàn văn dự thảo ngay khi nhận văn bản đề nghị và để lấy ý kiến ít nhất 20 ngày, trừ khi cơ quan chủ trì soạn thảo có yêu cầu khác.',
    answeredById: user('chutich'),
    answeredAt: at(60, 15),
    createdAt: at(63, 8),
  });
  await obstacle({
    planId: ctx.planId,
    taskId: task(1),
    unitId: unit(MAT_TRAN),
    raisedById: user('mattran'),
    title: 'Người cao tuổi ít tham gia góp ý trực tuyến',
    description: 'Nhiều hội viên cao tuổi không sử dụng điện thoại thông minh nên khó góp ý trên cổng thông tin.',
    status: 'CLOSED',
    forwardNote: 'Đề nghị Chủ tịch quyết định hình thức tiếp nhận góp ý trực tiếp.',
    forwardedById: user('tuphap'),
    forwardedAt: at(60, 9),
    responseKind: 'DECISION',
    response: 'Giao các tổ dân phố tiếp nhận góp ý bằng phiếu giấy tại nhà sinh hoạt cộng đồng; Bộ phận Tư pháp nhập lên cổng thông tin.',
    answeredById: user('chutich'),
    answeredAt: at(58, 14),
    closedAt: at(40, 10),
    createdAt: at(62, 8),
  });
}
