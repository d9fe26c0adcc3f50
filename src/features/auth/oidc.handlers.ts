import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { AppError } from '../../lib/app-error.js';
import { sameSecret } from '../../lib/signing.js';
import { openSession, wardBase } from './auth.handlers.js';
import { safeNextPath } from './auth.schemas.js';
import { officerForSubject } from './auth.service.js';
import { type OidcClient, SIGN_IN_REFUSED } from './oidc.client.js';
import { clearFlowCookie, readFlowCookie, setFlowCookie } from './oidc.flow.js';

/**
 * Officer sign-in through the province's single sign-on. The paths sit under
 * the ward's own prefix, so the provider returns the officer to the ward he
 * started from, and the callback checks the flow was started for this ward.
 */
export function oidcHandlers(ctx: AppContext, client: OidcClient) {
  const secure = ctx.config.isProduction;
  const flowPath = (res: Response) => `${wardBase(res)}/dang-nhap/sso`;
  /** Registered at the provider as this ward's redirect URI. */
  // The ward's own address as this request reached it (BASE_URL, BASE_URL/phuong/<slug> or the ward's host name).
  const callbackUrl = (req: Request) => `${req.wardUrl}/dang-nhap/sso/callback`;

  function refuseOfficer(res: Response, next: string, message: string, subject?: string) {
    res.status(403).render('auth/login', {
      title: 'Đăng nhập cán bộ',
      values: { next },
      errors: null,
      sso: { label: ctx.config.oidc?.label ?? '', next },
      ssoRefusal: { message, subject },
    });
  }

  return {
    /** A link, not a form: a form posted to a page that redirects to the provider would be blocked by the CSP's form-action. */
    async start(req: Request, res: Response) {
      const next = safeNextPath(req.query.next);
      if (req.user) return res.redirect(next);
      const started = await client.startSignIn(callbackUrl(req));
      setFlowCookie(
        res,
        { secret: ctx.config.sessionSecret, secure, path: flowPath(res), now: ctx.now() },
        { state: started.state, nonce: started.nonce, codeVerifier: started.codeVerifier, wardId: req.ward.id, next },
      );
      res.redirect(303, started.url.href);
    },

    async callback(req: Request, res: Response, next: NextFunction) {
      const flow = readFlowCookie(req, ctx.config.sessionSecret, ctx.now());
      clearFlowCookie(res, { secure, path: flowPath(res) });
      const state = typeof req.query.state === 'string' ? req.query.state : '';
      // No flow cookie, an altered or expired one, one started for another ward, or a state that is not this browser's:
      // the answer may have been planted (login CSRF) and is refused before anything is sent to the provider.
      if (!flow || flow.wardId !== req.ward.id || !sameSecret(state, flow.state)) throw AppError.badRequest(SIGN_IN_REFUSED);

      const answer = new URL(callbackUrl(req));
      answer.search = new URL(req.originalUrl, 'http://callback.invalid').search;
      const identity = await client.finishSignIn(answer, flow);
      const match = await officerForSubject(ctx.db, req.ward.id, identity.subject);
      if (match.kind === 'unknown') {
        return refuseOfficer(
          res,
          flow.next,
          `Tài khoản dùng chung bạn vừa dùng chưa được gắn với tài khoản cán bộ nào của ${req.ward.name}, nên bạn chưa được đăng nhập. Hãy gửi mã định danh dưới đây cho quản trị viên của phường để được gắn tài khoản, hoặc đăng nhập bằng tên đăng nhập và mật khẩu.`,
          identity.subject,
        );
      }
      if (match.kind === 'inactive') {
        return refuseOfficer(
          res,
          flow.next,
          'Tài khoản cán bộ gắn với tài khoản dùng chung này đã bị khóa, nên bạn chưa được đăng nhập. Vui lòng liên hệ quản trị viên của phường.',
        );
      }
      openSession(req, res, next, match.user, { oidcIdToken: identity.idToken }, flow.next);
    },
  };
}
