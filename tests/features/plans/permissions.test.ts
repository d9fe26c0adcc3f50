import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, csrfToken, multipartAction, type TestApp } from '../../helpers/test-app.js';

/**
 * Every officer route of the plans and units features, for every role and for
 * an anonymous visitor. Allowed POSTs send an empty form, so they answer 400
 * (validation) without changing anything; status toggles answer 303.
 */
type Who = 'anonymous' | 'UNIT' | 'CHAIRMAN' | 'JUSTICE' | 'ADMIN';
const LOGINS: Record<Exclude<Who, 'anonymous'>, string> = { UNIT: 'vanhoa', CHAIRMAN: 'chutich', JUSTICE: 'tuphap', ADMIN: 'quantri' };
const ROLES: Exclude<Who, 'anonymous'>[] = ['UNIT', 'CHAIRMAN', 'JUSTICE', 'ADMIN'];
const EVERYONE = ROLES;
const EDITORS: Who[] = ['JUSTICE', 'ADMIN'];
const ADMIN: Who[] = ['ADMIN'];

type Route = { method: 'GET' | 'POST'; path: string; allowed: Who[]; ok: number; multipart?: boolean; body?: Record<string, string> };

describe('permissions of the plans and units officer routes', () => {
  let t: TestApp;
  const agents = new Map<Who, TestAgent>();
  let routes: Route[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) agents.set(role, await t.loginAs(LOGINS[role]));
    agents.set('anonymous', t.agent());
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId } });
    const task = await t.db.task.findFirstOrThrow({ where: { planId: plan.id, ordinal: 1 } });
    const triggered = await t.db.task.findFirstOrThrow({ where: { planId: plan.id, ordinal: 2 } });
    const unit = await t.db.unit.findFirstOrThrow({ where: { name: 'Tổ dân phố 5' } });
    const user = await t.db.user.findUniqueOrThrow({ where: { username: 'tdp1' } });
    const key = await t.ctx.files.save(Buffer.from('%PDF-1.4\n%%EOF\n'));
    const trigger = await t.db.taskTrigger.create({
      data: {
        taskId: triggered.id,
        documentNumber: '99/STP',
        issuedOn: new Date('2025-10-01T00:00:00+07:00'),
        issuer: 'Sở Tư pháp',
        receivedOn: new Date('2025-10-02T00:00:00+07:00'),
      },
    });
    const file = await t.db.storedFile.create({
      data: {
        wardId: t.wardId,
        storageKey: key,
        originalName: 'cong-van.pdf',
        mimeType: 'application/pdf',
        sizeBytes: 15,
        sha256: 'x',
        kind: 'TRIGGER',
        triggerId: trigger.id,
      },
    });
    routes = [
      { method: 'GET', path: '/can-bo/ke-hoach', allowed: EVERYONE, ok: 200 },
      { method: 'GET', path: '/can-bo/ke-hoach/moi', allowed: EDITORS, ok: 200 },
      { method: 'POST', path: '/can-bo/ke-hoach/moi', allowed: EDITORS, ok: 400 },
      { method: 'GET', path: `/can-bo/ke-hoach/${plan.id}`, allowed: EVERYONE, ok: 200 },
      { method: 'GET', path: `/can-bo/ke-hoach/${plan.id}/sua`, allowed: EDITORS, ok: 200 },
      { method: 'POST', path: `/can-bo/ke-hoach/${plan.id}/sua`, allowed: EDITORS, ok: 400 },
      { method: 'GET', path: `/can-bo/ke-hoach/${plan.id}/nhiem-vu/moi`, allowed: EDITORS, ok: 200 },
      { method: 'POST', path: `/can-bo/ke-hoach/${plan.id}/nhiem-vu/moi`, allowed: EDITORS, ok: 400 },
      { method: 'GET', path: `/can-bo/nhiem-vu/${task.id}`, allowed: EVERYONE, ok: 200 },
      { method: 'GET', path: `/can-bo/nhiem-vu/${task.id}/sua`, allowed: EDITORS, ok: 200 },
      { method: 'POST', path: `/can-bo/nhiem-vu/${task.id}/sua`, allowed: EDITORS, ok: 400 },
      { method: 'GET', path: `/can-bo/nhiem-vu/${triggered.id}/van-ban-kich-hoat`, allowed: EDITORS, ok: 200 },
      { method: 'POST', path: `/can-bo/nhiem-vu/${triggered.id}/van-ban-kich-hoat`, allowed: EDITORS, ok: 400, multipart: true },
      { method: 'GET', path: `/can-bo/tep-kich-hoat/${file.id}`, allowed: EVERYONE, ok: 200 },
      { method: 'GET', path: '/can-bo/don-vi', allowed: ADMIN, ok: 200 },
      { method: 'GET', path: '/can-bo/don-vi/moi', allowed: ADMIN, ok: 200 },
      { method: 'POST', path: '/can-bo/don-vi/moi', allowed: ADMIN, ok: 400 },
      { method: 'GET', path: `/can-bo/don-vi/${unit.id}/sua`, allowed: ADMIN, ok: 200 },
      { method: 'POST', path: `/can-bo/don-vi/${unit.id}/sua`, allowed: ADMIN, ok: 400 },
      { method: 'POST', path: `/can-bo/don-vi/${unit.id}/trang-thai`, allowed: ADMIN, ok: 303, body: { active: '1' } },
      { method: 'GET', path: '/can-bo/don-vi/tai-khoan/moi', allowed: ADMIN, ok: 200 },
      { method: 'POST', path: '/can-bo/don-vi/tai-khoan/moi', allowed: ADMIN, ok: 400 },
      { method: 'POST', path: `/can-bo/don-vi/tai-khoan/${user.id}/trang-thai`, allowed: ADMIN, ok: 303, body: { active: '1' } },
    ];
  });
  afterAll(() => t.close());

  async function call(who: Who, route: Route) {
    const agent = agents.get(who)!;
    if (route.method === 'GET') return agent.get(route.path);
    // Anonymous visitors get a token from the login page, so the role check (not CSRF) is what answers.
    const token = await csrfToken(agent, who === 'anonymous' ? '/dang-nhap' : '/can-bo');
    if (route.multipart) {
      // As a browser sends it: the token in the action URL, and the form's hidden field in the multipart body.
      let req = agent.post(multipartAction(route.path, token)).field('_csrf', token);
      for (const [k, v] of Object.entries(route.body ?? {})) req = req.field(k, v);
      return req;
    }
    return agent
      .post(route.path)
      .type('form')
      .send({ _csrf: token, ...(route.body ?? {}) });
  }

  it('answers each route for each role as expected', async () => {
    const problems: string[] = [];
    const auditsBefore = await t.db.auditLog.count();
    for (const route of routes) {
      for (const who of ['anonymous', ...ROLES] as Who[]) {
        const res = await call(who, route);
        let expected: number;
        if (who === 'anonymous') expected = route.method === 'GET' ? 302 : 401;
        else expected = route.allowed.includes(who) ? route.ok : 403;
        if (res.status !== expected) problems.push(`${route.method} ${route.path} as ${who}: ${res.status}, expected ${expected}`);
        if (who === 'anonymous' && route.method === 'GET' && !String(res.headers.location).startsWith('/dang-nhap?next=')) {
          problems.push(`${route.method} ${route.path} as anonymous: not sent to the login page`);
        }
      }
    }
    expect(problems).toEqual([]);
    // Only the two allowed status toggles changed anything.
    expect(await t.db.auditLog.count()).toBe(auditsBefore + 2);
  });
});
