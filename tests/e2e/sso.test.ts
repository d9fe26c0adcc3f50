/**
 * Officer sign-in through the province's single sign-on in a real browser:
 * the portal (a real server process) and a real OpenID Connect provider
 * (oidc-provider, started here). What a browser adds over the integration test:
 * cookies and redirects as Chromium handles them, the content security policy
 * (signing out is a form whose answer leads to the provider), and axe on the
 * pages the officer and the administrator see.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, listenProvider, type TestProvider } from '../helpers/oidc-provider.js';
import { check, go, logIn, useE2E, type Visitor } from './helpers/setup.js';

let provider: TestProvider;
const e2e = useE2E(async () => {
  provider = await listenProvider();
  return { OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET };
});

beforeAll(() => {
  // The portal's address is known only once it listens: its callback and home page are registered now.
  provider.register({ redirectUris: [`${e2e.server.baseUrl}/dang-nhap/sso/callback`], postLogoutRedirectUris: [`${e2e.server.baseUrl}/`] });
});
afterAll(() => provider?.close());

const SSO_BUTTON = 'Đăng nhập bằng tài khoản dùng chung của tỉnh';

/** At the provider's development pages: sign in as `subject` if asked, consent if asked, until back at the portal. */
async function throughProvider(v: Visitor, subject: string) {
  for (let step = 0; step < 3 && v.page.url().startsWith(provider.issuer); step++) {
    if (await v.page.locator('input[name="login"]').count()) {
      await v.page.locator('input[name="login"]').fill(subject);
      await v.page.locator('input[name="password"]').fill('mat-khau-tai-tinh');
      await go(v, v.page.getByRole('button', { name: 'Sign-in' }));
    } else {
      await go(v, v.page.getByRole('button', { name: 'Continue' }));
    }
  }
  // The provider's own pages are not ours to judge (they load a web font the sandbox cannot reach).
  v.pageErrors();
}

describe('single sign-on in Chromium', () => {
  test('an unbound officer sees his identifier, the administrator binds it, he signs in, and signing out ends both sessions', async () => {
    const officer = await e2e.visitor({ device: 'desktop', javaScript: true });
    await officer.page.goto('/dang-nhap');
    await check(officer, 'login form with single sign-on');
    await go(officer, officer.page.getByRole('link', { name: SSO_BUTTON }));
    expect(officer.page.url().startsWith(`${provider.issuer}/interaction/`)).toBe(true);
    await throughProvider(officer, 'cccd-079088001234');
    await check(officer, 'single sign-on: account not bound', { status: 403 });
    const refusal = officer.page.getByRole('alert');
    expect(await refusal.innerText()).toContain('chưa được gắn với tài khoản cán bộ nào');
    const subject = await officer.page.locator('.sso-subject').innerText();
    expect(subject).toBe('cccd-079088001234');

    const admin = await e2e.visitor({ device: 'desktop', javaScript: true });
    await logIn(admin, 'quantri');
    await admin.page.goto('/can-bo/don-vi');
    await go(admin, admin.page.getByRole('link', { name: 'Gắn tài khoản dùng chung tuphap' }));
    await check(admin, 'bind single sign-on');
    await admin.page.getByLabel('Mã định danh tài khoản dùng chung của tỉnh').fill(subject);
    await go(admin, admin.page.getByRole('button', { name: 'Lưu' }));
    await check(admin, 'accounts after binding');
    expect(await admin.page.getByRole('status').or(admin.page.locator('.notice--success')).first().innerText()).toContain(
      'Đã gắn tài khoản dùng chung cho “tuphap”',
    );

    // The provider remembers him: one click and he is in.
    await officer.page.goto('/dang-nhap');
    await go(officer, officer.page.getByRole('link', { name: SSO_BUTTON }));
    await throughProvider(officer, subject);
    expect(new URL(officer.page.url()).pathname).toBe('/can-bo');
    await check(officer, 'officer home after single sign-on');
    expect(await officer.page.locator('body').innerText()).toContain('Xin chào Nguyễn Văn Thanh.');

    // Signing out leads to the provider's confirmation (the CSP lets the form's answer go there), then home.
    await go(officer, officer.page.getByRole('button', { name: /Đăng xuất/ }));
    expect(officer.page.url().startsWith(`${provider.issuer}/session/end`)).toBe(true);
    await go(officer, officer.page.getByRole('button', { name: 'Đăng xuất' }));
    expect(officer.page.url()).toBe(`${e2e.server.baseUrl}/`);
    await check(officer, 'home after signing out everywhere');
    expect(officer.pageErrors()).toEqual([]);

    await officer.page.goto('/can-bo');
    expect(new URL(officer.page.url()).pathname).toBe('/dang-nhap');
    await go(officer, officer.page.getByRole('link', { name: SSO_BUTTON }));
    expect(await officer.page.locator('input[name="login"]').count(), 'the provider asks for his login again').toBe(1);
  });
});
