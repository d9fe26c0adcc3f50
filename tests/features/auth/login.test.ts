import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type TestApp, visibleText } from '../../helpers/test-app.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';

describe('officer login', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('signs a demo officer in and shows their role on the officer page', async () => {
    const agent = await t.loginAs('tuphap');
    const res = await agent.get('/can-bo');
    expect(res.status).toBe(200);
    expect(visibleText(res.text)).toContain('Nguyễn Văn Thanh');
    expect(visibleText(res.text)).toContain('Công chức Tư pháp – Hộ tịch');
  });

  it('refuses a wrong password with a Vietnamese error on the same form, keeping the username', async () => {
    const agent = t.agent();
    const token = await csrfToken(agent, '/dang-nhap');
    const res = await agent.post('/dang-nhap').type('form').send({ _csrf: token, username: 'tuphap', password: 'sai-mat-khau' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Có lỗi cần sửa trước khi gửi');
    expect(res.text).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(res.text).toMatch(/name="username" type="text" value="tuphap"/);
  });

  it('asks for both fields when the form is empty', async () => {
    const agent = t.agent();
    const token = await csrfToken(agent, '/dang-nhap');
    const res = await agent.post('/dang-nhap').type('form').send({ _csrf: token, username: '', password: '' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('Vui lòng nhập tên đăng nhập.');
    expect(res.text).toContain('Vui lòng nhập mật khẩu.');
  });

  it('rejects a form posted without the CSRF token', async () => {
    const res = await t.agent().post('/dang-nhap').type('form').send({ username: 'tuphap', password: DEMO_PASSWORD });
    expect(res.status).toBe(403);
    expect(res.text).toContain('Phiên làm việc đã hết hạn');
  });

  it('stores the session in the database, so another app process can read it', async () => {
    await t.loginAs('chutich');
    const sessions = await t.db.session.findMany();
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.some((s) => s.data.includes('userId'))).toBe(true);
  });

  it('sends an anonymous visitor of an officer page to the login form', async () => {
    const res = await t.agent().get('/can-bo');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/dang-nhap?next=%2Fcan-bo');
  });

  it('does not redirect off-site after login', async () => {
    const agent = t.agent();
    const token = await csrfToken(agent, '/dang-nhap');
    const res = await agent.post('/dang-nhap').type('form').send({ _csrf: token, username: 'tuphap', password: DEMO_PASSWORD, next: '//evil.example/' });
    expect(res.headers.location).toBe('/can-bo');
  });

  it('slows down repeated failed logins for one username', async () => {
    const agent = t.agent();
    const token = await csrfToken(agent, '/dang-nhap');
    let last = 0;
    for (let i = 0; i < 11; i++) {
      const res = await agent
        .post('/dang-nhap')
        .type('form')
        .send({ _csrf: token, username: 'vanhoa', password: `sai-${i}` });
      last = res.status;
    }
    expect(last).toBe(429);
  });

  it('signs out', async () => {
    const agent = await t.loginAs('vanphong');
    const token = await csrfToken(agent, '/can-bo');
    await agent.post('/dang-xuat').type('form').send({ _csrf: token });
    const res = await agent.get('/can-bo');
    expect(res.status).toBe(302);
  });
});
