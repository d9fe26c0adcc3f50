/** What residents see of drafts: the list in three groups, search, and the draft page. */
import type { Db } from '../../db/client.js';
import { hotRead } from '../../db/hot-sql.js';
import type { EffectiveDraftStatus } from '../../domain/enums.js';
import { foldVietnamese, searchTerms } from '../../lib/text.js';
import { stampText } from '../../lib/beside-ward.js';
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
 * What a kept draft page is checked against on every view, as an expression over the request's "Ward" row
 * (src/lib/page-cache.ts, besideWard: read in the ward's own statement): the draft's "publicVersion", which
 * database triggers move whenever anything the page shows changes; NULL when the draft is not that ward's.
 * $1: the draft's id.
 */
export const DRAFT_PAGE_STAMP = '(SELECT "publicVersion" FROM "Draft" WHERE "id" = $1 AND "wardId" = "Ward"."id")';

/** The same stamp read on its own (a kept page looked up without the ward's statement): one definition, one value. */
export async function draftPageStamp(db: Db, wardId: string, draftId: string): Promise<string | null> {
  const [row] = await hotRead<{ stamp: unknown }>(db, `SELECT ${DRAFT_PAGE_STAMP} AS "stamp" FROM "Ward" WHERE "id" = $2`, [draftId, wardId]);
  return stampText(row?.stamp);
}

/**
 * What the kept home page, draft list and feeds of a ward are checked against on every view, as an
 * expression over its "Ward" row (as DRAFT_PAGE_STAMP): how many drafts and published plans there are,
 * the sum of the drafts' "publicVersion" (any shown change to any draft moves it), the newest draft and
 * the latest plan change, in one text. Small tables, each by its ward index. No placeholders.
 */
export const WARD_PAGES_STAMP = `((SELECT COUNT(*) FROM "Draft" WHERE "wardId" = "Ward"."id")
  || '|' || (SELECT COALESCE(SUM("publicVersion"), 0) FROM "Draft" WHERE "wardId" = "Ward"."id")
  || '|' || COALESCE((SELECT CAST(MAX("createdAt") AS TEXT) FROM "Draft" WHERE "wardId" = "Ward"."id"), '')
  || '|' || (SELECT COUNT(*) FROM "Plan" WHERE "wardId" = "Ward"."id")
  || '|' || COALESCE((SELECT CAST(MAX("updatedAt") AS TEXT) FROM "Plan" WHERE "wardId" = "Ward"."id"), ''))`;

/** The same stamp read on its own. */
export async function wardPagesStamp(db: Db, wardId: string): Promise<string | null> {
  const [row] = await hotRead<{ stamp: unknown }>(db, `SELECT ${WARD_PAGES_STAMP} AS "stamp" FROM "Ward" WHERE "id" = $1`, [wardId]);
  return stampText(row?.stamp);
}

/** The opening and closing moments of a ward's drafts: when the kept lists must be rendered again. */
export async function wardDraftTimes(db: Db, wardId: string) {
  return db.draft.findMany({ where: { wardId, state: { not: 'DRAFT' } }, select: { opensAt: true, closesAt: true } });
}
