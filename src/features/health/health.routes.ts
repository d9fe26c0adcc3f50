import { Router } from 'express';
import type { AppContext } from '../../context.js';
import type { StorageGuard } from '../../lib/storage-guard.js';

/**
 * /healthz answers 200 only when the database can be read and written (a
 * heartbeat row is rewritten), the SQLite file is still the one the server
 * opened, and DATA_DIR/uploads takes a file; 503 with the problems otherwise.
 *
 * It is public and unauthenticated, and its checks write (a database commit, a
 * probe file): those run at most once every CHECK_REUSE_MS, and the requests that
 * arrive meanwhile, or while one runs, share its answer, so a flood of health
 * checks cannot become a flood of disk writes. The cheap checks (the database
 * file, the data folder) run for every request: a lost disk shows at once.
 */
const CHECK_REUSE_MS = 1000;

export function healthRouter(ctx: AppContext, guard: StorageGuard) {
  const router = Router();
  let last: { at: number; problems: Promise<string[]> } | null = null;

  async function writingChecks(): Promise<string[]> {
    const problems: string[] = [];
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
    return problems;
  }

  /** The writing checks' answer: the one running or made within CHECK_REUSE_MS, else a new one. */
  function sharedWritingChecks(): Promise<string[]> {
    const now = ctx.now().getTime();
    if (!last || now < last.at || now - last.at >= CHECK_REUSE_MS) last = { at: now, problems: writingChecks() };
    return last.problems;
  }

  router.get('/healthz', async (_req, res) => {
    // Public answer: short names only, each once; the details (paths, errors) go to the log.
    const problems = new Set<string>();
    const fileProblem = guard.databaseFileProblem();
    if (fileProblem) {
      problems.add('database-file');
      ctx.logger.error(fileProblem);
    }
    for (const p of await sharedWritingChecks()) problems.add(p);
    // A data folder lost since the last writing check shows at once.
    const folderProblem = guard.dataDirProblem();
    if (folderProblem) {
      problems.add('uploads');
      ctx.logger.error(folderProblem);
    }
    res.setHeader('Cache-Control', 'no-store');
    if (problems.size) return res.status(503).json({ status: 'unavailable', problems: [...problems] });
    res.status(200).json({ status: 'ok' });
  });
  return router;
}
