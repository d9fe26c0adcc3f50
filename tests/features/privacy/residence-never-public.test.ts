import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, postComment, validComment } from '../comments/fixtures.js';

// What a commenter typed under "Nơi cư trú – Khác": it can identify a person, so only officers see it.
const MARKER = 'Kiệt 47 Hẻm Bí Mật Phan Đình Phùng';
const BODY = 'Đề nghị bổ sung quy định về giờ thu gom rác buổi tối.';

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

async function docxText(buf: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buf);
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('the free text of "Nơi cư trú – Khác" never reaches a public output', () => {
  let t: TestApp;
  let draftId: string;
  let code: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    const draft = await makeDraft(t, { publishImmediately: true, title: 'Dự thảo kiểm tra nơi cư trú khác' });
    draftId = draft.id;
    const anonymous = await postComment(t.agent(), draftId, validComment('KHAC', { residentialOther: MARKER, publicName: 'anonymous', body: BODY }));
    expect(anonymous.status).toBe(303);
    code = anonymous.headers.location.split('/').pop()!;
    // A named commenter from outside the ward too: the rule holds whether or not the name is public.
    await postComment(t.agent(), draftId, validComment('KHAC', { residentialOther: `${MARKER} số 2`, body: 'Ý kiến thứ hai.' }));
    const comments = await t.db.comment.findMany({ where: { draftId } });
    expect(comments.map((c) => c.residentialOther).every((r) => r.startsWith(MARKER))).toBe(true);
    // Answer both and publish the summary, so every summary output exists.
    const answer = await t.db.commentAnswer.create({ data: { draftId, outcome: 'ACCEPTED', explanation: 'Tiếp thu, bổ sung giờ thu gom.' } });
    await t.db.comment.updateMany({ where: { draftId }, data: { answerId: answer.id } });
    await t.db.draft.update({ where: { id: draftId }, data: { state: 'ANSWERED', answeredAt: t.clock.now() } });
  });
  afterAll(() => t.close());

  it('pages: the draft page, the list, the summary, the receipt seen by someone else, the feeds and the sitemap', async () => {
    const pages = [
      `/du-thao/${draftId}`,
      '/du-thao',
      `/du-thao/${draftId}/tiep-thu-giai-trinh`,
      `/gop-y/ma/${code}`,
      '/du-thao/feed.atom',
      '/du-thao/feed.rss',
      '/sitemap.xml',
      '/',
    ];
    for (const p of pages) {
      const res = await t.agent().get(p);
      expect(res.status, p).toBe(200);
      expect(res.text, `${p} shows the free-text residence`).not.toContain(MARKER);
    }
    const page = visibleText((await t.agent().get(`/du-thao/${draftId}`)).text);
    expect(page).toContain(BODY);
    expect(page).toContain('(Cá nhân, Khác)');
    const summary = visibleText((await t.agent().get(`/du-thao/${draftId}/tiep-thu-giai-trinh`)).text);
    expect(summary).toContain(BODY);
  });

  it('downloads: comments CSV and .xlsx, summary .xlsx and .docx show "Khác" only', async () => {
    const csv = (await t.agent().get(`/du-thao/${draftId}/y-kien.csv`).buffer(true).parse(binary)).body.toString('utf8');
    expect(csv).toContain(BODY);
    expect(csv).toMatch(/,Khác,/);
    expect(csv).not.toContain(MARKER);

    const xlsx = await xlsxText((await t.agent().get(`/du-thao/${draftId}/y-kien.xlsx`).buffer(true).parse(binary)).body);
    expect(xlsx).toContain(BODY);
    expect(xlsx).toContain('\nKhác\n');
    expect(xlsx).not.toContain(MARKER);

    const sx = await xlsxText((await t.agent().get(`/du-thao/${draftId}/tiep-thu-giai-trinh.xlsx`).buffer(true).parse(binary)).body);
    expect(sx).toContain(BODY);
    expect(sx).toContain('Người góp ý ẩn danh\nCá nhân, Khác');
    expect(sx).not.toContain(MARKER);

    const sd = await docxText((await t.agent().get(`/du-thao/${draftId}/tiep-thu-giai-trinh.docx`).buffer(true).parse(binary)).body);
    expect(sd).toContain(BODY);
    expect(sd).toContain('Người góp ý ẩn danh, Khác'); // the official summary names the person (or "ẩn danh") and the residence
    expect(sd).not.toContain(MARKER);
  });

  it('officers still see it where they handle the comment (moderation list, full export)', async () => {
    const officer = await t.loginAs('tuphap');
    const queue = await officer.get(`/can-bo/du-thao/${draftId}/y-kien`);
    expect(visibleText(queue.text)).toContain(`Khác: ${MARKER}`);
    const full = (await officer.get(`/can-bo/du-thao/${draftId}/y-kien-day-du.csv`).buffer(true).parse(binary)).body.toString('utf8');
    expect(full).toContain(`Khác: ${MARKER}`);
  });
});
