import type { NextFunction, Request, Response } from 'express';
import type { ReadBesideWard, WardCompanion } from '../lib/beside-ward.js';
import type { KeptPage } from '../lib/page-cache.js';
import { FLASH_COOKIE } from './flash.js';
import { sessionCookie } from './ward-session.js';

/**
 * Serves a kept public page (src/lib/page-cache.ts) as early as correctness allows: after request
 * logging, the security headers, the request timeout, the ward and its scope, and the refusal of a
 * NUL in the address; before body parsing, sessions, flash, CSRF, the user, the province router and
 * the ~20 feature routers, none of which changes an anonymous GET of these pages (the page itself is
 * only ever kept by its own route's handler, after the whole stack ran for that very key).
 *
 * Only a GET of a ward's page by a visitor who sends neither a session cookie nor a flash message
 * comes here: with either, the request takes the ordinary way (an officer's page, or a message to
 * show once) and the handler decides. Anything not kept, or kept at another stamp, goes on too; the
 * handler reuses the stamp read here.
 */
export function serveKeptPages(pages: readonly KeptPage[], sessionName: string) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || !req.ward || hasCookie(req.headers.cookie, sessionCookie(req, sessionName).name)) return next();
    for (const page of pages) {
      const param = page.match(req.path);
      if (param === null) continue;
      const { kept } = await page.lookup(req, res, param);
      if (kept) return page.send(req, res, kept);
      break;
    }
    next();
  };
}

/**
 * For src/middleware/ward.ts: the stamp of the kept page a GET is for, to be read in the ward's own statement
 * (one round trip for a kept view instead of two). Asked before the ward and its cookies are known, so it does
 * not check them: a request that will not be served a kept page (an officer's) only reads one number more.
 * Otherwise, the value one of `reads` (src/lib/beside-ward.ts) wants for this request, if any.
 */
export function stampsBesideWard(pages: readonly KeptPage[], reads: readonly ReadBesideWard[] = []) {
  return (req: Request, path: string): WardCompanion | null => {
    // An address with a NUL is refused after the ward (refuseNulInUrl); PostgreSQL cannot even be sent one.
    if (req.originalUrl.includes('%00')) return null;
    for (const read of [...pages, ...reads]) {
      const companion = read.companion(req, path);
      if (companion) return companion;
    }
    return null;
  };
}

/** Whether the Cookie header names the session cookie or a flash message (by name: any value counts). */
function hasCookie(header: string | undefined, session: string): boolean {
  if (!header) return false;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    const name = (eq === -1 ? part : part.slice(0, eq)).trim();
    if (name === session || name === FLASH_COOKIE) return true;
  }
  return false;
}
