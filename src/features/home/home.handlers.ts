import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../middleware/auth.js';
import { KeptPage, NextRead, PageCache, renderKept, sendKept } from '../../lib/page-cache.js';
import { nextTimeBoundary } from '../../domain/draft-status.js';
import { HOME_STAMP, homeStamp, officerMenu, publicHome } from './home.service.js';
import { totalWaiting, workFor } from '../worklist/index.js';

export function homeHandlers(ctx: AppContext, keptPages: KeptPage[] = []) {
  // The front page seen anonymously, kept per ward and checked against its drafts and plans (src/lib/page-cache.ts).
  const pages = new PageCache(20, 4 * 1024 * 1024);
  const stamps = new NextRead((wardId) => homeStamp(ctx.db, wardId));
  const homePage = new KeptPage({
    cache: pages,
    params: [],
    match: (p) => (p === '/' ? '' : null),
    stamp: (req) => stamps.get(req.ward.id),
    // Read in the ward's own statement when the request came the ordinary way: one round trip per view.
    besideWard: { sql: HOME_STAMP, params: () => [] },
    now: ctx.now,
  });
  keptPages.push(homePage);
  return {
    async home(req: Request, res: Response, next: NextFunction) {
      const { key, stamp, kept } = await homePage.lookup(req, res, '');
      if (kept !== null) return sendKept(res, kept);
      const now = ctx.now();
      const data = await publicHome(ctx.db, req.ward.id, now);
      const keep = key ? { cache: pages, key, stamp, expiresAt: nextTimeBoundary(data.times, now) } : null;
      renderKept(res, 'home/index', { title: req.ward.name, ...data }, keep, next);
    },
    async officerHome(req: Request, res: Response) {
      const user = currentUser(req);
      const work = await workFor(ctx.db, user, ctx.now());
      res.render('home/officer', { title: 'Trang làm việc của cán bộ', menu: officerMenu(user.role), work, waiting: totalWaiting(work) });
    },
  };
}
