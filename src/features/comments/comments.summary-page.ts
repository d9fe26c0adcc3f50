/**
 * The public summary page (bản tổng hợp, tiếp thu, giải trình), one page of comments at a time
 * (issue 10). Same order and numbers as the downloadable documents (comments.summary.ts): article
 * by article in the order of the current version, whole-draft comments first, oldest first within
 * an article. Every count comes from counters kept by database triggers, and a page is found by
 * keyset, so the page costs the same at a thousand comments or a million.
 */
import type { Db } from '../../db/client.js';
import { COMMENT_CHANNELS } from '../../domain/enums.js';
import { signValue, unsignValue } from '../../lib/signing.js';
import { currentVersion } from '../drafts/index.js';
import { CAMPAIGN_MIN_MEMBERS } from './comments.grouping.js';
import { publicDisplayName, publicResidence } from './comments.public.js';
import type { SummaryComment } from './comments.summary.js';

export const SUMMARY_PER_PAGE = 50;
/** Shared answers name the other comments' numbers up to this many comments; beyond, only how many. */
const NAMED_SHARES = 10;

export type SummaryDraft = Draft;
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

const commentInclude = {
  section: { select: { key: true, label: true } },
  version: { select: { number: true } },
  residentialGroup: { select: { name: true } },
  answer: { select: { id: true, outcome: true, explanation: true, commentsPublished: true } },
} as const;

/** Up to `take` published comments of one group after (at, id), oldest first: one index range per article version. */
async function groupRows(db: Db, draftId: string, group: Group, after: { at: number; id: string } | null, take: number) {
  const keyset = after
    ? { createdAt: { gte: new Date(after.at) }, OR: [{ createdAt: { gt: new Date(after.at) } }, { createdAt: new Date(after.at), id: { gt: after.id } }] }
    : {};
  const lists = await Promise.all(
    group.sectionIds.map((sectionId) =>
      db.comment.findMany({
        where: { draftId, status: 'PUBLISHED', sectionId, ...keyset },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take,
        include: commentInclude,
      }),
    ),
  );
  return lists
    .flat()
    .sort((a, b) => +a.createdAt - +b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, take);
}

/** The number a comment has in the summary: its group's first number plus the published comments before it there. */
async function numberOf(db: Db, draftId: string, groups: Group[], c: { sectionKey: string; createdAt: Date; id: string }) {
  const g = groups.find((x) => x.key === c.sectionKey);
  if (!g) return null;
  const before = await db.comment.count({
    where: {
      draftId,
      status: 'PUBLISHED',
      sectionId: g.key === 'whole' ? null : { in: g.sectionIds.filter((s): s is string => s !== null) },
      OR: [{ createdAt: { lt: c.createdAt } }, { createdAt: c.createdAt, id: { lt: c.id } }],
    },
  });
  return g.first + before;
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

/** Campaign groups of the draft (enough similar comments), read once per window. */
async function campaignIdsOf(db: Db, draftId: string) {
  const campaignGroups = await db.commentGroup.findMany({ where: { draftId, commentsCount: { gt: 0 } }, select: { id: true, commentsCount: true } });
  return new Set(campaignGroups.filter((g) => g.commentsCount >= CAMPAIGN_MIN_MEMBERS).map((g) => g.id));
}

/** Up to `take` comments of the summary from `start` on, with the numbers of small shared answers filled in. */
async function readWindow(db: Db, draft: Draft, groups: Group[], campaignIds: Set<string>, start: Cursor, take: number): Promise<SummaryWindow> {
  const pageGroups: SummaryWindow['groups'] = [];
  const rowsOnPage: { no: number; answer: { id: string; commentsPublished: number } | null; sectionKey: string; comment: SummaryPageComment }[] = [];
  let no = start.no;
  let last: Cursor | null = null;
  for (let gi = Math.min(start.g, groups.length); gi < groups.length && rowsOnPage.length < take; gi++) {
    const group = groups[gi];
    const after = gi === start.g && start.at !== null && start.id ? { at: start.at, id: start.id } : null;
    if (gi !== start.g) no = group.first - 1;
    const rows = await groupRows(db, draft.id, group, after, take - rowsOnPage.length);
    if (!rows.length) continue;
    const shown = { key: group.key, title: group.title, size: group.size, continued: !!after, comments: [] as SummaryPageComment[] };
    for (const r of rows) {
      const comment: SummaryPageComment = {
        sharedCount: r.answer?.commentsPublished ?? 0,
        no: ++no,
        displayName: publicDisplayName(r),
        respondentType: r.respondentType,
        residence: publicResidence(r),
        versionNumber: r.version.number,
        sectionLabel: r.section?.label ?? 'Toàn bộ dự thảo',
        body: r.body,
        createdAt: r.createdAt,
        answer: r.answer && { id: r.answer.id, outcome: r.answer.outcome, explanation: r.answer.explanation },
        sharedWith: [],
        channel: r.channel,
        campaign: !!r.similarGroupId && campaignIds.has(r.similarGroupId),
      };
      shown.comments.push(comment);
      rowsOnPage.push({ no, answer: r.answer, sectionKey: r.section?.key ?? 'whole', comment });
      last = { g: gi, no, at: r.createdAt.getTime(), id: r.id };
    }
    pageGroups.push(shown);
  }
  await fillSharedAnswers(db, draft.id, groups, rowsOnPage);
  return { groups: pageGroups, next: last && last.no < draft.commentsPublished ? last : null, from: rowsOnPage[0]?.no ?? 0, to: no };
}

export async function summaryPageData(db: Db, draft: Draft, secret: string, cursorValue: unknown) {
  const groups = await summaryGroups(db, draft);
  const start = decode(secret, cursorValue) ?? START;
  const window = await readWindow(db, draft, groups, await campaignIdsOf(db, draft.id), start, SUMMARY_PER_PAGE);
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
    counts: await summaryCounts(db, draft),
  };
}

/**
 * The whole summary, `take` comments at a time, in the order and with the numbers of the page:
 * the downloads (.xlsx, .docx) hold one window in memory, never every comment (issue 10).
 */
export async function* summaryWindows(db: Db, draft: Draft, take: number): AsyncGenerator<SummaryWindow> {
  const groups = await summaryGroups(db, draft);
  const campaignIds = await campaignIdsOf(db, draft.id);
  let start: Cursor | null = START;
  while (start) {
    const window = await readWindow(db, draft, groups, campaignIds, start, take);
    if (!window.groups.length) return;
    yield window;
    start = window.next;
  }
}

/** The numbers of the other comments an answer serves (up to NAMED_SHARES), from this page or counted in their group. */
async function fillSharedAnswers(
  db: Db,
  draftId: string,
  groups: Group[],
  rows: { no: number; answer: { id: string; commentsPublished: number } | null; comment: SummaryComment }[],
) {
  const answerIds = [
    ...new Set(rows.filter((r) => r.answer && r.answer.commentsPublished > 1 && r.answer.commentsPublished <= NAMED_SHARES).map((r) => r.answer?.id ?? '')),
  ];
  if (!answerIds.length) return;
  const members = await db.comment.findMany({
    where: { draftId, status: 'PUBLISHED', answerId: { in: answerIds } },
    select: { id: true, answerId: true, createdAt: true, section: { select: { key: true } } },
    take: answerIds.length * NAMED_SHARES,
  });
  const numbers = new Map<string, number>();
  for (const m of members) {
    const n = await numberOf(db, draftId, groups, { sectionKey: m.section?.key ?? 'whole', createdAt: m.createdAt, id: m.id });
    if (n !== null) numbers.set(m.id, n);
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
export async function summaryCounts(db: Db, draft: Draft) {
  const [answers, groups] = await Promise.all([
    db.commentAnswer.groupBy({ by: ['outcome'], where: { draftId: draft.id }, _sum: { commentsPublished: true } }),
    db.commentGroup.findMany({ where: { draftId: draft.id, commentsCount: { gt: 0 } }, select: { commentsCount: true } }),
  ]);
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
