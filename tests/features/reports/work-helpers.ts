/** Shared by the reports, budgets, obstacles and dashboard tests. */
import type TestAgent from 'supertest/lib/agent.js';
import { csrfToken, multipartAction, type TestApp } from '../../helpers/test-app.js';

export const ROLES = ['anonymous', 'otherUnit', 'taskUnit', 'chutich', 'tuphap', 'quantri'] as const;
export type RoleKey = (typeof ROLES)[number];

/** A real PDF header is enough for the content check (file-type reads the magic bytes). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
export const NOT_A_PDF = Buffer.from('MZ\x90\x00 this is a program, not a document');

export async function taskIds(t: TestApp) {
  const tasks = await t.db.task.findMany({ where: { plan: { wardId: t.wardId } }, orderBy: { ordinal: 'asc' }, select: { id: true, ordinal: true } });
  return { t1: tasks[0].id, t2: tasks[1].id, t3: tasks[2].id };
}

export async function unitId(t: TestApp, name: string) {
  return (await t.db.unit.findFirstOrThrow({ where: { wardId: t.wardId, name } })).id;
}

/** Agents for every role of the permission matrix; otherUnit/taskUnit are chosen per route. */
export async function agentsFor(t: TestApp, otherUnit: string, taskUnit: string): Promise<Record<RoleKey, TestAgent>> {
  const anonymous = t.agent();
  await anonymous.get('/dang-nhap');
  return {
    anonymous,
    otherUnit: await t.loginAs(otherUnit),
    taskUnit: await t.loginAs(taskUnit),
    chutich: await t.loginAs('chutich'),
    tuphap: await t.loginAs('tuphap'),
    quantri: await t.loginAs('quantri'),
  };
}

/** A token usable by the agent (anonymous agents get theirs from the login page). */
export async function tokenFor(agent: TestAgent) {
  return csrfToken(agent, '/dang-nhap').catch(() => csrfToken(agent, '/can-bo'));
}

/** Multipart post as a browser sends the report form. */
export async function postMultipart(
  agent: TestAgent,
  url: string,
  fields: Record<string, string>,
  files: { buffer: Buffer; name: string }[] = [],
  token?: string,
) {
  let req = agent.post(multipartAction(url, token ?? (await tokenFor(agent))));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  for (const f of files) req = req.attach('files', f.buffer, f.name);
  return req;
}

export async function postForm(agent: TestAgent, url: string, fields: Record<string, string | string[]>) {
  const token = await tokenFor(agent);
  return agent
    .post(url)
    .type('form')
    .send({ _csrf: token, ...fields });
}

export type MatrixRoute = {
  method: 'get' | 'post';
  url: string;
  body?: Record<string, string>;
  multipart?: boolean;
  expect: Record<RoleKey, number>;
};

/** Sends every route as every role (in ROLES order) and returns the mismatches, e.g. "tdp1 GET /x: 200 (expected 403)". */
export async function runMatrix(agents: Record<RoleKey, TestAgent>, routes: MatrixRoute[]): Promise<string[]> {
  const wrong: string[] = [];
  for (const r of routes) {
    for (const role of ROLES) {
      const agent = agents[role];
      const res =
        r.method === 'get'
          ? await agent.get(r.url)
          : r.multipart
            ? await postMultipart(agent, r.url, r.body ?? {})
            : await postForm(agent, r.url, r.body ?? {});
      if (res.status !== r.expect[role]) wrong.push(`${role} ${r.method.toUpperCase()} ${r.url}: ${res.status} (expected ${r.expect[role]})`);
      if (r.expect[role] === 302 && r.method === 'get' && role === 'anonymous' && !String(res.headers.location).startsWith('/dang-nhap')) {
        wrong.push(`anonymous GET ${r.url} redirected to ${res.headers.location}`);
      }
    }
  }
  return wrong;
}

/** Expected statuses in ROLES order: anonymous, otherUnit, taskUnit, chutich, tuphap, quantri. */
export function statuses(...codes: [number, number, number, number, number, number]): Record<RoleKey, number> {
  return Object.fromEntries(ROLES.map((r, i) => [r, codes[i]])) as Record<RoleKey, number>;
}
