import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDraftVia, publishedDraft, saveText } from './draft-helpers.js';

describe('residents read drafts', () => {
  let t: TestApp;
  let law: { id: string; title: string };
  let resolution: { id: string; title: string };
  let upcoming: { id: string; title: string };
  beforeAll(async () => {
    t = await createTestApp();
    const find = (documentType: string) => t.db.draft.findFirstOrThrow({ where: { documentType }, select: { id: true, title: true } });
    [law, resolution, upcoming] = await Promise.all([find('LAW'), find('PROVINCIAL_RESOLUTION'), find('WARD_DECISION')]);
  });
  afterAll(() => t.close());

  it('lists drafts in three groups with days left and published comment counts', async () => {
    const res = await t.agent().get('/du-thao');
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    const open = text.indexOf('Đang lấy ý kiến (');
    const soon = text.indexOf('Sắp lấy ý kiến (');
    const closed = text.indexOf('Đã kết thúc lấy ý kiến (');
    expect(open).toBeGreaterThan(-1);
    expect(open).toBeLessThan(text.indexOf(law.title));
    expect(text.indexOf(law.title)).toBeLessThan(soon);
    expect(soon).toBeLessThan(text.indexOf(upcoming.title));
    expect(text.indexOf(upcoming.title)).toBeLessThan(closed);
    expect(closed).toBeLessThan(text.indexOf(resolution.title));
    expect(text).toContain('Còn 20 ngày');
    expect(text).toContain('Mở góp ý sau 5 ngày');
    const published = await t.db.comment.count({ where: { draftId: law.id, status: 'PUBLISHED' } });
    expect(text).toContain(`${published} ý kiến đã công khai`);
  });

  it('searches titles, summaries and article text with diacritics and đ folded', async () => {
    const search = async (q: string) => visibleText((await t.agent().get(`/du-thao?q=${encodeURIComponent(q)}`)).text);
    const dat = await search('dat dai');
    expect(dat).toContain(law.title);
    expect(dat).not.toContain(resolution.title);
    const tqt = await search('truong quang trong');
    expect(tqt).toContain(resolution.title);
    expect(tqt).toContain(upcoming.title);
    expect(tqt).not.toContain(law.title);
    const article = await search('HÒA GIẢI tranh chấp');
    expect(article).toContain(law.title);
    expect(article).toContain('Tìm thấy 1 dự thảo');
    expect(await search('xyzzy quarkle')).toContain('Tìm thấy 0 dự thảo');
  });

  it('does not reveal an upcoming draft through the text of its articles', async () => {
    const hidden = visibleText((await t.agent().get('/du-thao?q=viec+hy')).text);
    expect(hidden).not.toContain(upcoming.title);
    t.clock.set('2025-10-21T02:00:00Z');
    try {
      expect(visibleText((await t.agent().get('/du-thao?q=viec+hy')).text)).toContain(upcoming.title);
    } finally {
      t.clock.set('2025-10-15T02:00:00Z');
    }
  });

  it('shows an open draft in plain words, with dates, contents, each article with its comment link and count, and the comments', async () => {
    const res = await t.agent().get(`/du-thao/${law.id}`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain('Dự thảo này là gì?');
    expect(text).toContain('Luật do Bộ Nông nghiệp và Môi trường chủ trì soạn thảo');
    expect(text).toContain('Bắt đầu lấy ý kiến 05/10/2025');
    expect(text).toContain('Kết thúc lấy ý kiến 04/11/2025');
    expect(text).toContain('Còn 20 ngày');
    expect(text).toContain('Mục lục');
    expect(text).toContain('Chương II. ĐIỀU KHOẢN THI HÀNH');
    expect(text).toContain('Ý kiến góp ý đã công khai');
    const latest = await t.db.comment.findFirst({ where: { draftId: law.id, status: 'PUBLISHED' }, orderBy: { createdAt: 'desc' } });
    if (latest) expect(text).toContain(visibleText(latest.body).slice(0, 60));
    const pending = await t.db.comment.findFirst({ where: { draftId: law.id, status: 'PENDING' } });
    if (pending) expect(text).not.toContain(visibleText(pending.body).slice(0, 60));
    const sections = await t.db.draftSection.findMany({ where: { version: { draftId: law.id }, kind: 'ARTICLE' } });
    expect(sections).toHaveLength(8);
    for (const s of sections) expect(res.text).toContain(`href="/du-thao/${law.id}/gop-y?phan=${s.id}"`);
    expect(res.text).toContain(`href="/du-thao/${law.id}/gop-y"`);
    const perArticle = await t.db.comment.groupBy({
      by: ['sectionId'],
      where: { draftId: law.id, status: 'PUBLISHED', sectionId: { not: null } },
      _count: { _all: true },
    });
    for (const g of perArticle) {
      const s = sections.find((x) => x.id === g.sectionId)!;
      const block = res.text.slice(res.text.indexOf(`id="${s.key}"`));
      expect(visibleText(block.slice(0, block.indexOf('Góp ý điều này')))).toContain(`${g._count._all} ý kiến`);
    }
  });

  it('never puts a commenter’s email or phone in the page', async () => {
    const withContact = await t.db.comment.findMany({
      where: { draftId: { in: [law.id, resolution.id] }, status: 'PUBLISHED', OR: [{ email: { not: '' } }, { phone: { not: '' } }] },
    });
    const pages = (await Promise.all([law.id, resolution.id].map((id) => t.agent().get(`/du-thao/${id}`)))).map((r) => r.text).join('\n');
    for (const c of withContact) {
      if (c.email) expect(pages).not.toContain(c.email);
      if (c.phone) expect(pages).not.toContain(c.phone);
    }
  });

  it('shows only the title, summary and dates of an upcoming draft', async () => {
    const res = await t.agent().get(`/du-thao/${upcoming.id}`);
    expect(res.status).toBe(200);
    const text = visibleText(res.text);
    expect(text).toContain(upcoming.title);
    expect(text).toContain('Sắp lấy ý kiến');
    expect(text).toContain('sẽ được công khai từ ngày 20/10/2025');
    expect(text).not.toContain('Điều 1');
    expect(text).not.toContain('Mục lục');
    expect(res.text).not.toContain(`/du-thao/${upcoming.id}/gop-y`);
    expect(text).not.toContain('Ý kiến góp ý đã công khai');
    expect((await t.agent().get(`/du-thao/${upcoming.id}/so-sanh`)).status).toBe(404);
  });

  it('opens and closes by itself on its dates', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await publishedDraft(t, agent, { opensAt: '2025-10-20', closesAt: '2025-11-20', title: 'Dự thảo tự mở và tự đóng' });
    const status = async () => visibleText((await t.agent().get(`/du-thao/${id}`)).text);
    try {
      expect(await status()).toContain('Sắp lấy ý kiến');
      t.clock.set('2025-10-20T00:00:00Z');
      expect(await status()).toContain('Góp ý điều này');
      expect(await status()).toContain('Đang lấy ý kiến');
      t.clock.set('2025-11-21T00:00:00Z');
      const closed = await status();
      expect(closed).toContain('Đã hết hạn góp ý');
      expect(closed).not.toContain('Góp ý điều này');
      expect(closed).toContain('Điều 1. Phạm vi điều chỉnh');
    } finally {
      t.clock.set('2025-10-15T02:00:00Z');
    }
  });

  it('shows nothing of a draft in preparation, and 404 for made-up ids', async () => {
    const agent = await t.loginAs('tuphap');
    const id = await createDraftVia(t, agent, { title: 'Dự thảo còn đang soạn bí mật' });
    await saveText(agent, id);
    for (const path of [`/du-thao/${id}`, `/du-thao/${id}/so-sanh`, '/du-thao/khong-co-du-thao', '/du-thao/khong-co/so-sanh']) {
      expect((await t.agent().get(path)).status, path).toBe(404);
    }
    for (const path of ['/du-thao', '/du-thao/feed.rss', '/du-thao/feed.atom', '/sitemap.xml', '/du-thao?q=bi+mat']) {
      const res = await t.agent().get(path);
      expect(res.text).not.toContain('bí mật');
      expect(res.text).not.toContain(id);
    }
    // The officer may preview it.
    const preview = await agent.get(`/du-thao/${id}`);
    expect(preview.status).toBe(200);
    expect(visibleText(preview.text)).toContain('Bản xem trước dành cho cán bộ');
    expect(visibleText(preview.text)).toContain('Điều 3. Mức thu');
  });

  it('links an answered draft to its summary of answers and its versions to the comparison', async () => {
    const state = (await t.db.draft.findUniqueOrThrow({ where: { id: resolution.id } })).state;
    if (state !== 'ANSWERED') await t.db.draft.update({ where: { id: resolution.id }, data: { state: 'ANSWERED', answeredAt: t.clock.now() } });
    const res = await t.agent().get(`/du-thao/${resolution.id}`);
    const text = visibleText(res.text);
    expect(text).toContain('Đã công bố tiếp thu, giải trình');
    expect(res.text).toContain(`href="/du-thao/${resolution.id}/tiep-thu-giai-trinh"`);
    expect(text).toContain('Toàn văn dự thảo (phiên bản 2)');
    expect(text).toContain('Phiên bản 2 (đăng ngày');
    expect(res.text).toContain(`href="/du-thao/${resolution.id}/so-sanh?tu=1&amp;den=2"`);
    expect(text).not.toContain('Góp ý điều này');
    const cmp = visibleText((await t.agent().get(`/du-thao/${resolution.id}/so-sanh?tu=1&den=2`)).text);
    expect(cmp).toMatch(/Điều 2\. Mức hỗ trợ kinh phí hoạt động của tổ dân phố Sửa đổi/);
    expect(cmp).toMatch(/Điều 6\. Hiệu lực thi hành Bổ sung/);
  });

  it('keeps a draft of 30 articles under 100 KB of HTML', async () => {
    const agent = await t.loginAs('tuphap');
    const text = Array.from(
      { length: 30 },
      (_, i) =>
        `Điều ${i + 1}. Quy định số ${i + 1}\n1. Nội dung khoản một của điều ${i + 1}, áp dụng cho các tổ dân phố trên địa bàn phường Trương Quang Trọng.\n2. Nội dung khoản hai, quy định chi tiết về trách nhiệm của cơ quan, tổ chức, cá nhân có liên quan.`,
    ).join('\n\n');
    const id = await publishedDraft(t, agent, { opensAt: '2025-10-10', closesAt: '2025-11-10' }, text);
    const res = await t.agent().get(`/du-thao/${id}`);
    expect(res.status).toBe(200);
    expect((res.text.match(/Góp ý điều này/g) ?? []).length).toBe(30);
    expect(Buffer.byteLength(res.text)).toBeLessThan(100 * 1024);
  });
});
