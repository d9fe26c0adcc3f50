import type { AppContext } from '../../context.js';
import { hotRead } from '../../db/hot-sql.js';
import type { Db } from '../../db/client.js';
import { routeParam, stampText } from '../../lib/beside-ward.js';
import { KeptPage, NextRead, PageCache } from '../../lib/page-cache.js';

/** The summary page's path, exactly as the router matches `/du-thao/:draftId/tiep-thu-giai-trinh`: its id, else null. */
export const summaryDraftIdIn = routeParam(/^\/du-thao\/([^/]+)\/tiep-thu-giai-trinh$/);

/**
 * What the kept summary page is checked against on every view, as an expression over the request's "Ward"
 * row: the draft's "publicVersion" (moved by triggers with its shown fields, its state and publication, every
 * published comment and every answer), the counters of comments received that are not published (pending,
 * not published, by channel: the figures at the top), and each group of similar comments with its size (the
 * campaign marks and counts, whose members may be unpublished). Null for another ward's draft or none.
 */
export const SUMMARY_PAGE_STAMP = `(SELECT d."publicVersion" || '.' || d."commentsPending" || '.' || d."commentsHidden" || '.' || d."commentsOnline"
    || '.' || d."commentsMeeting" || '.' || d."commentsWritten" || '.' || d."commentsPhone" || '.' || d."commentsForwarded" || '|'
    || COALESCE((SELECT string_agg(g."id" || ':' || g."commentsCount", ',' ORDER BY g."id") FROM "CommentGroup" g
      WHERE g."draftId" = d."id" AND g."commentsCount" > 0), '')
    FROM "Draft" d WHERE d."id" = $1 AND d."wardId" = "Ward"."id")`;

/** The same stamp read on its own (a kept page looked up without the ward's statement): one definition, one value. */
export async function summaryPageStamp(db: Db, wardId: string, draftId: string): Promise<string | null> {
  const [row] = await hotRead<{ stamp: unknown }>(db, `SELECT ${SUMMARY_PAGE_STAMP} AS "stamp" FROM "Ward" WHERE "id" = $2`, [draftId, wardId]);
  return stampText(row?.stamp);
}

/**
 * The public summary page (tiếp thu, giải trình), kept per draft and page (?tu=) for anonymous visitors: once
 * the answers are published, residents come to see how their comment was answered, and a page of fifty
 * comments with their answers costs ~10 ms to read and render (issue 10). Served early from `keptPages`
 * (src/middleware/kept-pages.ts); anything it shows that changes moves its stamp, so the next view shows it.
 */
export function keptSummaryPage(ctx: AppContext) {
  const stamps = new NextRead((key) => {
    const [wardId, draftId] = JSON.parse(key) as [string, string];
    return summaryPageStamp(ctx.db, wardId, draftId);
  });
  return new KeptPage({
    cache: new PageCache(200, 8 * 1024 * 1024),
    params: ['tu'],
    match: summaryDraftIdIn,
    stamp: (req, draftId) => stamps.get(JSON.stringify([req.ward.id, draftId])),
    besideWard: { sql: SUMMARY_PAGE_STAMP, params: (draftId) => [draftId] },
    now: ctx.now,
  });
}
