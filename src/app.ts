import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import cookieParser from 'cookie-parser';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { PrismaSessionStore } from '@quixo3/prisma-session-store';
import type { AppContext } from './context.js';
import { csrf } from './middleware/csrf.js';
import { flash } from './middleware/flash.js';
import { loadUser } from './middleware/auth.js';
import { errorHandler, notFound } from './middleware/errors.js';
import { loadWard } from './middleware/ward.js';
import { normaliseBody, refuseNulInUrl } from './middleware/nfc.js';
import { viewHelpers } from './lib/view-helpers.js';
import { StorageGuard } from './lib/storage-guard.js';
import { noStoreForOfficers, refuseWritesWithoutDatabaseFile, requestTimeout } from './middleware/operations.js';
import { healthRouter } from './features/health/index.js';
import { authRouter } from './features/auth/index.js';
import { keepTypedOnExpiredSession } from './features/auth/index.js';
import { homeRouter } from './features/home/index.js';
import { featureRouters } from './features/index.js';
import { ONE_CLICK_UNSUBSCRIBE } from './features/subscriptions/index.js';

// src/app.ts, or dist/src/app.js when built for production: the project folder holds views/ and public/.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, path.basename(path.dirname(here)) === 'dist' ? '../..' : '..');

/** Builds the Express app from its dependencies; src/server.ts only listens. */
export function createApp(ctx: AppContext) {
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', path.join(root, 'views'));
  app.set('trust proxy', ctx.config.trustProxy);
  app.disable('x-powered-by');
  // Defaults so that an error page rendered early (before these are loaded) still works.
  Object.assign(app.locals, viewHelpers, { baseUrl: ctx.config.baseUrl, ward: null, currentUser: null, flashMessages: [], csrfToken: '', currentPath: '' });

  app.use(
    pinoHttp({
      logger: ctx.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/static/') === true },
      // Never log cookies or form bodies: they may hold personal data.
      // The CSRF token of a multipart form's action URL is cut from the logged URL.
      serializers: {
        req: (req) => ({ method: req.method, url: req.url?.replace(/([?&]_csrf=)[^&]*/, '$1…') }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(requestTimeout(ctx));
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          upgradeInsecureRequests: ctx.config.isProduction ? [] : null,
        },
      },
      hsts: ctx.config.isProduction,
    }),
  );
  app.use('/static', express.static(path.join(root, 'public'), { maxAge: ctx.config.isProduction ? '7d' : 0 }));
  const guard = new StorageGuard(ctx.config);
  app.use(healthRouter(ctx, guard));
  app.use(refuseWritesWithoutDatabaseFile(ctx, guard));
  app.use(loadWard(ctx));
  app.use(refuseNulInUrl);

  app.use(express.urlencoded({ extended: true, limit: '300kb', parameterLimit: 2000 }));
  app.use(cookieParser());
  app.use(normaliseBody);
  app.use(
    session({
      name: 'sid',
      secret: ctx.config.sessionSecret,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure: ctx.config.isProduction, maxAge: 8 * 60 * 60 * 1000 },
      store: new PrismaSessionStore(ctx.db as never, {
        checkPeriod: ctx.config.env === 'test' ? undefined : 10 * 60 * 1000,
        dbRecordIdIsSessionId: true,
        logger: false,
      }),
    }),
  );
  app.use(flash(ctx.config.sessionSecret, ctx.config.isProduction));
  // Every POST/PUT/PATCH/DELETE is checked here, whatever its encoding, before any router runs.
  // RFC 8058: a mail client's one-click unsubscribe carries no CSRF token; the signed token in its path is the authority.
  app.use(csrf({ ...ctx.config, exemptPosts: [ONE_CLICK_UNSUBSCRIBE] }));
  app.use(loadUser(ctx.db));
  app.use(noStoreForOfficers);
  // The navigation marks the section the visitor is in (aria-current).
  app.use((req, res, next) => {
    res.locals.currentPath = req.path;
    next();
  });

  app.use(homeRouter(ctx));
  app.use(authRouter(ctx));
  for (const router of featureRouters(ctx)) app.use(router);

  app.use(notFound);
  app.use(keepTypedOnExpiredSession(ctx.config.sessionSecret, ctx.now));
  app.use(errorHandler(ctx.config.isProduction));
  return app;
}
