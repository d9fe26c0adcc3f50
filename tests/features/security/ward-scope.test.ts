import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../src/db/client.js';
import { WardScopeError, withWardScope } from '../../../src/db/scoped-client.js';
import { WARD_OWNERSHIP } from '../../../src/db/ward-owned.js';
import { acrossWards, runInWard } from '../../../src/db/ward-scope.js';
import { Prisma } from '../../../src/generated/sqlite/client.js';
import { AppError } from '../../../src/lib/app-error.js';
import { createSecondWard, MARKER, type SecondWard } from '../../helpers/second-ward.js';
import { createTestApp, type TestApp } from '../../helpers/test-app.js';

/**
 * The ward-scoped access layer (src/db/scoped-client.ts) on a real database with two
 * wards: inside runInWard(A) ward B's rows cannot be read, counted, changed, deleted
 * or linked to, whichever query a service writes.
 */
describe('the ward-scoped access layer', () => {
  let t: TestApp;
  let b: SecondWard;
  let db: Db;
  let wardA: string;
  const inA = <T>(fn: () => Promise<T>) => runInWard(wardA, fn);
  const notFound = async (p: Promise<unknown>) => {
    const err = await p.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(404);
  };

  beforeAll(async () => {
    t = await createTestApp();
    b = await createSecondWard(t);
    db = withWardScope(t.db);
    wardA = t.wardId;
  });
  afterAll(() => t.close());

  it('classifies every model of the schema, and each owner chain ends at a wardId', () => {
    expect(Object.keys(WARD_OWNERSHIP).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    for (const [model, { owner }] of Object.entries(WARD_OWNERSHIP)) {
      let o = owner;
      for (let depth = 0; o.kind === 'parent'; depth++) {
        expect(depth, model).toBeLessThan(5);
        o = WARD_OWNERSHIP[o.model].owner;
      }
      expect(['ward', 'ward-row', 'none'], model).toContain(o.kind);
    }
  });

  it('lists every foreign key to ward data in prisma/schema.prisma as the owner or a checked ref', () => {
    const schema = fs.readFileSync('prisma/schema.prisma', 'utf8');
    const wardData = (m: string) => ['ward', 'parent'].includes(WARD_OWNERSHIP[m as Prisma.ModelName].owner.kind);
    for (const [, model, body] of schema.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)) {
      const ownership = WARD_OWNERSHIP[model as Prisma.ModelName];
      const declared = new Set([...Object.keys(ownership.refs ?? {}), ...(ownership.owner.kind === 'parent' ? [ownership.owner.fk] : [])]);
      const found = new Set<string>();
      for (const [, target, fk] of body.matchAll(/^\s+\w+\s+(\w+)\??\s+@relation\([^)]*fields: \[(\w+)\]/gm)) {
        if (target === 'Ward' || !wardData(target)) continue;
        found.add(fk);
        const expected = ownership.owner.kind === 'parent' && ownership.owner.fk === fk ? ownership.owner.model : ownership.refs?.[fk];
        expect(expected, `${model}.${fk} → ${target}: add it to src/db/ward-owned.ts`).toBe(target);
      }
      expect([...declared].sort(), `${model}: refs that are not foreign keys in the schema`).toEqual([...found].sort());
    }
  });

  it('reads: another ward’s rows are not there for findUnique/First/Many, count, aggregate and groupBy', async () => {
    await inA(async () => {
      expect(await db.draft.findUnique({ where: { id: b.ids.draftId } })).toBeNull();
      expect(await db.comment.findFirst({ where: { id: b.ids.commentId } })).toBeNull();
      expect(await db.draftSection.findUnique({ where: { id: b.ids.sectionId } })).toBeNull();
      expect(await db.budgetLine.findMany({ where: { estimateId: b.ids.estimateId } })).toEqual([]);
      await notFound(db.task.findUniqueOrThrow({ where: { id: b.ids.taskId } }));
      await notFound(db.plan.findFirstOrThrow({ where: { id: b.ids.planId } }));
      const comments = await db.comment.findMany({ select: { body: true } });
      expect(comments.length).toBeGreaterThan(0);
      expect(comments.some((c) => c.body.includes(MARKER))).toBe(false);
      expect(await db.comment.count({ where: { draftId: b.ids.draftId } })).toBe(0);
      expect(await db.unit.count()).toBe(await t.db.unit.count({ where: { wardId: wardA } }));
      const sum = await db.budgetEstimate.aggregate({ _sum: { requestedVnd: true }, where: { id: b.ids.estimateId } });
      expect(sum._sum.requestedVnd).toBeNull();
      const groups = await db.comment.groupBy({ by: ['draftId'], _count: true });
      expect(groups.map((g) => g.draftId)).not.toContain(b.ids.draftId);
    });
    // The same ids from B's own scope and across wards: the rows are there.
    await runInWard(b.wardId, async () => expect((await db.comment.findUnique({ where: { id: b.ids.commentId } }))?.body).toContain(MARKER));
    await acrossWards(async () => expect(await db.draft.count({ where: { wardId: { in: [wardA, b.wardId] } } })).toBeGreaterThan(1));
  });

  it('updates and deletes of another ward’s rows are 404 or touch nothing; B is unchanged', async () => {
    const before = await t.db.comment.findUniqueOrThrow({ where: { id: b.ids.commentId } });
    await inA(async () => {
      await notFound(db.comment.update({ where: { id: b.ids.commentId }, data: { status: 'HIDDEN' } }));
      await notFound(db.draft.delete({ where: { id: b.ids.draftId } }));
      await notFound(db.ward.update({ where: { id: b.wardId }, data: { name: 'x' } }));
      expect((await db.comment.updateMany({ where: { id: b.ids.commentId }, data: { status: 'HIDDEN' } })).count).toBe(0);
      expect((await db.budgetLine.deleteMany({ where: { estimateId: b.ids.estimateId } })).count).toBe(0);
      expect((await db.obstacle.updateMany({ data: { title: 'x' }, where: { title: { contains: MARKER } } })).count).toBe(0);
      await notFound(
        db.user.upsert({
          where: { id: b.ids.userId },
          create: { username: 'x-upsert', fullName: 'x', role: 'UNIT', passwordHash: 'x', wardId: b.wardId },
          update: { fullName: 'x' },
        }),
      );
    });
    expect(await t.db.comment.findUniqueOrThrow({ where: { id: b.ids.commentId } })).toEqual(before);
    expect(await t.db.budgetLine.count({ where: { estimateId: b.ids.estimateId } })).toBe(1);
    expect((await t.db.ward.findUniqueOrThrow({ where: { id: b.wardId } })).name).toContain(MARKER);
  });

  it('creates: wardId is the scope’s; a parent or any linked row of another ward is 404; nested connect is refused', async () => {
    const planA = await t.db.plan.findFirstOrThrow({ where: { wardId: wardA } });
    const draftA = await t.db.draft.findFirstOrThrow({ where: { wardId: wardA }, include: { versions: true } });
    await inA(async () => {
      const unit = await db.unit.create({ data: { name: 'Đơn vị mới trong phạm vi', kind: 'EXTERNAL' } as Prisma.UnitUncheckedCreateInput });
      expect(unit.wardId).toBe(wardA);
      await notFound(db.unit.create({ data: { wardId: b.wardId, name: 'Đơn vị lạc phường', kind: 'EXTERNAL' } }));
      await notFound(db.task.create({ data: { planId: b.ids.planId, ordinal: 99, content: 'x', timeframeKind: 'ONGOING', timeframeText: 'x' } }));
      await notFound(db.budgetLine.create({ data: { estimateId: b.ids.estimateId, sortOrder: 9, description: 'x', quantity: 1, unitPrice: 1, amount: 1 } }));
      const comment = {
        draftId: draftA.id,
        versionId: draftA.versions[0].id,
        receiptCode: 'GY-2222-3333',
        respondentType: 'INDIVIDUAL',
        body: 'x',
      };
      // The draft is A's, but the version or the residential group is B's.
      await notFound(db.comment.create({ data: { ...comment, versionId: b.ids.versionId } }));
      await notFound(db.comment.create({ data: { ...comment, residentialGroupId: b.ids.unitId } }));
      await notFound(db.comment.createMany({ data: [comment, { ...comment, receiptCode: 'GY-2222-4444', sectionId: b.ids.sectionId }] }));
      // Nested creates are checked too: a task of A with a lead unit of B.
      await notFound(
        db.task.create({
          data: {
            planId: planA.id,
            ordinal: 98,
            content: 'x',
            timeframeKind: 'ONGOING',
            timeframeText: 'x',
            units: { create: [{ unitId: b.ids.unitId, role: 'LEAD' }] },
          },
        }),
      );
      // Moving a row to another ward's parent is refused like a create there.
      const ownTask = await db.task.findFirstOrThrow({ where: { planId: planA.id } });
      await notFound(db.task.update({ where: { id: ownTask.id }, data: { planId: b.ids.planId } }));
      await expect(db.task.update({ where: { id: ownTask.id }, data: { plan: { connect: { id: b.ids.planId } } } })).rejects.toThrow(WardScopeError);
    });
    expect(await t.db.comment.count({ where: { receiptCode: { in: ['GY-2222-3333', 'GY-2222-4444'] } } })).toBe(0);
    expect(await t.db.task.count({ where: { ordinal: { in: [98, 99] } } })).toBe(0);
  });

  it('checks run inside an interactive transaction (they see its rows) and roll back with it', async () => {
    const draftA = await t.db.draft.findFirstOrThrow({ where: { wardId: wardA } });
    const created = await inA(() =>
      db.$transaction(async (tx) => {
        const version = await tx.draftVersion.create({ data: { draftId: draftA.id, number: 77 } });
        return tx.draftSection.create({ data: { versionId: version.id, sortOrder: 1, kind: 'ARTICLE', key: 'dieu-77', label: 'Điều 77' } });
      }),
    );
    expect(created.key).toBe('dieu-77');
    await expect(
      inA(() =>
        db.$transaction(async (tx) => {
          await tx.draftVersion.create({ data: { draftId: draftA.id, number: 78 } });
          await tx.draftVersion.create({ data: { draftId: b.ids.draftId, number: 79 } });
        }),
      ),
    ).rejects.toBeInstanceOf(AppError);
    expect(await t.db.draftVersion.count({ where: { number: { in: [78, 79] } } })).toBe(0);
  });

  it('outside any scope, ward data is refused loudly; tables without ward data and the Ward list pass', async () => {
    await expect(db.draft.findMany()).rejects.toThrow(WardScopeError);
    await expect(db.comment.count()).rejects.toThrow(/outside a ward scope/);
    // Every ward of the deployment (the seed's two and this test's ward B), read through the layer as through the raw client.
    expect((await db.ward.findMany()).length).toBe(await t.db.ward.count());
    expect(await t.db.ward.count()).toBeGreaterThanOrEqual(3);
    expect(await db.jobRun.count()).toBeGreaterThanOrEqual(0);
    // The Ward row is not a way around the scope.
    await expect(inA(() => db.ward.findUnique({ where: { id: b.wardId }, include: { drafts: true } }))).rejects.toThrow(WardScopeError);
  });
});
