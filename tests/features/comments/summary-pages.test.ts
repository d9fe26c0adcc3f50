/**
 * The public summary of answers comes one page at a time (issue 10): walking its pages shows every
 * published comment once, numbered 1…n in summary order (whole draft first, then article by
 * article, oldest first), and its figures come from counters that equal a hand count.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

const nextLink = (html: string) => {
  const m = /<a href="([^"]+)">Ý kiến tiếp theo<\/a>/.exec(html);
  return m ? m[1].replace(/&amp;/g, '&') : null;
};

describe('the summary page, page by page', () => {
  let t: TestApp;
  let draft: DraftFixture;
  const expected: { body: string; key: string }[] = [];
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo có nhiều ý kiến', opensInDays: -30, closesInDays: -2 });
    const start = t.clock.now().getTime() - 20 * 24 * 3600_000;
    // 130 comments: on articles 3, 1 and the whole draft, in mixed order of time; some hidden, one pending, some off-line.
    const rows = Array.from({ length: 130 }, (_, i) => {
      const section = [draft.articles[2], draft.articles[0], null][i % 3];
      const status = i % 17 === 4 ? 'HIDDEN' : i === 7 ? 'PENDING' : 'PUBLISHED';
      return {
        draftId: draft.id,
        versionId: draft.versionId,
        sectionId: section?.id ?? null,
        receiptCode: `GY-SUM-${String(i).padStart(4, '0')}`,
        respondentType: 'INDIVIDUAL',
        body: `Ý kiến thứ ${i} về dự thảo.`,
        status,
        channel: i % 10 === 3 ? 'MEETING' : 'ONLINE',
        createdAt: new Date(start + ((i * 37) % 130) * 60_000),
      };
    });
    for (const r of rows) await t.db.comment.create({ data: r });
    const answer = await t.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'ACCEPTED', explanation: 'Tiếp thu chung.' } });
    const published = rows.filter((r) => r.status === 'PUBLISHED');
    await t.db.comment.updateMany({ where: { receiptCode: { in: published.slice(0, 3).map((r) => r.receiptCode) } }, data: { answerId: answer.id } });
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'ANSWERED', answeredAt: t.clock.now() } });
    const order = (s: string | null) => (s === null ? 0 : s === draft.articles[0].id ? 1 : 2);
    const sorted = published.sort((a, b) => order(a.sectionId) - order(b.sectionId) || +a.createdAt - +b.createdAt || 0);
    for (const r of sorted) expected.push({ body: r.body, key: r.sectionId ?? 'whole' });
  });
  afterAll(() => t.close());

  it('shows every published comment once, numbered in summary order, across its pages', async () => {
    const seen: { no: number; body: string }[] = [];
    let url: string | null = `/du-thao/${draft.id}/tiep-thu-giai-trinh`;
    let pages = 0;
    while (url && pages < 10) {
      const res = await t.agent().get(url);
      expect(res.status).toBe(200);
      for (const m of res.text.matchAll(/<strong>(\d+)\. [^<]*<\/strong>[\s\S]*?<div class="comment__body">([^<]*)<\/div>/g))
        seen.push({ no: Number(m[1]), body: m[2] });
      url = nextLink(res.text);
      pages++;
    }
    expect(pages).toBe(Math.ceil(expected.length / 50));
    expect(seen.map((s) => s.no)).toEqual(expected.map((_, i) => i + 1));
    expect(seen.map((s) => s.body)).toEqual(expected.map((e) => e.body));
  });

  it('states the figures as a hand count of the rows gives them, and names the comments an answer serves', async () => {
    const rows = await t.db.comment.findMany({ where: { draftId: draft.id } });
    const text = visibleText((await t.agent().get(`/du-thao/${draft.id}/tiep-thu-giai-trinh`)).text);
    expect(text).toContain(`${rows.length} Ý kiến nhận được`);
    expect(text).toContain(`${rows.filter((r) => r.status === 'PUBLISHED').length} Ý kiến công khai`);
    expect(text).toContain(`${rows.filter((r) => r.status === 'HIDDEN').length} Không công khai`);
    expect(text).toContain('3 Tiếp thu');
    const meeting = rows.filter((r) => r.channel === 'MEETING').length;
    expect(text).toContain(`trực tuyến trên cổng ${rows.length - meeting}`);
    expect(text).toMatch(new RegExp(`hội nghị[^;.]* ${meeting}`, 'i'));
    expect(text).toContain('3 ý kiến có nội dung tương tự, trả lời chung với ý kiến số');
    // The counters themselves, row by row.
    const d = await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } });
    expect(d.commentsMeeting).toBe(meeting);
    expect(d.commentsOnline).toBe(rows.length - meeting);
    const answer = await t.db.commentAnswer.findFirstOrThrow({ where: { draftId: draft.id } });
    expect(answer.commentsPublished).toBe(rows.filter((r) => r.answerId === answer.id && r.status === 'PUBLISHED').length);
  });

  it('jumps to an article from the list of articles, numbering from where that article starts', async () => {
    const first = await t.agent().get(`/du-thao/${draft.id}/tiep-thu-giai-trinh`);
    const m = /<a href="([^"]+)">Điều 3\. Mức thu<\/a>/.exec(first.text);
    expect(m).not.toBeNull();
    const page = await t.agent().get(m![1].replace(/&amp;/g, '&'));
    const firstNo = Number(/<strong>(\d+)\. /.exec(page.text)?.[1]);
    expect(firstNo).toBe(expected.findIndex((e) => e.key === draft.articles[2].id) + 1);
    // A cursor made up by hand is not believed: the first page instead.
    const forged = await t.agent().get(`/du-thao/${draft.id}/tiep-thu-giai-trinh?tu=2.999.0.x.fake`);
    expect(forged.status).toBe(200);
    expect(Number(/<strong>(\d+)\. /.exec(forged.text)?.[1])).toBe(1);
  });
});
