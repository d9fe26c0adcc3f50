import { Router } from 'express';
import type { AppContext } from '../../context.js';
import type { StorageGuard } from '../../lib/storage-guard.js';

/**
 * /healthz answers 200 only when the database can be read and written (a
 * heartbeat row is rewritten), the SQLite file is still the one the server
 * opened, and DATA_DIR/uploads takes a file; 503 with the problems otherwise.
 */
export function healthRouter(ctx: AppContext, guard: StorageGuard) {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    // Public answer: short names only; the details (paths, errors) go to the log.
    const problems: string[] = [];
    const fileProblem = guard.databaseFileProblem();
    if (fileProblem) {
      problems.push('database-file');
      ctx.logger.error(fileProblem);
    }
    try {
      await ctx.db.systemState.findFirst();
      const at = new Date().toISOString();
      await ctx.db.systemState.upsert({ where: { key: 'heartbeat' }, create: { key: 'heartbeat', value: at }, update: { value: at } });
    } catch (err) {
      problems.push('database');
      ctx.logger.error({ err }, 'healthz: database read/write failed');
    }
    const uploads = await guard.uploadsProblem();
    if (uploads) {
      problems.push('uploads');
      ctx.logger.error(uploads);
    }
    res.setHeader('Cache-Control', 'no-store');
    if (problems.length) return res.status(503).json({ status: 'unavailable', problems });
    res.status(200).json({ status: 'ok' });
  });
  return router;
}
