/** What residents see of drafts: the list in three groups, search, and the draft page. */
import type { Db } from '../../db/client.js';
import { hotRead } from '../../db/hot-sql.js';
import type { EffectiveDraftStatus } from '../../domain/enums.js';
import { foldVietnamese, searchTerms } from '../../lib/text.js';
import { periodEnd } from '../../domain/draft-period.js';
import { commentPeriodDays, daysLeftText, effectiveDraftStatus } from '../../domain/draft-status.js';

export type ListedDraft = {
  id: string;
  title: string;
  documentType: string;
  draftingAgency: string;
  summary: string;
  opensAt: Date;
  closesAt: Date;
  closedEarlyAt: Date | null;
  closedEarlyReason: string;
  status: EffectiveDraftStatus;
  daysLeftText: string;
  comments: number;
};

/** The public list: open now, upcoming, closed (answered included), optionally filtered by a search. */
export async function publicDraftList(db: Db, wardId: string, now: Date, query: string) {
  const terms = searchTerms(query);
  const rows = await db.draft.findMany({
    where: { wardId, state: { not: 'DRAFT' }, AND: terms.map((t) => ({ searchText: { contains: t } })) },
    orderBy: [{ closesAt: 'asc' }],
    select: {
      id: true,
      title: true,
      documentType: true,
      draftingAgency: true,
      field: true,
      summary: true,
      affectedGroups: true,
      opensAt: true,
      closesAt: true,
      closedEarlyAt: true,
      closedEarlyReason: true,
      state: true,
      commentsPublished: true,
    },
  });
  // An upcoming draft's articles are not public yet, so it is found only by what is shown of it.
  const visible = rows.filter((d) => {
    if (terms.length === 0 || effectiveDraftStatus(d, now) !== 'UPCOMING') return true;
    const shown = foldVietnamese([d.title, d.summary, d.affectedGroups, d.draftingAgency, d.field].join(' '));
    return terms.every((t) => shown.includes(t));
  });
  const items: ListedDraft[] = visible.map((d) => ({
    id: d.id,
    title: d.title,
    documentType: d.documentType,
    draftingAgency: d.draftingAgency,
    summary: d.summary,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    closedEarlyAt: d.closedEarlyAt,
    closedEarlyReason: d.closedEarlyReason,
    status: effectiveDraftStatus(d, now),
    daysLeftText: daysLeftText(d, now),
    comments: d.commentsPublished, // kept by the database as comments change status
  }));
  return {
    terms,
    open: items.filter((d) => d.status === 'OPEN'),
    upcoming: items.filter((d) => d.status === 'UPCOMING').sort((a, b) => +a.opensAt - +b.opensAt),
    closed: items.filter((d) => d.status === 'CLOSED' || d.status === 'ANSWERED').sort((a, b) => +periodEnd(b) - +periodEnd(a)),
    total: items.length,
  };
}

/** Everything the draft page shows except the comments (which come from the comments feature). */
export async function draftPageData(
  db: Db,
  draft: { id: string; opensAt: Date; closesAt: Date; closedEarlyAt: Date | null; taskId: string | null; triggerId: string | null },
  withContent: boolean,
  preview = false,
) {
  // An officer's preview of a draft not yet open shows the newest text, published or not.
  const publishedOnly = preview ? {} : { publishedAt: { not: null } };
  const [version, files, versions, task, trigger] = await Promise.all([
    withContent
      ? db.draftVersion.findFirst({
          where: { draftId: draft.id, ...publishedOnly },
          orderBy: { number: 'desc' },
          include: { sections: { orderBy: { sortOrder: 'asc' } } },
        })
      : null,
    withContent
      ? db.storedFile.findMany({
          where: { draftId: draft.id },
          orderBy: { createdAt: 'asc' },
          select: { id: true, originalName: true, mimeType: true, sizeBytes: true, kind: true },
        })
      : [],
    withContent
      ? db.draftVersion.findMany({
          where: { draftId: draft.id, ...publishedOnly },
          orderBy: { number: 'asc' },
          select: { number: true, changeSummary: true, publishedAt: true },
        })
      : [],
    draft.taskId
      ? db.task.findUnique({ where: { id: draft.taskId }, select: { ordinal: true, plan: { select: { id: true, title: true, year: true, published: true } } } })
      : null,
    draft.triggerId ? db.taskTrigger.findUnique({ where: { id: draft.triggerId }, select: { documentNumber: true, issuedOn: true, issuer: true } }) : null,
  ]);
  return { version, files, versions, task, trigger, periodDays: commentPeriodDays(draft.opensAt, periodEnd(draft)) };
}

/** Published drafts for the feeds and the sitemap (never personal data: no officer or commenter fields). */
export async function openedDrafts(db: Db, wardId: string, now: Date, take = 50) {
  return db.draft.findMany({
    where: { wardId, state: { not: 'DRAFT' }, opensAt: { lte: now } },
    orderBy: { opensAt: 'desc' },
    take,
    select: {
      id: true,
      title: true,
      documentType: true,
      draftingAgency: true,
      summary: true,
      opensAt: true,
      closesAt: true,
      closedEarlyAt: true,
      updatedAt: true,
    },
  });
}

/**
 * What a kept draft page is checked against on every view: one read of the draft's row by its key.
 * "publicVersion" is moved by database triggers whenever anything the page shows changes.
 */
export async function draftPageStamp(db: Db, draftId: string): Promise<{ wardId: string; stamp: string } | null> {
  const [row] = await hotRead<{ wardId: string; publicVersion: number | bigint | string }>(
    db,
    'SELECT "wardId", "publicVersion" FROM "Draft" WHERE "id" = $1',
    [draftId],
  );
  return row ? { wardId: row.wardId, stamp: String(row.publicVersion) } : null;
}

/**
 * What the kept home page, draft list and feeds of a ward are checked against on every view: how
 * many drafts and published plans there are, the sum of the drafts' "publicVersion" (any shown change
 * to any draft moves it), the newest draft and the latest plan change. One query over small tables.
 */
export async function wardPagesStamp(db: Db, wardId: string): Promise<string> {
  const [row] = await hotRead<Record<string, unknown>>(
    db,
    `SELECT (SELECT COUNT(*) FROM "Draft" WHERE "wardId" = $1) AS "drafts",
            (SELECT COALESCE(SUM("publicVersion"), 0) FROM "Draft" WHERE "wardId" = $2) AS "versions",
            (SELECT MAX("createdAt") FROM "Draft" WHERE "wardId" = $3) AS "newest",
            (SELECT COUNT(*) FROM "Plan" WHERE "wardId" = $4) AS "plans",
            (SELECT MAX("updatedAt") FROM "Plan" WHERE "wardId" = $5) AS "plansChanged"`,
    [wardId, wardId, wardId, wardId, wardId],
  );
  return Object.values(row ?? {})
    .map((v) => (v instanceof Date ? v.toISOString() : String(v)))
    .join('|');
}

/** The opening and closing moments of a ward's drafts: when the kept lists must be rendered again. */
export async function wardDraftTimes(db: Db, wardId: string) {
  return db.draft.findMany({ where: { wardId, state: { not: 'DRAFT' } }, select: { opensAt: true, closesAt: true } });
}
