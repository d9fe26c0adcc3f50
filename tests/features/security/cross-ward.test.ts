import type TestAgent from 'supertest/lib/agent.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../src/domain/enums.js';
import { Prisma } from '../../../src/generated/sqlite/client.js';
import { fillPath, type ListedRoute, listRoutes, routeParams } from '../../helpers/routes.js';
import { createSecondWard, MARKER, type SecondWard } from '../../helpers/second-ward.js';
import { createTestApp, csrfToken, multipartAction, type TestApp } from '../../helpers/test-app.js';

/**
 * Issue 12: an officer of one ward can neither read nor write another ward's records
 * by any id, on every route. Ward B (tests/helpers/second-ward.ts) has a record for
 * every route parameter; each parametrised route, read from the router itself, is
 * called on ward A's portal with B's ids — all of them, and each one alone among A's
 * own ids — as every role of A and as a visitor. Reads answer 403/404 and never show
 * B's text; writes answer 403/404 and leave the whole database as it was. B's ids are
 * also put in the form fields a write may read them from.
 */
const LOGINS: Record<Role, string> = { ADMIN: 'quantri', JUSTICE: 'tuphap', UNIT: 'vanhoa', CHAIRMAN: 'chutich' };
const ROLES = Object.keys(LOGINS) as Role[];

describe('another ward’s records, by id, on every route', () => {
  let t: TestApp;
  let b: SecondWard;
  let routes: ListedRoute[];
  let own: Record<string, string>;
  const callers = new Map<Role | 'anonymous', { agent: TestAgent; token: string }>();

  /** Every row of every table but the session store and the rate-limit counters. */
  async function snapshot() {
    const out: Record<string, string[]> = {};
    for (const model of Object.values(Prisma.ModelName)) {
      if (model === 'Session' || model === 'RateLimitCounter') continue;
      const delegate = (t.db as unknown as Record<string, { findMany: () => Promise<unknown[]> }>)[model[0].toLowerCase() + model.slice(1)];
      out[model] = (await delegate.findMany()).map((r) => JSON.stringify(r)).sort();
    }
    return out;
  }

  /** The parameter sets to try: all of B's ids, and (with several parameters) each of B's ids among A's. */
  function attempts(r: ListedRoute): { label: string; path: string }[] {
    const params = routeParams(r.path);
    // `:id` names an issued document, except in the outgoing register where it names an entry.
    const ofB = r.path.startsWith('/can-bo/so-van-ban-di/:id') ? { ...b.ids, id: b.ids.registerEntryId } : b.ids;
    const out = [{ label: 'all of B', path: fillPath(r.path, { ...own, ...ofB }) }];
    if (params.length > 1) for (const p of params) out.push({ label: `${p} of B`, path: fillPath(r.path, { ...own, [p]: ofB[p] }) });
    return out;
  }

  /** Who may call the route at all (the others are refused by its role guard first, which is checked too). */
  function callersOf(r: ListedRoute) {
    if (r.allowedRoles === null) return [...callers.entries()];
    return [...callers.entries()].filter(([who]) => who !== 'anonymous');
  }

  /**
   * B's ids under the names forms use, so a write cannot take them from its body either,
   * with valid values for the other fields of the forms that check their input before
   * looking the record up (hide, answer, correction), so those reach the lookup too.
   */
  function formWithIdsOfB(token: string) {
    const ids = b.ids;
    return {
      _csrf: token,
      reason: 'SPAM',
      outcome: 'ACCEPTED',
      explanation: 'Tiếp thu ý kiến.',
      summary: 'Trích yếu đính chính',
      signedBy: 'Người ký',
      issuedOn: '15/10/2025',
      unitId: ids.unitId,
      unitIds: ids.unitId,
      leadUnitIds: ids.unitId,
      userId: ids.userId,
      taskId: ids.taskId,
      planId: ids.planId,
      draftId: ids.draftId,
      versionId: ids.versionId,
      sectionId: ids.sectionId,
      commentId: ids.commentId,
      commentIds: ids.commentId,
      answerId: ids.answerId,
      groupId: ids.groupId,
      reportId: ids.reportId,
      estimateId: ids.estimateId,
      obstacleId: ids.obstacleId,
      documentId: ids.id,
      fileId: ids.fileId,
      keepFiles: ids.fileId,
      residentialGroupId: ids.unitId,
      plannedActivityId: ids.taskId,
      code: ids.code,
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    b = await createSecondWard(t);
    routes = listRoutes(t.app).filter((r) => routeParams(r.path).some((p) => p in b.ids));
    const a = { wardId: t.wardId };
    const id = (row: { id: string } | null) => row?.id ?? 'khong-ton-tai';
    const draft = await t.db.draft.findFirstOrThrow({ where: a, orderBy: { createdAt: 'asc' } });
    const comment = await t.db.comment.findFirstOrThrow({ where: { draftId: draft.id } });
    const ofPlanA = { task: { plan: a } };
    own = {
      planId: id(await t.db.plan.findFirst({ where: a })),
      taskId: id(await t.db.task.findFirst({ where: { plan: a }, orderBy: { ordinal: 'asc' } })),
      fileId: id(await t.db.storedFile.findFirst({ where: a })),
      userId: id(await t.db.user.findFirst({ where: { username: 'tdp1' } })),
      unitId: id(await t.db.unit.findFirst({ where: a })),
      reportId: id(await t.db.progressReport.findFirst({ where: ofPlanA })),
      estimateId: id(await t.db.budgetEstimate.findFirst({ where: ofPlanA })),
      obstacleId: id(await t.db.obstacle.findFirst({ where: { plan: a } })),
      draftId: draft.id,
      commentId: comment.id,
      answerId: id(await t.db.commentAnswer.findFirst({ where: { draft: a } })),
      groupId: id(await t.db.commentGroup.findFirst({ where: { draft: a } })),
      id: id(await t.db.issuedDocument.findFirst({ where: a })),
      code: comment.receiptCode,
    };
    for (const role of ROLES) {
      const agent = await t.loginAs(LOGINS[role]);
      callers.set(role, { agent, token: await csrfToken(agent, '/can-bo') });
    }
    const visitor = t.agent();
    callers.set('anonymous', { agent: visitor, token: await csrfToken(visitor, '/dang-nhap') });
  });
  afterAll(() => t.close());

  it('ward B has a record for every id parameter of the routes, and the routes name them', () => {
    expect(routes.length).toBeGreaterThan(80);
    for (const p of new Set(routes.flatMap((r) => routeParams(r.path)))) if (p !== 'token') expect(b.ids, p).toHaveProperty(p);
  });

  it('every GET with B’s ids answers 403 or 404 to every role of A and to visitors, never showing B’s data', async () => {
    let tried = 0;
    const problems: string[] = [];
    for (const r of routes.filter((x) => x.method === 'GET')) {
      for (const { label, path } of attempts(r)) {
        for (const [who, { agent }] of callersOf(r)) {
          const res = await agent.get(path);
          if (![403, 404].includes(res.status) || (res.text ?? '').includes(MARKER)) problems.push(`${who} GET ${path} (${r.path}, ${label}): ${res.status}`);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(150);
    expect(problems).toEqual([]);
  }, 600_000);

  it('every POST with B’s ids (in the path and in the form) answers 403 or 404 and changes nothing at all', async () => {
    const before = await snapshot();
    let tried = 0;
    const problems: string[] = [];
    for (const r of routes.filter((x) => x.method === 'POST')) {
      for (const { label, path } of attempts(r)) {
        for (const [who, { agent, token }] of callersOf(r)) {
          const res = await agent.post(multipartAction(path, token)).type('form').send(formWithIdsOfB(token));
          if (![403, 404].includes(res.status) || (res.text ?? '').includes(MARKER)) problems.push(`${who} POST ${path} (${r.path}, ${label}): ${res.status}`);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(150);
    expect(problems).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 600_000);
});
