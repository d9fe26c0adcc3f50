/** Issue 9: a "năm 2026" report on the 2025 plan was accepted without a word. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDataset, quarterForm, type Dataset } from './helpers.js';

describe('a report period against the plan year', () => {
  let t: TestApp;
  let ds: Dataset;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
  });
  afterAll(() => t.close());

  it('refuses a period that does not touch the plan year, with the form again and nothing saved', async () => {
    const agent = await t.loginAs('tuphap');
    const before = await t.db.issuedDocument.count();
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId, { periodKind: 'YEAR', year: '2026' }));
    expect(res.status).toBe(400);
    expect(visibleText(res.text)).toContain('Kỳ báo cáo năm 2026 nằm ngoài năm của kế hoạch (năm 2025).');
    expect(res.text).toContain('value="2026"');
    expect(await t.db.issuedDocument.count()).toBe(before);
  });

  it('asks for a confirmation when the period runs past the plan year, then accepts it', async () => {
    const agent = await t.loginAs('tuphap');
    const form = quarterForm(ds.planId, { periodKind: 'CUSTOM', from: '2025-07-01', to: '2026-01-31' });
    const warned = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', form);
    expect(warned.status).toBe(400);
    expect(visibleText(warned.text)).toContain('vượt ra ngoài năm của kế hoạch (năm 2025)');
    expect(warned.text).toContain('name="confirmOutsideYear"');
    const confirmed = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', { ...form, confirmOutsideYear: '1' });
    expect(confirmed.status).toBe(303);
    // A quarter inside the year needs no confirmation.
    expect((await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId))).status).toBe(303);
  });
});
