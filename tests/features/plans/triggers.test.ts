import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { hashPassword } from '../../../src/features/auth/auth.service.js';
import { createTestApp, csrfToken, deploymentFor, multipartAction, login, storedFileCount, type TestApp, visibleText } from '../../helpers/test-app.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
// A Windows program ("MZ" header) renamed to look like a PDF.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

async function postTrigger(agent: TestAgent, taskId: string, fields: Record<string, string>, files: { buffer: Buffer; name: string }[] = []) {
  const page = `/can-bo/nhiem-vu/${taskId}/van-ban-kich-hoat`;
  const token = await csrfToken(agent, page);
  let req = agent.post(multipartAction(page, token));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  for (const f of files) req = req.attach('files', f.buffer, f.name);
  return req;
}

const validTrigger = (over: Record<string, string> = {}) => ({
  documentNumber: '321/STP-XDKTVB',
  issuedOn: '2025-10-08',
  issuer: 'Sở Tư pháp tỉnh Quảng Ngãi',
  summary: 'Đề nghị phối hợp lấy ý kiến dự thảo Nghị quyết',
  receivedOn: '2025-10-10',
  ...over,
});

describe('triggering documents', () => {
  let t: TestApp;
  let justice: TestAgent;
  let taskId: string;
  let datedTaskId: string;
  const uploadsOnDisk = () => storedFileCount(t);
  const counts = async () => ({
    triggers: await t.db.taskTrigger.count(),
    files: await t.db.storedFile.count(),
    audits: await t.db.auditLog.count(),
    disk: await uploadsOnDisk(),
  });

  beforeAll(async () => {
    t = await createTestApp();
    justice = await t.loginAs('tuphap');
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } });
    const task = await t.db.task.create({
      data: {
        planId: plan.id,
        ordinal: 7,
        content: 'Truyền thông dự thảo Nghị quyết theo đề nghị của Sở Tư pháp',
        timeframeKind: 'TRIGGERED',
        timeframeText: 'Theo đề nghị của cơ quan chủ trì soạn thảo văn bản QPPL.',
        triggerDays: 30,
      },
    });
    taskId = task.id;
    datedTaskId = (await t.db.task.findFirstOrThrow({ where: { planId: plan.id, ordinal: 1 } })).id;
  });
  afterAll(() => t.close());

  it('keeps a triggered task waiting with no deadline until its document is recorded', async () => {
    const text = visibleText((await justice.get(`/can-bo/nhiem-vu/${taskId}`)).text);
    expect(text).toContain('Chờ văn bản chỉ đạo');
    expect(text).toContain('Chưa bắt đầu tính');
  });

  const bad: [string, Record<string, string>, string][] = [
    ['no document number', { documentNumber: '' }, 'Vui lòng nhập số, ký hiệu văn bản.'],
    ['no issuer', { issuer: '' }, 'Vui lòng nhập cơ quan ban hành.'],
    ['an impossible issued date', { issuedOn: '2025-02-30' }, 'Ngày ban hành không phải là ngày hợp lệ'],
    ['no received date', { receivedOn: '' }, 'Vui lòng nhập ngày nhận văn bản.'],
    ['received before it was issued', { receivedOn: '2025-10-01' }, 'Ngày nhận văn bản không được trước ngày ban hành.'],
    ['received in the future', { receivedOn: '2025-10-20' }, 'Ngày nhận văn bản không được sau ngày hôm nay.'],
    ['issued in the future', { issuedOn: '2025-11-01', receivedOn: '2025-11-02' }, 'Ngày ban hành không được sau ngày hôm nay.'],
  ];
  for (const [what, over, message] of bad) {
    it(`refuses a trigger with ${what}: 400, typed values kept, nothing saved`, async () => {
      const before = await counts();
      const res = await postTrigger(justice, taskId, validTrigger(over), [{ buffer: PDF, name: 'van-ban.pdf' }]);
      expect(res.status).toBe(400);
      expect(res.text).toContain('Có lỗi cần sửa trước khi gửi');
      expect(visibleText(res.text)).toContain(message);
      if (over.issuer === undefined) expect(res.text).toContain('value="Sở Tư pháp tỉnh Quảng Ngãi"');
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a program renamed to .pdf, re-rendering the form and saving nothing', async () => {
    const before = await counts();
    const res = await postTrigger(justice, taskId, validTrigger(), [{ buffer: EXE, name: 'van-ban.pdf' }]);
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('không đúng định dạng cho phép');
    expect(res.text).toContain('href="#files"');
    expect(res.text).toContain('value="321/STP-XDKTVB"');
    expect(await counts()).toEqual(before);
  });

  it('records the document with its file, starts the clock and the task, and audits it', async () => {
    const before = await counts();
    const res = await postTrigger(justice, taskId, validTrigger(), [{ buffer: PDF, name: 'công văn đề nghị.pdf' }]);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/can-bo/nhiem-vu/${taskId}`);
    const trigger = await t.db.taskTrigger.findFirstOrThrow({ where: { taskId }, include: { files: true } });
    expect(trigger.dueOn?.toISOString()).toBe(new Date('2025-11-09T00:00:00+07:00').toISOString());
    expect(trigger.files).toHaveLength(1);
    expect(trigger.files[0]).toMatchObject({ kind: 'TRIGGER', originalName: 'công văn đề nghị.pdf', mimeType: 'application/pdf' });
    expect((await t.db.task.findUniqueOrThrow({ where: { id: taskId } })).status).toBe('IN_PROGRESS');
    const after = await counts();
    expect(after).toEqual({ triggers: before.triggers + 1, files: before.files + 1, audits: before.audits + 2, disk: before.disk + 1 });
    expect(await t.db.auditLog.count({ where: { action: 'trigger.create', entityId: trigger.id } })).toBe(1);

    const text = visibleText((await justice.get(`/can-bo/nhiem-vu/${taskId}`)).text);
    expect(text).toContain('Đang thực hiện');
    expect(text).toContain('Hạn hoàn thành 09/11/2025');
    expect(text).toContain('321/STP-XDKTVB');
    expect(text).toContain('công văn đề nghị.pdf');

    t.clock.set('2025-11-10T02:00:00Z');
    try {
      expect(visibleText((await justice.get(`/can-bo/nhiem-vu/${taskId}`)).text)).toContain('Quá hạn');
    } finally {
      t.clock.set('2025-10-15T02:00:00Z');
    }
  });

  it('serves the trigger file under its original name to officers of the ward only', async () => {
    const file = await t.db.storedFile.findFirstOrThrow({ where: { kind: 'TRIGGER', trigger: { taskId } } });
    const url = `/can-bo/tep-kich-hoat/${file.id}`;
    const own = await justice.get(url).buffer(true);
    expect(own.status).toBe(200);
    expect(own.headers['content-type']).toContain('application/pdf');
    expect(own.headers['content-disposition']).toContain("filename*=UTF-8''c%C3%B4ng%20v%C4%83n%20%C4%91%E1%BB%81%20ngh%E1%BB%8B.pdf");
    expect(Buffer.compare(own.body as Buffer, PDF)).toBe(0);
    expect((await (await t.loginAs('tdp1')).get(url)).status).toBe(200);

    const anon = await t.agent().get(url);
    expect(anon.status).toBe(302);
    expect(anon.headers.location).toContain('/dang-nhap');

    // An officer of another ward cannot sign in on this ward's deployment, and signed in on a
    // deployment for their own ward that shares this database, cannot fetch this ward's file.
    const other = await t.db.ward.create({
      data: { slug: 'phuong-khac', name: 'Phường Khác', placeName: 'Khác', committeeName: 'UBND phường Khác', parentBodyName: 'UBND TP' },
    });
    await t.db.user.create({
      data: {
        wardId: other.id,
        username: 'canbo-khac',
        fullName: 'Cán bộ phường khác',
        role: 'JUSTICE',
        passwordHash: await hashPassword('mat-khau-phuong-khac'),
      },
    });
    await expect(login(t.agent(), 'canbo-khac', 'mat-khau-phuong-khac')).rejects.toThrow('failed: 400');
    const stranger = deploymentFor(t, 'phuong-khac').agent();
    await login(stranger, 'canbo-khac', 'mat-khau-phuong-khac');
    expect((await stranger.get(url)).status).toBe(404);
    expect((await stranger.get(`/can-bo/nhiem-vu/${taskId}`)).status).toBe(404);
    expect((await t.agent().get('/can-bo/tep-kich-hoat/khong-co')).status).toBe(302);
    expect((await justice.get('/can-bo/tep-kich-hoat/khong-co')).status).toBe(404);
  });

  it('offers no trigger form for a task that is not event-triggered', async () => {
    const res = await justice.get(`/can-bo/nhiem-vu/${datedTaskId}/van-ban-kich-hoat`);
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('không thực hiện theo văn bản kích hoạt');
  });
});

describe('triggering documents: upload size limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_MB: '0.01' });
  });
  afterAll(() => t.close());

  it('refuses a file over the size limit with the form re-rendered (400) and nothing saved', async () => {
    const justice = await t.loginAs('tuphap');
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } });
    const task = await t.db.task.create({
      data: { planId: plan.id, ordinal: 8, content: 'Nhiệm vụ thử', timeframeKind: 'TRIGGERED', timeframeText: 'Theo đề nghị.', triggerDays: 10 },
    });
    const before = { triggers: await t.db.taskTrigger.count(), files: await t.db.storedFile.count() };
    const big = Buffer.concat([PDF, Buffer.alloc(20_000, 0x20)]);
    const res = await postTrigger(justice, task.id, validTrigger(), [{ buffer: big, name: 'lon.pdf' }]);
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Tệp vượt quá dung lượng cho phép');
    expect({ triggers: await t.db.taskTrigger.count(), files: await t.db.storedFile.count() }).toEqual(before);
  });
});
