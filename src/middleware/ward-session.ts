import type { NextFunction, Request, RequestHandler, Response } from 'express';
import session, { type SessionData, type SessionOptions, type Store } from 'express-session';
import type { Db } from '../db/client.js';
import { hotRead, rawDate } from '../db/hot-sql.js';

/**
 * Officers' sessions, one cookie per way a ward is reached: `sid` (Path=/) for the
 * ward at the root, `sid-<slug>` (Path=/phuong/<slug>) under a ward's prefix, so
 * the browser never sends one ward's session cookie to another ward's pages, and
 * signing in to one ward leaves a session in another untouched. Every session
 * also names its ward (`session.wardId`, checked by loadUser): a cookie carried
 * elsewhere by hand grants nothing. The middlewares differ only in the cookie
 * and share the store, so they are kept per ward (immutable, bounded by the wards).
 */
export function wardSessions(options: SessionOptions & { name: string; store: Store }): RequestHandler {
  const store = options.store as Store & { generate: (req: Request) => void };
  store.setMaxListeners(0); // each express-session instance listens to the shared store
  // express-session puts its new-session maker (with its cookie's name and path) on the store
  // itself, where the last instance made would win: keep each one and choose by the request.
  const generators = new Map<string, (req: Request) => void>();
  const make = (base: string, opts: SessionOptions) => {
    const handler = session(opts);
    generators.set(base, store.generate);
    store.generate = (req: Request) => (generators.get(req.wardBase ?? '') ?? generators.get(''))?.(req);
    return handler;
  };
  const root = make('', options);
  const byBase = new Map<string, RequestHandler>();
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.wardBase) return root(req, res, next);
    let handler = byBase.get(req.wardBase);
    if (!handler) {
      const cookie = sessionCookie(req, options.name);
      handler = make(req.wardBase, { ...options, name: cookie.name, cookie: { ...options.cookie, path: cookie.path } });
      byBase.set(req.wardBase, handler);
    }
    handler(req, res, next);
  };
}

declare global {
  namespace Express {
    interface Request {
      /** Present when the request came without the session cookie and so skipped the session: loads it (see withSession). */
      loadSession?: (next: NextFunction) => void;
    }
  }
}

/**
 * Sessions exist only for signed-in officers. A request without the session cookie has none to load, so it
 * skips express-session, which would otherwise draw a random id and build a cookie for it (and, once anything
 * touched the session, write a row): every page view, every resident's form (a comment, a subscription, a
 * consent withdrawn). Only the routes that open or end a session load it for such a request (withSession).
 */
export function sessionsOnlyWithCookie(sessions: RequestHandler, rootName: string): RequestHandler {
  return (req, res, next) => {
    if (req.cookies?.[sessionCookie(req, rootName).name]) return sessions(req, res, next);
    req.loadSession = (done) => sessions(req, res, done);
    next();
  };
}

/**
 * Route middleware of the few routes that open a session (a login accepted, the single sign-on's return) or
 * end one (logout): loads the session for a request that came without its cookie. The route runs it, so any
 * spelling of the path the router accepts gets it.
 */
export function withSession(req: Request, _res: Response, next: NextFunction) {
  if (req.session || !req.loadSession) return next();
  req.loadSession(next);
}

/** The session cookie's name and path for this request (logout clears exactly it). */
export function sessionCookie(req: Request, rootName = 'sid'): { name: string; path: string } {
  if (!req.wardBase) return { name: rootName, path: '/' };
  return { name: `${rootName}-${req.ward.slug}`, path: req.wardBase };
}

/**
 * With `rolling: true` express-session asks the store to touch the session (a read and a write of
 * its row with PrismaSessionStore) after every request that did not change it: every page an
 * officer opened wrote the database. The touch only moves the server-side expiry (8 hours) forward,
 * so once a minute per session is enough: a session then ends at most a minute earlier on the
 * server than its cookie says. Remembered per process (bounded); each process touches on its own.
 */
export function touchAtMostEvery<S extends Store>(store: S, ms: number, now: () => number = Date.now): S {
  const touch = store.touch?.bind(store);
  if (!touch) return store;
  const lastTouch = new Map<string, number>();
  store.touch = (sid, sess, callback) => {
    const t = now();
    const previous = lastTouch.get(sid);
    if (previous !== undefined && t - previous < ms) return callback?.();
    if (lastTouch.size >= 10_000) lastTouch.clear();
    lastTouch.set(sid, t);
    touch(sid, sess, callback);
  };
  return store;
}

const SESSION_BY_SID = 'SELECT "data", "expiresAt" FROM "Session" WHERE "sid" = $1';

/**
 * Reads a session by one statement prepared once (src/db/hot-sql.ts) instead of the store's Prisma
 * query (with a `$connect` before it): every page an officer opens reads its session, and through
 * Prisma that read cost ~0.5 ms of CPU (issue 10). What the store does with a row is kept: no row is
 * no session, the data is the store's JSON; an expired row, or a read that fails, goes to the store's
 * own `get`, which deletes it or reports the error. The Session table holds no ward data.
 */
export function readSessionsOnHotPath<S extends Store>(store: S, db: Db, now: () => number = Date.now): S {
  const get = store.get.bind(store);
  store.get = (sid, callback) => {
    hotRead<{ data: string | null; expiresAt: Date | string | number }>(db, SESSION_BY_SID, [sid]).then(
      ([row]) => {
        // Out of the promise, as the store answers: an exception in what the callback runs is not a rejection here.
        if (!row) return process.nextTick(callback, null, null);
        if (now() >= rawDate(row.expiresAt).getTime()) return get(sid, callback);
        let data: SessionData;
        try {
          data = JSON.parse(row.data ?? '{}') as SessionData;
        } catch (err) {
          return process.nextTick(callback, err);
        }
        process.nextTick(callback, null, data);
      },
      () => get(sid, callback),
    );
  };
  return store;
}
