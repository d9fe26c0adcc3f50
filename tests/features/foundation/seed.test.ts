import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../scripts/migrate.js';
import { createDb, type Db } from '../../../src/db/client.js';
import { seed } from '../../../prisma/seed.js';

describe('seeding an empty database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-seed-'));
  let db: Db | undefined;
  afterAll(async () => {
    await db?.$disconnect();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('in production creates the ward plan but no demo accounts or demo drafts, and only once', async () => {
    const url = `file:${path.join(dir, 'portal.db')}`;
    migrate(url, dir);
    db = await createDb(url);
    expect(await seed(db, { demo: false, wardSlug: 'truong-quang-trong', now: new Date() })).toBe(true);
    expect(await db.user.count()).toBe(0);
    expect(await db.draft.count()).toBe(0);
    expect(await db.progressReport.count()).toBe(0);
    const plan = await db.plan.findFirstOrThrow({ include: { tasks: true, recipients: true, bases: true } });
    expect(plan.signerName).toBe('Trương Thanh Thảo');
    expect(plan.tasks).toHaveLength(3);
    expect(plan.bases.map((b) => b.number)).toEqual(['113/KH-UBND', '25/KH-UBND']);
    expect(plan.recipients.map((r) => r.name)).toContain('Trang thông tin điện tử phường');
    // A second start finds the ward and changes nothing.
    expect(await seed(db, { demo: true, wardSlug: 'truong-quang-trong', now: new Date() })).toBe(false);
    expect(await db.user.count()).toBe(0);
  });
});
