/**
 * The one piece of state a single sign-on needs between leaving for the
 * province's provider and coming back: state, nonce, the PKCE verifier, the
 * ward the sign-in started in and where to go afterwards. It travels in a
 * short-lived signed cookie instead of a session row, because sessions exist
 * only for signed-in officers (src/features/auth) and an abandoned sign-in must
 * leave nothing in the database. The cookie is HttpOnly (the verifier never
 * reaches page scripts), SameSite=Lax (the provider sends the browser back with
 * a top-level GET, which Lax admits), scoped to the ward's /dang-nhap/sso path,
 * used once and cleared at the callback whatever the outcome.
 */
import type { Request, Response } from 'express';
import { signValue, unsignValue } from '../../lib/signing.js';

const COOKIE = 'oidc-flow';
/** Ten minutes to sign in at the provider: enough for a password and a second factor, short enough to be useless later. */
export const FLOW_MINUTES = 10;
const MAX_COOKIE_CHARS = 2000;

export type OidcFlow = {
  state: string;
  nonce: string;
  codeVerifier: string;
  wardId: string;
  /** A local path (safeNextPath) to open after signing in. */
  next: string;
};

type Stored = OidcFlow & { expiresAt: number };

const cookieOptions = (path: string, secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path });

export function setFlowCookie(res: Response, opts: { secret: string; secure: boolean; path: string; now: Date }, flow: OidcFlow) {
  const stored: Stored = { ...flow, expiresAt: opts.now.getTime() + FLOW_MINUTES * 60_000 };
  const value = signValue(opts.secret, COOKIE, Buffer.from(JSON.stringify(stored)).toString('base64url'));
  res.cookie(COOKIE, value, { ...cookieOptions(opts.path, opts.secure), maxAge: FLOW_MINUTES * 60_000 });
}

export function clearFlowCookie(res: Response, opts: { secure: boolean; path: string }) {
  res.clearCookie(COOKIE, cookieOptions(opts.path, opts.secure));
}

/** The flow this browser started, or null when the cookie is missing, altered, expired or malformed. */
export function readFlowCookie(req: Request, secret: string, now: Date): OidcFlow | null {
  const raw = (req.cookies as Record<string, unknown> | undefined)?.[COOKIE];
  if (typeof raw !== 'string' || raw.length > MAX_COOKIE_CHARS) return null;
  const value = unsignValue(secret, COOKIE, raw);
  if (!value) return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Stored>;
    const fields = [parsed.state, parsed.nonce, parsed.codeVerifier, parsed.wardId, parsed.next];
    if (!fields.every((f) => typeof f === 'string' && f !== '') || typeof parsed.expiresAt !== 'number' || parsed.expiresAt < now.getTime()) return null;
    return { state: parsed.state, nonce: parsed.nonce, codeVerifier: parsed.codeVerifier, wardId: parsed.wardId, next: parsed.next } as OidcFlow;
  } catch {
    return null;
  }
}
