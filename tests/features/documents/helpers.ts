/**
 * A known dataset on a plan of its own (so the figures do not depend on the demo
 * data other features seed) and readers for the generated .docx / .xlsx files.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type TestAgent from 'supertest/lib/agent.js';
import type { TestApp } from '../../helpers/test-app.js';
import { vnDate } from '../../../prisma/seed.js';
import * as text from '../../../prisma/seed-plan-text.js';

export type Dataset = { planId: string; taskIds: string[]; draftId: string };

/** Reads a binary response (docx, xlsx) into a Buffer. */
export async function getBinary(agent: TestAgent, url: string) {
  return agent
    .get(url)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

const decode = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The parts of a .docx the tests look at, and the text of each paragraph of the body. */
export async function readDocx(buffer: Buffer) {
  const zip = await JSZip.loadAsync(buffer);
  const part = async (name: string) => (await zip.file(name)?.async('string')) ?? '';
  const document = await part('word/document.xml');
  const headerNames = Object.keys(zip.files).filter((n) => /^word\/header\d*\.xml$/.test(n));
  const headers = await Promise.all(headerNames.map(part));
  const paragraphs = [...document.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
    decode([...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
  return { zip, document, headers, styles: await part('word/styles.xml'), settings: await part('word/settings.xml'), paragraphs, text: paragraphs.join('\n') };
}

export async function readXlsx(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const unitId = async (t: TestApp, name: string) => (await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name } })).id;
const userId = async (t: TestApp, username: string) => (await t.db.user.findUniqueOrThrow({ where: { username } })).id;

/**
 * Quarter III of 2025 (01/07–30/09/2025) holds: two accepted reports with three
 * activities (meeting 120, loudspeaker 2.000, notice board 300 people), one draft
 * opened on the portal (850 people) with four comments, three budgets and two
 * obstacles. A returned report and a report of October must not count.
 */
export async function createDataset(t: TestApp): Promise<Dataset> {
  const front = await unitId(t, 'Ủy ban Mặt trận Tổ quốc Việt Nam phường');
  const justice = await unitId(t, 'Công chức Tư pháp – Hộ tịch');
  const culture = await unitId(t, 'Công chức Văn hóa – Xã hội');
  const committee = await unitId(t, 'UBND phường Trương Quang Trọng');
  const staff = await unitId(t, 'Cán bộ, công chức UBND phường');
  const group1 = await unitId(t, 'Tổ dân phố 1');
  const tuphap = await userId(t, 'tuphap');

  const plan = await t.db.plan.create({
    data: {
      wardId: t.wardId,
      year: 2025,
      number: 12,
      symbol: 'KH-UBND',
      title: text.PLAN_TITLE,
      issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG',
      parentBody: 'UBND THÀNH PHỐ QUẢNG NGÃI',
      place: 'Trương Quang Trọng',
      issuedOn: vnDate('2025-03-05'),
      signerName: 'Trương Thanh Thảo',
      preamble: text.PLAN_PREAMBLE,
      purpose: text.PLAN_PURPOSE,
      requirements: text.PLAN_REQUIREMENTS,
      implementation: text.PLAN_IMPLEMENTATION,
      funding: text.PLAN_FUNDING,
      closing: text.PLAN_CLOSING,
      archiveNote: 'VT, TP. Thanh',
      recipients: { create: text.PLAN_RECIPIENTS.map((name, i) => ({ sortOrder: i + 1, name })) },
    },
  });
  const [t1, t2, t3] = await Promise.all(
    text.PLAN_TASKS.map((task) =>
      t.db.task.create({
        data: {
          planId: plan.id,
          ordinal: task.ordinal,
          content: task.content,
          leadNote: task.leadNote,
          coordinationNote: task.coordinationNote,
          timeframeKind: task.timeframeKind,
          timeframeText: task.timeframeText,
          dueOn: task.ordinal === 2 ? null : vnDate('2025-12-31'),
          triggerDays: task.ordinal === 1 ? null : 30,
          status: task.ordinal === 2 ? 'NOT_STARTED' : 'IN_PROGRESS',
          progressPercent: task.ordinal === 1 ? 60 : task.ordinal === 3 ? 40 : 0,
          units: {
            create:
              task.ordinal === 1
                ? [
                    { unitId: committee, role: 'LEAD' },
                    { unitId: front, role: 'LEAD' },
                    { unitId: staff, role: 'COORDINATE' },
                  ]
                : task.ordinal === 2
                  ? [
                      { unitId: staff, role: 'LEAD' },
                      { unitId: culture, role: 'COORDINATE' },
                      { unitId: justice, role: 'COORDINATE' },
                    ]
                  : [
                      { unitId: justice, role: 'LEAD' },
                      { unitId: front, role: 'COORDINATE' },
                    ],
          },
        },
      }),
    ),
  );
  // Task 3 has a directive with no draft yet: it is in scope but not communicated.
  await t.db.taskTrigger.create({
    data: {
      taskId: t3.id,
      documentNumber: '150/PTP',
      issuedOn: vnDate('2025-08-25'),
      issuer: 'Phòng Tư pháp thành phố',
      receivedOn: vnDate('2025-09-01'),
      dueOn: vnDate('2025-10-01'),
    },
  });

  const report = (data: {
    taskId: string;
    unitId: string;
    reportedOn: string;
    summary: string;
    status: string;
    activities: { channel: string; heldOn: string; peopleReached: number }[];
  }) =>
    t.db.progressReport.create({
      data: {
        taskId: data.taskId,
        unitId: data.unitId,
        authorId: tuphap,
        reportedOn: vnDate(data.reportedOn),
        summary: data.summary,
        status: data.status,
        activities: {
          create: data.activities.map((a) => ({
            taskId: data.taskId,
            unitId: data.unitId,
            channel: a.channel,
            heldOn: vnDate(a.heldOn),
            peopleReached: a.peopleReached,
          })),
        },
      },
    });
  await report({
    taskId: t1.id,
    unitId: front,
    reportedOn: '2025-07-25',
    summary: 'Tổ chức hội nghị phổ biến Đề án cho đoàn viên, hội viên và phát thanh trên loa truyền thanh các tổ dân phố.',
    status: 'ACCEPTED',
    activities: [
      { channel: 'MEETING', heldOn: '2025-07-15', peopleReached: 120 },
      { channel: 'LOUDSPEAKER', heldOn: '2025-07-20', peopleReached: 2000 },
    ],
  });
  await report({
    taskId: t3.id,
    unitId: justice,
    reportedOn: '2025-09-10',
    summary: 'Niêm yết dự thảo Luật tại bảng tin UBND phường và nhà văn hóa các tổ dân phố.',
    status: 'ACCEPTED',
    activities: [{ channel: 'NOTICE_BOARD', heldOn: '2025-09-08', peopleReached: 300 }],
  });
  await report({
    taskId: t1.id,
    unitId: front,
    reportedOn: '2025-08-01',
    summary: 'Báo cáo bị trả lại, không được tính.',
    status: 'RETURNED',
    activities: [{ channel: 'MEETING', heldOn: '2025-08-01', peopleReached: 500 }],
  });
  await report({
    taskId: t1.id,
    unitId: front,
    reportedOn: '2025-10-05',
    summary: 'Phát tờ rơi tháng 10, ngoài kỳ báo cáo.',
    status: 'ACCEPTED',
    activities: [{ channel: 'LEAFLET', heldOn: '2025-10-03', peopleReached: 50 }],
  });

  const draft = await t.db.draft.create({
    data: {
      wardId: t.wardId,
      title: 'Dự thảo Luật Thủ đô (sửa đổi) – lấy ý kiến Nhân dân',
      documentType: 'LAW',
      draftingAgency: 'Bộ Tư pháp',
      field: 'Tư pháp',
      summary: 'Các chính sách lớn của dự thảo.',
      taskId: t2.id,
      opensAt: vnDate('2025-08-01'),
      closesAt: new Date(vnDate('2025-09-01').getTime() - 1),
      state: 'PUBLISHED',
      versions: { create: { number: 1, publishedAt: vnDate('2025-08-01') } },
    },
    include: { versions: true },
  });
  await t.db.communicationActivity.create({
    data: { taskId: t2.id, draftId: draft.id, channel: 'PORTAL', heldOn: vnDate('2025-08-01'), peopleReached: 850, description: 'Đăng dự thảo trên Cổng' },
  });
  const versionId = draft.versions[0].id;
  const accepted = await t.db.commentAnswer.create({
    data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: 'Tiếp thu, chỉnh sửa Điều 5.', createdAt: vnDate('2025-09-15') },
  });
  const explained = await t.db.commentAnswer.create({
    data: { draftId: draft.id, outcome: 'EXPLAINED', explanation: 'Giải trình: quy định đã có tại Điều 7.', createdAt: vnDate('2025-09-15') },
  });
  const comment = (code: string, status: string, day: string, answerId: string | null) =>
    t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId,
        receiptCode: `${code}-${draft.id.slice(-6)}`,
        respondentType: 'INDIVIDUAL',
        body: 'Góp ý của người dân.',
        status,
        answerId,
        createdAt: vnDate(day),
      },
    });
  await comment('GY1', 'PUBLISHED', '2025-08-05', accepted.id);
  await comment('GY2', 'PUBLISHED', '2025-08-06', explained.id);
  await comment('GY3', 'HIDDEN', '2025-08-07', null);
  await comment('GY4', 'PENDING', '2025-08-20', null);

  const budget = (taskId: string, unit: string, title: string, status: string, requestedVnd: number, approvedVnd: number | null, day: string) =>
    t.db.budgetEstimate.create({
      data: { taskId, unitId: unit, title, legalBasis: 'Luật Ngân sách nhà nước', status, requestedVnd, approvedVnd, createdAt: vnDate(day) },
    });
  await budget(t1.id, front, 'Hội nghị phổ biến Đề án', 'APPROVED', 5_000_000, 5_000_000, '2025-07-05');
  await budget(t2.id, culture, 'Tài liệu truyền thông dự thảo', 'ADJUSTED', 3_000_000, 2_500_000, '2025-07-10');
  await budget(t3.id, justice, 'In tài liệu niêm yết', 'SUBMITTED', 1_200_000, null, '2025-09-02');

  await t.db.obstacle.create({
    data: {
      planId: plan.id,
      taskId: t1.id,
      unitId: group1,
      title: 'Tổ dân phố 1 chưa có loa truyền thanh',
      description: 'Không có loa để phát thanh.',
      status: 'ANSWERED',
      responseKind: 'GUIDANCE',
      response: 'Phối hợp Văn phòng – Thống kê bố trí loa di động',
      answeredAt: vnDate('2025-08-12'),
      createdAt: vnDate('2025-08-05'),
    },
  });
  await t.db.obstacle.create({
    data: {
      planId: plan.id,
      unitId: group1,
      title: 'Người dân ít góp ý trực tuyến',
      description: 'Ít người dùng Cổng.',
      status: 'OPEN',
      createdAt: vnDate('2025-09-20'),
    },
  });
  return { planId: plan.id, taskIds: [t1.id, t2.id, t3.id], draftId: draft.id };
}

/** The new-report form for quarter III of 2025 on the dataset's plan. */
export function quarterForm(planId: string, extra: Record<string, string> = {}) {
  return {
    planId,
    periodKind: 'QUARTER',
    quarter: '3',
    half: '1',
    year: '2025',
    from: '',
    to: '',
    signerAuthority: 'TM. ỦY BAN NHÂN DÂN',
    signerTitle: 'CHỦ TỊCH',
    signerName: 'Trương Thanh Thảo',
    ...extra,
  };
}
