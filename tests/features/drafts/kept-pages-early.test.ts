/**
 * Kept public pages are answered before the rest of the middleware stack (src/middleware/kept-pages.ts).
 * What a visitor must not notice: the page, its headers and its freshness are the same as when the
 * route renders it; a search, an odd address or a renamed ward never gets a page kept for another.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft } from '../comments/fixtures.js';

describe('kept public pages served early', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a kept page is byte for byte the rendered one, with the security headers and an ETag; the same ETag answers 304', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo trả lời sớm' });
    for (const path of [`/du-thao/${draft.id}`, '/du-thao', '/', '/du-thao/feed.rss', `/phuong/truong-quang-trong/du-thao/${draft.id}`]) {
      const rendered = await t.agent().get(path);
      const kept = await t.agent().get(path);
      // A resident who once commented has a CSRF cookie: the same page.
      const withCookie = await t.agent().get(path).set('Cookie', 'csrf=abcdefghijklmnopqrstuvwx');
      expect(rendered.status, path).toBe(200);
      for (const res of [kept, withCookie]) {
        expect(res.status, path).toBe(200);
        expect(res.text, path).toBe(rendered.text);
        for (const h of ['content-type', 'content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'etag'])
          expect(res.headers[h], `${path} ${h}`).toBe(rendered.headers[h]);
        expect(res.headers['set-cookie'], path).toBeUndefined();
        expect(res.headers['x-powered-by'], path).toBeUndefined();
      }
      const again = await t.agent().get(path).set('If-None-Match', rendered.headers.etag);
      expect(again.status, path).toBe(304);
      expect(again.text ?? '', path).toBe('');
    }
  });

  it('a search of the list is never answered with the kept list', async () => {
    await makeDraft(t, { title: 'Dự thảo về chợ đêm' });
    await t.agent().get('/du-thao');
    const kept = visibleText((await t.agent().get('/du-thao')).text);
    expect(kept).toContain('Dự thảo về chợ đêm');
    const searched = visibleText((await t.agent().get('/du-thao?q=khong-co-du-thao-nao-nhu-the')).text);
    expect(searched).not.toContain('Dự thảo về chợ đêm');
  });

  it('a page number given twice is not kept as the first page', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo nhiều ý kiến' });
    for (let i = 1; i <= 25; i++)
      await t.db.comment.create({
        data: {
          draftId: draft.id,
          versionId: draft.versionId,
          receiptCode: `GY-KEPT-${String(1000 + i)}`,
          respondentType: 'INDIVIDUAL',
          body: `Ý kiến thứ ${i} về dự thảo`,
          status: 'PUBLISHED',
          createdAt: new Date(t.clock.now().getTime() - (100 - i) * 60_000),
        },
      });
    const page = `/du-thao/${draft.id}`;
    expect(visibleText((await t.agent().get(`${page}?trang=2&trang=2`)).text)).not.toContain('Ý kiến thứ 25 về dự thảo');
    for (let i = 0; i < 2; i++) expect(visibleText((await t.agent().get(page)).text)).toContain('Ý kiến thứ 25 về dự thảo');
  });

  it('a draft page reached by an address recognised only by the router (a trailing slash) still shows a comment published since', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo xem bằng địa chỉ có gạch chéo cuối' });
    const page = `/du-thao/${draft.id}/`;
    for (let i = 0; i < 2; i++) expect(visibleText((await t.agent().get(page)).text)).not.toContain('Ý kiến mới công khai');
    await t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        receiptCode: 'GY-KEPT-SLASH',
        respondentType: 'INDIVIDUAL',
        body: 'Ý kiến mới công khai',
        status: 'PUBLISHED',
        createdAt: t.clock.now(),
      },
    });
    expect(visibleText((await t.agent().get(page)).text)).toContain('Ý kiến mới công khai');
  });

  it('a ward renamed (or its contacts changed) shows on the next view of every kept page', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo khi đổi tên phường' });
    // Under the ward's prefix too, and by an address the router takes for the draft page but the kept pages do not
    // recognise early (a trailing slash): its stamp is then read on its own, after the ward.
    const pages = [`/du-thao/${draft.id}`, '/du-thao', '/', '/du-thao/feed.rss', `/phuong/truong-quang-trong/du-thao/${draft.id}`, `/du-thao/${draft.id}/`];
    for (const p of pages) for (let i = 0; i < 2; i++) await t.agent().get(p);
    const ward = await t.db.ward.findUniqueOrThrow({ where: { id: t.wardId } });
    await t.db.ward.update({ where: { id: t.wardId }, data: { name: 'Phường Đổi Tên', committeeName: 'Ủy ban nhân dân phường Đổi Tên' } });
    try {
      for (const p of pages) expect((await t.agent().get(p)).text, p).toContain('Đổi Tên');
    } finally {
      await t.db.ward.update({ where: { id: t.wardId }, data: { name: ward.name, committeeName: ward.committeeName } });
    }
    for (const p of pages) expect((await t.agent().get(p)).text, p).not.toContain('Đổi Tên');
  });
});
