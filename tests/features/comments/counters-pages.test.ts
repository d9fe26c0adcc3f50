/**
 * Comment counts are kept by the database with every change of a comment (issue 10), and
 * comments are paged by keyset. These tests compare the counters with a hand count of the
 * rows after every kind of change, and walk the pages to see every comment exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { groupId, makeDraft, postComment, validComment, type DraftFixture } from './fixtures.js';

/** The counts as a person would make them: row by row. */
async function handCount(t: TestApp, draft: DraftFixture) {
  const rows = await t.db.comment.findMany({ where: { draftId: draft.id }, select: { status: true, sectionId: true } });
  const bySection: Record<string, number> = {};
  for (const r of rows) if (r.status === 'PUBLISHED' && r.sectionId) bySection[r.sectionId] = (bySection[r.sectionId] ?? 0) + 1;
  return {
    pending: rows.filter((r) => r.status === 'PENDING').length,
    published: rows.filter((r) => r.status === 'PUBLISHED').length,
    hidden: rows.filter((r) => r.status === 'HIDDEN').length,
    bySection,
  };
}

async function counters(t: TestApp, draft: DraftFixture) {
  const d = await t.db.draft.findUniqueOrThrow({ where: { id: draft.id } });
  const sections = await t.db.draftSection.findMany({ where: { version: { draftId: draft.id } } });
  const bySection: Record<string, number> = {};
  for (const s of sections) if (s.commentsPublished !== 0) bySection[s.id] = s.commentsPublished;
  return { pending: d.commentsPending, published: d.commentsPublished, hidden: d.commentsHidden, bySection };
}

const idsOn = (html: string) => [...html.matchAll(/<li class="comment" id="y-kien-([^"]+)"/g)].map((m) => m[1]);
const linkTo = (html: string, label: string) => {
  const m = new RegExp(`<a href="([^"]+)">${label}</a>`).exec(html);
  return m ? m[1].replace(/&amp;/g, '&').replace(/#.*$/, '') : null;
};

describe('comment counters follow every status change', () => {
  let t: TestApp;
  let group: string;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: 'loopback' });
    group = await groupId(t);
  });
  afterAll(() => t.close());

  it('stay equal to a hand count through submit, publish, hide, re-publish, immediate publishing, off-line entry and erasure', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo đếm ý kiến' });
    const check = async () => expect(await counters(t, draft)).toEqual(await handCount(t, draft));
    const codes: string[] = [];
    for (const phan of [draft.articles[0].id, draft.articles[0].id, draft.articles[1].id, '']) {
      const res = await postComment(t.agent(), draft.id, validComment(group, phan ? { phan } : {}));
      expect(res.status).toBe(303);
      codes.push(res.headers.location.split('/').pop()!);
    }
    await check();
    expect((await counters(t, draft)).pending).toBe(4);

    const officer = await t.loginAs('tuphap');
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    const idOf = async (code: string) => (await t.db.comment.findUniqueOrThrow({ where: { receiptCode: code } })).id;
    for (const code of codes) expect((await submitForm(officer, queue, `${queue}/${await idOf(code)}/cong-khai`, {})).status).toBe(303);
    await check();
    expect(await counters(t, draft)).toMatchObject({ pending: 0, published: 4, bySection: { [draft.articles[0].id]: 2, [draft.articles[1].id]: 1 } });

    expect((await submitForm(officer, queue, `${queue}/${await idOf(codes[0])}/an`, { reason: 'SPAM', note: '' })).status).toBe(303);
    await check();
    expect(await counters(t, draft)).toMatchObject({ published: 3, hidden: 1, bySection: { [draft.articles[0].id]: 1 } });
    // The public page and the list show the same numbers.
    const page = visibleText((await t.agent().get(`/du-thao/${draft.id}`)).text);
    expect(page).toContain('Ý kiến góp ý đã công khai (3)');
    expect(visibleText((await officer.get(queue)).text)).toContain('Không công khai (1)');

    expect((await submitForm(officer, queue, `${queue}/${await idOf(codes[0])}/cong-khai`, {})).status).toBe(303);
    await check();
    expect(await counters(t, draft)).toMatchObject({ published: 4, hidden: 0 });

    // Another path writing comments (off-line entry, erasure): the counters follow the rows.
    await t.db.comment.create({
      data: {
        draftId: draft.id,
        versionId: draft.versionId,
        sectionId: draft.articles[2].id,
        receiptCode: 'GY-TEST-0FF1',
        respondentType: 'INDIVIDUAL',
        body: 'Góp ý nhận tại tổ dân phố.',
        status: 'PUBLISHED',
      },
    });
    await check();
    await t.db.comment.update({ where: { receiptCode: 'GY-TEST-0FF1' }, data: { sectionId: null } });
    await check();
    await t.db.comment.delete({ where: { receiptCode: codes[1] } });
    await check();
    expect(await counters(t, draft)).toMatchObject({ published: 4, bySection: { [draft.articles[1].id]: 1 } });

    // A draft that publishes comments at once counts them as published on submit.
    const quick = await makeDraft(t, { title: 'Dự thảo công khai ngay', publishImmediately: true });
    expect((await postComment(t.agent(), quick.id, validComment(group, { phan: quick.articles[2].id }))).status).toBe(303);
    expect(await counters(t, quick)).toEqual({ pending: 0, published: 1, hidden: 0, bySection: { [quick.articles[2].id]: 1 } });
    await check();
  });
});

describe('keyset pages show every comment exactly once', () => {
  let t: TestApp;
  let draft: DraftFixture;
  let newestFirst: string[];
  beforeAll(async () => {
    t = await createTestApp();
    draft = await makeDraft(t, { title: 'Dự thảo nhiều ý kiến' });
    const base = t.clock.now().getTime() - 86_400_000;
    // 47 published comments (3 pages of 20, the last with 7) and 3 pending ones; groups of three share a
    // timestamp so the order between equal times (by id) is exercised too.
    const data = Array.from({ length: 50 }, (_, i) => ({
      draftId: draft.id,
      versionId: draft.versionId,
      sectionId: i % 2 ? draft.articles[i % 3].id : null,
      receiptCode: `GY-PAGE-${String(i).padStart(4, '0')}`,
      respondentType: 'INDIVIDUAL',
      body: `Ý kiến số ${i}`,
      status: i % 17 === 5 ? 'PENDING' : 'PUBLISHED',
      createdAt: new Date(base + Math.floor(i / 3) * 60_000),
    }));
    for (const d of data) await t.db.comment.create({ data: d });
    const rows = await t.db.comment.findMany({
      where: { draftId: draft.id, status: 'PUBLISHED' },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      select: { id: true },
    });
    newestFirst = rows.map((r) => r.id);
  });
  afterAll(() => t.close());

  it('walks the draft page forward with "Trang sau" and back with "Trang trước"', async () => {
    expect(newestFirst).toHaveLength(47);
    const seen: string[] = [];
    let path: string | null = `/du-thao/${draft.id}`;
    const pages: string[] = [];
    while (path) {
      const res = await t.agent().get(path);
      expect(res.status).toBe(200);
      seen.push(...idsOn(res.text));
      pages.push(visibleText(res.text).match(/Trang \d+ \/ \d+/)![0]);
      path = linkTo(res.text, 'Trang sau');
    }
    expect(pages).toEqual(['Trang 1 / 3', 'Trang 2 / 3', 'Trang 3 / 3']);
    expect(seen).toEqual(newestFirst);

    const back: string[][] = [];
    path = `/du-thao/${draft.id}?trang=3`;
    while (path) {
      const res = await t.agent().get(path);
      back.unshift(idsOn(res.text));
      path = linkTo(res.text, 'Trang trước');
    }
    expect(back.map((p) => p.length)).toEqual([20, 20, 7]);
    expect(back.flat()).toEqual(newestFirst);
  });

  it('goes to the last page directly, and to a page asked by number', async () => {
    const first = await t.agent().get(`/du-thao/${draft.id}`);
    const last = await t.agent().get(linkTo(first.text, 'Trang cuối')!);
    expect(idsOn(last.text)).toEqual(newestFirst.slice(40));
    expect(idsOn((await t.agent().get(`/du-thao/${draft.id}?trang=2`)).text)).toEqual(newestFirst.slice(20, 40));
    expect(idsOn((await t.agent().get(`/du-thao/${draft.id}?trang=99`)).text)).toEqual(newestFirst.slice(40));
    // A forged cursor is ignored, not an error.
    expect(idsOn((await t.agent().get(`/du-thao/${draft.id}?trang=2&sau=x'--`)).text)).toEqual(newestFirst.slice(20, 40));
  });

  it('walks the moderation queue, oldest first, 50 to a page', async () => {
    const more = Array.from({ length: 60 }, (_, i) => ({
      draftId: draft.id,
      versionId: draft.versionId,
      receiptCode: `GY-MORE-${String(i).padStart(4, '0')}`,
      respondentType: 'INDIVIDUAL',
      body: `Ý kiến thêm ${i}`,
      createdAt: new Date(t.clock.now().getTime() - 3_600_000 + Math.floor(i / 4) * 1000),
    }));
    for (const d of more) await t.db.comment.create({ data: d });
    const all = await t.db.comment.findMany({ where: { draftId: draft.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { receiptCode: true } });
    const officer = await t.loginAs('tuphap');
    const seen: string[] = [];
    let path: string | null = `/can-bo/du-thao/${draft.id}/y-kien`;
    let pages = 0;
    while (path) {
      const res = await officer.get(path);
      expect(res.status).toBe(200);
      pages++;
      seen.push(...[...res.text.matchAll(/<strong>(GY-[A-Z0-9-]+)<\/strong>/g)].map((m) => m[1]));
      path = linkTo(res.text, 'Trang sau');
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(all.map((r) => r.receiptCode));
    const pending = await officer.get(`/can-bo/du-thao/${draft.id}/y-kien?trang-thai=PENDING`);
    expect(visibleText(pending.text)).toContain('Chờ kiểm duyệt: 63');
  });
});
