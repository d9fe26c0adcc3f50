import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { sendStoredFile, TYPE_LABELS } from '../../lib/uploads.js';
import { routeParam } from '../../lib/beside-ward.js';
import { KeptPage, NextRead, PageCache, renderKept, sendKept } from '../../lib/page-cache.js';
import type { Db } from '../../db/client.js';
import { daysLeftText, isContentPublic, effectiveDraftStatus, nextTimeBoundary } from '../../domain/draft-status.js';
import { draftFeed, sitemapXml } from './drafts.feeds.js';
import { findDraftFile } from './drafts.files.js';
import { DRAFT_PAGE_STAMP, draftPageData, draftPageStamp, publicDraftList, WARD_PAGES_STAMP, wardDraftTimes, wardPagesStamp } from './drafts.public.js';
import { compareQuery } from './drafts.schemas.js';
import { draftForWard } from './drafts.service.js';
import { compareVersions, versionNumbers } from './drafts.versions.js';

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
const crumbs = [
  { href: '/', label: 'Trang chủ' },
  { href: '/du-thao', label: 'Dự thảo lấy ý kiến' },
];

/** Officers who manage drafts see every draft of their ward (to check it before and after publishing). */
const isDraftOfficer = (req: Request) => !!req.user && (req.user.role === 'JUSTICE' || req.user.role === 'ADMIN') && req.user.wardId === req.ward.id;

/**
 * The published comments under a draft's page. The comments feature supplies it (src/features/index.ts):
 * comments build on drafts, so drafts must not import comments back.
 */
export type DraftCommentBlockLoader = (
  db: Db,
  draft: { id: string; state: string; commentsPublished: number },
  request: { page?: number; after?: string; before?: string },
  articleKey: string,
) => Promise<object>;

/** The draft page's path, exactly as the router matches `/du-thao/:draftId` (not the feeds): its id, else null. */
const draftIdIn = routeParam(/^\/du-thao\/([^/]+)$/, ['feed.rss', 'feed.atom']);

/**
 * The public handlers of drafts. Their kept pages (the draft page, the list, the feeds) are added to
 * `keptPages`, which createApp serves from before the rest of the stack (src/middleware/kept-pages.ts).
 */
export function publicHandlers(ctx: AppContext, draftCommentBlock: DraftCommentBlockLoader, keptPages: KeptPage[] = []) {
  const db = ctx.db;
  // Anonymous views of draft pages, rendered once per change (see src/lib/page-cache.ts).
  // The stamp is read in the ward's own statement when the request came the ordinary way (besideWard), else on its own.
  const draftStamps = new NextRead((key) => {
    const [wardId, draftId] = JSON.parse(key) as [string, string];
    return draftPageStamp(db, wardId, draftId);
  });
  const draftPage = new KeptPage({
    cache: new PageCache(),
    params: ['trang', 'sau', 'truoc', 'dieu'],
    match: draftIdIn,
    // Another ward's draft id is not this ward's page: its stamp is null and nothing kept is served for it.
    stamp: (req, draftId) => draftStamps.get(JSON.stringify([req.ward.id, draftId])),
    besideWard: { sql: DRAFT_PAGE_STAMP, params: (draftId) => [draftId] },
    now: ctx.now,
  });
  // The list and the feeds: kept per ward, checked against all its drafts at once.
  const wardPages = new PageCache(50, 8 * 1024 * 1024);
  const wardStamps = new NextRead((wardId) => wardPagesStamp(db, wardId));
  const wardPage = (path: string, params: string[] = []) =>
    new KeptPage({
      cache: wardPages,
      params,
      match: (p) => (p === path ? '' : null),
      stamp: (req) => wardStamps.get(req.ward.id),
      besideWard: { sql: WARD_PAGES_STAMP, params: () => [] },
      now: ctx.now,
    });
  // A search (?q=) is never kept: with q in the key, a searched list is never found among the kept pages.
  const listPage = wardPage('/du-thao', ['q']);
  const feedPages = { rss: wardPage('/du-thao/feed.rss'), atom: wardPage('/du-thao/feed.atom') };
  keptPages.push(listPage, feedPages.rss, feedPages.atom, draftPage);

  async function feed(req: Request, res: Response, kind: 'rss' | 'atom') {
    const type = kind === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8';
    const { key, stamp, kept } = await feedPages[kind].lookup(req, res, '');
    if (kept !== null) return sendKept(res, kept);
    const now = ctx.now();
    const [built, times] = await Promise.all([draftFeed(db, req.ward, req.wardUrl, now), key ? wardDraftTimes(db, req.ward.id) : []]);
    const body = kind === 'rss' ? built.rss2() : built.atom1();
    if (key && stamp !== null) return sendKept(res, wardPages.set(key, stamp, nextTimeBoundary(times, now), body, type));
    res.type(type).send(body);
  }

  /** The draft as the visitor may see it, or 404: a draft in preparation does not exist for the public. */
  async function visibleDraft(req: Request) {
    const id = String(req.params.draftId ?? '');
    const draft = await draftForWard(db, req.ward.id, id);
    const officer = isDraftOfficer(req);
    if (draft.state === 'DRAFT' && !officer) throw AppError.notFound('Không tìm thấy dự thảo.');
    const now = ctx.now();
    const contentPublic = isContentPublic(draft, now);
    return { draft, now, status: effectiveDraftStatus(draft, now), contentPublic, canSeeContent: contentPublic || officer, officer };
  }

  return {
    async list(req: Request, res: Response, next: NextFunction) {
      const q = typeof req.query.q === 'string' ? req.query.q.normalize('NFC').slice(0, 200) : '';
      // Searches are not kept (any text may be asked); the plain list is.
      const { key, stamp, kept } = q ? { key: null, stamp: null, kept: null } : await listPage.lookup(req, res, '');
      if (kept !== null) return sendKept(res, kept);
      const now = ctx.now();
      const [data, times] = await Promise.all([publicDraftList(db, req.ward.id, now, q), key ? wardDraftTimes(db, req.ward.id) : []]);
      const keep = key ? { cache: wardPages, key, stamp, expiresAt: nextTimeBoundary(times, now) } : null;
      renderKept(res, 'drafts/public-list', { title: 'Dự thảo lấy ý kiến', breadcrumbs: crumbs.slice(0, 1), q, ...data }, keep, next);
    },

    async show(req: Request, res: Response, next: NextFunction) {
      // The stamp is read before anything is rendered, so a page kept with it is never newer data under an older stamp.
      const { key, stamp, kept } = await draftPage.lookup(req, res, String(req.params.draftId ?? ''));
      if (kept !== null) return sendKept(res, kept);

      const v = await visibleDraft(req);
      const page = Number.parseInt(String(req.query.trang ?? '1'), 10) || 1;
      // ?dieu=dieu-3: the comments on one article (its count links here).
      const articleKey = typeof req.query.dieu === 'string' && /^[a-z0-9-]{1,60}$/.test(req.query.dieu) ? req.query.dieu : '';
      const [data, block] = await Promise.all([
        draftPageData(db, v.draft, v.canSeeContent, v.officer && !v.contentPublic),
        v.contentPublic ? draftCommentBlock(db, v.draft, { page, after: str(req.query.sau), before: str(req.query.truoc) }, articleKey) : null,
      ]);
      const locals = {
        typeLabels: TYPE_LABELS,
        title: v.draft.title,
        description: v.draft.summary.slice(0, 200),
        breadcrumbs: crumbs,
        draft: v.draft,
        status: v.status,
        daysLeft: daysLeftText(v.draft, v.now),
        contentPublic: v.contentPublic,
        preview: !v.contentPublic,
        canSeeContent: v.canSeeContent,
        block,
        ...data,
      };
      const keep = v.officer ? null : { cache: draftPage.cache, key, stamp, expiresAt: nextTimeBoundary([v.draft], v.now) };
      renderKept(res, 'drafts/public-show', locals, keep, next);
    },

    async compare(req: Request, res: Response) {
      const v = await visibleDraft(req);
      if (!v.canSeeContent) throw AppError.notFound('Không tìm thấy dự thảo.');
      const numbers = await versionNumbers(db, v.draft.id, v.contentPublic);
      const parsed = compareQuery.safeParse(req.query);
      const last = numbers.at(-1) ?? 1;
      const to = (parsed.success && parsed.data.den) || last;
      const from = (parsed.success && parsed.data.tu) || Math.max(1, to - 1);
      if (!numbers.includes(from) || !numbers.includes(to)) throw AppError.notFound('Không tìm thấy phiên bản cần so sánh.');
      const result = await compareVersions(db, v.draft.id, from, to);
      const tally = (c: string) => result.rows.filter((r) => r.change === c && r.label.startsWith('Điều')).length;
      res.render('drafts/public-compare', {
        title: `So sánh phiên bản ${from} và ${to}`,
        breadcrumbs: [...crumbs, { href: `/du-thao/${v.draft.id}`, label: v.draft.title }],
        draft: v.draft,
        numbers,
        from,
        to,
        result,
        tally: { added: tally('added'), removed: tally('removed'), changed: tally('changed'), unchanged: tally('unchanged') },
      });
    },

    async file(req: Request, res: Response) {
      const v = await visibleDraft(req);
      if (!v.canSeeContent) throw AppError.notFound('Không tìm thấy tệp.');
      const file = await findDraftFile(db, v.draft.id, String(req.params.fileId ?? ''));
      await sendStoredFile(res, ctx.files, file, { publicFile: true });
    },

    rss: (req: Request, res: Response) => feed(req, res, 'rss'),

    atom: (req: Request, res: Response) => feed(req, res, 'atom'),

    async sitemap(req: Request, res: Response) {
      res.type('application/xml; charset=utf-8').send(await sitemapXml(db, req.ward.id, req.wardUrl));
    },
  };
}
