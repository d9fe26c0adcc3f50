import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * Several app-wide middlewares (no path, no error handlers) run as ONE layer of Express's router.
 * Each layer the router walks costs a match, a closure and a parameter pass on every request: for
 * the requests not answered early (a comment's post and its receipt, every officer's page) the
 * seventeen app-wide middlewares were a visible share of their CPU and garbage (issue 10).
 * Each still behaves as under the router: called in order with `next`; `next(err)` (or a throw, or
 * a rejected promise) leaves the pipeline for the error handlers; a middleware that answers
 * without calling `next` ends it.
 */
export function pipeline(...handlers: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let at = 0;
    const next = (err?: unknown) => {
      if (err !== undefined && err !== null) return done(err);
      const handler = handlers[at++];
      if (!handler) return done();
      try {
        const result: unknown = handler(req, res, next);
        if (result instanceof Promise) result.catch((e: unknown) => done(e ?? new Error('Rejected without a reason')));
      } catch (e) {
        done(e);
      }
    };
    next();
  };
}
