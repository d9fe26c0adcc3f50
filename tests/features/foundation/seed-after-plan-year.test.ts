import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../scripts/migrate.js';
import { createDb, type Db } from '../../../src/db/client.js';
import { seed, vnDate } from '../../../prisma/seed.js';

/**
 * A newcomer who starts the demo after the 2025 plan's year must still see one coherent year: the drafts of the plan's
 * tasks, their comments and the plan's reports all in 2025, not the drafts dated from the real today while the
 * reports stay in 2025 (the year report then counted 0 drafts beside tasks that consulted on them).
 */
describe('the demo seeded after the plan year', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-seed-late-'));
  let db: Db | undefined;
  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('dates drafts, comments and reports in the plan year, in the order they happened', async () => {
    const url = `file:${path.join(dir, 'portal.db')}`;
    migrate(url, dir);
    db = await createDb(url);
    expect(await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: new Date('2026-11-30T03:00:00Z') })).toBe(true);
    const plan = await db.plan.findFirstOrThrow({ select: { year: true } });
    expect(plan.year).toBe(2025);
    const [from, to] = [vnDate('2025-01-01'), vnDate('2026-01-01')];
    const inYear = (d: Date) => d >= from && d < to;

    const drafts = await db.draft.findMany({ select: { title: true, opensAt: true, trigger: { select: { receivedOn: true } } } });
    expect(drafts).toHaveLength(3);
    for (const d of drafts) {
      expect(inYear(d.opensAt), d.title).toBe(true);
      if (d.trigger) expect(d.trigger.receivedOn.getTime(), d.title).toBeLessThan(d.opensAt.getTime());
    }
    const comments = await db.comment.findMany({ select: { createdAt: true } });
    expect(comments.length).toBeGreaterThan(0);
    expect(comments.filter((c) => !inYear(c.createdAt))).toEqual([]);
    const reports = await db.progressReport.findMany({ select: { reportedOn: true } });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((r) => !inYear(r.reportedOn))).toEqual([]);
    // The address every public page shows is today's: the ward sits directly under the province since 01/07/2025.
    expect((await db.ward.findFirstOrThrow({ select: { address: true } })).address).toBe('Phường Trương Quang Trọng, tỉnh Quảng Ngãi');
  });
});
