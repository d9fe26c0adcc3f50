/**
 * The public comment form, kept for anonymous visitors (issue 10): the same page for everyone but for
 * its CSRF token, its one-time submission id and the article picked by ?phan=, so it is rendered once
 * per change and kept in parts (src/lib/page-cache.ts), each view joined with a fresh token (bound to
 * the browser's CSRF cookie, which is set if absent, as the ordinary render does) and a fresh id. It is
 * answered early (src/middleware/kept-pages.ts), before body parsing, sessions, flash and CSRF.
 */
import type { AppContext } from '../../context.js';
import { routeParam } from '../../lib/beside-ward.js';
import { KeptPage, NextRead, PageCache } from '../../lib/page-cache.js';
import { randomId } from '../../lib/signing.js';
import { csrfTokens } from '../../middleware/csrf.js';
import { COMMENT_FORM_STAMP, commentFormStamp } from './comments.service.js';

/** The form's path, exactly as the router matches `/du-thao/:draftId/gop-y`: the draft id, else null. */
export const formDraftIdIn = routeParam(/^\/du-thao\/([^/]+)\/gop-y$/);

/**
 * The kept form. Its stamp changes with everything the page shows: the draft, its version and articles
 * (the draft page's own stamp, moved by database triggers) and the ward's residential groups
 * (COMMENT_FORM_STAMP), read in the ward's own statement: a kept view is one read of the database. The time
 * limit (the handler's) is the draft's next opening or closing moment, so open and closed are never stale.
 * Another ward's draft id gets no kept page.
 */
export function keptCommentForm(ctx: AppContext): KeptPage {
  const tokens = csrfTokens(ctx.config);
  // Keyed by ward and draft: the stamp is null when the draft is not that ward's.
  const stamps = new NextRead((wardAndDraft) => {
    const [wardId, draftId] = JSON.parse(wardAndDraft) as [string, string];
    return commentFormStamp(ctx.db, wardId, draftId);
  });
  return new KeptPage({
    cache: new PageCache(200, 4 * 1024 * 1024),
    params: ['phan'],
    match: formDraftIdIn,
    stamp: (req, draftId) => stamps.get(JSON.stringify([req.ward.id, draftId])),
    besideWard: { sql: COMMENT_FORM_STAMP, params: (draftId) => [draftId] },
    fill: (req, res) => ({ csrfToken: tokens.pageToken(req, res), submissionId: randomId() }),
    now: ctx.now,
  });
}
