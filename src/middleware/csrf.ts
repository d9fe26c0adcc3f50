import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';

/**
 * Synchroniser-token CSRF protection (the token lives in the session).
 * Every form includes views/partials/csrf.ejs. Multipart forms are checked after
 * multer has parsed the body (see lib/uploads.ts), so this one skips them.
 */
const { generateToken, csrfSynchronisedProtection } = csrfSync({
  getTokenFromRequest: (req) => (req.body?._csrf as string | undefined) ?? (req.headers['x-csrf-token'] as string | undefined),
});

export const verifyCsrf = csrfSynchronisedProtection;

export function csrf(req: Request, res: Response, next: NextFunction) {
  res.locals.csrfToken = generateToken(req);
  if (req.is('multipart/form-data')) return next();
  return csrfSynchronisedProtection(req, res, next);
}
