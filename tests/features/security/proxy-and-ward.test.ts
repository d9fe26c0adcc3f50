import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { hashPassword } from '../../../src/features/auth/auth.service.js';
import { subjectHash } from '../../../src/lib/rate-limit.js';
import { createTestApp, csrfFrom, deploymentFor, login, type TestApp } from '../../helpers/test-app.js';
import { DEMO_PASSWORD } from '../../../prisma/seed.js';

describe('TRUST_PROXY is parsed into what Express accepts, or refused at start', () => {
  const parse = (value?: string) => loadConfig({ NODE_ENV: 'test', ...(value === undefined ? {} : { TRUST_PROXY: value }) }).trustProxy;

  it('accepts hop counts, true/false, named ranges and address/CIDR lists', () => {
    expect(parse()).toBe(false);
    expect(parse('false')).toBe(false);
    expect(parse('true')).toBe(true);
    expect(parse('1')).toBe(1);
    expect(parse('2')).toBe(2);
    expect(parse('loopback')).toEqual(['loopback']);
    expect(parse('loopback, 10.0.0.0/8,fd00::/8 , 203.0.113.5')).toEqual(['loopback', '10.0.0.0/8', 'fd00::/8', '203.0.113.5']);
  });

  it('refuses anything else with a readable message naming the variable', () => {
    for (const bad of ['yes', '1.5', '10.0.0.0/33', 'proxy.example', '10.0.0.1,,']) {
      expect(() => parse(bad), bad).toThrow(/Invalid configuration:\n {2}TRUST_PROXY: .* is not understood; use a hop count/);
    }
  });
});

describe('behind one reverse proxy (TRUST_PROXY=1)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ TRUST_PROXY: '1', NODE_ENV: 'production', SESSION_SECRET: 'a-production-secret-of-at-least-32-characters' });
  });
  afterAll(() => t.close());

  it('takes the client address from X-Forwarded-For (the limits count that address)', async () => {
    await request(t.app).get('/gop-y/ma/GY-KHONG-COMA').set('X-Forwarded-For', '203.0.113.7');
    const keys = (await t.db.rateLimitCounter.findMany()).map((r) => r.key);
    expect(keys.some((k) => k.startsWith(`lookup-miss-addr:${subjectHash('203.0.113.7')}:`))).toBe(true);
    expect(keys.some((k) => k.includes(subjectHash('::ffff:127.0.0.1')) || k.includes(subjectHash('127.0.0.1')))).toBe(false);
  });

  it('with X-Forwarded-Proto: https, sets Secure cookies (__Host- CSRF cookie, session at login) and the officer is signed in', async () => {
    const page = await request(t.app).get('/dang-nhap').set('X-Forwarded-Proto', 'https');
    const csrfCookie = (page.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Host-csrf='))!;
    expect(csrfCookie).toMatch(/; Path=\/;.*; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = csrfCookie.split(';')[0];
    const res = await request(t.app)
      .post('/dang-nhap')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', cookie)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), username: 'tuphap', password: DEMO_PASSWORD });
    expect(res.status).toBe(303);
    const sid = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('sid='))!;
    expect(sid).toMatch(/; HttpOnly; Secure; SameSite=Lax$/);
    const home = await request(t.app)
      .get('/can-bo')
      .set('X-Forwarded-Proto', 'https')
      .set('Cookie', `${cookie}; ${sid.split(';')[0]}`);
    expect(home.status).toBe(200);
  });
});

describe('logins and sessions are bound to the deployment’s ward', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    const other = await t.db.ward.create({
      data: { slug: 'phuong-b', name: 'Phường B', placeName: 'B', committeeName: 'UBND phường B', parentBodyName: 'UBND tỉnh' },
    });
    await t.db.user.create({
      data: { wardId: other.id, username: 'canbo-b', fullName: 'Cán bộ phường B', role: 'JUSTICE', passwordHash: await hashPassword('mat-khau-phuong-b') },
    });
  });
  afterAll(() => t.close());

  it('an officer of ward B cannot sign in on ward A’s deployment (same answer as a wrong password), but can on B’s', async () => {
    const onA = t.agent();
    await expect(login(onA, 'canbo-b', 'mat-khau-phuong-b')).rejects.toThrow('failed: 400');
    expect((await onA.get('/can-bo')).status).toBe(302);
    const onB = deploymentFor(t, 'phuong-b').agent();
    await login(onB, 'canbo-b', 'mat-khau-phuong-b');
    expect((await onB.get('/can-bo')).status).toBe(200);
  });

  it('a session made on ward A’s deployment is not accepted by ward B’s', async () => {
    const onA = await t.loginAs('quantri');
    expect((await onA.get('/can-bo')).status).toBe(200);
    const page = await onA.get('/can-bo');
    const cookies = (page.request as unknown as { cookies: string }).cookies;
    expect(cookies).toMatch(/sid=s%3A/);
    const b = deploymentFor(t, 'phuong-b');
    const res = await request(b.app).get('/can-bo').set('Cookie', cookies);
    expect(res.status).toBe(302);
    expect(res.headers.location).toContain('/dang-nhap');
    // …and it still works on A: B did not log it out.
    expect((await onA.get('/can-bo')).status).toBe(200);
  });
});
