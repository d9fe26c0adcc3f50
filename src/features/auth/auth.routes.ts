import { Router } from 'express';
import type { AppContext } from '../../context.js';
import { authHandlers } from './auth.handlers.js';
import { requireRole } from '../../middleware/auth.js';
import { withSession } from '../../middleware/ward-session.js';
import { OidcClient } from './oidc.client.js';
import { oidcHandlers } from './oidc.handlers.js';

/** The one GET that opens a session: the province's single sign-on comes back here. */
const SSO_CALLBACK_PATH = '/dang-nhap/sso/callback';

export function authRouter(ctx: AppContext) {
  const router = Router();
  // The province's single sign-on, when configured (OIDC_* variables): one client per app, its provider metadata cached.
  const sso = ctx.config.oidc ? new OidcClient(ctx.config.oidc, ctx.logger) : null;
  const h = authHandlers(ctx, sso);
  router.get('/dang-nhap', h.showLogin);
  router.post('/dang-nhap', withSession, h.login);
  if (sso) {
    const o = oidcHandlers(ctx, sso);
    router.get('/dang-nhap/sso', o.start);
    router.get(SSO_CALLBACK_PATH, withSession, o.callback);
  }
  router.post('/dang-xuat', withSession, h.logout);
  router.get('/can-bo/khoi-phuc', requireRole(), h.restore);
  return router;
}
