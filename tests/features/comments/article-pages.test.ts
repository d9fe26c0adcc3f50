/**
 * The per-article list on the draft page (?dieu=<key>, linked from each article's count) is paged
 * by keyset like the whole list: its total comes from the articles' counters, and walking its
 * pages shows each of the article's published comments exactly once and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

const idsOn = (html: string) => [...html.matchAll(/<li class="comment" id="y-kien-([^"]+)"/g)].map((m) => m[1]);
const linkTo = (html: string, label: string) => {
  const m = new RegExp(`<a href="([^"]+)">${label}</a>`).exec(html);
  return m ? m[1].replace(/&amp;/g, '&').replace(/#.*$/, '') : null;
};

describe('comments on one article, page by page', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let onArticle: string[];
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo lọc theo điều' });
    const base = t.clock.now().getTime() - 86_400_000;
    // 100 comments: every second one on the first article (pairs share a timestamp), a few pending.
    for (let i = 0; i < 100; i++) {
      await t.db.comment.create({
        data: {
          draftId: draft.id,
          versionId: draft.versionId,
          sectionId: i % 2 ? draft.articles[0].id : i % 3 ? draft.articles[1].id : null,
          receiptCode: `GY-DIEU-${String(i).padStart(4, '0')}`,
          respondentType: 'INDIVIDUAL',
          body: `Ý kiến số ${i}`,
          status: i % 13 === 1 ? 'PENDING' : 'PUBLISHED',
          createdAt: new Date(base + Math.floor(i / 4) * 60_000),
        },
      });
    }
    const rows = await t.db.comment.findMany({
      where: { draftId: draft.id, status: 'PUBLISHED', sectionId: draft.articles[0].id },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    onArticle = rows.map((r) => r.id);
  });
  afterAll(() => t.close());

  it("walks forward and back through the article's comments only, each once, with its count in the heading", async () => {
    const key = draft.articles[0].key;
    expect(onArticle.length).toBe(46); // 50 on the article, 4 of them pending: pages of 20, 20 and 6
    let path: string | null = `/du-thao/${draft.id}?dieu=${key}`;
    const seen: string[] = [];
    const pages: string[] = [];
    while (path) {
      const res = await t.agent().get(path);
      expect(res.status).toBe(200);
      expect(path).toContain(`dieu=${key}`);
      const text = visibleText(res.text);
      expect(text).toContain(`Ý kiến góp ý về ${draft.articles[0].label} (46)`);
      pages.push(text.match(/Trang \d+ \/ \d+/)![0]);
      seen.push(...idsOn(res.text));
      path = linkTo(res.text, 'Trang sau');
    }
    expect(pages).toEqual(['Trang 1 / 3', 'Trang 2 / 3', 'Trang 3 / 3']);
    expect(seen).toEqual(onArticle);

    // Back from the last page (reached through "Trang cuối") with the "before" cursor.
    const first = await t.agent().get(`/du-thao/${draft.id}?dieu=${key}`);
    const lastPath = linkTo(first.text, 'Trang cuối')!;
    expect(lastPath).toContain(`dieu=${key}`);
    const back: string[][] = [];
    let prev: string | null = lastPath;
    while (prev) {
      const res = await t.agent().get(prev);
      back.unshift(idsOn(res.text));
      prev = linkTo(res.text, 'Trang trước');
      if (prev) expect(prev).toContain(`dieu=${key}`);
    }
    expect(back.map((p) => p.length)).toEqual([20, 20, 6]);
    expect(back.flat()).toEqual(onArticle);
  });

  it('an article with no published comment shows none, and an unknown key lists nothing', async () => {
    const none = await t.agent().get(`/du-thao/${draft.id}?dieu=dieu-99`);
    expect(none.status).toBe(200);
    expect(idsOn(none.text)).toEqual([]);
    expect(visibleText(none.text)).toContain('Chưa có ý kiến nào được công khai.');
  });
});
