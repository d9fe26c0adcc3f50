/** Statistics of one draft's comments for officers. Every comment received counts, hidden ones included. */
import type { Db } from '../../db/client.js';
import { ANSWER_OUTCOMES, COMMENT_CHANNELS, RESPONDENT_TYPES } from '../../domain/enums.js';
import { CAMPAIGN_MIN_MEMBERS, groupFigures } from './comments.grouping.js';
import { countsByStatus } from './comments.moderation.js';
import { currentVersion } from '../drafts/index.js';

export type StatRow = { label: string; count: number };

export async function draftStats(db: Db, wardId: string, draftId: string) {
  const [status, comments, groups, version] = await Promise.all([
    countsByStatus(db, draftId),
    db.comment.findMany({
      where: { draftId },
      select: {
        respondentType: true,
        channel: true,
        residentialGroupId: true,
        residentialOther: true,
        status: true,
        section: { select: { key: true, label: true, heading: true } },
        answer: { select: { outcome: true } },
      },
    }),
    db.unit.findMany({ where: { wardId, kind: 'RESIDENTIAL_GROUP' }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } }),
    currentVersion(db, draftId),
  ]);
  const count = (pred: (c: (typeof comments)[number]) => boolean) => comments.filter(pred).length;

  const byChannel: StatRow[] = COMMENT_CHANNELS.map((c) => ({ label: c, count: count((x) => x.channel === c) }));
  const byRespondent: StatRow[] = RESPONDENT_TYPES.map((t) => ({ label: t, count: count((c) => c.respondentType === t) }));
  const byGroup: StatRow[] = [
    ...groups.map((g) => ({ label: g.name, count: count((c) => c.residentialGroupId === g.id) })),
    { label: 'Khác', count: count((c) => !c.residentialGroupId) },
  ];

  // Articles in the order of the current version; an article dropped since keeps its own row.
  const sections = version
    ? await db.draftSection.findMany({
        where: { versionId: version.id, kind: 'ARTICLE' },
        orderBy: { sortOrder: 'asc' },
        select: { key: true, label: true, heading: true },
      })
    : [];
  const byArticle: StatRow[] = [{ label: 'Toàn bộ dự thảo', count: count((c) => !c.section) }];
  const seen = new Set<string>();
  for (const s of sections) {
    seen.add(s.key);
    byArticle.push({ label: s.heading ? `${s.label}. ${s.heading}` : s.label, count: count((c) => c.section?.key === s.key) });
  }
  for (const c of comments) {
    if (c.section && !seen.has(c.section.key)) {
      seen.add(c.section.key);
      byArticle.push({ label: `${c.section.label} (phiên bản trước)`, count: count((o) => o.section?.key === c.section?.key) });
    }
  }

  const answered = comments.filter((c) => c.answer);
  const byOutcome: StatRow[] = [...ANSWER_OUTCOMES.map((o) => ({ label: o, count: answered.filter((c) => c.answer?.outcome === o).length }))];
  const unansweredPublished = count((c) => c.status === 'PUBLISHED' && !c.answer);
  const { campaignGroupIds: _ids, ...similar } = await groupFigures(db, draftId);
  return {
    status,
    byChannel,
    similar: { ...similar, min: CAMPAIGN_MIN_MEMBERS },
    byRespondent,
    byGroup,
    byArticle,
    byOutcome,
    answered: answered.length,
    unansweredPublished,
  };
}
