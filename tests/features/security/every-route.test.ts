import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../../src/generated/sqlite/client.js';
import type { ProvinceRole, Role } from '../../../src/domain/enums.js';
import { createTestApp, csrfToken, multipartAction, visibleText, type TestApp } from '../../helpers/test-app.js';
import { fillPath, listRoutes, routeParams, type ListedRoute } from '../../helpers/routes.js';
import { provinceLogin } from '../province/province-data.js';

/**
 * Issue 8 "Done means": every route, read from the Express router itself (a new
 * route cannot escape), is checked for CSRF in both form encodings and, under
 * /can-bo, for the roles its requireRole guard declares.
 */
const LOGINS: Record<Role, string> = { ADMIN: 'quantri', JUSTICE: 'tuphap', UNIT: 'vanhoa', CHAIRMAN: 'chutich' };
const ROLES = Object.keys(LOGINS) as Role[];
/** The province's accounts (no ward), signed in at /tinh/dang-nhap. */
const PROVINCE_LOGINS: Record<ProvinceRole, string> = { SUPERADMIN: 'quantri-tinh', PROVINCE_REVIEWER: 'sotuphap' };
const PROVINCE_ROLES = Object.keys(PROVINCE_LOGINS) as ProvinceRole[];
const CSRF_REFUSAL = 'Phiên làm việc đã hết hạn hoặc biểu mẫu không hợp lệ';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/**
 * RFC 8058 one-click unsubscribe: a mail client posts it without any page, so it
 * carries no CSRF token; the signed token in its path is the authority.
 */
const CSRF_EXEMPT = new Set(['POST /nhan-tin/huy/:token']);

describe('every route of the app', () => {
  let t: TestApp;
  let routes: ListedRoute[];
  let values: Record<string, string>;
  const agents = new Map<Role | ProvinceRole | 'anonymous', { agent: TestAgent; token: string }>();

  /** Every row of every table but the session store and the rate-limit counters, to prove nothing changed. */
  async function snapshot() {
    const out: Record<string, string[]> = {};
    for (const model of Object.values(Prisma.ModelName)) {
      if (model === 'Session' || model === 'RateLimitCounter') continue;
      const delegate = (t.db as unknown as Record<string, { findMany: () => Promise<unknown[]> }>)[model[0].toLowerCase() + model.slice(1)];
      out[model] = (await delegate.findMany()).map((r) => JSON.stringify(r)).sort();
    }
    return out;
  }

  /** A caller the route's guard admits, so a refusal can only come from the CSRF check. */
  function admittedCaller(r: ListedRoute) {
    if (r.provinceRoles) return agents.get(r.provinceRoles[0])!;
    if (r.allowedRoles === null) return agents.get('anonymous')!;
    const role =
      r.allowedRoles === 'any-officer'
        ? 'ADMIN'
        : (['ADMIN', 'JUSTICE', 'CHAIRMAN', 'UNIT'] as Role[]).find((x) => (r.allowedRoles as readonly Role[]).includes(x))!;
    return agents.get(role)!;
  }

  beforeAll(async () => {
    t = await createTestApp();
    routes = listRoutes(t.app);
    for (const role of ROLES) {
      const agent = await t.loginAs(LOGINS[role]);
      agents.set(role, { agent, token: await csrfToken(agent, '/can-bo') });
    }
    for (const role of PROVINCE_ROLES) {
      const agent = t.agent();
      expect((await provinceLogin(agent, PROVINCE_LOGINS[role])).status).toBe(303);
      agents.set(role, { agent, token: await csrfToken(agent, '/tinh/can-bo') });
    }
    const anonymous = t.agent();
    agents.set('anonymous', { agent: anonymous, token: await csrfToken(anonymous, '/dang-nhap') });
    // Real rows of the seeded database for every route parameter (a placeholder where the seed has none).
    const id = (row: { id: string } | null) => row?.id ?? 'khong-ton-tai';
    const draft = await t.db.draft.findFirst({ where: { wardId: t.wardId }, orderBy: { createdAt: 'asc' } });
    const comment = await t.db.comment.findFirst({ where: draft ? { draftId: draft.id } : {} });
    values = {
      planId: id(await t.db.plan.findFirst({ where: { wardId: t.wardId } })),
      taskId: id(await t.db.task.findFirst({ where: { plan: { wardId: t.wardId } }, orderBy: { ordinal: 'asc' } })),
      fileId: id(await t.db.storedFile.findFirst()),
      userId: id(await t.db.user.findFirst({ where: { username: 'tdp1' } })),
      unitId: id(await t.db.unit.findFirst({ where: { wardId: t.wardId } })),
      reportId: id(await t.db.progressReport.findFirst()),
      estimateId: id(await t.db.budgetEstimate.findFirst()),
      obstacleId: id(await t.db.obstacle.findFirst()),
      draftId: id(draft),
      commentId: id(comment),
      answerId: id(await t.db.commentAnswer.findFirst()),
      groupId: id(await t.db.commentGroup.findFirst()),
      id: id(await t.db.issuedDocument.findFirst()),
      code: comment?.receiptCode ?? 'GY-AAAA-BBBB',
      // A subscription link's signed token: a forged one must change nothing.
      token: 'khong-hop-le.chu-ky-gia',
      // A ward's slug (province pages about one ward).
      slug: (await t.db.ward.findUniqueOrThrow({ where: { id: t.wardId } })).slug,
    };
  });
  afterAll(() => t.close());

  it('exempts from CSRF only the one-click unsubscribe', () => {
    expect([...CSRF_EXEMPT].every((k) => routes.some((r) => `${r.method} ${r.path}` === k))).toBe(true);
  });

  it('finds every route, each with a known parameter table, and a role guard on every officer route', () => {
    expect(routes.length).toBeGreaterThan(100);
    for (const path of ['/healthz', '/du-thao/:draftId/gop-y', '/can-bo/van-ban/:id/ban-hanh']) expect(routes.map((r) => r.path)).toContain(path);
    for (const r of routes) {
      for (const p of routeParams(r.path)) expect(values, `${r.method} ${r.path}`).toHaveProperty(p);
      if (r.path.startsWith('/can-bo')) expect(r.allowedRoles, `${r.method} ${r.path} has no requireRole guard`).not.toBeNull();
      if (r.path.startsWith('/tinh/can-bo')) expect(r.provinceRoles, `${r.method} ${r.path} has no requireProvinceRole guard`).not.toBeNull();
    }
  });

  it('every state-changing route refuses a missing or foreign CSRF token, urlencoded and multipart: 403, nothing changed', async () => {
    const changing = routes.filter((r) => r.method !== 'GET');
    expect(changing.length).toBeGreaterThan(40);
    const before = await snapshot();
    for (const r of changing) {
      const { agent, token: own } = admittedCaller(r);
      // Foreign: another (anonymous) browser's token, and another officer's session token.
      const foreign = [agents.get('anonymous')!.token, agents.get(r.allowedRoles === null ? 'ADMIN' : 'UNIT')!.token].filter((x) => x !== own);
      const path = fillPath(r.path, values);
      const send = (url: string) => agent[r.method.toLowerCase() as 'post'](url);
      const attempts: { label: string; run: () => Promise<{ status: number; text: string }> }[] = [
        { label: 'urlencoded, no token', run: () => send(path).type('form').send({ title: 'x', body: 'x' }) },
        { label: 'multipart, no token', run: () => send(path).field('title', 'x').attach('files', PDF, 'a.pdf') },
        ...foreign.flatMap((token) => [
          { label: 'urlencoded, foreign token', run: () => send(path).type('form').send({ _csrf: token, title: 'x', body: 'x' }) },
          {
            label: 'multipart, foreign token',
            run: () => send(multipartAction(path, token)).field('_csrf', token).field('title', 'x').attach('files', PDF, 'a.pdf'),
          },
        ]),
      ];
      for (const a of attempts) {
        const res = await a.run();
        if (CSRF_EXEMPT.has(`${r.method} ${r.path}`)) {
          // No CSRF token by design; a forged link token unsubscribes nobody (the snapshot below proves
          // nothing changed) and the answer is the same as for a real one, so it tells nothing either.
          expect(res.status, `${r.method} ${r.path} (${a.label})`).toBeLessThan(500);
          continue;
        }
        expect(res.status, `${r.method} ${r.path} (${a.label})`).toBe(403);
        expect(visibleText(res.text), `${r.method} ${r.path} (${a.label})`).toContain(CSRF_REFUSAL);
      }
    }
    expect(await snapshot()).toEqual(before);
  }, 120_000); // hundreds of requests: on the shared 2-core VM with PostgreSQL they pass 30 s

  it('every officer route sends anonymous visitors to the login page (GET) or refuses them (POST), and refuses every role its guard does not admit', async () => {
    const officerRoutes = routes.filter((r) => r.path.startsWith('/can-bo'));
    const before = await snapshot();
    let refusedByRole = 0;
    for (const r of officerRoutes) {
      const path = fillPath(r.path, values);
      const anon = agents.get('anonymous')!;
      const res = r.method === 'GET' ? await anon.agent.get(path) : await anon.agent.post(path).type('form').send({ _csrf: anon.token });
      if (r.method === 'GET') {
        expect(res.status, `anonymous GET ${r.path}`).toBe(302);
        expect(res.headers.location, `anonymous GET ${r.path}`).toMatch(/^\/dang-nhap\?next=/);
      } else {
        expect(res.status, `anonymous ${r.method} ${r.path}`).toBe(401);
      }
      const admitted = r.allowedRoles === 'any-officer' ? ROLES : (r.allowedRoles as readonly Role[]);
      for (const role of ROLES.filter((x) => !admitted.includes(x))) {
        const { agent, token } = agents.get(role)!;
        const denied = r.method === 'GET' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: token });
        expect(denied.status, `${role} ${r.method} ${r.path}`).toBe(403);
        expect(visibleText(denied.text)).toContain('Không có quyền truy cập');
        refusedByRole++;
      }
    }
    expect(refusedByRole).toBeGreaterThan(100);
    expect(await snapshot()).toEqual(before);
  }, 120_000); // hundreds of requests: on the shared 2-core VM with PostgreSQL they pass 30 s

  it('every province officer route sends anonymous visitors and ward officers to the province login (GET) or refuses them (POST), and refuses every province role its guard does not admit', async () => {
    const provinceRoutes = routes.filter((r) => r.path.startsWith('/tinh/can-bo'));
    expect(provinceRoutes.length).toBeGreaterThan(5);
    const before = await snapshot();
    let refused = 0;
    for (const r of provinceRoutes) {
      const path = fillPath(r.path, values);
      // A ward officer's session is not a province session: the same answer as to an anonymous visitor.
      for (const who of ['anonymous', ...ROLES] as const) {
        const { agent, token } = agents.get(who)!;
        const res = r.method === 'GET' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: token });
        if (r.method === 'GET') {
          expect(res.status, `${who} GET ${r.path}`).toBe(302);
          expect(res.headers.location, `${who} GET ${r.path}`).toMatch(/^\/tinh\/dang-nhap\?next=/);
        } else {
          expect(res.status, `${who} ${r.method} ${r.path}`).toBe(401);
        }
        refused++;
      }
      for (const role of PROVINCE_ROLES.filter((x) => !r.provinceRoles!.includes(x))) {
        const { agent, token } = agents.get(role)!;
        const denied = r.method === 'GET' ? await agent.get(path) : await agent.post(path).type('form').send({ _csrf: token });
        expect(denied.status, `${role} ${r.method} ${r.path}`).toBe(403);
        expect(visibleText(denied.text)).toContain('Không có quyền truy cập');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(30);
    expect(await snapshot()).toEqual(before);
  });

  it('the province reviewer (Sở Tư pháp) cannot change anything: every officer POST, ward or province, with a valid token, is refused and nothing changes', async () => {
    const { agent, token } = agents.get('PROVINCE_REVIEWER')!;
    const changing = routes.filter((r) => r.method !== 'GET' && (r.path.startsWith('/can-bo') || r.path.startsWith('/tinh/can-bo')));
    expect(changing.length).toBeGreaterThan(40);
    const before = await snapshot();
    for (const r of changing) {
      const path = fillPath(r.path, values);
      const res = await agent.post(path).type('form').send({ _csrf: token, title: 'x', body: 'x', name: 'x' });
      // Ward officer areas do not know a province session (401); province routes it is not admitted to answer 403.
      expect(res.status, `reviewer ${r.method} ${r.path}`).toBe(r.path.startsWith('/tinh') ? 403 : 401);
    }
    expect(await snapshot()).toEqual(before);
  });
});
