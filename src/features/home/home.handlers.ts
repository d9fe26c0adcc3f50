import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { currentUser } from '../../middleware/auth.js';
import { officerMenu, publicHome } from './home.service.js';
import { totalWaiting, workFor } from '../worklist/index.js';

export function homeHandlers(ctx: AppContext) {
  return {
    async home(req: Request, res: Response) {
      const data = await publicHome(ctx.db, req.ward.id, ctx.now());
      res.render('home/index', { title: req.ward.name, ...data });
    },
    async officerHome(req: Request, res: Response) {
      const user = currentUser(req);
      const work = await workFor(ctx.db, user, ctx.now());
      res.render('home/officer', { title: 'Trang làm việc của cán bộ', menu: officerMenu(user.role), work, waiting: totalWaiting(work) });
    },
  };
}
