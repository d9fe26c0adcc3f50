/**
 * The two pages that are never kept (issue 10) send a fixed number of SQL statements, however many
 * articles, answers and shared answers a page holds: the moderation queue and the published
 * summary. Counted with Prisma's query events (every statement, relation loads and raw SQL
 * included) on the same database, through the real routes. Also: the summary numbers the comments
 * sharing an answer as the hand-sorted list does, wherever they are, and an officer's page views
 * write the session at most once a minute.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../../src/generated/sqlite/client.js';
import { PrismaClient as PgPrismaClient } from '../../../src/generated/postgresql/client.js';
import { createApp } from '../../../src/app.js';
import type { Db } from '../../../src/db/client.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';
import { createTestApp, login, visibleText, type TestApp } from '../../helpers/test-app.js';
import { makeDraft, type DraftFixture } from './fixtures.js';

const nextLink = (html: string) => {
  const m = /<a href="([^"]+)">Ý kiến tiếp theo<\/a>/.exec(html);
  return m ? m[1].replace(/&amp;/g, '&') : null;
};

/** The same app on the same database, with a client that counts the statements it sends. */
async function countingApp(t: TestApp) {
  let statements = 0;
  const url = t.ctx.config.databaseUrl;
  const log = [{ emit: 'event' as const, level: 'query' as const }];
  const client = url.startsWith('file:')
    ? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }), log })
    : new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }), log });
  const events = client as unknown as { $on: (event: 'query', listener: (e: { query: string }) => void) => void };
  events.$on('query', (e) => {
    statements++;
    if (process.env.SHOW_SQL) console.log(e.query.slice(0, 160));
  });
  const app = createApp({ ...t.ctx, db: client as unknown as Db });
  return { app, statements: () => statements, close: () => client.$disconnect() };
}

describe('statements per page of the moderation queue and the summary', () => {
  let t: TestApp;
  let counting: Awaited<ReturnType<typeof countingApp>>;
  let draft: DraftFixture;
  /** Published comments in summary order (whole draft, Điều 1, Điều 3; oldest first), with their answer. */
  const expected: { code: string; answer: string | null }[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    counting = await countingApp(t);
    draft = await makeDraft(t, { title: 'Dự thảo đếm câu lệnh', opensInDays: -30, closesInDays: -2 });
    const start = t.clock.now().getTime() - 20 * 24 * 3600_000;
    const rows = Array.from({ length: 160 }, (_, i) => ({
      draftId: draft.id,
      versionId: draft.versionId,
      sectionId: [draft.articles[2], draft.articles[0], null][i % 3]?.id ?? null,
      receiptCode: `GY-CNT-${String(i).padStart(4, '0')}`,
      respondentType: 'INDIVIDUAL',
      body: `Ý kiến thứ ${i}.`,
      status: i % 23 === 5 ? 'HIDDEN' : 'PUBLISHED',
      createdAt: new Date(start + ((i * 37) % 160) * 60_000),
    }));
    for (const r of rows) await t.db.comment.create({ data: r });
    // Answers shared by three comments on three different articles, so their numbers lie on other pages.
    const published = rows.filter((r) => r.status === 'PUBLISHED');
    const answerOf = new Map<string, string>();
    for (let k = 0; k < 12; k++) {
      const answer = await t.db.commentAnswer.create({ data: { draftId: draft.id, outcome: 'EXPLAINED', explanation: `Giải trình chung ${k}.` } });
      const members = [published[k], published[k + 40], published[k + 80]].map((r) => r.receiptCode);
      await t.db.comment.updateMany({ where: { receiptCode: { in: members } }, data: { answerId: answer.id } });
      for (const code of members) answerOf.set(code, answer.id);
    }
    await t.db.draft.update({ where: { id: draft.id }, data: { state: 'ANSWERED', answeredAt: t.clock.now() } });
    const order = (s: string | null) => (s === null ? 0 : s === draft.articles[0].id ? 1 : 2);
    published.sort((a, b) => order(a.sectionId) - order(b.sectionId) || +a.createdAt - +b.createdAt);
    for (const r of published) expected.push({ code: r.receiptCode, answer: answerOf.get(r.receiptCode) ?? null });
  });
  afterAll(async () => {
    await counting.close();
    await t.close();
  });

  it('the summary: the same few statements for every page, and the numbers of the comments sharing an answer', async () => {
    const perPage: number[] = [];
    const shared: { no: number; with: number[] }[] = [];
    let url: string | null = `/du-thao/${draft.id}/tiep-thu-giai-trinh`;
    await request(counting.app).get(url); // the first view loads the query compiler and the templates
    while (url) {
      const before = counting.statements();
      const res = await request(counting.app).get(url);
      perPage.push(counting.statements() - before);
      expect(res.status).toBe(200);
      for (const m of res.text.matchAll(/<strong>(\d+)\. [^<]*<\/strong>[\s\S]*?(?:trả lời chung với ý kiến số ([\d, ]+)\)|<\/li>)/g))
        if (m[2]) shared.push({ no: Number(m[1]), with: m[2].split(', ').map(Number) });
      url = nextLink(res.text);
    }
    expect(perPage).toHaveLength(Math.ceil(expected.length / 50));
    // ward, draft, version, articles, groups of similar comments, the page's rows, answers by outcome, members, their numbers.
    for (const n of perPage) expect(n).toBeLessThanOrEqual(9);
    // Every comment of a shared answer names the other two, by their numbers in the whole summary.
    const numbersOf = (answer: string) => expected.flatMap((e, i) => (e.answer === answer ? [i + 1] : []));
    const want = expected.flatMap((e, i) => (e.answer ? [{ no: i + 1, with: numbersOf(e.answer).filter((n) => n !== i + 1) }] : []));
    expect(shared).toEqual(want);
  });

  it('the moderation queue: the same few statements whether its comments are answered or not', async () => {
    const agent = request.agent(counting.app);
    await login(agent, 'tuphap', DEMO_PASSWORD);
    const queue = `/can-bo/du-thao/${draft.id}/y-kien`;
    const count = async (path: string) => {
      await agent.get(path);
      const before = counting.statements();
      const res = await agent.get(path);
      expect(res.status).toBe(200);
      return { n: counting.statements() - before, text: visibleText(res.text) };
    };
    const answered = await count(queue); // the oldest comments: some answered, sharing with comments elsewhere
    expect(answered.text).toContain('trả lời chung cho');
    const hidden = await count(`${queue}?trang-thai=HIDDEN`); // no answer on the page
    // session, officer (and unit), draft, the page's rows, shared answers' receipt codes, answers' sum for the
    // summary's blocker, the state the similar-comment proposals were counted at (notSimilar, groups).
    expect(answered.n).toBeLessThanOrEqual(10);
    expect(hidden.n).toBeLessThanOrEqual(answered.n);
  });

  it('an officer opening pages writes the session row at most once a minute', async () => {
    const agent = request.agent(t.app);
    await login(agent, 'tuphap', DEMO_PASSWORD);
    const session = async () => (await t.db.session.findFirstOrThrow({ orderBy: { expiresAt: 'desc' } })).expiresAt.getTime();
    await agent.get(`/can-bo/du-thao/${draft.id}/y-kien`);
    await new Promise((r) => setTimeout(r, 300)); // the touch runs after the response
    const first = await session();
    for (let i = 0; i < 3; i++) await agent.get(`/can-bo/du-thao/${draft.id}/y-kien`);
    await new Promise((r) => setTimeout(r, 300));
    expect(await session()).toBe(first);
  });
});
