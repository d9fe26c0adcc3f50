import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import { PrismaSessionStore } from '@quixo3/prisma-session-store';
import type { AppContext } from './context.js';
import { csrf } from './middleware/csrf.js';
import { flash } from './middleware/flash.js';
import { loadUser } from './middleware/auth.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { loadWard, requireWard } from './middleware/ward.js';
import { readSessionsOnHotPath, sessionsOnlyWithCookie, touchAtMostEvery, wardSessions } from './middleware/ward-session.js';
import { serveKeptPages, stampsBesideWard } from './middleware/kept-pages.js';
import { requestLog } from './middleware/request-log.js';
import { compactWhenQuiet } from './middleware/quiet-compaction.js';
import type { KeptPage } from './lib/page-cache.js';
import type { ReadBesideWard } from './lib/beside-ward.js';
import { scopeToWard } from './middleware/ward-scope.js';
import { withWardScope } from './db/scoped-client.js';
import { normaliseBody, refuseNulInUrl } from './middleware/nfc.js';
import { viewHelpers } from './lib/view-helpers.js';
import { useViews } from './lib/views.js';
import { StorageGuard } from './lib/storage-guard.js';
import { pipeline } from './middleware/pipeline.js';
import { headersComputedOnce, noStoreForOfficers, refuseWritesWithoutDatabaseFile, requestTimeout } from './middleware/operations.js';
import { healthRouter } from './features/health/index.js';
import { authRouter } from './features/auth/index.js';
import { keepTypedOnExpiredSession } from './features/auth/index.js';
import { homeRouter } from './features/home/index.js';
import { featureRouters } from './features/index.js';
import { provinceRouter } from './features/province/index.js';
import { ONE_CLICK_UNSUBSCRIBE } from './features/subscriptions/index.js';

// src/app.ts, or dist/src/app.js when built for production: the project folder holds views/ and public/.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, path.basename(path.dirname(here)) === 'dist' ? '../..' : '..');

/** The officers' session cookie at the root (`sid-<slug>` under a ward's prefix, src/middleware/ward-session.ts). */
const SESSION_COOKIE = 'sid';

/** Builds the Express app from its dependencies; src/server.ts only listens. */
export function createApp(appCtx: AppContext) {
  // Every query of the app goes through the ward-scoped access layer (src/db/scoped-client.ts).
  const ctx: AppContext = { ...appCtx, db: withWardScope(appCtx.db) };
  const app = express();
  useViews(app, path.join(root, 'views'));
  app.set('trust proxy', ctx.config.trustProxy);
  app.disable('x-powered-by');
  // Defaults so that an error page rendered early (before these are loaded) still works.
  Object.assign(app.locals, viewHelpers, { baseUrl: ctx.config.baseUrl, ward: null, currentUser: null, flashMessages: [], csrfToken: '', currentPath: '' });

  app.use(
    pipeline(
      // What a burst of requests left in V8's heap goes back to the system when the burst ends (not in
      // tests: their processes hold many apps and their own large heaps; tests/middleware/quiet-compaction.test.ts).
      ...(ctx.config.env === 'test' ? [] : [compactWhenQuiet()]),
      // One JSON line per request (src/middleware/request-log.ts); health checks and static files are not logged.
      requestLog(app, ctx.logger, (url) => url === '/healthz' || url.startsWith('/static/')),
      requestTimeout(ctx),
      // Helmet's headers are constants here: computed once at start and set on every response.
      headersComputedOnce(
        helmet({
          contentSecurityPolicy: {
            directives: {
              defaultSrc: ["'self'"],
              scriptSrc: ["'self'"],
              styleSrc: ["'self'"],
              imgSrc: ["'self'", 'data:'],
              // Signing out of the province's single sign-on is a form posted here that the browser follows to the provider.
              formAction: ["'self'", ...(ctx.config.oidc ? [new URL(ctx.config.oidc.issuerUrl).origin] : [])],
              frameAncestors: ["'none'"],
              objectSrc: ["'none'"],
              upgradeInsecureRequests: ctx.config.isProduction ? [] : null,
            },
          },
          hsts: ctx.config.isProduction,
        }),
      ),
    ),
  );
  app.use('/static', express.static(path.join(root, 'public'), { maxAge: ctx.config.isProduction ? '7d' : 0 }));
  const guard = new StorageGuard(ctx.config);
  app.use(healthRouter(ctx, guard));
  // Anonymous views of the kept public pages are answered below, before the rest of the stack; the routes
  // fill this list with their kept pages (the draft page, the list, the feeds, the home page). Their stamps
  // are read in the same statement as the ward.
  const keptPages: KeptPage[] = [];
  // Values some routes' handlers need, read in the ward's statement too (src/lib/beside-ward.ts).
  const besideWard: ReadBesideWard[] = [];
  app.use(
    pipeline(
      refuseWritesWithoutDatabaseFile(ctx, guard),
      loadWard(ctx, stampsBesideWard(keptPages, besideWard)),
      scopeToWard,
      refuseNulInUrl,
      serveKeptPages(keptPages, SESSION_COOKIE),
    ),
  );

  const sessions = wardSessions({
    name: SESSION_COOKIE,
    secret: ctx.config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: { httpOnly: true, sameSite: 'lax', secure: ctx.config.isProduction, maxAge: 8 * 60 * 60 * 1000 },
    // A session's expiry is moved forward at most once a minute, not written on every officer's page view.
    // Read through the hot path's prepared statement (every officer page reads its session).
    store: readSessionsOnHotPath(
      touchAtMostEvery(
        new PrismaSessionStore(ctx.db as never, {
          checkPeriod: ctx.config.env === 'test' ? undefined : 10 * 60 * 1000,
          dbRecordIdIsSessionId: true,
          logger: false,
        }),
        60_000,
      ),
      ctx.db,
    ),
  });
  app.use(
    pipeline(
      express.urlencoded({ extended: true, limit: '300kb', parameterLimit: 2000 }),
      cookieParser(),
      normaliseBody,
      // Only a request with the session cookie loads its session; the routes that open or end one load it themselves (withSession).
      sessionsOnlyWithCookie(sessions, SESSION_COOKIE),
      flash(ctx.config.sessionSecret, ctx.config.isProduction),
      // Every POST/PUT/PATCH/DELETE is checked here, whatever its encoding, before any router runs.
      // RFC 8058: a mail client's one-click unsubscribe carries no CSRF token; the signed token in its path is the authority.
      csrf({ ...ctx.config, exemptPosts: [ONE_CLICK_UNSUBSCRIBE] }),
      loadUser(ctx.db),
      noStoreForOfficers,
      // The navigation marks the section the visitor is in (aria-current).
      (req, res, next) => {
        res.locals.currentPath = req.path;
        next();
      },
    ),
  );

  // A ward's pages (at the root, or under /phuong/<slug>/ with the prefix taken off by loadWard). The
  // busiest of them that are not kept (a comment's post and its receipt) come first (featureRouters).
  const { first, rest } = featureRouters(ctx, keptPages, besideWard);
  const wardPages = express.Router();
  wardPages.use(requireWard);
  for (const router of first) wardPages.use(router);
  wardPages.use(homeRouter(ctx, keptPages));
  wardPages.use(authRouter(ctx));
  for (const router of rest) wardPages.use(router);
  app.use(wardPages);
  // The province's pages (/tinh…, and / when the request has no ward): they belong to no ward, so
  // requireWard sends them past the ward's pages to here.
  app.use(provinceRouter(ctx));

  app.use(notFound);
  app.use(keepTypedOnExpiredSession(ctx.config.sessionSecret, ctx.now));
  app.use(errorHandler(ctx.config.isProduction));
  return app;
}
