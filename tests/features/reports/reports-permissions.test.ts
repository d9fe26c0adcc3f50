import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { PDF, agentsFor, postMultipart, runMatrix, statuses, taskIds } from './work-helpers.js';

describe('progress report permissions (each role against each route)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('checks role and unit on the server for every report route', { timeout: 120_000 }, async () => {
    const { t1 } = await taskIds(t);
    // vanhoa (Văn hóa – Xã hội) has no part in task 1; tdp1 (Tổ dân phố 1) leads it.
    const agents = await agentsFor(t, 'vanhoa', 'tdp1');
    const created = await postMultipart(
      agents.taskUnit,
      `/can-bo/nhiem-vu/${t1}/bao-cao/moi`,
      {
        reportedOn: '2025-10-10',
        summary: 'Báo cáo có tệp minh chứng',
      },
      [{ buffer: PDF, name: 'minh-chung.pdf' }],
    );
    expect(created.status).toBe(303);
    const reportId = created.headers.location.split('/').pop()!;
    const file = await t.db.storedFile.findFirstOrThrow({ where: { progressReportId: reportId } });
    const returned = await t.db.progressReport.create({
      data: {
        taskId: t1,
        unitId: (await t.db.user.findUniqueOrThrow({ where: { username: 'tdp1' } })).unitId!,
        reportedOn: t.clock.now(),
        summary: 'Cần sửa',
        status: 'RETURNED',
        reviewNote: 'Bổ sung số liệu',
      },
    });

    const wrong = await runMatrix(agents, [
      { method: 'get', url: '/can-bo/bao-cao', expect: statuses(302, 200, 200, 200, 200, 200) },
      { method: 'get', url: `/can-bo/bao-cao?nhiem-vu=${t1}`, expect: statuses(302, 200, 200, 200, 200, 200) },
      { method: 'get', url: `/can-bo/nhiem-vu/${t1}/bao-cao/moi`, expect: statuses(302, 403, 200, 403, 200, 200) },
      { method: 'post', url: `/can-bo/nhiem-vu/${t1}/bao-cao/moi`, multipart: true, body: { summary: '' }, expect: statuses(401, 403, 400, 403, 400, 400) },
      // A unit with no part in the task reads neither its reports nor their evidence (issue 8, item 11).
      { method: 'get', url: `/can-bo/bao-cao/${reportId}`, expect: statuses(302, 403, 200, 200, 200, 200) },
      { method: 'get', url: `/can-bo/bao-cao/${reportId}/tep/${file.id}`, expect: statuses(302, 403, 200, 200, 200, 200) },
      { method: 'post', url: `/can-bo/bao-cao/${reportId}/tra-lai`, body: { reviewNote: '' }, expect: statuses(401, 403, 403, 403, 400, 400) },
      // The first reviewer accepts it; the administrator then finds it already reviewed.
      { method: 'post', url: `/can-bo/bao-cao/${reportId}/chap-nhan`, expect: statuses(401, 403, 403, 403, 303, 409) },
      { method: 'get', url: `/can-bo/bao-cao/${returned.id}/sua`, expect: statuses(302, 403, 200, 403, 200, 200) },
      { method: 'post', url: `/can-bo/bao-cao/${returned.id}/sua`, multipart: true, body: { summary: '' }, expect: statuses(401, 403, 400, 403, 400, 400) },
      { method: 'get', url: `/can-bo/bao-cao/khong-co`, expect: statuses(302, 404, 404, 404, 404, 404) },
    ]);
    expect(wrong).toEqual([]);
  });

  it('lets a unit read reports and evidence only on tasks it leads or coordinates', async () => {
    const { t1, t2 } = await taskIds(t);
    const mattran = await t.loginAs('mattran');
    const vanhoa = await t.loginAs('vanhoa');
    // Task 1: the Fatherland Front leads it, Văn hóa – Xã hội has no part. Task 2: both coordinate.
    const submit = async (agent: typeof mattran, taskId: string, summary: string) => {
      const res = await postMultipart(agent, `/can-bo/nhiem-vu/${taskId}/bao-cao/moi`, { reportedOn: '2025-10-10', summary }, [
        { buffer: PDF, name: 'minh-chung.pdf' },
      ]);
      expect(res.status).toBe(303);
      const id = res.headers.location.split('/').pop()!;
      const file = await t.db.storedFile.findFirstOrThrow({ where: { progressReportId: id } });
      return { report: `/can-bo/bao-cao/${id}`, file: `/can-bo/bao-cao/${id}/tep/${file.id}` };
    };
    const frontsOwn = await submit(mattran, t1, 'Mặt trận tuyên truyền tại khu dân cư');
    const vanhoaOwn = await submit(vanhoa, t2, 'Văn hóa – Xã hội phối hợp tuyên truyền');

    const refused = await vanhoa.get(frontsOwn.report);
    expect(refused.status).toBe(403);
    expect(refused.text).not.toContain('Mặt trận tuyên truyền tại khu dân cư');
    expect((await vanhoa.get(frontsOwn.file)).status).toBe(403);

    expect((await vanhoa.get(vanhoaOwn.report)).status).toBe(200);
    expect((await vanhoa.get(vanhoaOwn.file)).status).toBe(200);
    // The Front coordinates task 2 too, so it reads the report of another unit on it.
    expect((await mattran.get(vanhoaOwn.report)).status).toBe(200);
    const chutich = await t.loginAs('chutich');
    expect((await chutich.get(frontsOwn.file)).status).toBe(200);
  });

  it('serves evidence only inside the ward it belongs to', async () => {
    const other = await t.db.ward.create({
      data: { slug: 'phuong-khac', name: 'Phường Khác', placeName: 'Khác', committeeName: 'UBND phường Khác', parentBodyName: 'UBND TP' },
    });
    const file = await t.db.storedFile.findFirstOrThrow({ where: { kind: 'EVIDENCE' } });
    await t.db.storedFile.update({ where: { id: file.id }, data: { wardId: other.id } });
    const tuphap = await t.loginAs('tuphap');
    expect((await tuphap.get(`/can-bo/bao-cao/${file.progressReportId}/tep/${file.id}`)).status).toBe(404);
  });
});
