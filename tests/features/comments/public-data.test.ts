import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { RESOLUTION_TITLE, LAW_TITLE } from '../../../prisma/seed-demo-drafts-text.js';
import { groupId, makeDraft, postComment, validComment } from './fixtures.js';

const EMAIL = 'bi.mat@example.com';
const PHONE = '0987654321';
const SECRET_NAME = 'Tên Bí Mật Ẩn Danh';
const XSS = '<script>alert("x")</script> <img src=x onerror=alert(1)> [bấm](javascript:alert(1)) **đậm**\nDòng thứ hai';

/** Downloads a file through supertest as a Buffer. */
const binary = (res: { on: (e: string, cb: (chunk?: Buffer) => void) => void }, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c?: Buffer) => chunks.push(c!));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

async function xlsxText(buf: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text)))));
  return out.join('\n');
}

describe('public pages and downloads never carry personal data; comment text never runs', () => {
  let t: TestApp;
  let resolutionId: string;
  let lawId: string;
  let openDraftId: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    resolutionId = (await t.db.draft.findFirstOrThrow({ where: { title: RESOLUTION_TITLE } })).id;
    lawId = (await t.db.draft.findFirstOrThrow({ where: { title: LAW_TITLE } })).id;
    const draft = await makeDraft(t, { publishImmediately: true, title: 'Dự thảo kiểm tra dữ liệu cá nhân' });
    openDraftId = draft.id;
    const group = await groupId(t);
    const named = await postComment(
      t.agent(),
      draft.id,
      validComment(group, { body: XSS, email: EMAIL, phone: PHONE, consent: '1', phan: draft.articles[0].id }),
    );
    code = named.headers.location.split('/').pop()!;
    await postComment(
      t.agent(),
      draft.id,
      validComment(group, { authorName: SECRET_NAME, publicName: 'anonymous', email: 'an.danh@example.com', consent: '1', body: 'Ý kiến ẩn danh' }),
    );
  });
  afterAll(() => t.close());

  it('the demo data: an answered resolution with a shared answer and a hidden spam comment; an open law with published and pending comments', async () => {
    const res = await t.db.comment.findMany({ where: { draftId: resolutionId } });
    expect(res.length).toBeGreaterThanOrEqual(6);
    expect(res.filter((c) => c.status === 'HIDDEN').map((c) => c.hiddenReason)).toEqual(['SPAM']);
    expect(res.filter((c) => c.status === 'PUBLISHED' && !c.answerId)).toEqual([]);
    const answerIds = res.filter((c) => c.answerId).map((c) => c.answerId);
    expect(answerIds.length - new Set(answerIds).size).toBeGreaterThanOrEqual(1);
    expect(new Set(res.map((c) => c.respondentType))).toEqual(new Set(['INDIVIDUAL', 'ORGANISATION', 'BUSINESS']));
    expect((await t.db.draft.findUniqueOrThrow({ where: { id: resolutionId } })).state).toBe('ANSWERED');
    const law = await t.db.comment.findMany({ where: { draftId: lawId } });
    expect(new Set(law.map((c) => c.status))).toEqual(new Set(['PUBLISHED', 'PENDING']));
    const groups = await t.db.comment.findMany({
      where: { residentialGroupId: { not: null } },
      select: { residentialGroupId: true },
      distinct: ['residentialGroupId'],
    });
    expect(groups.length).toBeGreaterThanOrEqual(6);
  });

  it('the demo summary page lists the resolution answers, its downloads open', async () => {
    const page = await t.agent().get(`/du-thao/${resolutionId}/tiep-thu-giai-trinh`);
    expect(page.status).toBe(200);
    const text = visibleText(page.text);
    expect(text).toContain('Tiếp thu một phần');
    expect(text).toContain('trả lời chung với ý kiến số');
    expect(text).not.toContain('Vay tiền nhanh');
  });

  it('the summary .xlsx and .docx hold the title, articles, comments and answers', async () => {
    const xlsx = await t.agent().get(`/du-thao/${resolutionId}/tiep-thu-giai-trinh.xlsx`).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const xText = await xlsxText(xlsx.body as Buffer);
    expect(xText).toContain(`BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý đối với ${RESOLUTION_TITLE}`);
    expect(xText).toContain('Điều 2. Mức hỗ trợ kinh phí hoạt động của tổ dân phố');
    expect(xText).toContain('Tiếp thu một phần');
    expect(xText).toContain('Người góp ý ẩn danh');
    expect(xText).not.toContain('@example.com');
    expect(xText).not.toContain('Vay tiền nhanh');

    const docx = await t.agent().get(`/du-thao/${resolutionId}/tiep-thu-giai-trinh.docx`).buffer(true).parse(binary);
    expect(docx.status).toBe(200);
    expect(docx.headers['content-disposition']).toContain('.docx');
    const zip = await JSZip.loadAsync(docx.body as Buffer);
    const xml = await zip.file('word/document.xml')!.async('string');
    const dText = xml.replace(/<[^>]+>/g, '').replace(/\u00a0/g, ' ');
    // An official report (Decree 30): "BÁO CÁO" and the summary line naming who answers.
    expect(dText).toContain('BÁO CÁOTổng hợp ý kiến góp ý của Nhân dân và ý kiến tiếp thu, giải trình của cơ quan chủ trì soạn thảo đối với');
    expect(dText).toContain('Góp ý chung đối với toàn bộ dự thảo');
    expect(dText).toContain('Giải trình');
    expect(dText).not.toContain('@example.com');
  });

  it('the summary downloads are 404 until the summary is published; the page says it is not yet published', async () => {
    expect((await t.agent().get(`/du-thao/${lawId}/tiep-thu-giai-trinh.xlsx`)).status).toBe(404);
    expect((await t.agent().get(`/du-thao/${lawId}/tiep-thu-giai-trinh.docx`)).status).toBe(404);
    const page = await t.agent().get(`/du-thao/${lawId}/tiep-thu-giai-trinh`);
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain('chưa được công bố');
  });

  it('the public CSV has a BOM, published comments only, no contact details and no names of anonymous commenters', async () => {
    const res = await t.agent().get(`/du-thao/${openDraftId}/y-kien.csv`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const buf = res.body as Buffer;
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = buf.toString('utf8');
    expect(csv).toContain('Nội dung góp ý');
    expect(csv).toContain('Nguyễn Thị Mai');
    expect(csv).toContain('Người góp ý ẩn danh');
    for (const secret of [EMAIL, PHONE, 'an.danh@example.com', SECRET_NAME, code]) expect(csv).not.toContain(secret);

    const law = (await t.agent().get(`/du-thao/${lawId}/y-kien.csv`).buffer(true).parse(binary)).body.toString('utf8');
    expect(law).not.toContain('Nhiều người cao tuổi'); // a pending comment
    expect(law).not.toContain('@example.com');
  });

  it('the public .xlsx has the same rules', async () => {
    const res = await t.agent().get(`/du-thao/${openDraftId}/y-kien.xlsx`).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const text = await xlsxText(res.body as Buffer);
    expect(text).toContain('Nguyễn Thị Mai');
    for (const secret of [EMAIL, PHONE, 'an.danh@example.com', SECRET_NAME]) expect(text).not.toContain(secret);
  });

  it('no public page has the email or phone in its HTML', async () => {
    const pages = [
      `/du-thao/${openDraftId}/gop-y`,
      `/gop-y/ma/${code}`,
      `/du-thao/${openDraftId}/tiep-thu-giai-trinh`,
      `/du-thao/${resolutionId}/tiep-thu-giai-trinh`,
      `/du-thao/${openDraftId}`,
      `/du-thao/${resolutionId}`,
      `/du-thao/${lawId}`,
      '/du-thao',
      '/du-thao/feed.atom',
      '/du-thao/feed.rss',
      '/quyen-rieng-tu',
      '/',
    ];
    const seeded = (await t.db.comment.findMany({ where: { OR: [{ email: { not: '' } }, { phone: { not: '' } }] } }))
      .flatMap((c) => [c.email, c.phone])
      .filter(Boolean);
    expect(seeded.length).toBeGreaterThan(3);
    for (const p of pages) {
      const res = await t.agent().get(p);
      const body = res.text ?? '';
      for (const secret of [EMAIL, PHONE, SECRET_NAME, ...seeded]) expect(body, `${p} leaks ${secret}`).not.toContain(secret);
    }
  });

  it('shows comment text with HTML, scripts, javascript: links and Markdown as text', async () => {
    for (const p of [`/gop-y/ma/${code}`, `/du-thao/${openDraftId}`]) {
      const res = await t.agent().get(p);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert');
      expect(res.text).not.toContain('<img src=x');
      expect(res.text).not.toMatch(/href="javascript:/);
      expect(res.text).not.toContain('<strong>đậm</strong>');
      expect(res.text).toContain('&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;');
      expect(visibleText(res.text)).toContain('[bấm](javascript:alert(1)) **đậm**');
    }
    // The published-comments block of the draft page (the contract partial) escapes it too.
    const { draftCommentBlock } = await import('../../../src/features/comments/comments.public.js');
    const block = await draftCommentBlock(t.db, openDraftId);
    expect(block.totalPublished).toBe(2);
    expect(JSON.stringify(block)).not.toContain(EMAIL);
    expect(block.comments.find((c) => c.body.includes('ẩn danh'))!.displayName).toBe('Người góp ý ẩn danh');
    const ejs = await import('ejs');
    const { viewHelpers } = await import('../../../src/lib/view-helpers.js');
    const html = await ejs.renderFile('views/comments/_draft-comments.ejs', { ...viewHelpers, block, draft: { id: openDraftId } });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('class="comment__body"');
  });

  it('the privacy notice says what, why, who, how long and how to ask for deletion', async () => {
    const res = await t.agent().get('/quyen-rieng-tu');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    for (const s of [
      'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15',
      'Nghị định số 356/2025/NĐ-CP',
      'Dữ liệu nào được thu thập',
      'Để làm gì',
      'Ai được xem',
      'Lưu giữ bao lâu',
      '12 tháng',
      'yêu cầu xóa',
    ]) {
      expect(text).toContain(s);
    }
  });
});
