import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../middleware/auth.js';
import { NextRead, PageCache, renderKept } from '../../lib/page-cache.js';
import { nextTimeBoundary } from '../../domain/draft-status.js';
import { homeStamp, officerMenu, publicHome } from './home.service.js';
import { totalWaiting, workFor } from '../worklist/index.js';

export function homeHandlers(ctx: AppContext) {
  // The front page seen anonymously, kept per ward and checked against its drafts and plans (src/lib/page-cache.ts).
  const pages = new PageCache(20);
  const stamps = new NextRead((wardId) => homeStamp(ctx.db, ctx.config.databaseUrl, wardId));
  return {
    async home(req: Request, res: Response, next: NextFunction) {
      const key = pages.keyFor(req, res, []);
      const stamp = key ? await stamps.get(req.ward.id) : null;
      const kept = key && stamp !== null ? pages.get(key, stamp, ctx.now()) : null;
      if (kept !== null) return void res.type('html').send(kept);
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
