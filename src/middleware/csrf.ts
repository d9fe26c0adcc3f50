import type { NextFunction, Request, Response } from 'express';
import type { AppConfig } from '../config/index.js';
import { AppError } from '../lib/app-error.js';
import { cookieIn } from '../lib/request.js';
import { hmac, randomId, sameSecret } from '../lib/signing.js';

/**
 * CSRF protection for every state-changing request, checked here, once, before
 * any router or body-consuming middleware (multer) runs.
 *
 * Design: a signed double-submit token that needs no stored session, so an
 * anonymous visitor (reading, commenting, looking up a receipt) never causes a
 * database write.
 * - Each browser gets a random id in an HttpOnly, SameSite=Lax cookie
 *   (`__Host-csrf` in production: Secure, Path=/, no Domain, so a sibling
 *   sub-domain cannot plant one). It is set when a page is rendered.
 * - The token in forms is HMAC(SESSION_SECRET, browser id, session id when
 *   signed in). Another browser's token, or a token made before login or for
 *   another (destroyed) session, does not verify. Tokens cannot be made without
 *   the secret, so a cross-site form cannot supply one.
 * - Where the token is read from: the `X-CSRF-Token` header (any encoding); the
 *   `_csrf` field of urlencoded forms (parsed before this check); and, for
 *   multipart forms only, the `_csrf` query parameter of the form's action URL.
 *   Multipart bodies are streamed by multer inside the upload routes, after this
 *   check, so the token travels in the URL (views/partials/csrf-action.ejs);
 *   Referrer-Policy: no-referrer (helmet) and the log serializer keep it from
 *   leaking. JSON, text/plain or any other body is never parsed here, so such a
 *   request must use the header and is otherwise refused.
 * A refused request gets 403 and the Vietnamese error page; nothing runs.
 */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export type CsrfOptions = Pick<AppConfig, 'sessionSecret' | 'isProduction'> & {
  /** POST paths that carry their own authority instead of a token (RFC 8058 one-click unsubscribe links). */
  exemptPosts?: RegExp[];
};

export function csrfCookieName(isProduction: boolean) {
  return isProduction ? '__Host-csrf' : 'csrf';
}

declare global {
  namespace Express {
    interface Request {
      /** The browser's random id from the CSRF cookie (also the per-browser rate-limit key); set once verified or issued. */
      browserId?: string;
    }
  }
}

/**
 * The browser-id cookie and the tokens bound to it: one definition for the CSRF check below and for a
 * form page answered before it runs (the kept comment form, src/features/comments), so both issue the
 * same cookie with the same options and make the same token.
 */
export function csrfTokens(opts: Pick<AppConfig, 'sessionSecret' | 'isProduction'>) {
  const cookieName = csrfCookieName(opts.isProduction);
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure: opts.isProduction, path: '/', maxAge: 365 * 24 * 60 * 60 * 1000 };
  const validId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9_-]{20,64}$/.test(v);
  /** The browser id the request's cookie carries (read from the header when cookie-parser has not run yet), or undefined. */
  const browserIdOf = (req: Request): string | undefined => {
    const v = req.cookies ? (req.cookies as Record<string, unknown>)[cookieName] : cookieIn(req.headers.cookie, cookieName);
    return validId(v) ? v : undefined;
  };
  /** Signed in: the token is bound to this session; anonymous: to the browser only. */
  const tokenFor = (req: Request, browserId: string) => hmac(opts.sessionSecret, 'csrf', browserId, req.session?.userId ? req.sessionID : '');
  /**
   * The token a page puts in its forms, for this browser: a browser without a valid cookie gets a new id
   * and its cookie here (unless the answer has gone out already), once per request.
   */
  const pageToken = (req: Request, res: Response): string => {
    let browserId = req.browserId ?? browserIdOf(req);
    if (!browserId) {
      browserId = randomId(24);
      if (!res.headersSent) res.cookie(cookieName, browserId, cookieOptions);
    }
    req.browserId = browserId;
    return tokenFor(req, browserId);
  };
  return { browserIdOf, tokenFor, pageToken };
}

export function csrf(opts: CsrfOptions) {
  const tokens = csrfTokens(opts);

  return (req: Request, res: Response, next: NextFunction) => {
    const browserId = tokens.browserIdOf(req);
    if (browserId) req.browserId = browserId;
    // The token (and the cookie it needs) is made only when a page reads it —
    // feeds, files and the sitemap set no cookie — and a form re-rendered after
    // a POST (or on the 403 page) gets a valid one, bound to the session as it is by then.
    Object.defineProperty(res.locals, 'csrfToken', {
      enumerable: true,
      configurable: true,
      get: () => tokens.pageToken(req, res),
    });

    const exempt = req.method === 'POST' && (opts.exemptPosts ?? []).some((re) => re.test(req.path));
    if (STATE_CHANGING.has(req.method) && !exempt) {
      const sent = tokenFrom(req);
      if (!browserId || !sent || !sameSecret(sent, tokens.tokenFor(req, browserId))) {
        // Discard an unread (multipart) body rather than buffer it.
        req.resume();
        // The code lets the expired-session handler (features/auth/form-stash.ts) keep what an officer typed.
        return next(
          Object.assign(new AppError(403, 'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ. Vui lòng tải lại trang và thử lại.'), {
            code: 'EBADCSRFTOKEN',
          }),
        );
      }
      // A body no parser read (JSON, text, multipart on a route without uploads) is an empty
      // form to the handlers, never undefined; multer replaces it on the upload routes.
      if (req.body === undefined) req.body = {};
    }

    next();
  };
}

function tokenFrom(req: Request): string | undefined {
  const header = req.get('x-csrf-token');
  if (header) return header;
  if (req.is('multipart/form-data')) return typeof req.query._csrf === 'string' ? req.query._csrf : undefined;
  const field = (req.body as Record<string, unknown> | undefined)?._csrf;
  return typeof field === 'string' ? field : undefined;
}
