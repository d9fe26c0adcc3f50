import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, type TestApp, visibleText } from '../../helpers/test-app.js';
import type TestAgent from 'supertest/lib/agent.js';

const validPlan = (over: Record<string, string> = {}): Record<string, string> => ({
  number: '',
  symbol: 'KH-UBND',
  year: '2026',
  title: 'Tuyên truyền, phổ biến pháp luật năm 2026 trên địa bàn phường',
  issuingBody: 'ỦY BAN NHÂN DÂN PHƯỜNG TRƯƠNG QUANG TRỌNG',
  parentBody: 'UBND THÀNH PHỐ QUẢNG NGÃI',
  place: 'Trương Quang Trọng',
  issuedOn: '2026-01-15',
  signerName: 'Trương Thanh Thảo',
  signerTitle: 'CHỦ TỊCH',
  signerAuthority: '',
  preamble: '',
  purpose: 'Nâng cao nhận thức pháp luật của Nhân dân.',
  requirements: 'Bảo đảm tiến độ, chất lượng.',
  implementation: 'a) Bộ phận Tư pháp – Hộ tịch chủ trì.\n\nb) Các đơn vị phối hợp.',
  funding: 'Từ ngân sách phường.',
  closing: 'Trong quá trình thực hiện nếu có khó khăn, báo cáo UBND phường./.',
  recipients: '- Phòng Tư pháp;\n- Tổ dân phố;',
  archiveNote: 'VT, TP',
  published: '1',
  'bases.0.documentType': 'Kế hoạch',
  'bases.0.number': '10/KH-UBND',
  'bases.0.issuedOn': '2026-01-05',
  'bases.0.issuer': 'UBND thành phố Quảng Ngãi',
  'bases.0.summary': 'Tuyên truyền, phổ biến pháp luật năm 2026',
  'bases.1.number': '',
  ...over,
});

describe('officer plan management', () => {
  let t: TestApp;
  let justice: TestAgent;
  let seedPlanId: string;
  const counts = async () => ({
    plans: await t.db.plan.count(),
    bases: await t.db.planBasis.count(),
    recipients: await t.db.planRecipient.count(),
    audits: await t.db.auditLog.count(),
  });

  beforeAll(async () => {
    t = await createTestApp();
    justice = await t.loginAs('tuphap');
    seedPlanId = (await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } })).id;
  });
  afterAll(() => t.close());

  it('lists the ward plans and shows the seed plan with its three tasks', async () => {
    const list = await justice.get('/can-bo/ke-hoach');
    expect(list.status).toBe(200);
    expect(visibleText(list.text)).toContain('Thêm kế hoạch');
    const res = await justice.get(`/can-bo/ke-hoach/${seedPlanId}`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Thường xuyên trong năm 2025');
    expect(text).toContain('Tư pháp – Hộ tịch');
    expect(text).toContain('Theo đề nghị của cơ quan chủ trì soạn thảo văn bản QPPL');
    expect(res.text).toContain('<progress');
  });

  it('creates a plan with its basis documents and distribution list in one go, and audits it', async () => {
    const before = await counts();
    const res = await submitForm(justice, '/can-bo/ke-hoach/moi', '/can-bo/ke-hoach/moi', validPlan({ number: '7' }));
    expect(res.status).toBe(303);
    const plan = await t.db.plan.findFirstOrThrow({ where: { year: 2026 }, include: { bases: true, recipients: { orderBy: { sortOrder: 'asc' } } } });
    expect(res.headers.location).toBe(`/can-bo/ke-hoach/${plan.id}`);
    expect(plan.number).toBe(7);
    expect(plan.bases).toHaveLength(1);
    expect(plan.bases[0].number).toBe('10/KH-UBND');
    expect(plan.recipients.map((r) => r.name)).toEqual(['Phòng Tư pháp', 'Tổ dân phố']);
    const after = await counts();
    expect(after.plans).toBe(before.plans + 1);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { entityType: 'Plan', entityId: plan.id, action: 'plan.create' } });
    expect(log.after).toContain('10/KH-UBND');

    const page = visibleText((await t.agent().get(`/ke-hoach/${plan.id}`)).text);
    expect(page).toContain('Số: 7/KH-UBND');
    expect(page).toContain('Trương Quang Trọng, ngày 15 tháng 01 năm 2026');
    // No opening paragraph typed: it is written from the basis document.
    expect(page).toContain('Thực hiện Kế hoạch số 10/KH-UBND ngày 05/01/2026 của UBND thành phố Quảng Ngãi tuyên truyền, phổ biến pháp luật năm 2026.');
    expect(page).toContain('- Lưu: VT, TP.');
  });

  it('refuses a number already used by another plan of the ward that year, with a clear Vietnamese error', async () => {
    const before = await counts();
    const res = await submitForm(justice, '/can-bo/ke-hoach/moi', '/can-bo/ke-hoach/moi', validPlan({ number: '7', title: 'Kế hoạch trùng số' }));
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Số 7/KH-UBND năm 2026 đã được dùng cho một kế hoạch khác của phường');
    expect(res.text).toContain('Kế hoạch trùng số');
    expect(await counts()).toEqual(before);
    // The same number in another year is fine.
    const ok = await submitForm(justice, '/can-bo/ke-hoach/moi', '/can-bo/ke-hoach/moi', validPlan({ number: '7', year: '2027', published: '' }));
    expect(ok.status).toBe(303);
  });

  const badInputs: [string, Record<string, string>, string, string][] = [
    ['an empty title', { title: '' }, 'Vui lòng nhập tên kế hoạch (trích yếu).', 'title'],
    ['a number that is not a number', { number: 'mười' }, 'Số kế hoạch phải là số nguyên.', 'number'],
    ['a year out of range', { year: '1990' }, 'Năm phải từ 2000', 'year'],
    ['a symbol with spaces', { symbol: 'KH UBND' }, 'Ký hiệu chỉ gồm chữ, số và dấu gạch ngang', 'symbol'],
    ['an impossible issued date', { issuedOn: '2026-02-30' }, 'Ngày ban hành không phải là ngày hợp lệ', 'issuedOn'],
    ['no purpose', { purpose: '  ' }, 'Vui lòng nhập mục đích.', 'purpose'],
    ['no funding text', { funding: '' }, 'Vui lòng nhập kinh phí thực hiện.', 'funding'],
    ['no signer', { signerName: '' }, 'Vui lòng nhập họ tên người ký.', 'signerName'],
    ['a basis row without its date', { 'bases.0.issuedOn': '' }, 'Văn bản căn cứ: vui lòng nhập ngày ban hành.', 'bases-0-issuedOn'],
    ['a basis row without its issuer', { 'bases.0.issuer': '' }, 'Văn bản căn cứ: vui lòng nhập cơ quan ban hành.', 'bases-0-issuer'],
    ['a second basis row with only a summary', { 'bases.1.summary': 'Chỉ có trích yếu' }, 'Văn bản căn cứ: vui lòng nhập số, ký hiệu', 'bases-1-number'],
    ['a too long recipient line', { recipients: 'x'.repeat(301) }, 'Mỗi dòng nơi nhận không được dài quá 300 ký tự.', 'recipients'],
  ];
  for (const [what, over, message, fieldId] of badInputs) {
    it(`re-renders the plan form with 400 for ${what}, keeping what was typed and saving nothing`, async () => {
      const before = await counts();
      const fields = validPlan({ title: 'Kế hoạch thử nghiệm giữ giá trị', ...over });
      const res = await submitForm(justice, '/can-bo/ke-hoach/moi', '/can-bo/ke-hoach/moi', fields);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Có lỗi cần sửa trước khi gửi');
      expect(visibleText(res.text)).toContain(message);
      expect(res.text).toContain(`href="#${fieldId}"`);
      expect(res.text).toContain(`id="${fieldId}"`);
      if (over.title === undefined) expect(res.text).toContain('Kế hoạch thử nghiệm giữ giá trị');
      if (over.purpose === undefined) expect(res.text).toContain('Nâng cao nhận thức pháp luật của Nhân dân.');
      expect(await counts()).toEqual(before);
    });
  }

  it('edits the seed plan: number, published flag, removes a basis row and a recipient, audited before/after', async () => {
    const form = await justice.get(`/can-bo/ke-hoach/${seedPlanId}/sua`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('113/KH-UBND');
    expect(form.text).toContain('- Phòng Tư pháp;');
    const plan = await t.db.plan.findUniqueOrThrow({ where: { id: seedPlanId }, include: { bases: { orderBy: { sortOrder: 'asc' } }, recipients: true } });
    const fields = validPlan({
      number: '45',
      year: '2025',
      title: plan.title,
      preamble: plan.preamble,
      purpose: plan.purpose,
      requirements: plan.requirements,
      implementation: plan.implementation,
      funding: plan.funding,
      closing: plan.closing,
      issuedOn: '2025-03-03',
      recipients: '- Phòng Tư pháp;\n- Thường trực Đảng ủy phường;',
      archiveNote: 'VT, TP. Thanh',
      'bases.0.number': '113/KH-UBND',
      'bases.0.issuedOn': '2022-07-19',
      'bases.0.issuer': 'UBND tỉnh Quảng Ngãi',
      'bases.0.summary': '',
      'bases.0.remove': '1',
      'bases.1.number': '25/KH-UBND',
      'bases.1.issuedOn': '2025-02-11',
      'bases.1.issuer': 'UBND thành phố Quảng Ngãi',
    });
    const res = await submitForm(justice, `/can-bo/ke-hoach/${seedPlanId}/sua`, `/can-bo/ke-hoach/${seedPlanId}/sua`, fields);
    expect(res.status).toBe(303);
    const saved = await t.db.plan.findUniqueOrThrow({ where: { id: seedPlanId }, include: { bases: true, recipients: true } });
    expect(saved.number).toBe(45);
    expect(saved.bases.map((b) => b.number)).toEqual(['25/KH-UBND']);
    expect(saved.recipients).toHaveLength(2);
    const log = await t.db.auditLog.findFirstOrThrow({ where: { entityId: seedPlanId, action: 'plan.update' } });
    expect(log.before).toContain('113/KH-UBND');
    expect(log.after).not.toContain('113/KH-UBND');
    expect(log.after).toContain('"number":45');
    const page = visibleText((await t.agent().get(`/ke-hoach/${seedPlanId}`)).text);
    expect(page).toContain('Số: 45/KH-UBND');
    expect(page).toContain('Trương Quang Trọng, ngày 03 tháng 3 năm 2025');
  });

  it('keeps a failed edit from changing anything', async () => {
    const before = await t.db.plan.findUniqueOrThrow({ where: { id: seedPlanId }, include: { bases: true, recipients: true } });
    const auditsBefore = await t.db.auditLog.count();
    const res = await submitForm(
      justice,
      `/can-bo/ke-hoach/${seedPlanId}/sua`,
      `/can-bo/ke-hoach/${seedPlanId}/sua`,
      validPlan({ year: '2025', number: '45', purpose: '' }),
    );
    expect(res.status).toBe(400);
    const after = await t.db.plan.findUniqueOrThrow({ where: { id: seedPlanId }, include: { bases: true, recipients: true } });
    expect(after).toEqual(before);
    expect(await t.db.auditLog.count()).toBe(auditsBefore);
  });

  it('lets the chairman and unit officials read plans but not edit them', async () => {
    const chairman = await t.loginAs('chutich');
    const read = await chairman.get(`/can-bo/ke-hoach/${seedPlanId}`);
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('Sửa kế hoạch');
    expect((await chairman.get(`/can-bo/ke-hoach/${seedPlanId}/sua`)).status).toBe(403);
    const unit = await t.loginAs('vanhoa');
    expect((await unit.get(`/can-bo/ke-hoach/${seedPlanId}`)).status).toBe(200);
    const denied = await submitForm(unit, `/can-bo/ke-hoach/${seedPlanId}`, `/can-bo/ke-hoach/${seedPlanId}/sua`, validPlan({ year: '2025' }));
    expect(denied.status).toBe(403);
  });
});
