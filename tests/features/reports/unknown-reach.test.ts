/**
 * Issue 9: nobody can count a loudspeaker broadcast's listeners. An activity's
 * reach may be "không xác định" (an explicit tick, stored as null) and figures
 * name such activities apart instead of adding them as 0 people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computePlanFigures } from '../../../src/features/figures/plan-figures.js';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { getBinary, quarterForm, readDocx } from '../documents/helpers.js';
import { postForm, postMultipart, taskIds } from './work-helpers.js';

const row = (i: number, channel: string, peopleReached: string, reachUnknown: string) => ({
  [`activities[${i}][channel]`]: channel,
  [`activities[${i}][heldOn]`]: '2025-10-10',
  [`activities[${i}][description]`]: `Hoạt động ${i + 1}`,
  [`activities[${i}][peopleReached]`]: peopleReached,
  ...(reachUnknown ? { [`activities[${i}][reachUnknown]`]: reachUnknown } : {}),
});

describe('activities whose reach is unknown', () => {
  let t: TestApp;
  let ids: Awaited<ReturnType<typeof taskIds>>;
  beforeAll(async () => {
    t = await createTestApp();
    ids = await taskIds(t);
  });
  afterAll(() => t.close());

  it('needs a number or the explicit tick, not both; typed values come back on the form', async () => {
    const tdp1 = await t.loginAs('tdp1');
    const url = `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`;
    const before = await t.db.progressReport.count();
    const neither = await postMultipart(tdp1, url, { reportedOn: '2025-10-12', summary: 'Phát thanh', ...row(0, 'LOUDSPEAKER', '', '') });
    expect(neither.status).toBe(400);
    expect(visibleText(neither.text)).toContain('Vui lòng nhập số người được truyền thông, hoặc chọn “Không xác định được số người”.');
    const both = await postMultipart(tdp1, url, { reportedOn: '2025-10-12', summary: 'Phát thanh', ...row(0, 'LOUDSPEAKER', '500', '1') });
    expect(both.status).toBe(400);
    expect(visibleText(both.text)).toContain('Đã chọn “Không xác định được số người” thì để trống số người được truyền thông.');
    expect(both.text).toMatch(/id="activities-0-reachUnknown" name="activities\[0\]\[reachUnknown\]" value="1" checked/);
    expect(await t.db.progressReport.count()).toBe(before);
  });

  it('stores null, shows "Không xác định" and reports "3 hoạt động, trong đó 2 không xác định được số người"', async () => {
    const tdp1 = await t.loginAs('tdp1');
    const res = await postMultipart(tdp1, `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`, {
      reportedOn: '2025-10-12',
      summary: 'Phát thanh và họp dân',
      ...row(0, 'LOUDSPEAKER', '', '1'),
      ...row(1, 'LOUDSPEAKER', '', '1'),
      ...row(2, 'LOUDSPEAKER', '400', ''),
    });
    expect(res.status).toBe(303);
    const id = res.headers.location.split('/').pop()!;
    const saved = await t.db.communicationActivity.findMany({ where: { reportId: id }, orderBy: { description: 'asc' } });
    expect(saved.map((a) => a.peopleReached)).toEqual([null, null, 400]);
    const justice = await t.loginAs('tuphap');
    const page = visibleText((await justice.get(`/can-bo/bao-cao/${id}`)).text);
    expect(page).toContain('Số người được truyền thông 400 (chưa kể 2 hoạt động không xác định được số người)');
    expect(page).toContain('Không xác định');
    expect((await postForm(justice, `/can-bo/bao-cao/${id}/chap-nhan`, {})).status).toBe(303);

    const plan = await t.db.task.findUniqueOrThrow({ where: { id: ids.t1 } });
    const f = await computePlanFigures(t.db, {
      wardId: t.wardId,
      planId: plan.planId,
      from: new Date('2025-10-10T00:00:00+07:00'),
      to: new Date('2025-10-10T00:00:00+07:00'),
      now: t.clock.now(),
    });
    expect(f.channels.find((c) => c.channel === 'LOUDSPEAKER')).toEqual({ channel: 'LOUDSPEAKER', activities: 3, peopleReached: 400, unknownReach: 2 });
    expect(f.unknownReachTotal).toBe(2);
    const progress = visibleText((await justice.get(`/can-bo/tien-do?ke-hoach=${plan.planId}&tu=2025-10-10&den=2025-10-10`)).text);
    expect(progress).toContain('Loa truyền thanh 3 400 2');
    expect(progress).toContain('lượt người được truyền thông (chưa kể 2 hoạt động không xác định được số người)');

    const created = await submitForm(
      justice,
      '/can-bo/van-ban/moi',
      '/can-bo/van-ban/moi',
      quarterForm(plan.planId, { periodKind: 'CUSTOM', from: '2025-10-10', to: '2025-10-10' }),
    );
    expect(created.status).toBe(303);
    const docx = await readDocx((await getBinary(justice, `${created.headers.location}.docx`)).body as Buffer);
    expect(docx.text).toContain('Loa truyền thanh: 3 hoạt động, trong đó 2 không xác định được số người; 400 lượt người ở 1 hoạt động còn lại');
  });

  it('reports a channel whose every activity went uncounted as "Không xác định" in the report table, not as 0 people', async () => {
    const tdp1 = await t.loginAs('tdp1');
    const uncounted = (i: number) => ({ ...row(i, 'LOUDSPEAKER', '', '1'), [`activities[${i}][heldOn]`]: '2025-10-11' });
    const res = await postMultipart(tdp1, `/can-bo/nhiem-vu/${ids.t1}/bao-cao/moi`, {
      reportedOn: '2025-10-13',
      summary: 'Phát thanh hai buổi',
      ...uncounted(0),
      ...uncounted(1),
    });
    expect(res.status).toBe(303);
    const justice = await t.loginAs('tuphap');
    expect((await postForm(justice, `/can-bo/bao-cao/${res.headers.location.split('/').pop()}/chap-nhan`, {})).status).toBe(303);
    const plan = await t.db.task.findUniqueOrThrow({ where: { id: ids.t1 } });
    const created = await submitForm(
      justice,
      '/can-bo/van-ban/moi',
      '/can-bo/van-ban/moi',
      quarterForm(plan.planId, { periodKind: 'CUSTOM', from: '2025-10-11', to: '2025-10-11' }),
    );
    expect(created.status).toBe(303);
    const { paragraphs } = await readDocx((await getBinary(justice, `${created.headers.location}.docx`)).body as Buffer);
    const row1 = paragraphs.indexOf('Loa truyền thanh');
    expect(paragraphs.slice(row1, row1 + 3)).toEqual(['Loa truyền thanh', '2', 'Không xác định']);
    const total = paragraphs.indexOf('Tổng cộng');
    expect(paragraphs.slice(total, total + 3)).toEqual(['Tổng cộng', '2', 'Không xác định']);
    // The progress page's bar for that channel names the uncounted activities instead of drawing "0".
    const progress = visibleText((await justice.get(`/can-bo/tien-do?ke-hoach=${plan.planId}&tu=2025-10-11&den=2025-10-11`)).text);
    expect(progress).toContain('Loa truyền thanh: không xác định (2 hoạt động)');
    expect(progress).not.toContain('Loa truyền thanh: 0');
  });
});
