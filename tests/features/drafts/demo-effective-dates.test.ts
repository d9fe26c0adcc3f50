import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { vnDate } from '../../../prisma/seed.js';
import { effectiveAfter, withEffectiveDate } from '../../../prisma/seed-demo-drafts.js';

/** The demo drafts are dated relative to the day of seeding: their effective dates must come after their consultation. */
describe('demo drafts take effect after their consultation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every "có hiệu lực … từ ngày" of every version lies after the draft closes for comments', async () => {
    const drafts = await t.db.draft.findMany({ where: { wardId: t.wardId }, include: { versions: { include: { sections: true } } } });
    let checked = 0;
    for (const d of drafts) {
      for (const v of d.versions) {
        for (const s of v.sections) {
          for (const m of `${s.heading}\n${s.body}`.matchAll(/hiệu lực(?: thi hành)? từ ngày (\d{2}) tháng (\d{2}) năm (\d{4})/g)) {
            const effective = vnDate(`${m[3]}-${m[2]}-${m[1]}`);
            expect(effective.getTime(), `${d.title}, lần ${v.number}`).toBeGreaterThan(d.closesAt.getTime());
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('computes the dates from the end of the consultation', () => {
    expect(effectiveAfter(vnDate('2025-09-10'), 'OTHER')).toEqual(vnDate('2025-12-01'));
    expect(effectiveAfter(vnDate('2025-11-04'), 'LAW')).toEqual(vnDate('2027-01-01'));
    expect(withEffectiveDate('Nghị quyết này có hiệu lực từ ngày 01 tháng 01 năm 2026.', vnDate('2025-12-01'))).toBe(
      'Nghị quyết này có hiệu lực từ ngày 01 tháng 12 năm 2025.',
    );
  });
});
