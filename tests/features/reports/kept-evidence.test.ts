import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, csrfFrom, heldFileCount, multipartAction, storedBytes, visibleText, type TestApp } from '../../helpers/test-app.js';
import { PDF, taskIds } from './work-helpers.js';

const report = {
  reportedOn: '2025-10-14',
  summary: '',
  progressPercent: '60',
  'activities[0][channel]': 'MEETING',
  'activities[0][heldOn]': '2025-10-12',
  'activities[0][description]': 'Họp dân Tổ dân phố 1',
  'activities[0][peopleReached]': '120',
};
const pdf = (label: string) => Buffer.concat([PDF, Buffer.from(`% ${label}\n`)]);

describe('evidence files chosen before a validation error are kept', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    url = `/can-bo/nhiem-vu/${(await taskIds(t)).t3}/bao-cao/moi`;
  });
  afterAll(() => t.close());

  const tokensIn = (html: string) => [...html.matchAll(/id="keptFiles-\d+" name="keptFiles" value="([^"]+)" checked/g)].map((m) => m[1]);

  it('re-offers the files after an error, sends only the ones still ticked, and adds new ones', async () => {
    const tdp1 = await t.loginAs('tdp1');
    const form = await tdp1.get(url);
    let req = tdp1.post(multipartAction(url, csrfFrom(form.text)));
    for (const [k, v] of Object.entries(report)) req = req.field(k, v);
    const first = await req.attach('files', pdf('a'), 'biên bản họp dân.pdf').attach('files', pdf('b'), 'danh sách.pdf');
    expect(first.status).toBe(400);
    const text = visibleText(first.text);
    expect(text).toContain('Vui lòng nhập');
    expect(text).toContain('Tệp bạn đã chọn (được giữ lại, không cần chọn lại)');
    expect(text).toContain('biên bản họp dân.pdf');
    expect(text).toContain('danh sách.pdf');
    const [keepA, keepB] = tokensIn(first.text);
    expect(keepA && keepB).toBeTruthy();
    expect(await t.db.storedFile.count({ where: { progressReportId: { not: null } } })).toBe(0);
    expect(await heldFileCount(t)).toBe(2);

    // "danh sách.pdf" is unticked (not sent); a third file is added.
    let again = tdp1.post(multipartAction(url, csrfFrom(first.text)));
    for (const [k, v] of Object.entries({ ...report, summary: 'Đã họp dân.' })) again = again.field(k, v);
    const ok = await again.field('keptFiles', keepA).attach('files', pdf('c'), 'ảnh.pdf');
    expect(ok.status, visibleText(ok.text).slice(0, 500)).toBe(303);
    const saved = await t.db.progressReport.findFirstOrThrow({ where: { summary: 'Đã họp dân.' }, include: { files: true } });
    expect(saved.files.map((f) => f.originalName).sort()).toEqual(['biên bản họp dân.pdf', 'ảnh.pdf'].sort());
    const stored = saved.files.find((f) => f.originalName === 'biên bản họp dân.pdf')!;
    expect((await storedBytes(t, stored.storageKey))?.equals(pdf('a'))).toBe(true);
    // The held copy that was used is gone; the unticked one waits for the daily sweep.
    expect(await heldFileCount(t)).toBe(1);
  });

  it('ignores a kept-file token that was altered or belongs to someone else', async () => {
    const tdp1 = await t.loginAs('tdp1');
    const form = await tdp1.get(url);
    let req = tdp1.post(multipartAction(url, csrfFrom(form.text)));
    for (const [k, v] of Object.entries(report)) req = req.field(k, v);
    const first = await req.attach('files', pdf('d'), 'minh chứng.pdf');
    const [token] = tokensIn(first.text);

    const [body, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), n: 'khác.pdf' })).toString('base64url')}.${mac}`;
    let again = tdp1.post(multipartAction(url, csrfFrom(first.text)));
    for (const [k, v] of Object.entries({ ...report, summary: 'Thử token sửa.' })) again = again.field(k, v);
    expect((await again.field('keptFiles', forged)).status).toBe(303);
    expect((await t.db.progressReport.findFirstOrThrow({ where: { summary: 'Thử token sửa.' }, include: { files: true } })).files).toHaveLength(0);

    // Another unit's official cannot pick up tdp1's held file.
    const vanhoa = await t.loginAs('vanhoa');
    const other = `/can-bo/nhiem-vu/${(await taskIds(t)).t2}/bao-cao/moi`;
    const page = await vanhoa.get(other);
    let theirs = vanhoa.post(multipartAction(other, csrfFrom(page.text)));
    for (const [k, v] of Object.entries({ ...report, summary: 'Báo cáo của đơn vị khác.' })) theirs = theirs.field(k, v);
    expect((await theirs.field('keptFiles', token)).status).toBe(303);
    expect((await t.db.progressReport.findFirstOrThrow({ where: { summary: 'Báo cáo của đơn vị khác.' }, include: { files: true } })).files).toHaveLength(0);
  });
});
