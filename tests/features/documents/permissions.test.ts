import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type TestAgent from 'supertest/lib/agent.js';
import { createTestApp, csrfToken, submitForm, type TestApp } from '../../helpers/test-app.js';
import { createDataset, quarterForm, type Dataset } from './helpers.js';

/**
 * Every documents route against every role: JUSTICE and ADMIN write, the
 * CHAIRMAN reads and downloads, UNIT officials get 403, anonymous visitors are
 * sent to the login page (GET) or refused (POST).
 */
describe('who may use the documents pages', () => {
  let t: TestApp;
  let ds: Dataset;
  let draftId: string;
  let issuedId: string;
  let foreignDocId: string;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
    const agent = await t.loginAs('tuphap');
    const create = async () =>
      (await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId))).headers.location.split('/').pop()!;
    draftId = await create();
    issuedId = await create();
    expect((await submitForm(agent, `/can-bo/van-ban/${issuedId}`, `/can-bo/van-ban/${issuedId}/ban-hanh`, {})).status).toBe(303);
    // A document of another ward must stay invisible.
    const other = await t.db.ward.create({
      data: { slug: 'phuong-khac', name: 'Phường Khác', placeName: 'Khác', committeeName: 'Ủy ban nhân dân phường Khác', parentBodyName: 'UBND thành phố' },
    });
    const plan = await t.db.plan.create({
      data: {
        wardId: other.id,
        year: 2025,
        title: 'Kế hoạch khác',
        issuingBody: 'X',
        parentBody: 'Y',
        place: 'Khác',
        signerName: 'Z',
        preamble: '',
        purpose: '',
        requirements: '',
        implementation: '',
        funding: '',
      },
    });
    foreignDocId = (
      await t.db.issuedDocument.create({ data: { wardId: other.id, planId: plan.id, kind: 'RESULTS_REPORT', symbol: 'BC-UBND', title: 'Báo cáo khác' } })
    ).id;
  });
  afterAll(() => t.close());

  const readRoutes = () => [
    '/can-bo/van-ban',
    `/can-bo/van-ban/${draftId}`,
    `/can-bo/van-ban/${draftId}/ban-in`,
    `/can-bo/van-ban/${draftId}.docx`,
    `/can-bo/van-ban/${draftId}.xlsx`,
    `/can-bo/van-ban/${issuedId}.docx`,
    `/can-bo/van-ban/ke-hoach/${ds.planId}`,
    `/can-bo/van-ban/ke-hoach/${ds.planId}.docx`,
  ];
  const writePages = () => ['/can-bo/van-ban/moi', `/can-bo/van-ban/${draftId}/sua`];
  const writeActions = () => [
    '/can-bo/van-ban/moi',
    `/can-bo/van-ban/${draftId}/sua`,
    `/can-bo/van-ban/${draftId}/tinh-lai`,
    `/can-bo/van-ban/${draftId}/ban-hanh`,
    `/can-bo/van-ban/${issuedId}/dinh-chinh`,
  ];
  const postAs = async (agent: TestAgent, url: string) => {
    const token = await csrfToken(agent, '/dang-nhap');
    return agent.post(url).type('form').send({ _csrf: token });
  };

  it('sends anonymous visitors to the login page and refuses their posts', async () => {
    const agent = t.agent();
    for (const url of [...readRoutes(), ...writePages()]) {
      const res = await agent.get(url);
      expect(res.status, url).toBe(302);
      expect(res.headers.location, url).toBe(`/dang-nhap?next=${encodeURIComponent(url)}`);
    }
    for (const url of writeActions()) expect((await postAs(agent, url)).status, url).toBe(401);
  });

  it('refuses unit officials everything', async () => {
    const agent = await t.loginAs('vanhoa');
    for (const url of [...readRoutes(), ...writePages()]) expect((await agent.get(url)).status, url).toBe(403);
    for (const url of writeActions()) {
      const token = await csrfToken(agent, '/can-bo');
      expect((await agent.post(url).type('form').send({ _csrf: token })).status, url).toBe(403);
    }
  });

  it('lets the chairman read and download but not write', async () => {
    const agent = await t.loginAs('chutich');
    for (const url of readRoutes()) expect((await agent.get(url)).status, url).toBe(200);
    for (const url of writePages()) expect((await agent.get(url)).status, url).toBe(403);
    for (const url of writeActions()) {
      const token = await csrfToken(agent, '/can-bo');
      expect((await agent.post(url).type('form').send({ _csrf: token })).status, url).toBe(403);
    }
    const list = await agent.get('/can-bo/van-ban');
    expect(list.text).not.toContain('href="/can-bo/van-ban/moi"');
    const show = await agent.get(`/can-bo/van-ban/${draftId}`);
    expect(show.text).not.toContain('/ban-hanh"');
    expect(await t.db.issuedDocument.count({ where: { planId: ds.planId } })).toBe(2);
  });

  it.each(['tuphap', 'quantri'])('lets %s read, open the forms and recompute', async (username) => {
    const agent = await t.loginAs(username);
    for (const url of [...readRoutes(), ...writePages()]) expect((await agent.get(url)).status, url).toBe(200);
    const res = await submitForm(agent, `/can-bo/van-ban/${draftId}`, `/can-bo/van-ban/${draftId}/tinh-lai`, {});
    expect(res.status).toBe(303);
    expect(await t.db.auditLog.count({ where: { entityId: draftId, action: 'document.recompute', user: { username } } })).toBe(1);
  });

  it("keeps another ward's documents out of reach", async () => {
    const agent = await t.loginAs('tuphap');
    expect((await agent.get(`/can-bo/van-ban/${foreignDocId}`)).status).toBe(404);
    expect((await agent.get(`/can-bo/van-ban/${foreignDocId}.docx`)).status).toBe(404);
    const res = await submitForm(agent, '/can-bo/van-ban', `/can-bo/van-ban/${foreignDocId}/ban-hanh`, {});
    expect(res.status).toBe(404);
    expect((await t.db.issuedDocument.findUniqueOrThrow({ where: { id: foreignDocId } })).status).toBe('DRAFT');
    expect((await agent.get('/can-bo/van-ban')).text).not.toContain('Báo cáo khác');
  });
});
