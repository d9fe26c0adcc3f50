import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, visibleText } from '../../helpers/test-app.js';
import { OPEN_TITLE, setUpProvince, WARD_A, WARD_B } from './province-data.js';

describe('the province landing page, feeds and sitemap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await setUpProvince(t);
  });
  afterAll(() => t.close());

  describe('landing page', () => {
    it('lists every ward and every draft open for comment across them, with links by the agreed URL scheme', async () => {
      const res = await t.agent().get('/tinh');
      expect(res.status).toBe(200);
      const text = visibleText(res.text);
      expect(text).toContain('Cổng góp ý dự thảo các phường, xã tỉnh Quảng Ngãi');
      for (const name of ['Phường Trương Quang Trọng', WARD_A.name, WARD_B.name]) expect(text).toContain(name);
      expect(res.text).toContain('href="/phuong/nghia-lo/"');
      expect(res.text).toContain('href="/phuong/truong-quang-trong/"');
      const open = await t.db.draft.count({ where: { state: 'PUBLISHED', opensAt: { lte: t.clock.now() }, closesAt: { gte: t.clock.now() } } });
      expect(text).toContain(`Dự thảo đang lấy ý kiến (${open})`);
      // Sorted by closing day: the ones closing soonest first, across wards.
      expect(text).toContain(OPEN_TITLE);
      const d1 = await t.db.draft.findFirstOrThrow({ where: { title: OPEN_TITLE } });
      expect(res.text).toContain(`href="/phuong/nghia-lo/du-thao/${d1.id}"`);
      // Closed and unpublished drafts are not listed.
      expect(text).not.toContain('Đề án nếp sống văn minh');
      expect(text).not.toContain('Quy định về chợ tạm');
    });

    it('finds drafts without diacritics, and with decomposed (NFD) or composed input alike', async () => {
      for (const q of ['lay y kien chinh trang', 'lấy ý kiến chỉnh trang', 'lấy ý kiến chỉnh trang'.normalize('NFD'), 'LAY Y KIEN CHINH TRANG']) {
        const res = await t.agent().get('/tinh').query({ q });
        const text = visibleText(res.text);
        expect(text, q).toContain(OPEN_TITLE);
        expect(text, q).toContain('Tìm thấy 1 dự thảo');
        expect(text, q).not.toContain('Phương án bồi thường đất đai');
      }
    });

    it('filters by ward and by field, and pages through the results keeping the filters', async () => {
      const byWard = visibleText((await t.agent().get('/tinh').query({ phuong: 'nghia-lo' })).text);
      expect(byWard).toContain('Tìm thấy 1 dự thảo');
      expect(byWard).toContain(OPEN_TITLE);

      const page1 = await t.agent().get('/tinh').query({ 'linh-vuc': 'Giao thông nông thôn' });
      const text1 = visibleText(page1.text);
      expect(text1).toContain('Tìm thấy 22 dự thảo');
      expect(text1).toContain('Trang 1 / 2');
      expect(text1).toContain('Phương án giao thông nông thôn số 1 ');
      expect(text1).toContain('số 20 ');
      expect(text1).not.toContain('số 21 ');
      expect(text1).not.toContain(OPEN_TITLE);
      const next = /href="([^"]+)">Trang sau/.exec(page1.text)?.[1]?.replace(/&amp;/g, '&') ?? '';
      expect(next).toContain('trang=2');
      const text2 = visibleText((await t.agent().get(next)).text);
      expect(text2).toContain('Trang 2 / 2');
      expect(text2).toContain('số 21 ');
      expect(text2).toContain('số 22 ');
      expect(text2).not.toContain('số 20 ');

      const both = visibleText((await t.agent().get('/tinh').query({ phuong: 'nghia-lo', 'linh-vuc': 'Giao thông nông thôn' })).text);
      expect(both).toContain('Không có dự thảo nào đang lấy ý kiến phù hợp.');
    });

    it('is the root page when WARD_SLUG is empty, with the province name from PROVINCE_NAME', async () => {
      const other = await createTestApp({ WARD_SLUG: '', PROVINCE_NAME: 'Kon Tum' });
      try {
        const res = await other.agent().get('/');
        expect(res.status).toBe(200);
        expect(visibleText(res.text)).toContain('Cổng góp ý dự thảo các phường, xã tỉnh Kon Tum');
        expect(visibleText(res.text)).toContain('Phường Trương Quang Trọng');
      } finally {
        await other.close();
      }
    });
  });

  describe('feeds and sitemap', () => {
    it('the RSS and Atom feeds carry the opened drafts of every ward, each linking to its ward', async () => {
      const d1 = await t.db.draft.findFirstOrThrow({ where: { title: OPEN_TITLE } });
      const d3 = await t.db.draft.findFirstOrThrow({ where: { title: 'Đề án nếp sống văn minh' } });
      const seeded = await t.db.draft.findFirstOrThrow({
        where: { ward: { slug: 'truong-quang-trong' }, state: { not: 'DRAFT' }, opensAt: { lte: t.clock.now() } },
      });
      const rss = await t.agent().get('/tinh/du-thao/feed.rss');
      expect(rss.headers['content-type']).toContain('application/rss+xml');
      expect(XMLValidator.validate(rss.text)).toBe(true);
      const items = new XMLParser().parse(rss.text).rss.channel.item as { title: string; link: string }[];
      const links = items.map((i) => i.link);
      expect(links).toContain(`${t.ctx.config.baseUrl}/phuong/nghia-lo/du-thao/${d1.id}`);
      expect(links).toContain(`${t.ctx.config.baseUrl}/phuong/tra-cau/du-thao/${d3.id}`);
      expect(links).toContain(`${t.ctx.config.baseUrl}/phuong/truong-quang-trong/du-thao/${seeded.id}`);
      expect(items.find((i) => i.link.endsWith(d1.id))?.title).toBe(`${OPEN_TITLE} (Phường Nghĩa Lộ)`);

      const atom = await t.agent().get('/tinh/du-thao/feed.atom');
      expect(XMLValidator.validate(atom.text)).toBe(true);
      expect(atom.text).toContain(`/phuong/tra-cau/du-thao/${d3.id}`);
    });

    it('the sitemap covers every ward and its published drafts, never an unpublished one', async () => {
      const res = await t.agent().get('/tinh/sitemap.xml');
      expect(XMLValidator.validate(res.text)).toBe(true);
      const locs = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      const base = t.ctx.config.baseUrl;
      for (const slug of ['truong-quang-trong', 'nghia-lo', 'tra-cau']) expect(locs).toContain(`${base}/phuong/${slug}/`);
      const d3 = await t.db.draft.findFirstOrThrow({ where: { title: 'Đề án nếp sống văn minh' } });
      expect(locs).toContain(`${base}/phuong/tra-cau/du-thao/${d3.id}`);
      const unpublished = await t.db.draft.findFirstOrThrow({ where: { title: 'Quy định về chợ tạm' } });
      expect(locs.some((l) => l.includes(unpublished.id))).toBe(false);
    });
  });
});
