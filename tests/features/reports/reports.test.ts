import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, storedBytes, storedFileCount, visibleText, type TestApp } from '../../helpers/test-app.js';
import { NOT_A_PDF, PDF, postForm, postMultipart, taskIds, unitId } from './work-helpers.js';

const validReport = (extra: Record<string, string> = {}) => ({
  reportedOn: '2025-10-14',
  summary: 'Tổ chức họp dân giới thiệu dự thảo Nghị quyết.',
  progressPercent: '80',
  'activities[0][channel]': 'MEETING',
  'activities[0][heldOn]': '2025-10-12',
  'activities[0][description]': 'Họp dân Tổ dân phố 1',
  'activities[0][peopleReached]': '1.250',
  'activities[1][channel]': 'LOUDSPEAKER',
  'activities[1][heldOn]': '13/10/2025',
  'activities[1][description]': 'Phát thanh trên cụm loa',
  'activities[1][peopleReached]': '900',
  'activities[2][channel]': '',
  'activities[2][heldOn]': '',
  'activities[2][description]': '',
  'activities[2][peopleReached]': '',
  ...extra,
});

describe('progress reports', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof taskIds>>;
  let tdp1Agent: Awaited<ReturnType<TestApp['loginAs']>>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await taskIds(t);
    tdp1Agent = await t.loginAs('tdp1');
  });
  afterAll(() => t.close());

  it('lets a unit of the task submit a report with activities and evidence, then the Justice officer accepts it and the task moves on', async () => {
    await t.db.task.update({ where: { id: ids.t3 }, data: { status: 'NOT_STARTED', progressPercent: 0 } });
    const tdp1 = await t.loginAs('tdp1');
    const form = await tdp1.get(`/can-bo/nhiem-vu/${ids.t3}/bao-cao/moi`);
    expect(form.status).toBe(200);
    expect(visibleText(form.text)).toContain('Gửi báo cáo tiến độ');
    expect(form.text).toContain('Loa truyền thanh');

    const res = await postMultipart(tdp1, `/can-bo/nhiem-vu/${ids.t3}/bao-cao/moi`, validReport(), [{ buffer: PDF, name: 'biên bản họp dân.pdf' }]);
    expect(res.status).toBe(303);
    const reportId = res.headers.location.split('/').pop()!;
    const saved = await t.db.progressReport.findUniqueOrThrow({ where: { id: reportId }, include: { activities: true, files: true } });
    expect(saved.status).toBe('SUBMITTED');
    expect(saved.unitId).toBe(await unitId(t, 'Tổ dân phố 1'));
    expect(saved.progressPercent).toBe(80);
    expect(saved.activities.map((a) => [a.channel, a.peopleReached]).sort()).toEqual([
      ['LOUDSPEAKER', 900],
      ['MEETING', 1250],
    ]);
    expect(saved.files).toHaveLength(1);
    expect(saved.files[0]).toMatchObject({ kind: 'EVIDENCE', originalName: 'biên bản họp dân.pdf', mimeType: 'application/pdf' });
    expect(await storedBytes(t, saved.files[0].storageKey)).not.toBeNull();

    const page = await tdp1.get(`/can-bo/bao-cao/${reportId}`);
    expect(visibleText(page.text)).toContain('Chờ xem xét');
    expect(visibleText(page.text)).toContain('2.150');

    // The unit sees it in its list; the Justice officer sees it in the review queue first.
    expect(visibleText((await tdp1.get('/can-bo/bao-cao')).text)).toContain('Tổ dân phố 1');
    const tuphap = await t.loginAs('tuphap');
    const queue = visibleText((await tuphap.get(`/can-bo/bao-cao?nhiem-vu=${ids.t3}`)).text);
    expect(queue).toMatch(/Chờ xem xét \(1\)/);

    const download = await tuphap.get(`/can-bo/bao-cao/${reportId}/tep/${saved.files[0].id}`);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n%20h%E1%BB%8Dp%20d%C3%A2n.pdf");

    const accept = await postForm(tuphap, `/can-bo/bao-cao/${reportId}/chap-nhan`, {});
    expect(accept.status).toBe(303);
    const task = await t.db.task.findUniqueOrThrow({ where: { id: ids.t3 } });
    expect(task.status).toBe('IN_PROGRESS');
    expect(task.progressPercent).toBe(80);
    expect((await t.db.progressReport.findUniqueOrThrow({ where: { id: reportId } })).status).toBe('ACCEPTED');
    const audits = await t.db.auditLog.findMany({ where: { entityId: { in: [reportId, ids.t3] } } });
    expect(audits.map((a) => a.action).sort()).toEqual(['report.accept', 'report.submit', 'task.progress']);

    // Accepting twice is refused.
    const again = await postForm(tuphap, `/can-bo/bao-cao/${reportId}/chap-nhan`, {});
    expect(again.status).toBe(409);
  });

  it('lets the Justice officer report on behalf of a unit of the task, and only such a unit', async () => {
    const tuphap = await t.loginAs('tuphap');
    const before = await t.db.progressReport.count();
    const wrong = await postMultipart(tuphap, `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`, validReport({ unitId: await unitId(t, 'Công chức Văn hóa – Xã hội') }));
    expect(wrong.status).toBe(400);
    expect(visibleText(wrong.text)).toContain('Vui lòng chọn đơn vị chủ trì hoặc phối hợp thực hiện nhiệm vụ.');
    expect(await t.db.progressReport.count()).toBe(before);
    const ok = await postMultipart(tuphap, `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`, validReport({ unitId: await unitId(t, 'Hội Cựu chiến binh phường') }));
    expect(ok.status).toBe(303);
    expect(await t.db.progressReport.count()).toBe(before + 1);
  });

  it('returns a report only with a reason; the unit corrects and resubmits it', async () => {
    const vanhoa = await t.loginAs('vanhoa');
    const res = await postMultipart(vanhoa, `/can-bo/nhiem-vu/${ids.t2}/bao-cao/moi`, validReport());
    const reportId = res.headers.location.split('/').pop()!;
    const tuphap = await t.loginAs('tuphap');

    const noReason = await postForm(tuphap, `/can-bo/bao-cao/${reportId}/tra-lai`, { reviewNote: '   ' });
    expect(noReason.status).toBe(400);
    expect(visibleText(noReason.text)).toContain('Có lỗi cần sửa trước khi gửi');
    expect(visibleText(noReason.text)).toContain('Vui lòng nhập lý do trả lại.');
    expect((await t.db.progressReport.findUniqueOrThrow({ where: { id: reportId } })).status).toBe('SUBMITTED');

    const returned = await postForm(tuphap, `/can-bo/bao-cao/${reportId}/tra-lai`, { reviewNote: 'Thiếu biên bản họp dân.' });
    expect(returned.status).toBe(303);
    expect(await t.db.progressReport.findUniqueOrThrow({ where: { id: reportId } })).toMatchObject({
      status: 'RETURNED',
      reviewNote: 'Thiếu biên bản họp dân.',
    });
    expect(await t.db.auditLog.count({ where: { entityId: reportId, action: 'report.return' } })).toBe(1);

    // Another unit may not correct it; its own unit may.
    const tdp1 = await t.loginAs('tdp1');
    expect((await tdp1.get(`/can-bo/bao-cao/${reportId}/sua`)).status).toBe(403);
    const edit = await vanhoa.get(`/can-bo/bao-cao/${reportId}/sua`);
    expect(edit.status).toBe(200);
    expect(visibleText(edit.text)).toContain('Thiếu biên bản họp dân.');
    expect(edit.text).toContain('value="Họp dân Tổ dân phố 1"');

    const resubmit = await postMultipart(
      vanhoa,
      `/can-bo/bao-cao/${reportId}/sua`,
      {
        reportedOn: '2025-10-15',
        summary: 'Đã bổ sung biên bản.',
        progressPercent: '',
        'activities[0][channel]': 'SOCIAL',
        'activities[0][heldOn]': '2025-10-14',
        'activities[0][description]': 'Đăng tin trên nhóm Zalo',
        'activities[0][peopleReached]': '300',
      },
      [{ buffer: PDF, name: 'bien-ban.pdf' }],
    );
    expect(resubmit.status).toBe(303);
    const saved = await t.db.progressReport.findUniqueOrThrow({ where: { id: reportId }, include: { activities: true, files: true } });
    expect(saved).toMatchObject({ status: 'SUBMITTED', summary: 'Đã bổ sung biên bản.', progressPercent: null });
    expect(saved.activities.map((a) => [a.channel, a.peopleReached])).toEqual([['SOCIAL', 300]]);
    expect(saved.files).toHaveLength(1);
    // A report waiting for review cannot be "corrected".
    expect((await vanhoa.get(`/can-bo/bao-cao/${reportId}/sua`)).status).toBe(409);
  });

  describe('refuses bad input with the form again, typed values kept and nothing saved', () => {
    const cases: [string, Record<string, string>, string, { buffer: Buffer; name: string }[]?][] = [
      ['an empty form', { reportedOn: '', summary: '', 'activities[0][channel]': '' }, 'Vui lòng nhập nội dung đã thực hiện.'],
      ['a progress above 100', { progressPercent: '150' }, 'Tỷ lệ hoàn thành (%) phải là số nguyên từ 0 đến 100.'],
      ['a non-integer progress', { progressPercent: '1,5' }, 'Tỷ lệ hoàn thành (%) phải là số nguyên từ 0 đến 100.'],
      ['a negative reach', { 'activities[1][peopleReached]': '-5' }, 'Số người được truyền thông phải từ 0'],
      ['a decimal reach', { 'activities[1][peopleReached]': '1,5' }, 'Số người được truyền thông phải là số nguyên.'],
      ['an activity without channel', { 'activities[1][channel]': '' }, 'Vui lòng chọn kênh truyền thông.'],
      ['an activity in the future', { 'activities[1][heldOn]': '2025-12-01' }, 'Ngày thực hiện hoạt động không được sau ngày hôm nay.'],
      ['an impossible date', { reportedOn: '31/02/2025' }, 'Ngày báo cáo không phải là ngày hợp lệ'],
      ['a file lying about its type', {}, 'không đúng định dạng cho phép', [{ buffer: NOT_A_PDF, name: 'bao-cao.pdf' }]],
      ['too many files', {}, 'Chỉ được đính kèm tối đa 5 tệp minh chứng.', Array.from({ length: 6 }, (_, i) => ({ buffer: PDF, name: `tep-${i}.pdf` }))],
    ];
    for (const [name, fields, message, files] of cases) {
      it(name, async () => {
        const tdp1 = tdp1Agent;
        const [reports, activities, stored] = await Promise.all([t.db.progressReport.count(), t.db.communicationActivity.count(), t.db.storedFile.count()]);
        const res = await postMultipart(tdp1, `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`, validReport({ summary: 'Nội dung đã gõ sẵn', ...fields }), files ?? []);
        expect(res.status).toBe(400);
        const text = visibleText(res.text);
        expect(text).toContain('Có lỗi cần sửa trước khi gửi');
        expect(text).toContain(message);
        if (!('summary' in fields)) expect(res.text).toContain('Nội dung đã gõ sẵn');
        expect(res.text).toContain('value="Phát thanh trên cụm loa"');
        expect(await t.db.progressReport.count()).toBe(reports);
        expect(await t.db.communicationActivity.count()).toBe(activities);
        expect(await t.db.storedFile.count()).toBe(stored);
        expect(await storedFileCount(t)).toBe(stored);
      });
    }
  });

  it('adds empty activity rows without saving when asked for more rows', async () => {
    const tdp1 = tdp1Agent;
    const before = await t.db.progressReport.count();
    const res = await postMultipart(tdp1, `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`, validReport({ themDong: '1' }));
    expect(res.status).toBe(200);
    expect(res.text).toContain('id="activities-5-channel"');
    expect(res.text).toContain('value="Họp dân Tổ dân phố 1"');
    expect(await t.db.progressReport.count()).toBe(before);
  });
});
