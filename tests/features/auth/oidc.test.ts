/**
 * Officer sign-in through the province's single sign-on, against a real
 * OpenID Connect provider (oidc-provider) started here on a local port: the
 * portal's browser is driven through supertest, the provider over real HTTP,
 * and the portal talks to the provider over real HTTP for discovery, tokens
 * and keys.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import { signValue } from '../../../src/lib/signing.js';
import { Browser, CLIENT_ID, CLIENT_SECRET, type Hop, startProvider, type TestProvider } from '../../helpers/oidc-provider.js';
import { createTestApp, csrfFrom, deploymentFor, type TestApp, visibleText } from '../../helpers/test-app.js';

const PORTAL = 'http://localhost:3000';
const CALLBACK = `${PORTAL}/dang-nhap/sso/callback`;
const REFUSED = 'Không hoàn tất được đăng nhập bằng tài khoản dùng chung';

describe('officer sign-in through the province single sign-on (OpenID Connect)', () => {
  let provider: TestProvider;
  let t: TestApp;
  const browser = () => new Browser(t.agent(), PORTAL, provider);
  const sessions = () => t.db.session.count();
  const userId = async (username: string) => (await t.db.user.findUniqueOrThrow({ where: { username } })).id;

  beforeAll(async () => {
    provider = await startProvider({ redirectUris: [CALLBACK], postLogoutRedirectUris: [`${PORTAL}/`] });
    t = await createTestApp({ BASE_URL: PORTAL, OIDC_ISSUER_URL: provider.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  /** The subject shown to an officer whose province account is not bound yet. */
  const shownSubject = (page: Hop) => /class="sso-subject">([^<]+)</.exec(page.text)?.[1];

  it('shows the province sign-in button on the login page only when it is configured', async () => {
    const page = await t.agent().get('/dang-nhap');
    expect(visibleText(page.text)).toContain('Đăng nhập bằng tài khoản dùng chung của tỉnh');
    expect(page.text).toContain('href="/dang-nhap/sso"');

    const passwordsOnly = createApp({ ...t.ctx, config: { ...t.ctx.config, oidc: undefined } });
    const plain = await request(passwordsOnly).get('/dang-nhap');
    expect(visibleText(plain.text)).not.toContain('tài khoản dùng chung');
    expect((await request(passwordsOnly).get('/dang-nhap/sso')).status).toBe(404);
  });

  it('an unknown province account is told so with its identifier, and no session is made', async () => {
    const before = await sessions();
    const b = browser();
    const page = await b.signInWithProvider('cb-chua-gan-001');
    expect(page.status).toBe(403);
    expect(page.url.startsWith(CALLBACK)).toBe(true);
    expect(visibleText(page.text)).toContain('chưa được gắn với tài khoản cán bộ nào của Phường Trương Quang Trọng');
    expect(shownSubject(page)).toBe('cb-chua-gan-001');
    expect(String(page.headers['set-cookie'] ?? '')).not.toContain('sid=');
    expect(await sessions()).toBe(before);
    // Still anonymous on the portal.
    expect((await b.portal.get('/can-bo')).status).toBe(302);
  });

  it('the ward administrator binds the shown identifier to an officer, who then signs in with it (PKCE, state, nonce checked by a real provider)', async () => {
    // The officer tries first and reads his identifier off the page.
    const officer = browser();
    const subject = shownSubject(await officer.signInWithProvider('tuphap-cccd-079088001234'));
    expect(subject).toBe('tuphap-cccd-079088001234');

    // The administrator pastes it into the account's form.
    const admin = await t.loginAs('quantri');
    const list = await admin.get('/can-bo/don-vi');
    expect(visibleText(list.text)).toContain('Gắn tài khoản dùng chung tuphap');
    const formPath = `/can-bo/don-vi/tai-khoan/${await userId('tuphap')}/dang-nhap-chung`;
    const form = await admin.get(formPath);
    const saved = await admin
      .post(formPath)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), oidcSubject: ` ${subject} ` });
    expect(saved.status).toBe(303);
    expect(visibleText((await admin.get('/can-bo/don-vi')).text)).toContain('Đã gắn tài khoản dùng chung cho “tuphap”');

    // The same browser signs in again: the provider remembers him, the portal now knows him.
    const before = await sessions();
    officer.trail.length = 0;
    const page = await officer.signInWithProvider('tuphap-cccd-079088001234');
    // The provider still knows him from a minute ago: no login or consent page this time.
    expect(officer.trail.some((u) => u.includes('/interaction/'))).toBe(false);
    expect(page.status).toBe(200);
    expect(new URL(page.url).pathname).toBe('/can-bo');
    expect(visibleText(page.text)).toContain('Xin chào Nguyễn Văn Thanh.');
    expect(await sessions()).toBe(before + 1);
    const session = await t.db.session.findFirstOrThrow({ where: { data: { contains: await userId('tuphap') } }, orderBy: { expiresAt: 'desc' } });
    expect(session.data).toContain('oidcIdToken');
    expect((await t.db.user.findUniqueOrThrow({ where: { username: 'tuphap' } })).lastLoginAt).not.toBeNull();
    // The authorization request carried a PKCE challenge, a state and a nonce; the provider requires PKCE of this client.
    const authorize = new URL(officer.trail.find((u) => u.startsWith(`${provider.issuer}/auth?`)) ?? '');
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('scope')).toBe('openid');
  });

  it('refuses the same identifier on a second account, keeping what was typed', async () => {
    const admin = await t.loginAs('quantri');
    const formPath = `/can-bo/don-vi/tai-khoan/${await userId('vanphong')}/dang-nhap-chung`;
    const form = await admin.get(formPath);
    const res = await admin
      .post(formPath)
      .type('form')
      .send({ _csrf: csrfFrom(form.text), oidcSubject: 'tuphap-cccd-079088001234' });
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Mã định danh này đã được gắn với một tài khoản cán bộ khác');
    expect(res.text).toContain('value="tuphap-cccd-079088001234"');
    expect((await t.db.user.findUniqueOrThrow({ where: { username: 'vanphong' } })).oidcSubject).toBeNull();
  });

  it('a new account can be bound when it is created, and the binding is in the audit log in Vietnamese', async () => {
    const admin = await t.loginAs('quantri');
    const form = await admin.get('/can-bo/don-vi/tai-khoan/moi');
    expect(visibleText(form.text)).toContain('Mã định danh tài khoản dùng chung của tỉnh');
    const account = {
      _csrf: csrfFrom(form.text),
      username: 'tdp9',
      fullName: 'Lý Văn Chín',
      role: 'JUSTICE',
      password: 'mat-khau-ban-dau-9',
    };
    // An identifier already bound elsewhere is refused on the form, the rest kept.
    const taken = await admin
      .post('/can-bo/don-vi/tai-khoan/moi')
      .type('form')
      .send({ ...account, oidcSubject: 'tuphap-cccd-079088001234' });
    expect(taken.status).toBe(400);
    expect(visibleText(taken.text)).toContain('Mã định danh này đã được gắn với một tài khoản cán bộ khác');
    expect(taken.text).toContain('value="Lý Văn Chín"');
    expect(await t.db.user.count({ where: { username: 'tdp9' } })).toBe(0);

    const created = await admin
      .post('/can-bo/don-vi/tai-khoan/moi')
      .type('form')
      .send({ ...account, _csrf: csrfFrom(taken.text), oidcSubject: 'tdp9-sso' });
    expect(created.status).toBe(303);
    expect((await t.db.user.findUniqueOrThrow({ where: { username: 'tdp9' } })).oidcSubject).toBe('tdp9-sso');
    const page = await browser().signInWithProvider('tdp9-sso');
    expect(visibleText(page.text)).toContain('Xin chào Lý Văn Chín.');

    // Unbinding: an empty field stores no identifier, and the log says what changed.
    const formPath = `/can-bo/don-vi/tai-khoan/${await userId('tdp9')}/dang-nhap-chung`;
    const bind = await admin.get(formPath);
    expect(bind.text).toContain('value="tdp9-sso"');
    await admin
      .post(formPath)
      .type('form')
      .send({ _csrf: csrfFrom(bind.text), oidcSubject: '' });
    expect((await t.db.user.findUniqueOrThrow({ where: { username: 'tdp9' } })).oidcSubject).toBeNull();
    const log = visibleText((await admin.get('/can-bo/nhat-ky')).text);
    expect(log).toContain('Gắn tài khoản dùng chung');
    expect(log).toContain('Mã tài khoản dùng chung');
    expect((await browser().signInWithProvider('tdp9-sso')).status).toBe(403);
  });

  it('refuses a locked officer account, with no session', async () => {
    await t.db.user.update({ where: { username: 'vanhoa' }, data: { oidcSubject: 'vanhoa-sso', active: false } });
    const before = await sessions();
    const page = await browser().signInWithProvider('vanhoa-sso');
    expect(page.status).toBe(403);
    expect(visibleText(page.text)).toContain('Tài khoản cán bộ gắn với tài khoản dùng chung này đã bị khóa');
    expect(await sessions()).toBe(before);
  });

  describe('a refused state: the answer comes back to a browser that did not ask for it, or was altered', () => {
    /** Goes through the provider as `subject` but stops where the provider sends the browser back to the portal's callback. */
    async function answerFromProvider(subject: string) {
      const b = browser();
      b.holdCallback = true;
      const answer = await b.signInWithProvider(subject);
      expect(answer.url.startsWith(CALLBACK)).toBe(true);
      return { browser: b, callback: new URL(answer.url) };
    }

    const expectRefused = async (res: request.Response, before: number) => {
      expect(res.status).toBe(400);
      expect(visibleText(res.text)).toContain(REFUSED);
      expect(visibleText(res.text)).toContain('Không có phiên đăng nhập nào được tạo');
      expect(String(res.headers['set-cookie'] ?? '')).not.toContain('sid=');
      expect(await sessions()).toBe(before);
    };

    it('another browser (no flow cookie) cannot use an answer meant for someone else (login CSRF)', async () => {
      const { callback } = await answerFromProvider('tuphap-cccd-079088001234');
      const before = await sessions();
      await expectRefused(await t.agent().get(callback.pathname + callback.search), before);
    });

    it('a callback whose state was changed is refused', async () => {
      const { browser: b, callback } = await answerFromProvider('tuphap-cccd-079088001234');
      callback.searchParams.set('state', 'trang-thai-gia-mao');
      const before = await sessions();
      await expectRefused(await b.portal.get(callback.pathname + callback.search), before);
    });

    it('a flow cookie altered or forged without the secret is refused', async () => {
      const { callback } = await answerFromProvider('tuphap-cccd-079088001234');
      const forged = {
        state: callback.searchParams.get('state'),
        nonce: 'n',
        codeVerifier: 'v'.repeat(43),
        wardId: t.wardId,
        next: '/can-bo',
        expiresAt: Date.now() + 60_000,
      };
      const payload = Buffer.from(JSON.stringify(forged)).toString('base64url');
      const before = await sessions();
      for (const cookie of [signValue('khong-phai-bi-mat-cua-cong', 'oidc-flow', payload), `${payload}.`, 'rac']) {
        const res = await t
          .agent()
          .get(callback.pathname + callback.search)
          .set('Cookie', `oidc-flow=${cookie}`);
        await expectRefused(res, before);
      }
    });

    it('a callback opened with no answer at all is refused the same way', async () => {
      const before = await sessions();
      await expectRefused(await t.agent().get('/dang-nhap/sso/callback'), before);
    });

    it('an answer for this ward delivered to another ward is refused; a flow starts no session row', async () => {
      await t.db.ward.create({
        data: {
          slug: 'phuong-thu-hai',
          name: 'Phường Thứ Hai',
          placeName: 'Thứ Hai',
          committeeName: 'Ủy ban nhân dân phường Thứ Hai',
          parentBodyName: 'UBND tỉnh',
        },
      });
      const before = await sessions();
      const { browser: b, callback } = await answerFromProvider('tuphap-cccd-079088001234');
      expect(await sessions()).toBe(before);
      const other = deploymentFor(t, 'phuong-thu-hai');
      // The same browser's cookie, carried to the other ward's deployment.
      const cookie = b.portalCookies.get('oidc-flow');
      expect(cookie).toBeTruthy();
      const res = await other
        .agent()
        .get(callback.pathname + callback.search)
        .set('Cookie', `oidc-flow=${cookie}`);
      await expectRefused(res, before);
    });
  });

  it("signs an officer in to his own ward only: another ward's officer is unknown here and welcome there", async () => {
    const ward = await t.db.ward.upsert({
      where: { slug: 'phuong-thu-hai' },
      update: {},
      create: {
        slug: 'phuong-thu-hai',
        name: 'Phường Thứ Hai',
        placeName: 'Thứ Hai',
        committeeName: 'Ủy ban nhân dân phường Thứ Hai',
        parentBodyName: 'UBND tỉnh',
      },
    });
    await t.db.user.create({
      data: { wardId: ward.id, username: 'canbo-thuhai', fullName: 'Đỗ Thị Hai', role: 'JUSTICE', passwordHash: 'x', oidcSubject: 'thuhai-sso' },
    });
    const here = await browser().signInWithProvider('thuhai-sso');
    expect(here.status).toBe(403);
    expect(visibleText(here.text)).toContain('chưa được gắn với tài khoản cán bộ nào của Phường Trương Quang Trọng');

    const there = new Browser(deploymentFor(t, 'phuong-thu-hai').agent(), PORTAL, provider);
    const page = await there.signInWithProvider('thuhai-sso');
    expect(page.status).toBe(200);
    expect(visibleText(page.text)).toContain('Xin chào Đỗ Thị Hai.');
  });

  it('signing out ends the portal session and the provider session (RP-initiated logout)', async () => {
    const b = browser();
    expect((await b.signInWithProvider('tuphap-cccd-079088001234')).status).toBe(200);

    const token = csrfFrom((await b.portal.get('/can-bo')).text);
    b.trail.length = 0;
    const confirm = await b.open('/dang-xuat', { _csrf: token });
    const endSession = new URL(b.trail.find((u) => u.startsWith(`${provider.issuer}/session/end`)) ?? '');
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${PORTAL}/`);
    // The provider asks to confirm; the officer does.
    expect(confirm.url.startsWith(provider.issuer)).toBe(true);
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.text)?.[1] ?? '';
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.text)?.[1] ?? '';
    const home = await b.open(action, { xsrf, logout: 'yes' }, confirm.url);
    expect(home.url).toBe(`${PORTAL}/`);
    expect(home.status).toBe(200);

    expect((await b.portal.get('/can-bo')).status).toBe(302);
    // The provider forgot him: the next sign-in asks for his login again.
    const next = await b.open('/dang-nhap/sso');
    expect(next.url.startsWith(`${provider.issuer}/interaction/`)).toBe(true);
    expect(Browser.isProviderLogin(next)).toBe(true);
  });

  it('an officer signed in with a password signs out of the portal only', async () => {
    const agent = await t.loginAs('chutich');
    const token = csrfFrom((await agent.get('/can-bo')).text);
    const res = await agent.post('/dang-xuat').type('form').send({ _csrf: token });
    expect(res.headers.location).toBe('/');
  });

  it('answers a calm Vietnamese 503 when the provider cannot be reached, and no session', async () => {
    const unreachable = createApp({ ...t.ctx, config: { ...t.ctx.config, oidc: { ...t.ctx.config.oidc!, issuerUrl: 'http://127.0.0.1:9/' } } });
    const res = await request(unreachable).get('/dang-nhap/sso');
    expect(res.status).toBe(503);
    expect(visibleText(res.text)).toContain('Chưa kết nối được dịch vụ đăng nhập dùng chung của tỉnh');
    expect(String(res.headers['set-cookie'] ?? '')).not.toContain('sid=');
  });

  it('a cancelled sign-in at the provider comes back refused (400), no session', async () => {
    const b = browser();
    const login = await b.open('/dang-nhap/sso');
    expect(Browser.isProviderLogin(login)).toBe(true);
    const uid = /\/interaction\/([^/?#]+)/.exec(login.url)?.[1];
    const before = await sessions();
    const back = await b.open(`${provider.issuer}/interaction/${uid}/abort`);
    expect(back.status).toBe(400);
    expect(visibleText(back.text)).toContain(REFUSED);
    expect(await sessions()).toBe(before);
  });
});

describe('single sign-on configuration', () => {
  const base = { NODE_ENV: 'test', DATA_DIR: '/tmp/x' };
  it('is off unless issuer, client id and secret are all set, and has a Vietnamese default label', () => {
    expect(loadConfig(base).oidc).toBeUndefined();
    expect(loadConfig({ ...base, OIDC_ISSUER_URL: '', OIDC_CLIENT_ID: '' }).oidc).toBeUndefined();
    expect(() => loadConfig({ ...base, OIDC_ISSUER_URL: 'https://sso.quangngai.gov.vn/realms/cb' })).toThrow(/OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together/);
    const full = loadConfig({ ...base, OIDC_ISSUER_URL: 'https://sso.quangngai.gov.vn/realms/cb', OIDC_CLIENT_ID: 'portal', OIDC_CLIENT_SECRET: 's' });
    expect(full.oidc?.label).toBe('Đăng nhập bằng tài khoản dùng chung của tỉnh');
  });

  it('requires https for the provider in production', () => {
    const env = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), OIDC_ISSUER_URL: 'http://sso.example', OIDC_CLIENT_ID: 'p', OIDC_CLIENT_SECRET: 's' };
    expect(() => loadConfig(env)).toThrow(/https:\/\/ address in production/);
  });
});
