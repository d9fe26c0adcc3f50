/**
 * Officers' draft pages read the draft by a hand-written statement (src/db/model-rows.ts): the row must be
 * exactly what Prisma's findFirst gives — every field, dates as dates, booleans as booleans — on either database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';
import { draftForWard } from '../../../src/features/drafts/drafts.service.js';
import { acrossWards } from '../../../src/db/ward-scope.js';
import { makeDraft } from '../comments/fixtures.js';
import { createSecondWard } from '../../helpers/second-ward.js';

describe('a draft read for an officer page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is the row Prisma reads, field for field, with its dates, flags, counts and empty values', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo đọc bằng câu lệnh viết tay', publishImmediately: true });
    const closedEarlyAt = new Date(Date.UTC(2026, 10, 28, 7, 30, 15, 123));
    await t.db.draft.update({ where: { id: draft.id }, data: { closedEarlyAt, closedEarlyReason: 'Đã đủ ý kiến', summaryNote: 'Ghi chú “có dấu” & <thẻ>' } });
    const prisma = await t.db.draft.findFirstOrThrow({ where: { id: draft.id } });
    const read = await acrossWards(() => draftForWard(t.db, prisma.wardId, draft.id));
    expect(read).toEqual(prisma);
    expect(read.closedEarlyAt).toEqual(closedEarlyAt);
    expect(read.publishImmediately).toBe(true);
    expect(read.answeredAt).toBeNull();
    expect(typeof read.commentsPending).toBe('number');
  });

  it('finds nothing for another ward or an unknown id (404)', async () => {
    const draft = await makeDraft(t, { title: 'Dự thảo của phường này' });
    const other = await createSecondWard(t);
    await expect(acrossWards(() => draftForWard(t.db, other.wardId, draft.id))).rejects.toMatchObject({ status: 404 });
    const prisma = await t.db.draft.findFirstOrThrow({ where: { id: draft.id } });
    await expect(acrossWards(() => draftForWard(t.db, prisma.wardId, 'khong-co'))).rejects.toMatchObject({ status: 404 });
  });
});
