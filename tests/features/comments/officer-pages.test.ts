import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, visibleText, type TestApp } from '../../helpers/test-app.js';
import { LAW_TITLE, RESOLUTION_TITLE } from '../../../prisma/seed-demo-drafts-text.js';

const binary = (res: { on: (e: string, cb: (chunk?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('officer statistics, full exports and who may use the officer routes', () => {
  let t: TestApp;
  let lawId: string;
  let resolutionId: string;
  beforeAll(async () => {
    t = await createTestApp();
    lawId = (await t.db.draft.findFirstOrThrow({ where: { title: LAW_TITLE } })).id;
    resolutionId = (await t.db.draft.findFirstOrThrow({ where: { title: RESOLUTION_TITLE } })).id;
  });
  afterAll(() => t.close());

  it('statistics tables (counted by the database) match counts made by hand from the rows', async () => {
    const agent = await t.loginAs('tuphap');
    const html = (await agent.get(`/can-bo/du-thao/${resolutionId}/thong-ke`)).text;
    const comments = await t.db.comment.findMany({ where: { draftId: resolutionId }, include: { answer: true, section: true, residentialGroup: true } });
    /** The count cell of the row labelled `label` in the table with this id. */
    const cell = (tableId: string, label: string) => {
      const table = new RegExp(`id="${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0] ?? '';
      const row = new RegExp(`<th scope="row">${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</th>\\s*<td[^>]*>(\\d+)</td>`).exec(table);
      return row ? Number(row[1]) : null;
    };
    expect(cell('tk-hinh-thuc', 'Trực tuyến trên cổng')).toBe(comments.filter((c) => c.channel === 'ONLINE').length);
    expect(cell('tk-dieu', 'Toàn bộ dự thảo')).toBe(comments.filter((c) => !c.sectionId).length);
    const article = comments.find((c) => c.section)!.section!;
    const articleLabel = article.heading ? `${article.label}. ${article.heading}` : article.label;
    expect(cell('tk-dieu', articleLabel)).toBe(comments.filter((c) => c.section?.key === article.key).length);
    const group = comments.find((c) => c.residentialGroup)!.residentialGroup!;
    expect(cell('tk-to-dan-pho', group.name)).toBe(comments.filter((c) => c.residentialGroupId === group.id).length);
    expect(cell('tk-to-dan-pho', 'Khác')).toBe(comments.filter((c) => !c.residentialGroupId).length);
    expect(cell('tk-ket-qua', 'Tiếp thu')).toBe(comments.filter((c) => c.answer?.outcome === 'ACCEPTED').length);
    expect(cell('tk-ket-qua', 'Giải trình')).toBe(comments.filter((c) => c.answer?.outcome === 'EXPLAINED').length);
  });

  it('shows statistics: received (hidden included), published, hidden, pending; by respondent type, group, article; answers by outcome', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await agent.get(`/can-bo/du-thao/${resolutionId}/thong-ke`);
    expect(res.status).toBe(200);
    const comments = await t.db.comment.findMany({ where: { draftId: resolutionId }, include: { answer: true } });
    const text = visibleText(res.text);
    expect(text).toContain(`${comments.length} Ý kiến nhận được`);
    expect(text).toContain(`${comments.filter((c) => c.status === 'HIDDEN').length} Không công khai`);
    expect(text).toContain(`${comments.filter((c) => c.status === 'PUBLISHED').length} Đã công khai`);
    for (const caption of ['Ý kiến theo đối tượng góp ý', 'Ý kiến theo tổ dân phố', 'Ý kiến theo điều của dự thảo', 'Ý kiến đã trả lời theo kết quả']) {
      expect(res.text).toContain(`<caption id="`);
      expect(text).toContain(caption);
    }
    const business = comments.filter((c) => c.respondentType === 'BUSINESS').length;
    expect(text).toMatch(new RegExp(`Doanh nghiệp ${business} `));
    const tdp2 = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 2' } });
    expect(text).toMatch(new RegExp(`Tổ dân phố 2 ${comments.filter((c) => c.residentialGroupId === tdp2.id).length} `));
    const accepted = comments.filter((c) => c.answer?.outcome === 'ACCEPTED').length;
    expect(text).toMatch(new RegExp(`Tiếp thu ${accepted} `));
    expect(text).toContain('Điều 2. Mức hỗ trợ kinh phí hoạt động của tổ dân phố');
    expect(res.text).toContain('<th scope="row">');
  });

  it('the officer CSV and .xlsx carry contact details, every status and the receipt codes', async () => {
    const agent = await t.loginAs('tuphap');
    const withEmail = await t.db.comment.findFirstOrThrow({ where: { draftId: lawId, email: { not: '' } } });
    const pending = await t.db.comment.findFirstOrThrow({ where: { draftId: lawId, status: 'PENDING' } });
    const csvRes = await agent.get(`/can-bo/du-thao/${lawId}/y-kien-day-du.csv`).buffer(true).parse(binary);
    expect(csvRes.status).toBe(200);
    expect(csvRes.headers['content-type']).toContain('text/csv');
    expect(csvRes.headers['cache-control']).toContain('no-store');
    const buf = csvRes.body as Buffer;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = buf.toString('utf8');
    expect(csv).toContain('Thư điện tử');
    expect(csv).toContain(withEmail.email);
    expect(csv).toContain(withEmail.receiptCode);
    expect(csv).toContain(pending.body.slice(0, 30));

    const xlsx = await agent.get(`/can-bo/du-thao/${lawId}/y-kien-day-du.xlsx`).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => cells.push(String(c.text))));
    expect(cells).toContain(withEmail.email);
    expect(cells).toContain('Chờ kiểm duyệt');
  });

  it('neutralises spreadsheet formulas in CSV cells', async () => {
    const v = await t.db.draftVersion.findFirstOrThrow({ where: { draftId: lawId } });
    await t.db.comment.create({
      data: {
        draftId: lawId,
        versionId: v.id,
        receiptCode: 'GY-FFFF-2222',
        respondentType: 'INDIVIDUAL',
        body: '=HYPERLINK("http://evil")',
        status: 'PUBLISHED',
      },
    });
    const csv = ((await t.agent().get(`/du-thao/${lawId}/y-kien.csv`).buffer(true).parse(binary)).body as Buffer).toString('utf8');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
  });

  describe('permission matrix', () => {
    const routes = (id: string, commentId: string, answerId: string) => [
      { method: 'get', path: `/can-bo/du-thao/${id}/y-kien`, allowed: ['tuphap', 'quantri'] },
      { method: 'get', path: `/can-bo/du-thao/${id}/y-kien-day-du.csv`, allowed: ['tuphap', 'quantri'] },
      { method: 'get', path: `/can-bo/du-thao/${id}/y-kien-day-du.xlsx`, allowed: ['tuphap', 'quantri'] },
      { method: 'get', path: `/can-bo/du-thao/${id}/thong-ke`, allowed: ['tuphap', 'quantri', 'chutich'] },
      { method: 'get', path: `/can-bo/du-thao/${id}/tra-loi/${answerId}`, allowed: ['tuphap', 'quantri'] },
      { method: 'post', path: `/can-bo/du-thao/${id}/y-kien/${commentId}/cong-khai`, allowed: ['tuphap', 'quantri'] },
      { method: 'post', path: `/can-bo/du-thao/${id}/y-kien/${commentId}/an`, allowed: ['tuphap', 'quantri'] },
      { method: 'post', path: `/can-bo/du-thao/${id}/tra-loi`, allowed: ['tuphap', 'quantri'] },
      { method: 'post', path: `/can-bo/du-thao/${id}/tra-loi/${answerId}`, allowed: ['tuphap', 'quantri'] },
      { method: 'post', path: `/can-bo/du-thao/${id}/cong-bo-tiep-thu`, allowed: ['tuphap', 'quantri'] },
    ];

    it('anonymous visitors are sent to the login page (GET) or refused (POST)', async () => {
      const c = await t.db.comment.findFirstOrThrow({ where: { draftId: resolutionId, answerId: { not: null } } });
      for (const r of routes(resolutionId, c.id, c.answerId!)) {
        const agent = t.agent();
        if (r.method === 'get') {
          const res = await agent.get(r.path);
          expect(res.status, r.path).toBe(302);
          expect(res.headers.location).toContain('/dang-nhap');
        } else {
          const token = await csrfToken(agent, `/du-thao/${lawId}/gop-y`);
          const res = await agent.post(r.path).type('form').send({ _csrf: token, reason: 'SPAM', outcome: 'ACCEPTED', explanation: 'x', commentIds: c.id });
          expect(res.status, r.path).toBe(401);
        }
      }
      expect((await t.db.comment.findUniqueOrThrow({ where: { id: c.id } })).status).toBe(c.status);
    });

    for (const user of ['vanhoa', 'tdp1', 'chutich', 'tuphap', 'quantri']) {
      it(`${user}: allowed routes answer, others are 403 and change nothing`, async () => {
        const agent = await t.loginAs(user);
        const c = await t.db.comment.findFirstOrThrow({ where: { draftId: resolutionId, answerId: { not: null }, status: 'PUBLISHED' } });
        for (const r of routes(resolutionId, c.id, c.answerId!)) {
          const allowed = r.allowed.includes(user);
          if (r.method === 'get') {
            const res = await agent.get(r.path);
            expect(res.status, `${user} GET ${r.path}`).toBe(allowed ? 200 : 403);
          } else {
            const token = await csrfToken(agent, '/can-bo');
            // Invalid bodies on purpose: an allowed officer gets 400 (the form re-rendered), never a change.
            const res = await agent.post(r.path).type('form').send({ _csrf: token });
            if (allowed) expect([303, 400], `${user} POST ${r.path}`).toContain(res.status);
            else expect(res.status, `${user} POST ${r.path}`).toBe(403);
          }
        }
        if (!['tuphap', 'quantri'].includes(user)) {
          const officer = await t.db.user.findUniqueOrThrow({ where: { username: user } });
          expect(await t.db.auditLog.count({ where: { userId: officer.id, entityType: { in: ['Comment', 'CommentAnswer', 'Draft'] } } })).toBe(0);
        }
      });
    }

    it('an officer cannot reach a draft of another ward', async () => {
      const other = await t.db.ward.create({
        data: { slug: 'phuong-khac', name: 'Phường Khác', placeName: 'Khác', committeeName: 'UBND phường Khác', parentBodyName: 'UBND TP' },
      });
      const draft = await t.db.draft.create({
        data: {
          wardId: other.id,
          title: 'Dự thảo phường khác',
          documentType: 'OTHER',
          draftingAgency: 'x',
          field: 'x',
          summary: 'x',
          opensAt: new Date(0),
          closesAt: new Date(0),
          state: 'CLOSED',
        },
      });
      const agent = await t.loginAs('tuphap');
      expect((await agent.get(`/can-bo/du-thao/${draft.id}/y-kien`)).status).toBe(404);
      expect((await agent.get(`/can-bo/du-thao/${draft.id}/thong-ke`)).status).toBe(404);
      expect((await agent.get(`/can-bo/du-thao/${draft.id}/y-kien-day-du.csv`)).status).toBe(404);
      expect((await t.agent().get(`/du-thao/${draft.id}/y-kien.csv`)).status).toBe(404);
    });
  });
});
