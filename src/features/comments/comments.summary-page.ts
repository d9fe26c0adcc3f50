/**
 * The public summary page (bản tổng hợp, tiếp thu, giải trình), one page of comments at a time
 * (issue 10). Same order and numbers as the downloadable documents (comments.summary.ts): article
 * by article in the order of the current version, whole-draft comments first, oldest first within
 * an article. Every count comes from counters kept by database triggers, and a page is found by
 * keyset, so the page costs the same at a thousand comments or a million.
 */
import type { Db } from '../../db/client.js';
import { isSqlite, rawDate } from '../../db/hot-sql.js';
import { Prisma } from '../../generated/sqlite/client.js'; // sql tags only: the same runtime serves both databases
import { COMMENT_CHANNELS } from '../../domain/enums.js';
import { signValue, unsignValue } from '../../lib/signing.js';
import { currentVersion } from '../drafts/index.js';
import { CAMPAIGN_MIN_MEMBERS } from './comments.grouping.js';
import { publicDisplayName, publicResidence } from './comments.people.js';
import type { SummaryComment } from './comments.summary.js';

export const SUMMARY_PER_PAGE = 50;
/** Shared answers name the other comments' numbers up to this many comments; beyond, only how many. */
const NAMED_SHARES = 10;

type Draft = {
  id: string;
  commentsPending: number;
  commentsPublished: number;
  commentsHidden: number;
  commentsOnline: number;
  commentsMeeting: number;
  commentsWritten: number;
  commentsPhone: number;
  commentsForwarded: number;
};
export type SummaryDraft = Draft;
/** A comment on the page; `sharedCount`: how many published comments its answer serves. */
export type SummaryPageComment = SummaryComment & { sharedCount: number };
type Group = { key: string; title: string; sectionIds: (string | null)[]; size: number; first: number };
/** Where a page starts: in group `g`, after comment number `no`, after (at, id) within the group (none: its start). */
type Cursor = { g: number; no: number; at: number | null; id: string | null };

const PURPOSE = 'summary-page';
const encode = (secret: string, c: Cursor) => signValue(secret, PURPOSE, [c.g, c.no, c.at ?? '', c.id ?? ''].join('.'));
function decode(secret: string, value: unknown): Cursor | null {
  const m = /^(\d{1,6})\.(\d{1,9})\.(\d{0,15})\.([A-Za-z0-9_-]{0,64})$/.exec(unsignValue(secret, PURPOSE, value) ?? '');
  return m ? { g: Number(m[1]), no: Number(m[2]), at: m[3] ? Number(m[3]) : null, id: m[4] || null } : null;
}

/** The articles that have published comments, in summary order, with their sizes and first numbers (no comment read). */
async function summaryGroups(db: Db, draft: Draft): Promise<Group[]> {
  const [version, sections] = await Promise.all([
    currentVersion(db, draft.id),
    db.draftSection.findMany({
      where: { version: { draftId: draft.id } },
      select: { id: true, key: true, label: true, heading: true, sortOrder: true, versionId: true, commentsPublished: true },
    }),
  ]);
  const current = sections.filter((s) => s.versionId === version?.id).sort((a, b) => a.sortOrder - b.sortOrder);
  const order = new Map(current.map((s, i) => [s.key, i]));
  const byKey = new Map<string, { sort: [number, number]; group: Group }>();
  let onArticles = 0;
  for (const s of sections) {
    onArticles += s.commentsPublished;
    const known = order.get(s.key);
    const shown = current[known ?? -1] ?? s;
    const entry = byKey.get(s.key) ?? {
      sort: [known === undefined ? 2 : 1, known ?? s.sortOrder] as [number, number],
      group: { key: s.key, title: shown.heading ? `${shown.label}. ${shown.heading}` : shown.label, sectionIds: [], size: 0, first: 0 },
    };
    entry.group.sectionIds.push(s.id);
    entry.group.size += s.commentsPublished;
    byKey.set(s.key, entry);
  }
  const whole = {
    sort: [0, 0] as [number, number],
    group: { key: 'whole', title: 'Góp ý chung đối với toàn bộ dự thảo', sectionIds: [null], size: 0, first: 0 },
  };
  whole.group.size = Math.max(0, draft.commentsPublished - onArticles);
  const groups = [whole, ...byKey.values()]
    .filter((e) => e.group.size > 0)
    .sort((a, b) => a.sort[0] - b.sort[0] || a.sort[1] - b.sort[1])
    .map((e) => e.group);
  let no = 0;
  for (const g of groups) {
    g.first = no + 1;
    no += g.size;
  }
  return groups;
}

type PageRow = {
  g: number | bigint | string;
  id: string;
  respondentType: string;
  authorName: string;
  organisationName: string;
  isAnonymous: boolean | number;
  body: string;
  createdAt: Date | string;
  channel: string;
  similarGroupId: string | null;
  sectionLabel: string | null;
  versionNumber: number | bigint;
  groupName: string | null;
  answerId: string | null;
  outcome: string | null;
  explanation: string | null;
  sharedCount: number | bigint | null;
};

const byTimeThenId = (a: { at: number; id: string }, b: { at: number; id: string }) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sectionIs = (sectionId: string | null) => (sectionId === null ? Prisma.sql`c."sectionId" IS NULL` : Prisma.sql`c."sectionId" = ${sectionId}`);
/** After the comment `id` in (createdAt, id) order; the plain range lets the index seek to it. */
const afterComment = (id: string) => {
  const at = Prisma.sql`(SELECT "createdAt" FROM "Comment" WHERE "id" = ${id})`;
  return Prisma.sql` AND c."createdAt" >= ${at} AND (c."createdAt" > ${at} OR (c."createdAt" = ${at} AND c."id" > ${id}))`;
};

/**
 * The rows of one page in ONE SQL query (the same text on SQLite and PostgreSQL): for each group the
 * page reaches (known from the counters, no row counted), the next rows of each of its article
 * versions by the index (draftId, status, sectionId, createdAt, id), glued with UNION ALL. Before,
 * Prisma sent five statements per article version on the page. Related rows by scalar subqueries
 * on primary keys, not joins, which PostgreSQL re-planned at a cost of tens of ms per request.
 */
async function pageRows(db: Db, draftId: string, plan: { gi: number; group: Group; afterId: string | null; take: number }[]) {
  const sqlite = isSqlite(db);
  // SQLite's planner (no statistics) takes the index (draftId, status, createdAt, id) for the range after a
  // cursor and filters the article out of every later comment: 1.4 s at a million comments for an article
  // with few comments left. Named on SQLite only (PostgreSQL has no INDEXED BY and chooses it by itself).
  const comments = sqlite ? Prisma.raw('"Comment" c INDEXED BY "Comment_draftId_status_sectionId_createdAt_id_idx"') : Prisma.raw('"Comment" c');
  const parts = plan.flatMap(({ gi, group, afterId, take }) =>
    group.sectionIds.map(
      (sectionId) => Prisma.sql`SELECT * FROM (
        SELECT ${Prisma.raw(String(Math.trunc(gi)))} AS "g", c."id", c."respondentType", c."authorName", c."organisationName", c."isAnonymous",
               c."body", c."createdAt", c."channel", c."similarGroupId",
               (SELECT s."label" FROM "DraftSection" s WHERE s."id" = c."sectionId") AS "sectionLabel",
               (SELECT v."number" FROM "DraftVersion" v WHERE v."id" = c."versionId") AS "versionNumber",
               (SELECT u."name" FROM "Unit" u WHERE u."id" = c."residentialGroupId") AS "groupName", c."answerId",
               (SELECT a."outcome" FROM "CommentAnswer" a WHERE a."id" = c."answerId") AS "outcome",
               (SELECT a."explanation" FROM "CommentAnswer" a WHERE a."id" = c."answerId") AS "explanation",
               (SELECT a."commentsPublished" FROM "CommentAnswer" a WHERE a."id" = c."answerId") AS "sharedCount"
        FROM ${comments}
        WHERE c."draftId" = ${draftId} AND c."status" = 'PUBLISHED' AND ${sectionIs(sectionId)}${afterId ? afterComment(afterId) : Prisma.empty}
        ORDER BY c."createdAt" ASC, c."id" ASC
        LIMIT ${take}) AS ${Prisma.raw(`"part${gi}_${group.sectionIds.indexOf(sectionId)}"`)}`,
    ),
  );
  if (!parts.length) return [];
  return db.$queryRaw<PageRow[]>(Prisma.join(parts, ' UNION ALL '));
}

/** What the summary holds from a cursor on: whole groups or their continuation, numbered as in the full summary. */
export type SummaryWindow = {
  groups: { key: string; title: string; size: number; continued: boolean; comments: SummaryPageComment[] }[];
  /** Where the next window starts; null at the end. */
  next: Cursor | null;
  from: number;
  to: number;
};

const START: Cursor = { g: 0, no: 0, at: null, id: null };

/** The draft's groups of similar comments that have members (for the campaign marks and the counts). */
function confirmedGroupsOf(db: Db, draftId: string) {
  return db.commentGroup.findMany({ where: { draftId, commentsCount: { gt: 0 } }, select: { id: true, commentsCount: true } });
}
const campaignIdsIn = (groups: { id: string; commentsCount: number }[]) =>
  new Set(groups.filter((g) => g.commentsCount >= CAMPAIGN_MIN_MEMBERS).map((g) => g.id));

/**
 * Up to `take` comments of the summary from `start` on, with the numbers of small shared answers filled
 * in: a constant number of statements (the rows in one query, the shared answers in two).
 */
async function readWindow(db: Db, draft: Draft, groups: Group[], campaignIds: Set<string>, start: Cursor, take: number): Promise<SummaryWindow> {
  // Which groups the window reaches and how many rows each may give, from the groups' sizes (counters).
  const plan: { gi: number; group: Group; afterId: string | null; take: number }[] = [];
  let planned = 0;
  for (let gi = Math.min(start.g, groups.length); gi < groups.length && planned < take; gi++) {
    const group = groups[gi];
    const afterId = gi === start.g && start.at !== null && start.id ? start.id : null;
    const left = afterId ? group.first + group.size - 1 - start.no : group.size;
    plan.push({ gi, group, afterId, take: take - planned });
    planned += Math.max(0, Math.min(left, take - planned));
  }
  const rows = await pageRows(db, draft.id, plan);
  const pageGroups: SummaryWindow['groups'] = [];
  const rowsOnPage: { id: string; no: number; answer: { id: string; commentsPublished: number } | null; comment: SummaryPageComment }[] = [];
  let no = start.no;
  let last: Cursor | null = null;
  for (const { gi, group, afterId } of plan) {
    if (rowsOnPage.length >= take) break;
    if (gi !== start.g) no = group.first - 1;
    const mine = rows
      .filter((r) => Number(r.g) === gi)
      .map((r) => ({ r, at: rawDate(r.createdAt).getTime(), id: r.id }))
      .sort(byTimeThenId)
      .slice(0, take - rowsOnPage.length);
    if (!mine.length) continue;
    const shown = { key: group.key, title: group.title, size: group.size, continued: !!afterId, comments: [] as SummaryPageComment[] };
    for (const { r, at } of mine) {
      const sharedCount = Number(r.sharedCount ?? 0);
      const comment: SummaryPageComment = {
        sharedCount,
        no: ++no,
        displayName: publicDisplayName({ ...r, isAnonymous: Boolean(r.isAnonymous) }),
        respondentType: r.respondentType,
        residence: publicResidence({ residentialGroup: r.groupName === null ? null : { name: r.groupName } }),
        versionNumber: Number(r.versionNumber),
        sectionLabel: r.sectionLabel ?? 'Toàn bộ dự thảo',
        body: r.body,
        createdAt: new Date(at),
        answer: r.answerId ? { id: r.answerId, outcome: r.outcome ?? '', explanation: r.explanation ?? '' } : null,
        sharedWith: [],
        channel: r.channel,
        campaign: !!r.similarGroupId && campaignIds.has(r.similarGroupId),
      };
      shown.comments.push(comment);
      rowsOnPage.push({ id: r.id, no, answer: r.answerId ? { id: r.answerId, commentsPublished: sharedCount } : null, comment });
      last = { g: gi, no, at, id: r.id };
    }
    pageGroups.push(shown);
  }
  await fillSharedAnswers(db, draft.id, groups, rowsOnPage);
  return { groups: pageGroups, next: last && last.no < draft.commentsPublished ? last : null, from: rowsOnPage[0]?.no ?? 0, to: no };
}

export async function summaryPageData(db: Db, draft: Draft, secret: string, cursorValue: unknown) {
  const [groups, confirmedGroups] = await Promise.all([summaryGroups(db, draft), confirmedGroupsOf(db, draft.id)]);
  const start = decode(secret, cursorValue) ?? START;
  const [window, counts] = await Promise.all([
    readWindow(db, draft, groups, campaignIdsIn(confirmedGroups), start, SUMMARY_PER_PAGE),
    countsFrom(db, draft, confirmedGroups),
  ]);
  return {
    groups: window.groups,
    /** Links to each article's first page of the summary. */
    toc: groups.map((g, i) => ({
      key: g.key,
      title: g.title,
      size: g.size,
      href: i === 0 ? '' : encode(secret, { g: i, no: g.first - 1, at: null, id: null }),
    })),
    next: window.next ? encode(secret, window.next) : null,
    first: start.no > 0,
    from: window.from,
    to: window.to,
    counts,
  };
}

/**
 * The whole summary, `take` comments at a time, in the order and with the numbers of the page:
 * the downloads (.xlsx, .docx) hold one window in memory, never every comment (issue 10).
 */
export async function* summaryWindows(db: Db, draft: Draft, take: number): AsyncGenerator<SummaryWindow> {
  const [groups, confirmedGroups] = await Promise.all([summaryGroups(db, draft), confirmedGroupsOf(db, draft.id)]);
  const campaignIds = campaignIdsIn(confirmedGroups);
  let start: Cursor | null = START;
  while (start) {
    const window = await readWindow(db, draft, groups, campaignIds, start, take);
    if (!window.groups.length) return;
    yield window;
    start = window.next;
  }
}

/**
 * The numbers of the other comments an answer serves (up to NAMED_SHARES), from this page or counted
 * in their group: two queries whatever the page holds (the members, then every count at once).
 */
async function fillSharedAnswers(
  db: Db,
  draftId: string,
  groups: Group[],
  rows: { id: string; no: number; answer: { id: string; commentsPublished: number } | null; comment: SummaryComment }[],
) {
  const answerIds = [
    ...new Set(rows.filter((r) => r.answer && r.answer.commentsPublished > 1 && r.answer.commentsPublished <= NAMED_SHARES).map((r) => r.answer?.id ?? '')),
  ];
  if (!answerIds.length) return;
  // By the answer (its index), never by the draft: "draftId = ? AND status = ? AND answerId IN (…)" let SQLite
  // walk the draft's index through every published comment (9 s at a million). The answers are this draft's.
  const members = await db.$queryRaw<{ id: string; answerId: string; sectionId: string | null }[]>`
    SELECT c."id", c."answerId", c."sectionId" FROM "Comment" c JOIN "CommentAnswer" a ON a."id" = c."answerId"
    WHERE a."draftId" = ${draftId} AND c."status" = 'PUBLISHED' AND c."answerId" IN (${Prisma.join(answerIds)})
    LIMIT ${answerIds.length * NAMED_SHARES}`;
  const numbers = new Map<string, number>(rows.map((r) => [r.id, r.no]));
  // A member elsewhere: its group's first number plus the published comments before it in the group.
  const elsewhere = members.flatMap((m) => {
    const group = groups.find((g) => g.sectionIds.includes(m.sectionId)); // a group lists its article's ids in every version
    return numbers.has(m.id) || !group ? [] : [{ id: m.id, group }];
  });
  if (elsewhere.length) {
    const counts = await db.$queryRaw<{ id: string; before: number | bigint }[]>(
      Prisma.join(
        elsewhere.map(({ id, group }) => {
          const sections = group.sectionIds.filter((x): x is string => x !== null);
          const inGroup = group.key === 'whole' ? Prisma.sql`c."sectionId" IS NULL` : Prisma.sql`c."sectionId" IN (${Prisma.join(sections)})`;
          const at = Prisma.sql`(SELECT "createdAt" FROM "Comment" WHERE "id" = ${id})`;
          return Prisma.sql`SELECT ${id} AS "id", (SELECT COUNT(*) FROM "Comment" c WHERE c."draftId" = ${draftId} AND c."status" = 'PUBLISHED' AND ${inGroup}
            AND c."createdAt" <= ${at} AND (c."createdAt" < ${at} OR c."id" < ${id})) AS "before"`;
        }),
        ' UNION ALL ',
      ),
    );
    for (const c of counts) {
      const group = elsewhere.find((e) => e.id === c.id)?.group;
      if (group) numbers.set(c.id, group.first + Number(c.before));
    }
  }
  for (const r of rows) {
    if (!r.answer || !answerIds.includes(r.answer.id)) continue;
    r.comment.sharedWith = members
      .filter((m) => m.answerId === r.answer?.id)
      .map((m) => numbers.get(m.id))
      .filter((n): n is number => n !== undefined && n !== r.no)
      .sort((a, b) => a - b);
  }
}

/** The figures at the top of the summary, all from counters (the draft's, each answer's, each group's). */
/** The figures at the top of the summary (the downloads' too). */
export async function summaryCounts(db: Db, draft: Draft) {
  return countsFrom(db, draft, await confirmedGroupsOf(db, draft.id));
}

async function countsFrom(db: Db, draft: Draft, groups: { commentsCount: number }[]) {
  const answers = await db.commentAnswer.groupBy({ by: ['outcome'], where: { draftId: draft.id }, _sum: { commentsPublished: true } });
  const received = draft.commentsPending + draft.commentsPublished + draft.commentsHidden;
  const outcomes = { ACCEPTED: 0, PARTLY_ACCEPTED: 0, EXPLAINED: 0 } as Record<string, number>;
  for (const a of answers) outcomes[a.outcome] = (outcomes[a.outcome] ?? 0) + (a._sum.commentsPublished ?? 0);
  const byChannelCount: Record<string, number> = {
    ONLINE: draft.commentsOnline,
    MEETING: draft.commentsMeeting,
    WRITTEN: draft.commentsWritten,
    PHONE: draft.commentsPhone,
    FORWARDED: draft.commentsForwarded,
  };
  const campaigns = groups.filter((g) => g.commentsCount >= CAMPAIGN_MIN_MEMBERS);
  return {
    received,
    published: draft.commentsPublished,
    hidden: draft.commentsHidden,
    pending: draft.commentsPending,
    outcomes,
    byChannel: COMMENT_CHANNELS.map((c) => ({ channel: c, count: byChannelCount[c] ?? 0 })),
    similar: {
      min: CAMPAIGN_MIN_MEMBERS,
      groups: groups.length,
      comments: groups.reduce((n, g) => n + g.commentsCount, 0),
      campaigns: campaigns.length,
      campaignComments: campaigns.reduce((n, g) => n + g.commentsCount, 0),
    },
  };
}
