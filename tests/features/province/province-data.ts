/**
 * Hand-made data for the province tests: a ward's 2025 plan whose figures can be
 * counted by hand (tasks with deadlines, drafts linked to tasks, comments,
 * answers, budget estimates), every row dated so the seed's clock (15/10/2025)
 * sees it.
 */
import type TestAgent from 'supertest/lib/agent.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import type { Db } from '../../../src/db/client.js';
import { foldVietnamese } from '../../../src/lib/text.js';
import { csrfToken } from '../../helpers/test-app.js';

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
