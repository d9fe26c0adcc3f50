import type { NextFunction, Request, Response } from 'express';

export type FlashMessage = { kind: 'success' | 'info' | 'error'; text: string };

declare module 'express-session' {
  interface SessionData {
    userId?: string;
    flash?: FlashMessage[];
    loginAt?: number;
    /** A form kept from an expired session (features/auth/form-stash.ts), shown once after login. */
    formStash?: string;
  }
}

/** Post/redirect/get: a handler calls `req.flash(...)` before redirecting; the next page shows it once. */
export function flash(req: Request, res: Response, next: NextFunction) {
  req.flash = (kind, text) => {
    if (!req.session) return;
    req.session.flash = [...(req.session.flash ?? []), { kind, text }];
  };
  res.locals.flashMessages = req.session?.flash ?? [];
  if (req.session?.flash) delete req.session.flash;
  next();
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      flash(kind: FlashMessage['kind'], text: string): void;
    }
  }
}
