/**
 * The summary of comments and answers (bản tổng hợp, tiếp thu, giải trình ý kiến),
 * grouped by article in the order of the current version, whole-draft comments first.
 * Built from public fields only, so the page and its downloads can never leak contact details.
 */
import type { Db } from '../../db/client.js';
import { publicDisplayName, publicResidence } from './comments.public.js';
import { COMMENT_CHANNELS } from '../../domain/enums.js';
import { CAMPAIGN_MIN_MEMBERS, groupFigures } from './comments.grouping.js';
import { AppError } from '../../lib/app-error.js';
import { isContentPublic } from '../../domain/draft-status.js';
import { draftForWard } from '../drafts/index.js';
import { currentVersion } from '../drafts/index.js';

export type SummaryComment = {
  no: number;
  displayName: string;
  respondentType: string;
  residence: string;
  versionNumber: number;
  sectionLabel: string;
  body: string;
  createdAt: Date;
  answer: { id: string; outcome: string; explanation: string } | null;
  /** Numbers of the other comments answered together with this one. */
  sharedWith: number[];
  /** How it reached the ward (ONLINE, MEETING, WRITTEN, PHONE, FORWARDED). */
  channel: string;
  /** Part of a confirmed group of similar comments large enough to be a campaign. */
  campaign: boolean;
};
export type SummaryGroup = { key: string; title: string; comments: SummaryComment[] };

/** A draft whose content is public in the ward, for the summary pages; anything else is a 404. */
export async function publicSummaryDraft(db: Db, wardId: string, draftId: string, now: Date) {
  const draft = await draftForWard(db, wardId, draftId);
  if (!isContentPublic(draft, now)) throw AppError.notFound('Không tìm thấy dự thảo này.');
  return draft;
}

export type DraftForSummary = { id: string; title: string; state: string; summaryNote: string; answeredAt: Date | null };

export async function summaryData(db: Db, draft: DraftForSummary) {
  const version = await currentVersion(db, draft.id);
  const currentSections = version
    ? await db.draftSection.findMany({ where: { versionId: version.id }, orderBy: { sortOrder: 'asc' }, select: { key: true, label: true, heading: true } })
    : [];
  const order = new Map(currentSections.map((s, i) => [s.key, { i, title: s.heading ? `${s.label}. ${s.heading}` : s.label }]));
  const rows = await db.comment.findMany({
    where: { draftId: draft.id, status: 'PUBLISHED' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    include: {
      section: { select: { key: true, label: true, heading: true, sortOrder: true } },
      version: { select: { number: true } },
      residentialGroup: { select: { name: true } },
      answer: { select: { id: true, outcome: true, explanation: true } },
    },
  });
  const similar = await groupFigures(db, draft.id);
  const groups = new Map<string, { sort: [number, number]; group: SummaryGroup }>();
  for (const r of rows) {
    const key = r.section?.key ?? 'whole';
    if (!groups.has(key)) {
      // Articles that no longer exist in the current version go after the current ones.
      const known = r.section ? order.get(r.section.key) : undefined;
      const sort: [number, number] = !r.section ? [0, 0] : known ? [1, known.i] : [2, r.section.sortOrder];
      const title = !r.section
        ? 'Góp ý chung đối với toàn bộ dự thảo'
        : (known?.title ?? (r.section.heading ? `${r.section.label}. ${r.section.heading}` : r.section.label));
      groups.set(key, { sort, group: { key, title, comments: [] } });
    }
    groups.get(key)?.group.comments.push({
      no: 0,
      displayName: publicDisplayName(r),
      respondentType: r.respondentType,
      residence: publicResidence(r),
      versionNumber: r.version.number,
      sectionLabel: r.section?.label ?? 'Toàn bộ dự thảo',
      body: r.body,
      createdAt: r.createdAt,
      answer: r.answer,
      sharedWith: [],
      channel: r.channel,
      campaign: !!r.similarGroupId && similar.campaignGroupIds.has(r.similarGroupId),
    });
  }
  const ordered = [...groups.values()].sort((a, b) => a.sort[0] - b.sort[0] || a.sort[1] - b.sort[1]).map((g) => g.group);
  let no = 0;
  const byAnswer = new Map<string, SummaryComment[]>();
  for (const g of ordered) {
    for (const c of g.comments) {
      c.no = ++no;
      if (c.answer) byAnswer.set(c.answer.id, [...(byAnswer.get(c.answer.id) ?? []), c]);
    }
  }
  for (const list of byAnswer.values()) for (const c of list) c.sharedWith = list.filter((o) => o !== c).map((o) => o.no);

  const [counters, channels] = await Promise.all([
    db.draft.findUnique({ where: { id: draft.id }, select: { commentsPending: true, commentsPublished: true, commentsHidden: true } }),
    db.comment.groupBy({ by: ['channel'], where: { draftId: draft.id }, _count: { _all: true } }),
  ]);
  const hidden = counters?.commentsHidden ?? 0;
  const received = hidden + (counters?.commentsPending ?? 0) + (counters?.commentsPublished ?? 0);
  // Every comment received, by how it reached the ward (hidden ones included, like "received").
  const byChannel = COMMENT_CHANNELS.map((c) => ({ channel: c, count: channels.find((g) => g.channel === c)?._count._all ?? 0 }));
  const outcomes = { ACCEPTED: 0, PARTLY_ACCEPTED: 0, EXPLAINED: 0 } as Record<string, number>;
  for (const r of rows) if (r.answer) outcomes[r.answer.outcome] = (outcomes[r.answer.outcome] ?? 0) + 1;
  return {
    draft,
    groups: ordered,
    counts: {
      received,
      published: rows.length,
      hidden,
      pending: received - rows.length - hidden,
      outcomes,
      byChannel,
      similar: {
        min: CAMPAIGN_MIN_MEMBERS,
        groups: similar.groups,
        comments: similar.groupedComments,
        campaigns: similar.campaigns,
        campaignComments: similar.campaignComments,
      },
    },
  };
}

export type SummaryData = Awaited<ReturnType<typeof summaryData>>;

export const summaryTitle = (draftTitle: string) =>
  `BẢN TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN GÓP Ý đối với ${/^dự thảo/iu.test(draftTitle) ? draftTitle : `Dự thảo ${draftTitle}`}`;
