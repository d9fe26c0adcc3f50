/**
 * What an officer typed is not lost when their session has expired (issue 11).
 * A POST to an officer page that fails only because nobody is signed in any more
 * (the CSRF token died with the session, or the route wants a user) gets the login
 * page instead of an error, carrying the posted text fields in a short-lived signed
 * "stash". After logging in again the officer sees the same fields on a page that
 * sends them to the original form's address — once they have read them and pressed
 * the button (never automatically: the text could have been planted by another site).
 * Self-contained: it needs only the session secret and req.body; files cannot be kept.
 */
import crypto from 'node:crypto';
import type { Request } from 'express';

export const STASH_MINUTES = 30;
const MAX_STASH_CHARS = 200_000;
/** Fields never carried over: the old CSRF token and login details. */
const SKIP = new Set(['_csrf', 'password', 'username', 'next', 'stash']);

export type StashedForm = { path: string; fields: [string, string][] };

const mac = (secret: string, data: string) => crypto.createHmac('sha256', secret).update(`form-stash:${data}`).digest('base64url');

/** The request's text fields as name/value pairs (arrays and qs objects flattened back to form names). */
function flatten(body: unknown, prefix = ''): [string, string][] {
  if (typeof body === 'string') return prefix ? [[prefix, body]] : [];
  if (Array.isArray(body)) return body.flatMap((v) => flatten(v, prefix));
  if (body && typeof body === 'object') {
    return Object.entries(body as Record<string, unknown>).flatMap(([k, v]) => (!prefix && SKIP.has(k) ? [] : flatten(v, prefix ? `${prefix}[${k}]` : k)));
  }
  return [];
}

/** A stash for this request, or null when it is not an officer form that can be kept. */
export function stashFor(req: Request, secret: string, now: Date): string | null {
  if (req.method !== 'POST' || req.user || !req.path.startsWith('/can-bo/') || !req.is('application/x-www-form-urlencoded')) return null;
  const fields = flatten(req.body);
  if (!fields.some(([, v]) => v.trim() !== '')) return null;
  const data = Buffer.from(JSON.stringify({ p: req.path, f: fields, e: now.getTime() + STASH_MINUTES * 60_000 })).toString('base64url');
  if (data.length > MAX_STASH_CHARS) return null;
  return `${data}.${mac(secret, data)}`;
}

/** The stashed form if the signature holds and it has not expired. */
export function readStash(token: unknown, secret: string, now: Date): StashedForm | null {
  if (typeof token !== 'string' || token.length > MAX_STASH_CHARS + 100) return null;
  const [data, sig] = token.split('.');
  if (!data || !sig) return null;
  const expected = Buffer.from(mac(secret, data));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(data, 'base64url').toString('utf8')) as { p: string; f: [string, string][]; e: number };
    if (parsed.e < now.getTime() || !parsed.p.startsWith('/can-bo/')) return null;
    return { path: parsed.p, fields: parsed.f };
  } catch {
    return null;
  }
}

/** Error middleware placed before the error handler: an expired session on an officer form becomes the login page with the stash. */
export function keepTypedOnExpiredSession(secret: string, now: () => Date) {
  return (err: unknown, req: Request, res: import('express').Response, next: import('express').NextFunction) => {
    const status = typeof err === 'object' && err !== null ? (err as { status?: number }).status : undefined;
    const code = typeof err === 'object' && err !== null ? (err as { code?: string }).code : undefined;
    const sessionGone = status === 401 || (status === 403 && (code === 'EBADCSRFTOKEN' || /csrf/i.test(String((err as Error).message))));
    // Only when nobody is signed in any more: a signed-in officer's refused token is a forged or stale form, not an expired session.
    const stash = sessionGone && !req.session?.userId ? stashFor(req, secret, now()) : null;
    if (!stash || res.headersSent) return next(err);
    res.status(401).render('auth/login', {
      title: 'Đăng nhập cán bộ',
      values: { next: '/can-bo', stash },
      errors: null,
      expired: true,
    });
  };
}
