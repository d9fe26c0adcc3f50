/**
 * Hand-made data for the province tests: a ward's 2025 plan whose figures can be
 * counted by hand (tasks with deadlines, drafts linked to tasks, comments,
 * answers, budget estimates), every row dated so the seed's clock (15/10/2025)
 * sees it.
 */
import type TestAgent from 'supertest/lib/agent.js';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import type { Db } from '../../../src/db/client.js';
import { foldVietnamese } from '../../../src/lib/text.js';
import { csrfToken, type TestApp } from '../../helpers/test-app.js';

/** Signs an agent in at the province level (/tinh/dang-nhap); returns the response (303 on success). */
export async function provinceLogin(agent: TestAgent, username: string, password = DEMO_PASSWORD) {
  const token = await csrfToken(agent, '/tinh/dang-nhap');
  return agent.post('/tinh/dang-nhap').type('form').send({ _csrf: token, username, password });
}

export const day = (iso: string) => new Date(`${iso}T09:00:00+07:00`);
const CREATED = day('2025-08-01');
let receipt = 0;

export async function addPlan(db: Db, wardId: string, tasks: { due: string }[]) {
  const plan = await db.plan.create({
    data: {
      wardId,
      year: 2025,
      title: 'Kế hoạch truyền thông chính sách năm 2025',
      issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG',
      parentBody: 'UBND TỈNH QUẢNG NGÃI',
      place: 'Quảng Ngãi',
      signerName: 'Nguyễn Văn A',
      preamble: '',
      purpose: '',
      requirements: '',
      implementation: '',
      funding: '',
      createdAt: CREATED,
    },
  });
  const taskIds: string[] = [];
  for (const [i, t] of tasks.entries()) {
    const task = await db.task.create({
      data: {
        planId: plan.id,
        ordinal: i + 1,
        content: `Nhiệm vụ ${i + 1}`,
        timeframeKind: 'DATE_RANGE',
        timeframeText: `Đến ngày ${t.due}`,
        dueOn: day(t.due),
        createdAt: CREATED,
      },
    });
    taskIds.push(task.id);
  }
  return { planId: plan.id, taskIds };
}

export async function addDraft(
  db: Db,
  wardId: string,
  d: { title: string; field?: string; state: string; opens: string; closes: string; taskId?: string | null; summary?: string },
) {
  const summary = d.summary ?? 'Tóm tắt chính sách của dự thảo.';
  const field = d.field ?? 'Đô thị';
  const draft = await db.draft.create({
    data: {
      wardId,
      title: d.title,
      documentType: 'WARD_DECISION',
      draftingAgency: 'Công chức Tư pháp – Hộ tịch',
      field,
      summary,
      taskId: d.taskId ?? null,
      opensAt: day(d.opens),
      closesAt: new Date(`${d.closes}T23:59:59.999+07:00`),
      state: d.state,
      searchText: foldVietnamese([d.title, summary, field].join(' ')),
      createdAt: CREATED,
    },
  });
  const version = await db.draftVersion.create({ data: { draftId: draft.id, number: 1, publishedAt: d.state === 'DRAFT' ? null : day(d.opens) } });
  return { draftId: draft.id, versionId: version.id };
}

/** Comments on a draft; `answered` of them share one answer (ACCEPTED). */
export async function addComments(db: Db, draft: { draftId: string; versionId: string }, statuses: string[], answered: number) {
  const answer = answered
    ? await db.commentAnswer.create({ data: { draftId: draft.draftId, outcome: 'ACCEPTED', explanation: 'Tiếp thu.', createdAt: day('2025-10-10') } })
    : null;
  for (const [i, status] of statuses.entries()) {
    await db.comment.create({
      data: {
        draftId: draft.draftId,
        versionId: draft.versionId,
        receiptCode: `GY-TEST-${String(++receipt).padStart(4, '0')}`,
        respondentType: 'INDIVIDUAL',
        body: `Ý kiến ${i + 1}`,
        status,
        moderatedAt: status === 'PENDING' ? null : day('2025-10-05'),
        answerId: answer && i < answered ? answer.id : null,
        createdAt: day('2025-10-03'),
      },
    });
  }
}

export async function addBudget(db: Db, taskId: string, unitId: string, requestedVnd: number, status: string, approvedVnd: number | null) {
  await db.budgetEstimate.create({
    data: {
      taskId,
      unitId,
      title: 'Dự toán kinh phí',
      legalBasis: 'Thông tư 40/2017/TT-BTC',
      status,
      requestedVnd,
      approvedVnd,
      decidedAt: status === 'SUBMITTED' ? null : day('2025-09-10'),
      createdAt: day('2025-09-01'),
    },
  });
}

export const WARD_A = {
  slug: 'nghia-lo',
  name: 'Phường Nghĩa Lộ',
  placeName: 'Nghĩa Lộ',
  committeeName: 'Ủy ban nhân dân phường Nghĩa Lộ',
  parentBodyName: 'UBND tỉnh Quảng Ngãi',
  address: '01 Lê Lợi',
  phone: '0255 3822 111',
  email: 'nghialo@quangngai.gov.vn',
  adminUsername: 'quantri-nghialo',
  adminFullName: 'Phan Thị Mai',
  adminJobTitle: 'Công chức Văn phòng – Thống kê',
  adminEmail: '',
};
export const WARD_B = {
  ...WARD_A,
  slug: 'tra-cau',
  name: 'Phường Trà Câu',
  placeName: 'Trà Câu',
  committeeName: 'Ủy ban nhân dân phường Trà Câu',
  adminUsername: 'quantri-tracau',
  adminFullName: 'Lê Văn Hùng',
};

export const OPEN_TITLE = 'Quy chế lấy ý kiến Nhân dân về chỉnh trang đô thị';

export type Province = {
  admin: TestAgent;
  reviewer: TestAgent;
  /** Per new ward's slug: its administrator's one-time password, its id and its committee unit. */
  created: Record<string, { password: string; wardId: string; unitId: string }>;
};

/**
 * Two new wards created by the SUPERADMIN through its form (the seed ward is the
 * third), each with a 2025 plan counted by hand below, and open drafts outside
 * the plans to search, filter and page through.
 */
export async function setUpProvince(t: TestApp): Promise<Province> {
  const admin = t.agent();
  expect((await provinceLogin(admin, 'quantri-tinh')).status).toBe(303);
  const reviewer = t.agent();
  expect((await provinceLogin(reviewer, 'sotuphap')).status).toBe(303);
  const created: Province['created'] = {};
  for (const fields of [WARD_A, WARD_B]) {
    const token = await csrfToken(admin, '/tinh/can-bo/phuong/moi');
    const res = await admin
      .post('/tinh/can-bo/phuong')
      .type('form')
      .send({ _csrf: token, ...fields });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/tinh/can-bo/phuong/${fields.slug}/da-tao`);
    const page = await admin.get(res.headers.location);
    const password = /data-testid="one-time-password">([^<]+)</.exec(page.text)?.[1] ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    const ward = await t.db.ward.findUniqueOrThrow({ where: { slug: fields.slug } });
    const unit = await t.db.unit.findFirstOrThrow({ where: { wardId: ward.id, kind: 'COMMITTEE' } });
    created[fields.slug] = { password, wardId: ward.id, unitId: unit.id };
  }

  // Ward A: tasks due 30/06 and 31/03 are late on 15/10/2025; one draft consulted of two in scope.
  const a = created[WARD_A.slug];
  const planA = await addPlan(t.db, a.wardId, [{ due: '2025-06-30' }, { due: '2025-12-31' }, { due: '2025-03-31' }]);
  const d1 = await addDraft(t.db, a.wardId, {
    title: OPEN_TITLE,
    state: 'PUBLISHED',
    opens: '2025-10-01',
    closes: '2025-10-30',
    taskId: planA.taskIds[0],
  });
  await addDraft(t.db, a.wardId, { title: 'Quy định về chợ tạm', state: 'DRAFT', opens: '2025-11-01', closes: '2025-11-30', taskId: planA.taskIds[1] });
  await addComments(t.db, d1, ['PUBLISHED', 'PUBLISHED', 'PENDING'], 1);
  await addBudget(t.db, planA.taskIds[0], a.unitId, 5_000_000, 'APPROVED', 5_000_000);
  await addBudget(t.db, planA.taskIds[1], a.unitId, 2_000_000, 'SUBMITTED', null);

  // Ward B: one task late (30/09); its one draft in scope was consulted (closed 25/09).
  const b = created[WARD_B.slug];
  const planB = await addPlan(t.db, b.wardId, [{ due: '2025-12-31' }, { due: '2025-09-30' }]);
  const d3 = await addDraft(t.db, b.wardId, {
    title: 'Đề án nếp sống văn minh',
    state: 'PUBLISHED',
    opens: '2025-09-01',
    closes: '2025-09-25',
    taskId: planB.taskIds[0],
  });
  await addComments(t.db, d3, ['PUBLISHED', 'PUBLISHED', 'HIDDEN'], 2);
  await addBudget(t.db, planB.taskIds[0], b.unitId, 3_000_000, 'ADJUSTED', 2_500_000);
  // Open drafts outside the plan: one on land, and 22 on rural transport to fill two pages.
  await addDraft(t.db, b.wardId, { title: 'Phương án bồi thường đất đai', field: 'Đất đai', state: 'PUBLISHED', opens: '2025-10-10', closes: '2025-11-10' });
  for (let i = 1; i <= 22; i++) {
    await addDraft(t.db, b.wardId, {
      title: `Phương án giao thông nông thôn số ${i}`,
      field: 'Giao thông nông thôn',
      state: 'PUBLISHED',
      opens: '2025-10-01',
      closes: `2025-11-${String(i).padStart(2, '0')}`,
    });
  }
  return { admin, reviewer, created };
}
