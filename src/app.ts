import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
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
import { viewHelpers } from './lib/view-helpers.js';
import { AppError } from './lib/app-error.js';
import { StorageGuard } from './lib/storage-guard.js';
import { healthRouter } from './features/health/health.routes.js';
import { authRouter } from './features/auth/auth.routes.js';
import { homeRouter } from './features/home/home.routes.js';
import { featureRouters } from './features/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the Express app from its dependencies; src/server.ts only listens. */
export function createApp(ctx: AppContext) {
  const app = express();
  app.set('view engine', 'ejs');
  app.set('views', path.join(root, 'views'));
  app.set('trust proxy', ctx.config.trustProxy ?? false);
  app.disable('x-powered-by');
  // Defaults so that an error page rendered early (before these are loaded) still works.
  Object.assign(app.locals, viewHelpers, { baseUrl: ctx.config.baseUrl, ward: null, currentUser: null, flashMessages: [], csrfToken: '', currentPath: '' });

  app.use(
    pinoHttp({
      logger: ctx.logger,
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url?.startsWith('/static/') === true },
      // Never log cookies or form bodies: they may hold personal data.
      serializers: { req: (req) => ({ method: req.method, url: req.url }), res: (res) => ({ statusCode: res.statusCode }) },
    }),
  );
  // Backstop for anything slower than the database limits: a 503 rather than a request left hanging.
  // Uploads are left out (a slow phone connection may take longer to send the file).
  app.use((req, res, next) => {
    if (!ctx.config.requestTimeoutMs || req.is('multipart/form-data')) return next();
    const timer = setTimeout(() => {
      if (res.headersSent) return;
      ctx.logger.error({ url: req.originalUrl }, `no answer within ${ctx.config.requestTimeoutMs} ms`);
      next(AppError.unavailable());
    }, ctx.config.requestTimeoutMs);
    res.on('close', () => clearTimeout(timer));
    next();
  });
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
  // A write to a SQLite file deleted under the server would be acknowledged and then lost: refuse it.
  app.use((req, _res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const problem = guard.databaseFileProblem();
    if (!problem) return next();
    ctx.logger.error(problem);
    next(AppError.unavailable());
  });
  app.use(loadWard(ctx));

  app.use(express.urlencoded({ extended: true, limit: '300kb', parameterLimit: 2000 }));
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
  app.use(flash);
  app.use(csrf);
  app.use(loadUser(ctx.db));
  // Officer pages (some list commenters' contact details) and anything a signed-in officer sees
  // must not be kept by the browser's cache or a shared proxy.
  app.use((req, res, next) => {
    if (req.user || req.path.startsWith('/can-bo')) res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // The navigation marks the section the visitor is in (aria-current).
  app.use((req, res, next) => {
    res.locals.currentPath = req.path;
    next();
  });

  app.use(homeRouter(ctx));
  app.use(authRouter(ctx));
  for (const router of featureRouters(ctx)) app.use(router);

  app.use(notFound);
  app.use(errorHandler(ctx.config.isProduction));
  return app;
}
