import type { NextFunction, Request, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import { ONE_CLICK_UNSUBSCRIBE } from '../features/subscriptions/subscriptions.routes.js';

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
  // RFC 8058: a mail client's one-click unsubscribe carries no CSRF token; the signed token in the path is the authority.
  if (req.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(req.path)) return next();
  return csrfSynchronisedProtection(req, res, next);
}
