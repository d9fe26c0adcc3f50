import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { sendStoredFile, TYPE_LABELS } from '../../lib/uploads.js';
import type { Db } from '../../db/client.js';
import { daysLeftText, isContentPublic, effectiveDraftStatus } from '../../domain/draft-status.js';
import { draftFeed, sitemapXml } from './drafts.feeds.js';
import { findDraftFile } from './drafts.files.js';
import { draftPageData, publicDraftList } from './drafts.public.js';
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

export function publicHandlers(ctx: AppContext, draftCommentBlock: DraftCommentBlockLoader) {
  const db = ctx.db;

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
    async list(req: Request, res: Response) {
      const q = typeof req.query.q === 'string' ? req.query.q.normalize('NFC').slice(0, 200) : '';
      const data = await publicDraftList(db, req.ward.id, ctx.now(), q);
      res.render('drafts/public-list', { title: 'Dự thảo lấy ý kiến', breadcrumbs: crumbs.slice(0, 1), q, ...data });
    },

    async show(req: Request, res: Response) {
      const v = await visibleDraft(req);
      const page = Number.parseInt(String(req.query.trang ?? '1'), 10) || 1;
      // ?dieu=dieu-3: the comments on one article (its count links here).
      const articleKey = typeof req.query.dieu === 'string' && /^[a-z0-9-]{1,60}$/.test(req.query.dieu) ? req.query.dieu : '';
      const [data, block] = await Promise.all([
        draftPageData(db, v.draft, v.canSeeContent, v.officer && !v.contentPublic),
        v.contentPublic ? draftCommentBlock(db, v.draft, { page, after: str(req.query.sau), before: str(req.query.truoc) }, articleKey) : null,
      ]);
      res.render('drafts/public-show', {
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
      });
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
      sendStoredFile(res, ctx.files, file, { publicFile: true });
    },

    async rss(req: Request, res: Response) {
      const feed = await draftFeed(db, req.ward, ctx.config.baseUrl, ctx.now());
      res.type('application/rss+xml; charset=utf-8').send(feed.rss2());
    },

    async atom(req: Request, res: Response) {
      const feed = await draftFeed(db, req.ward, ctx.config.baseUrl, ctx.now());
      res.type('application/atom+xml; charset=utf-8').send(feed.atom1());
    },

    async sitemap(req: Request, res: Response) {
      res.type('application/xml; charset=utf-8').send(await sitemapXml(db, req.ward.id, ctx.config.baseUrl));
    },
  };
}
