import { Router } from 'express';
import type { AppContext } from '../../context.js';

/** /healthz answers 200 only when the database answers. */
export function healthRouter(ctx: AppContext) {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    try {
      await ctx.db.$queryRawUnsafe('SELECT 1');
      res.status(200).json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'database unavailable' });
    }
  });
  return router;
}
