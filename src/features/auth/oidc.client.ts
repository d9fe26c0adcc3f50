/**
 * The portal as an OpenID Connect relying party of the province's single
 * sign-on, through `openid-client` (v6): discovery, the authorization code flow
 * with PKCE (S256), state and nonce, ID token validation, and RP-initiated
 * logout. Nothing here touches the database or Express.
 */
import type * as Oidc from 'openid-client';
import type { Logger } from 'pino';
import type { OidcConfig } from '../../config/index.js';
import { AppError } from '../../lib/app-error.js';

/** openid-client is loaded when single sign-on is first used, not at start: most wards have none (issue 10: idle memory). */
const openidClient = () => import('openid-client');

/** The provider's metadata is re-read after an hour, so a province that changes endpoints or keys is followed without a restart. */
const METADATA_TTL_MS = 60 * 60 * 1000;
/** Seconds for each call to the provider; the request backstop (REQUEST_TIMEOUT_MS, 10 s) is longer. */
const PROVIDER_TIMEOUT_S = 5;

export const PROVIDER_UNAVAILABLE =
  'Chưa kết nối được dịch vụ đăng nhập dùng chung của tỉnh. Vui lòng thử lại sau ít phút hoặc đăng nhập bằng tên đăng nhập và mật khẩu.';
export const SIGN_IN_REFUSED =
  'Không hoàn tất được đăng nhập bằng tài khoản dùng chung: yêu cầu đăng nhập không hợp lệ hoặc đã hết hạn. Không có phiên đăng nhập nào được tạo. Vui lòng bắt đầu đăng nhập lại từ trang Đăng nhập cán bộ.';

export type SignInStart = { url: URL; codeVerifier: string; state: string; nonce: string };
export type ProviderIdentity = { subject: string; idToken: string };

export class OidcClient {
  private cached: { at: number; configuration: Promise<Oidc.Configuration> } | null = null;

  constructor(
    private readonly settings: OidcConfig,
    private readonly logger: Logger,
  ) {}

  /** Discovered once and kept for an hour (immutable per provider, so several app processes may each keep their own). */
  private configuration(): Promise<Oidc.Configuration> {
    if (this.cached && Date.now() - this.cached.at < METADATA_TTL_MS) return this.cached.configuration;
    const configuration = openidClient()
      .then((oidc) =>
        oidc.discovery(new URL(this.settings.issuerUrl), this.settings.clientId, undefined, oidc.ClientSecretBasic(this.settings.clientSecret), {
          timeout: PROVIDER_TIMEOUT_S,
          // Plain http is only possible outside production (src/config refuses it there): a provider on this machine in tests and demos.
          execute: this.settings.issuerUrl.startsWith('http:') ? [oidc.allowInsecureRequests] : [],
        }),
      )
      .catch((err: unknown) => {
        this.cached = null;
        this.logger.warn({ err }, 'single sign-on: provider discovery failed');
        throw AppError.unavailable(PROVIDER_UNAVAILABLE);
      });
    this.cached = { at: Date.now(), configuration };
    return configuration;
  }

  /** Where to send the browser: the provider's authorization endpoint with a fresh state, nonce and PKCE challenge. */
  async startSignIn(redirectUri: string): Promise<SignInStart> {
    const [configuration, oidc] = await Promise.all([this.configuration(), openidClient()]);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      // Only the subject is needed to find the officer's account: no profile or e-mail is asked for.
      scope: 'openid',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ui_locales: 'vi',
    });
    return { url, codeVerifier, state, nonce };
  }

  /**
   * Checks the provider's answer at the callback (state, issuer, code for tokens
   * with the PKCE verifier, ID token signature, audience, nonce and times) and
   * returns the subject. A refused or cancelled sign-in is a 400; a provider out
   * of reach a 503.
   */
  async finishSignIn(callbackUrl: URL, checks: { codeVerifier: string; state: string; nonce: string }): Promise<ProviderIdentity> {
    const [configuration, oidc] = await Promise.all([this.configuration(), openidClient()]);
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: checks.codeVerifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const subject = tokens.claims()?.sub;
      if (!subject || !tokens.id_token) throw AppError.badRequest(SIGN_IN_REFUSED);
      return { subject, idToken: tokens.id_token };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (isUnreachable(err)) {
        this.logger.warn({ err }, 'single sign-on: provider unreachable at the token endpoint');
        throw AppError.unavailable(PROVIDER_UNAVAILABLE);
      }
      // access_denied (the officer cancelled), a code used twice, a token that does not verify: refused, logged without the tokens.
      this.logger.warn(
        { error: (err as { error?: string }).error, code: (err as { code?: string }).code, message: (err as Error).message },
        'single sign-on refused',
      );
      throw AppError.badRequest(SIGN_IN_REFUSED);
    }
  }

  /**
   * The provider's end-session address (RP-initiated logout) with the ID token
   * as hint and where to come back, or null when the provider offers none or
   * cannot be reached (the portal session is ended anyway).
   */
  async endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL | null> {
    try {
      const [configuration, oidc] = await Promise.all([this.configuration(), openidClient()]);
      if (!configuration.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(configuration, { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
    } catch {
      return null;
    }
  }
}

function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  const cause = (err as { cause?: unknown }).cause;
  return code === 'OAUTH_TIMEOUT' || code === 'OAUTH_ABORT' || cause instanceof TypeError;
}
