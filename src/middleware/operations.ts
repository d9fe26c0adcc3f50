/**
 * Small operational guards used by createApp: a backstop against requests
 * left hanging, refusal of writes that a vanished SQLite file would lose, and
 * no-store caching for officer pages.
 */
import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../context.js';
import { AppError } from '../lib/app-error.js';
import type { StorageGuard } from '../lib/storage-guard.js';
import type { WriteClaim } from '../lib/write-claim.js';

/**
 * Backstop for anything slower than the database limits: a 503 rather than a
 * request left hanging. Uploads are left out (a slow phone connection may take
 * longer to send the file). The slow handler still finishes later; its answer
 * is then dropped (see dropLateAnswers).
 */
export function requestTimeout(ctx: AppContext) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!ctx.config.requestTimeoutMs || req.is('multipart/form-data')) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      // A comment's write that has begun (src/lib/write-claim.ts: it holds its locks already and only
      // COMMIT is left) ends within moments and answers itself. One that has not begun never will now.
      const claim = res.locals.writeClaim as WriteClaim | undefined;
      if (claim && !claim.abandon()) return;
      ctx.logger.error({ url: req.originalUrl }, `no answer within ${ctx.config.requestTimeoutMs} ms`);
      dropLateAnswers(res, () => ctx.logger.warn({ url: req.originalUrl }, 'answer after the timeout dropped'));
      next(AppError.unavailable());
    }, ctx.config.requestTimeoutMs);
    res.on('close', () => clearTimeout(timer));
    next();
  };
}

/** Every way a handler answers, down to the headers it sets first. */
const ANSWERING = ['render', 'redirect', 'send', 'json', 'sendFile', 'download', 'end', 'write', 'writeHead', 'setHeader', 'removeHeader'] as const;

/**
 * Once one answer has gone out, a second would throw ERR_HTTP_HEADERS_SENT, and from a
 * callback (res.render's) that kills the process: later answers do nothing instead
 * (`onDrop` is told once). Installed only on a timed-out response, so others pay nothing.
 */
function dropLateAnswers(res: Response, onDrop: () => void) {
  const methods = res as unknown as Record<(typeof ANSWERING)[number], (...args: unknown[]) => unknown>;
  let told = false;
  for (const name of ANSWERING) {
    const original = methods[name];
    methods[name] = function (this: Response, ...args: unknown[]) {
      if (!res.headersSent) return original.apply(this, args);
      if (!told) onDrop();
      told = true;
      // write: "accepted", so a stream piped in late drains away instead of waiting for 'drain'.
      return name === 'write' ? true : res;
    };
  }
}

/** A write to a SQLite file deleted under the server would be acknowledged and then lost: refuse it (503). */
export function refuseWritesWithoutDatabaseFile(ctx: AppContext, guard: StorageGuard) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const problem = guard.databaseFileProblem();
    if (!problem) return next();
    ctx.logger.error(problem);
    next(AppError.unavailable());
  };
}

/**
 * Officer pages (some list commenters' contact details) and anything a
 * signed-in officer sees must not be kept by the browser's cache or a shared
 * proxy. Runs after the user is loaded.
 */
export function noStoreForOfficers(req: Request, res: Response, next: NextFunction) {
  if (req.user || req.path.startsWith('/can-bo')) res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Security headers computed once: `middleware` (helmet, whose every header is a constant here) is run
 * once at start against a recorder, and what it set is set again on every response. Helmet itself
 * rebuilt and validated the same thirteen headers through thirteen middlewares on every request (about
 * twice the CPU). A middleware that reads the request, or does anything but set and remove headers,
 * fails here at start instead of being replayed wrongly.
 */
export function headersComputedOnce(middleware: (req: Request, res: Response, next: (err?: unknown) => void) => void) {
  const recorded: [string, number | string | readonly string[] | null][] = [];
  const recorder = {
    setHeader: (name: string, value: number | string | readonly string[]) => recorded.push([name, value]),
    removeHeader: (name: string) => recorded.push([name, null]),
  };
  let finished = false;
  middleware(Object.freeze({}) as Request, recorder as unknown as Response, (err) => {
    if (err) throw err;
    finished = true;
  });
  if (!finished) throw new Error('headersComputedOnce: the middleware did not finish at once');
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of recorded) {
      if (value === null) res.removeHeader(name);
      else res.setHeader(name, value);
    }
    next();
  };
}
