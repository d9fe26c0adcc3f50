/**
 * Issue 9: "Vướng mắc (0)" sat above two unresolved obstacles, and a quarter's
 * report said "0 phản ánh" while the progress page showed one unresolved. One
 * definition (isUnresolvedObstacle) for the progress page, the task page and the report.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { createDataset, getBinary, quarterForm, readDocx, type Dataset } from '../documents/helpers.js';

describe('one definition of an unresolved obstacle', () => {
  let t: TestApp;
  let ds: Dataset;
  beforeAll(async () => {
    t = await createTestApp();
    ds = await createDataset(t);
  });
  afterAll(() => t.close());

  it('the progress page, the task page and a later quarter’s report count the same unresolved obstacles', async () => {
    // The dataset: one obstacle answered in August (task 1), one raised on 20/09 with no task and still open.
    const [answered, open] = await Promise.all([
      t.db.obstacle.findFirstOrThrow({ where: { planId: ds.planId, status: 'ANSWERED' } }),
      t.db.obstacle.findFirstOrThrow({ where: { planId: ds.planId, status: 'OPEN' } }),
    ]);
    await t.db.obstacle.update({ where: { id: answered.id }, data: { status: 'FORWARDED', responseKind: null, response: '', answeredAt: null } });
    await t.db.obstacle.update({ where: { id: open.id }, data: { taskId: ds.taskIds[1] } });

    const chairman = await t.loginAs('chutich');
    const progress = visibleText((await chairman.get(`/can-bo/tien-do?ke-hoach=${ds.planId}`)).text);
    expect(progress).toContain('2 khó khăn, vướng mắc chưa giải quyết');
    expect(progress).toMatch(/Vướng mắc \(2\) Nhiệm vụ 1 .* – 1 khó khăn, vướng mắc chưa giải quyết Nhiệm vụ 2 .* – 1 khó khăn, vướng mắc chưa giải quyết/);
    expect(progress).not.toContain('Không có nhiệm vụ nào đang vướng mắc');

    const task = visibleText((await chairman.get(`/can-bo/nhiem-vu/${ds.taskIds[0]}`)).text);
    expect(task).toContain('Khó khăn, vướng mắc (1 chưa giải quyết)');

    // Quarter IV raised nothing new, yet both obstacles are still unresolved: the report says so.
    const agent = await t.loginAs('tuphap');
    const res = await submitForm(agent, '/can-bo/van-ban/moi', '/can-bo/van-ban/moi', quarterForm(ds.planId, { quarter: '4' }));
    expect(res.status).toBe(303);
    const docx = await readDocx((await getBinary(agent, `${res.headers.location}.docx`)).body as Buffer);
    expect(docx.text).toContain(
      'Số khó khăn, vướng mắc được phản ánh: 0; đã có ý kiến chỉ đạo, hướng dẫn: 0; đã giải quyết xong: 0; đang xử lý: 2 (kể cả 2 khó khăn, vướng mắc phản ánh từ trước kỳ báo cáo).',
    );
  });
});
