import type { NextFunction, Request, Response } from 'express';
import { signValue, unsignValue } from '../lib/signing.js';

export type FlashMessage = { kind: 'success' | 'info' | 'error'; text: string };

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    /** The ward the session was made for: another ward's deployment does not accept it. */
    wardId?: string;
    loginAt?: number;
    /** A form kept from an expired session (features/auth/form-stash.ts), shown once after login. */
    formStash?: string;
  }
}

/** The cookie a flash message travels in (src/middleware/kept-pages.ts leaves such a request to the handlers). */
export const FLASH_COOKIE = 'flash';
const COOKIE = FLASH_COOKIE;
const KINDS = new Set(['success', 'info', 'error']);

/**
 * Post/redirect/get: a handler calls `req.flash(...)` before redirecting; the
 * next page shows it once. The messages travel in a short-lived signed cookie,
 * not in the session, so an anonymous resident's "thank you" needs no session
 * row (sessions exist only for signed-in officers).
 */
export function flash(secret: string, isProduction: boolean) {
  const options = { httpOnly: true, sameSite: 'lax' as const, secure: isProduction, path: '/', maxAge: 5 * 60 * 1000 };
  return (req: Request, res: Response, next: NextFunction) => {
    const pending: FlashMessage[] = [];
    req.flash = (kind, text) => {
      pending.push({ kind, text });
      res.cookie(COOKIE, signValue(secret, COOKIE, Buffer.from(JSON.stringify(pending)).toString('base64url')), options);
    };
    const raw = (req.cookies as Record<string, unknown> | undefined)?.[COOKIE];
    res.locals.flashMessages = [];
    if (raw !== undefined) {
      res.locals.flashMessages = decode(unsignValue(secret, COOKIE, raw));
      res.clearCookie(COOKIE, { path: '/', secure: isProduction, sameSite: 'lax', httpOnly: true });
    }
    next();
  };
}

function decode(value: string | null): FlashMessage[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((m): m is FlashMessage => typeof m?.text === 'string' && KINDS.has(m?.kind)).slice(0, 5);
  } catch {
    return [];
  }
}

declare global {
  namespace Express {
    interface Request {
      flash(kind: FlashMessage['kind'], text: string): void;
    }
  }
}
