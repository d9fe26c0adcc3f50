/** Officer pages and non-public files are never kept by a browser cache or a shared proxy. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfToken, type TestApp, multipartAction } from '../../helpers/test-app.js';
import { PDF, postMultipart, taskIds } from '../reports/work-helpers.js';

describe('Cache-Control', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('marks every officer page and every signed-in response no-store; public pages stay cacheable', async () => {
    const anonymous = t.agent();
    for (const path of ['/', '/du-thao', '/ke-hoach']) {
      expect((await anonymous.get(path)).headers['cache-control'] ?? '', path).not.toContain('no-store');
    }
    expect((await anonymous.get('/can-bo')).headers['cache-control']).toBe('no-store'); // even the redirect to login
    const officer = await t.loginAs('tuphap');
    const law = await t.db.draft.findFirstOrThrow({ where: { documentType: 'LAW' } });
    for (const path of ['/can-bo', '/can-bo/du-thao', `/can-bo/du-thao/${law.id}/y-kien`, '/can-bo/bao-cao', '/', `/du-thao/${law.id}`]) {
      const res = await officer.get(path);
      expect(res.status, path).toBe(200);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('never caches evidence; lets a public draft attachment be cached only for anonymous readers', async () => {
    const { t2 } = await taskIds(t);
    const vanhoa = await t.loginAs('vanhoa');
    const created = await postMultipart(vanhoa, `/can-bo/nhiem-vu/${t2}/bao-cao/moi`, { reportedOn: '2025-10-10', summary: 'Có minh chứng' }, [
      { buffer: PDF, name: 'minh-chung.pdf' },
    ]);
    const reportId = created.headers.location.split('/').pop()!;
    const evidence = await t.db.storedFile.findFirstOrThrow({ where: { progressReportId: reportId } });
    const download = await vanhoa.get(`/can-bo/bao-cao/${reportId}/tep/${evidence.id}`);
    expect(download.status).toBe(200);
    expect(download.headers['cache-control']).toContain('no-store');

    const officer = await t.loginAs('tuphap');
    const law = await t.db.draft.findFirstOrThrow({ where: { documentType: 'LAW' } });
    const token = await csrfToken(officer, `/can-bo/du-thao/${law.id}/tep`);
    const up = await officer
      .post(multipartAction(`/can-bo/du-thao/${law.id}/tep`, token))
      .field('kind', 'OTHER')
      .attach('files', PDF, 'cong-khai.pdf');
    expect(up.status).toBe(303);
    const file = await t.db.storedFile.findFirstOrThrow({ where: { draftId: law.id, originalName: 'cong-khai.pdf' } });
    const url = `/du-thao/${law.id}/tep/${file.id}`;
    const publicCopy = await t.agent().get(url);
    expect(publicCopy.status).toBe(200);
    expect(publicCopy.headers['cache-control']).toBe('public, max-age=300');
    expect((await officer.get(url)).headers['cache-control']).toContain('no-store');
  });
});
