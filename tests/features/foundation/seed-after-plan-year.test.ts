import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../scripts/migrate.js';
import { createDb, type Db } from '../../../src/db/client.js';
import { seed, vnDate } from '../../../prisma/seed.js';

/**
 * A newcomer who starts the demo after the 2025 plan's year must still see one coherent year: the answered
 * resolution (task 2's draft, with its trigger, comments and answers) and the plan's reports in 2025, where the
 * year report counts them, not the resolution dated from the real today beside 2025 reports; and still a draft
 * open for comment today.
 */
describe('the demo seeded after the plan year', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-seed-late-'));
  let db: Db | undefined;
  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the plan history in the plan year and a draft open today', async () => {
    const url = `file:${path.join(dir, 'portal.db')}`;
    migrate(url, dir);
    db = await createDb(url);
    const now = new Date('2026-11-30T03:00:00Z');
    expect(await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now })).toBe(true);
    const plan = await db.plan.findFirstOrThrow({ select: { year: true } });
    expect(plan.year).toBe(2025);
    const [from, to] = [vnDate('2025-01-01'), vnDate('2026-01-01')];
    const inYear = (d: Date) => d >= from && d < to;

    const resolution = await db.draft.findFirstOrThrow({
      where: { documentType: 'PROVINCIAL_RESOLUTION' },
      select: { opensAt: true, closesAt: true, answeredAt: true, trigger: { select: { receivedOn: true } }, comments: { select: { createdAt: true } } },
    });
    expect(inYear(resolution.opensAt) && inYear(resolution.closesAt) && inYear(resolution.answeredAt!)).toBe(true);
    expect(resolution.trigger!.receivedOn.getTime()).toBeLessThan(resolution.opensAt.getTime());
    expect(resolution.comments.length).toBeGreaterThan(0);
    expect(resolution.comments.filter((c) => !inYear(c.createdAt))).toEqual([]);

    const law = await db.draft.findFirstOrThrow({ where: { documentType: 'LAW' }, select: { opensAt: true, closesAt: true } });
    expect(law.opensAt <= now && now <= law.closesAt).toBe(true);

    const reports = await db.progressReport.findMany({ select: { reportedOn: true } });
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.filter((r) => !inYear(r.reportedOn))).toEqual([]);
    // The address every public page shows is today's: the ward sits directly under the province since 01/07/2025.
    expect((await db.ward.findFirstOrThrow({ select: { address: true } })).address).toBe('Phường Trương Quang Trọng, tỉnh Quảng Ngãi');
  });
});
