import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, multipartAction, storedBytes, storedFileCount, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDraftVia, PDF, PNG, publish, saveText } from './draft-helpers.js';

const filesOnDisk = (t: TestApp) => storedFileCount(t);

describe('files attached to a draft', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  async function upload(agent: Awaited<ReturnType<TestApp['loginAs']>>, id: string, files: [Buffer, string][], kind = 'SUBMISSION') {
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/tep`);
    let req = agent.post(multipartAction(`/can-bo/du-thao/${id}/tep`, token)).field('kind', kind);
    for (const [buf, name] of files) req = req.attach('files', buf, name);
    return req;
  }

  it('stores files checked by content and lists them with name, kind, type and size', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const res = await upload(agent, id, [
      [PDF, 'Tờ trình dự thảo.pdf'],
      [PNG, 'so-do.png'],
    ]);
    expect(res.status).toBe(303);
    const rows = await t.db.storedFile.findMany({ where: { draftId: id } });
    expect(rows.map((r) => [r.originalName, r.mimeType, r.kind]).sort()).toEqual([
      ['Tờ trình dự thảo.pdf', 'application/pdf', 'SUBMISSION'],
      ['so-do.png', 'image/png', 'SUBMISSION'],
    ]);
    expect(await t.db.auditLog.count({ where: { action: 'draft.file.add', entityId: { in: rows.map((r) => r.id) } } })).toBe(2);
    const page = visibleText((await agent.get(`/can-bo/du-thao/${id}/tep`)).text);
    expect(page).toContain('Tờ trình dự thảo.pdf');
    expect(page).toContain('Tờ trình');
    expect(page).toContain('Ảnh PNG');
    expect(page).toContain(`${PDF.length} B`);
  });

  it('refuses a file that lies about its type, keeping the chosen kind and saving nothing', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const before = await filesOnDisk(t);
    const res = await upload(
      agent,
      id,
      [
        [PDF, 'that.pdf'],
        [Buffer.from('MZ\x90\x00 not really a pdf'), 'gia-mao.pdf'],
      ],
      'IMPACT_ASSESSMENT',
    );
    expect(res.status).toBe(400);
    const text = visibleText(res.text);
    expect(text).toContain('Có lỗi cần sửa trước khi gửi');
    expect(text).toContain('Tệp “gia-mao.pdf” không đúng định dạng cho phép');
    expect(res.text).toMatch(/<option value="IMPACT_ASSESSMENT" selected>/);
    expect(await t.db.storedFile.count({ where: { draftId: id } })).toBe(0);
    expect(await filesOnDisk(t)).toBe(before);
  });

  it('refuses more than 10 files per draft, at once or in total', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const eleven = Array.from({ length: 11 }, (_, i) => [PDF, `tep-${i}.pdf`] as [Buffer, string]);
    const atOnce = await upload(agent, id, eleven);
    expect(atOnce.status).toBe(400);
    expect(visibleText(atOnce.text)).toContain('Mỗi dự thảo có tối đa 10 tệp đính kèm');
    expect(await t.db.storedFile.count({ where: { draftId: id } })).toBe(0);

    expect((await upload(agent, id, eleven.slice(0, 9))).status).toBe(303);
    const over = await upload(agent, id, eleven.slice(0, 2));
    expect(over.status).toBe(400);
    expect(visibleText(over.text)).toContain('Mỗi dự thảo có tối đa 10 tệp đính kèm (đã có 9 tệp)');
    expect(await t.db.storedFile.count({ where: { draftId: id } })).toBe(9);
  });

  it('asks for a file and a kind', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/tep`);
    const none = await agent.post(multipartAction(`/can-bo/du-thao/${id}/tep`, token)).field('kind', 'OTHER');
    expect(none.status).toBe(400);
    expect(visibleText(none.text)).toContain('Vui lòng chọn ít nhất một tệp.');
    const noKind = await agent
      .post(multipartAction(`/can-bo/du-thao/${id}/tep`, token))
      .field('kind', 'BANG_KE')
      .attach('files', PDF, 'a.pdf');
    expect(noKind.status).toBe(400);
    expect(visibleText(noKind.text)).toContain('Vui lòng chọn loại tài liệu.');
  });

  it('lets residents download files only once the draft is open; officers always', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent, { opensAt: '2025-10-20', closesAt: '2025-11-20' });
    await upload(agent, id, [[PDF, 'Dự thảo.pdf']], 'DRAFT_TEXT');
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId: id } });
    const url = `/du-thao/${id}/tep/${file.id}`;
    expect((await t.agent().get(url)).status).toBe(404); // draft not published
    const officer = await agent.get(url);
    expect(officer.status).toBe(200);
    expect(officer.headers['content-type']).toContain('application/pdf');
    expect(officer.headers['content-disposition']).toContain('attachment');

    await saveText(agent, id);
    await publish(agent, id);
    expect((await t.agent().get(url)).status).toBe(404); // upcoming
    expect(visibleText((await t.agent().get(`/du-thao/${id}`)).text)).not.toContain('Dự thảo.pdf');

    t.clock.set('2025-10-21T02:00:00Z');
    try {
      const res = await t.agent().get(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(res.body).equals(PDF)).toBe(true);
      const page = visibleText((await t.agent().get(`/du-thao/${id}`)).text);
      expect(page).toContain('Dự thảo.pdf – Dự thảo văn bản, PDF');
      expect((await t.agent().get(`/du-thao/${id}/tep/khong-co`)).status).toBe(404);
      const other = await t.db.draft.findFirstOrThrow({ where: { documentType: 'LAW' } });
      expect((await t.agent().get(`/du-thao/${other.id}/tep/${file.id}`)).status).toBe(404);
    } finally {
      t.clock.set('2025-10-15T02:00:00Z');
    }
  });

  it('removes a file from the record and the disk, audited', async () => {
    const agent = await t.loginAs('quantri');
    const id = await createDraftVia(t, agent);
    await upload(agent, id, [[PDF, 'xoa.pdf']]);
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId: id } });
    expect(await storedBytes(t, file.storageKey)).not.toBeNull();
    const res = await submitForm(agent, `/can-bo/du-thao/${id}/tep`, `/can-bo/du-thao/${id}/tep/${file.id}/xoa`, {});
    expect(res.status).toBe(303);
    expect(await t.db.storedFile.count({ where: { id: file.id } })).toBe(0);
    expect(await storedBytes(t, file.storageKey)).toBeNull();
    expect(await t.db.auditLog.count({ where: { action: 'draft.file.remove', entityId: file.id } })).toBe(1);
  });
});

describe('the upload size limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ MAX_UPLOAD_MB: '0.001' });
  });
  afterAll(() => t.close());

  it('refuses a file over the limit with 400 and a message, saving nothing', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent);
    const token = await csrfToken(agent, `/can-bo/du-thao/${id}/tep`);
    const big = Buffer.concat([PDF, Buffer.alloc(4000, 0x20)]);
    const res = await agent
      .post(multipartAction(`/can-bo/du-thao/${id}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', big, 'lon.pdf');
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Tệp vượt quá dung lượng cho phép');
    expect(await t.db.storedFile.count({ where: { draftId: id } })).toBe(0);
  });
});
