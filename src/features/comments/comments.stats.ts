/**
 * Statistics of one draft's comments for officers. Every comment received counts, hidden ones included.
 * Counted by the database (GROUP BY), never by reading the comments: a draft may have a million.
 */
import type { Db } from '../../db/client.js';
import { ANSWER_OUTCOMES, COMMENT_CHANNELS, RESPONDENT_TYPES } from '../../domain/enums.js';
import { CAMPAIGN_MIN_MEMBERS, groupFigures } from './comments.grouping.js';
import { readCountsByStatus } from './comments.moderation.js';
import { currentVersion } from '../drafts/index.js';

export type StatRow = { label: string; count: number };

export async function draftStats(db: Db, wardId: string, draftId: string) {
  const where = { draftId };
  const [status, channels, respondents, byUnit, bySection, outcomes, unansweredPublished, groups, version] = await Promise.all([
    readCountsByStatus(db, draftId),
    db.comment.groupBy({ by: ['channel'], where, _count: { _all: true } }),
    db.comment.groupBy({ by: ['respondentType'], where, _count: { _all: true } }),
    db.comment.groupBy({ by: ['residentialGroupId'], where, _count: { _all: true } }),
    // The first comment's time orders articles dropped from the current version, as they were first commented on.
    db.comment.groupBy({ by: ['sectionId'], where, _count: { _all: true }, _min: { createdAt: true } }),
    db.$queryRaw<{ outcome: string; count: number | bigint }[]>`
      SELECT a."outcome", COUNT(*) AS "count" FROM "Comment" c JOIN "CommentAnswer" a ON a."id" = c."answerId"
      JOIN "Draft" d ON d."id" = c."draftId" AND d."wardId" = ${wardId}
      WHERE c."draftId" = ${draftId} GROUP BY a."outcome"`,
    db.comment.count({ where: { draftId, status: 'PUBLISHED', answerId: null } }),
    db.unit.findMany({ where: { wardId, kind: 'RESIDENTIAL_GROUP' }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } }),
    currentVersion(db, draftId),
  ]);
  const countOf = <T>(rows: (T & { _count: { _all: number } })[], pick: (r: T) => boolean) => rows.filter(pick).reduce((sum, r) => sum + r._count._all, 0);

  const byChannel: StatRow[] = COMMENT_CHANNELS.map((c) => ({ label: c, count: countOf(channels, (r) => r.channel === c) }));
  const byRespondent: StatRow[] = RESPONDENT_TYPES.map((t) => ({ label: t, count: countOf(respondents, (r) => r.respondentType === t) }));
  const byGroup: StatRow[] = [
    ...groups.map((g) => ({ label: g.name, count: countOf(byUnit, (r) => r.residentialGroupId === g.id) })),
    { label: 'Khác', count: countOf(byUnit, (r) => !r.residentialGroupId) },
  ];

  // Articles in the order of the current version; an article dropped since keeps its own row.
  const [sections, commented] = await Promise.all([
    version
      ? db.draftSection.findMany({
          where: { versionId: version.id, kind: 'ARTICLE' },
          orderBy: { sortOrder: 'asc' },
          select: { key: true, label: true, heading: true },
        })
      : [],
    db.draftSection.findMany({
      where: { id: { in: bySection.flatMap((r) => (r.sectionId ? [r.sectionId] : [])) } },
      select: { id: true, key: true, label: true },
    }),
  ]);
  const sectionOf = new Map(commented.map((s) => [s.id, s]));
  const withKey = bySection
    .flatMap((r) => {
      const s = r.sectionId ? sectionOf.get(r.sectionId) : undefined;
      return s ? [{ ...s, count: r._count._all, first: r._min.createdAt?.getTime() ?? 0 }] : [];
    })
    .sort((a, b) => a.first - b.first);
  const onKey = (key: string) => withKey.filter((s) => s.key === key).reduce((sum, s) => sum + s.count, 0);
  const byArticle: StatRow[] = [{ label: 'Toàn bộ dự thảo', count: countOf(bySection, (r) => !r.sectionId) }];
  const seen = new Set<string>();
  for (const s of sections) {
    seen.add(s.key);
    byArticle.push({ label: s.heading ? `${s.label}. ${s.heading}` : s.label, count: onKey(s.key) });
  }
  for (const s of withKey) {
    if (!seen.has(s.key)) {
      seen.add(s.key);
      byArticle.push({ label: `${s.label} (phiên bản trước)`, count: onKey(s.key) });
    }
  }

  const outcomeCount = (o: string) => Number(outcomes.find((r) => r.outcome === o)?.count ?? 0);
  const byOutcome: StatRow[] = ANSWER_OUTCOMES.map((o) => ({ label: o, count: outcomeCount(o) }));
  const answered = outcomes.reduce((sum, r) => sum + Number(r.count), 0);
  const { campaignGroupIds: _ids, ...similar } = await groupFigures(db, draftId);
  return {
    status,
    byChannel,
    similar: { ...similar, min: CAMPAIGN_MIN_MEMBERS },
    byRespondent,
    byGroup,
    byArticle,
    byOutcome,
    answered,
    unansweredPublished,
  };
}
