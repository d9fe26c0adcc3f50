/**
 * A real OpenID Connect provider (the `oidc-provider` package) started by the
 * test on this machine, standing in for the province's single sign-on, and a
 * small "browser" that follows redirects between it and the portal, keeping
 * each side's cookies, and fills in the provider's login and consent pages
 * (its development interactions: any login name becomes the subject).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent.js';

export const CLIENT_ID = 'cong-gop-y-phuong';
export const CLIENT_SECRET = 'bi-mat-cua-ung-dung-trong-thu-nghiem';
/** This engineer's port range on the shared machine (TEAMS.md); a free one is picked at random. */
const PORTS = { from: 41200, to: 41299 };

export type PortalClient = { redirectUris: string[]; postLogoutRedirectUris: string[] };
export type TestProvider = {
  issuer: string;
  server: http.Server;
  /** Registers the portal as the provider's one client and starts answering (the address is known before the portal starts). */
  register: (portal: PortalClient) => void;
  close: () => Promise<void>;
};

async function listenInRange(server: http.Server): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = PORTS.from + crypto.randomInt(PORTS.to - PORTS.from + 1);
    const ok = await new Promise<boolean>((resolve) => {
      const onError = () => resolve(false);
      server.once('error', onError);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', onError);
        resolve(true);
      });
    });
    if (ok) return (server.address() as AddressInfo).port;
  }
  throw new Error('no free port for the OIDC provider');
}

/** Listens on a free port of this range; answers once the portal is registered. */
export async function listenProvider(): Promise<TestProvider> {
  const server = http.createServer();
  const port = await listenInRange(server);
  const issuer = `http://127.0.0.1:${port}`;
  return {
    issuer,
    server,
    register: (portal) => {
      server.on('request', createProvider(issuer, portal).callback());
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Starts the provider with one client: the portal, whose callback and post-logout addresses are registered. */
export async function startProvider(portal: PortalClient): Promise<TestProvider> {
  const provider = await listenProvider();
  provider.register(portal);
  return provider;
}

function createProvider(issuer: string, portal: PortalClient) {
  const signingKey = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  // It prints its development-only warnings (in-memory storage, development interactions) once per process.
  return new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: portal.redirectUris,
        post_logout_redirect_uris: portal.postLogoutRedirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    // Proves the portal sends a PKCE challenge: without one the provider refuses the request.
    pkce: { required: () => true },
    // Lifetimes set (seconds), so the provider does not print a notice for each default it falls back to.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
    features: {
      devInteractions: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.body = `<!DOCTYPE html><title>Đăng xuất</title>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Đăng xuất</button>`;
        },
      },
    },
  });
}

export type Hop = { status: number; url: string; text: string; headers: Record<string, string> };

/**
 * One person's browser across the portal (driven through supertest, its public
 * address `portalBase`) and the provider (over real HTTP). Follows redirects
 * the way a browser does and remembers every address it went through.
 */
export class Browser {
  readonly trail: string[] = [];
  readonly providerAgent: TestAgent;
  /** Stop where the provider sends the browser back to the portal's callback (the answer's address is returned, status 0). */
  holdCallback = false;
  /** Cookies the portal set, by name (the last value). */
  readonly portalCookies = new Map<string, string>();

  constructor(
    readonly portal: TestAgent,
    readonly portalBase: string,
    readonly provider: TestProvider,
  ) {
    this.providerAgent = request.agent(provider.server);
  }

  private agentFor(url: URL): TestAgent {
    if (url.origin === new URL(this.provider.issuer).origin) return this.providerAgent;
    if (url.origin === new URL(this.portalBase).origin) return this.portal;
    throw new Error(`the test browser does not go to ${url.href}`);
  }

  /** GET (or POST a form) and follow every redirect; returns the last answer that is not a redirect. */
  async open(address: string, form?: Record<string, string>, from = this.portalBase): Promise<Hop> {
    let url = new URL(address, from);
    let body = form;
    for (let hops = 0; hops < 20; hops++) {
      this.trail.push(url.href);
      const agent = this.agentFor(url);
      if (this.holdCallback && agent === this.portal && url.pathname.endsWith('/dang-nhap/sso/callback'))
        return { status: 0, url: url.href, text: '', headers: {} };
      const path = url.pathname + url.search;
      const res = body ? await agent.post(path).type('form').send(body) : await agent.get(path);
      const headers = res.headers as Record<string, string>;
      if (agent === this.portal) {
        for (const line of (res.headers['set-cookie'] as unknown as string[] | undefined) ?? []) {
          const [pair] = line.split(';');
          const eq = pair.indexOf('=');
          this.portalCookies.set(pair.slice(0, eq), pair.slice(eq + 1));
        }
      }
      if (res.status >= 300 && res.status < 400 && headers.location) {
        url = new URL(headers.location, url);
        body = undefined;
        continue;
      }
      return { status: res.status, url: url.href, text: res.text, headers };
    }
    throw new Error('too many redirects');
  }

  /**
   * Starts "sign in with the province's account" on the portal and, at the
   * provider, signs in as `subject` (when asked) and consents (when asked).
   * Returns the portal's answer at the end (after its own redirects).
   */
  async signInWithProvider(subject: string, start = '/dang-nhap/sso'): Promise<Hop> {
    let page = await this.open(start);
    for (let step = 0; step < 4 && page.url.startsWith(this.provider.issuer); step++) {
      page = await this.submitProviderPage(page, subject);
    }
    return page;
  }

  /** Fills the provider's current page: its login form (any password) or its consent form. */
  async submitProviderPage(page: Hop, subject: string): Promise<Hop> {
    const action = /<form[^>]*action="([^"]+)"/.exec(page.text)?.[1];
    if (!action) throw new Error(`the provider's page has no form: ${page.status} ${page.text.slice(0, 300)}`);
    const prompt = /name="prompt" value="(\w+)"/.exec(page.text)?.[1];
    const fields: Record<string, string> =
      prompt === 'login' ? { prompt, login: subject, password: 'mat-khau-tai-nha-cung-cap' } : { prompt: prompt ?? 'consent' };
    return this.open(action.replace(/&amp;/g, '&'), fields, page.url);
  }

  /** Whether the provider's current page asks for a login (rather than going straight back). */
  static isProviderLogin(page: Hop): boolean {
    return /name="prompt" value="login"/.test(page.text);
  }
}
