import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, submitForm, visibleText, type TestApp } from '../../helpers/test-app.js';
import { getBinary, quarterForm, readDocx } from './helpers.js';

/**
 * A period with communication activity but no draft in the plan's scope (the demo's late July 2025: the Front's
 * meeting and broadcasts, the first draft opened in August). The share of drafts communicated is 0 of 0: the report
 * and the pages must say there was no draft, not "đạt 100% … (đạt chỉ tiêu)".
 */
describe('a period with no draft in the plan scope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('says no draft was due instead of claiming the 100 % target was reached', async () => {
    const justice = await t.loginAs('tuphap');
    const plan = await t.db.plan.findFirstOrThrow({ where: { wardId: t.wardId }, select: { id: true } });
    const created = await submitForm(
      justice,
      '/can-bo/van-ban/moi',
      '/can-bo/van-ban/moi',
      quarterForm(plan.id, { periodKind: 'CUSTOM', from: '2025-07-25', to: '2025-07-31' }),
    );
    expect(created.status).toBe(303);
    const { text } = await readDocx((await getBinary(justice, `${created.headers.location}.docx`)).body as Buffer);
    expect(text).toContain('Loa truyền thanh: 1 hoạt động, 2.500 lượt người');
    expect(text).toContain('Trong kỳ không có dự thảo chính sách thuộc phạm vi Kế hoạch cần truyền thông, lấy ý kiến trên Trang thông tin điện tử phường.');
    expect(text).not.toContain('đạt chỉ tiêu');
    expect(text).not.toContain('đạt 100%');

    const show = visibleText((await justice.get(created.headers.location)).text);
    expect(show).toContain('0 dự thảo thuộc phạm vi kế hoạch trong kỳ');
    expect(show).not.toContain('100% dự thảo được truyền thông');
    const progress = visibleText((await justice.get(`/can-bo/tien-do?ke-hoach=${plan.id}&tu=2025-07-25&den=2025-07-31`)).text);
    expect(progress).toContain('Trong kỳ không có dự thảo nào thuộc phạm vi kế hoạch cần truyền thông.');
    expect(progress).not.toContain('100% dự thảo đã truyền thông');
  });
});
