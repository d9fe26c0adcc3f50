/**
 * Obstacles (khó khăn, vướng mắc): OPEN → FORWARDED (Justice officer) →
 * ANSWERED (chairman: guidance or decision) → CLOSED (Justice officer or the raising unit).
 */
import type { Db, Prisma } from '../../db/client.js';
import type { ObstacleStatus } from '../../domain/enums.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { recordState } from '../../lib/state-history.js';
import { FormError } from '../../lib/validation.js';
import { type CheckedUpload, type FileStore, storedFileData } from '../../lib/uploads.js';
import { isTaskUnit, loadTaskForWard } from '../plans/index.js';
import type { ObstacleInput } from './obstacles.schemas.js';

const DETAIL_INCLUDE = {
  plan: { select: { id: true, title: true, year: true } },
  task: { select: { id: true, ordinal: true, content: true } },
  unit: { select: { id: true, name: true } },
  raisedBy: { select: { fullName: true } },
  forwardedBy: { select: { fullName: true } },
  answeredBy: { select: { fullName: true } },
  files: { orderBy: { createdAt: 'asc' as const }, select: { id: true, originalName: true, mimeType: true, sizeBytes: true } },
} satisfies Prisma.ObstacleInclude;

export type ObstacleDetail = NonNullable<Awaited<ReturnType<typeof findObstacle>>>;

function findObstacle(db: Db, wardId: string, id: string) {
  return db.obstacle.findFirst({ where: { id, plan: { wardId } }, include: DETAIL_INCLUDE });
}

export async function getObstacle(db: Db, user: CurrentUser, id: string): Promise<ObstacleDetail> {
  const row = await findObstacle(db, user.wardId, id);
  if (!row) throw AppError.notFound('Không tìm thấy khó khăn, vướng mắc.');
  if (user.role === 'UNIT' && row.unitId !== user.unitId) throw AppError.forbidden('Bạn chỉ xem được khó khăn, vướng mắc do đơn vị mình phản ánh.');
  return row;
}

export async function listObstacles(db: Db, user: CurrentUser, opts: { taskId?: string }) {
  const where: Prisma.ObstacleWhereInput = { plan: { wardId: user.wardId } };
  if (opts.taskId) where.taskId = opts.taskId;
  if (user.role === 'UNIT') where.unitId = user.unitId ?? '__none__';
  const rows = await db.obstacle.findMany({
    where,
    orderBy: [{ createdAt: 'desc' }],
    include: { unit: { select: { name: true } }, task: { select: { id: true, ordinal: true } } },
  });
  const order: Record<string, number> = { FORWARDED: 0, OPEN: 1, ANSWERED: 2, CLOSED: 3 };
  return rows.sort((a, b) => order[a.status] - order[b.status]);
}

/** What the "raise" form offers: the ward's plans, their tasks, and (for the Justice officer) the units. */
export async function obstacleFormOptions(db: Db, wardId: string) {
  const [plans, units] = await Promise.all([
    db.plan.findMany({
      where: { wardId },
      orderBy: [{ year: 'desc' }, { createdAt: 'desc' }],
      select: {
        id: true,
        title: true,
        year: true,
        number: true,
        symbol: true,
        tasks: { orderBy: { ordinal: 'asc' }, select: { id: true, ordinal: true, content: true } },
      },
    }),
    db.unit.findMany({ where: { wardId, active: true, kind: { not: 'EXTERNAL' } }, orderBy: { sortOrder: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { plans, units };
}

export async function raiseObstacle(
  db: Db,
  actor: Actor,
  user: CurrentUser,
  input: ObstacleInput,
  now: Date,
  attached: { store: FileStore; uploads: CheckedUpload[] } | null = null,
): Promise<string> {
  let planId = input.planId;
  let taskId: string | null = null;
  if (input.taskId) {
    const task = await loadTaskForWard(db, user.wardId, input.taskId, () => FormError.of('taskId', 'Nhiệm vụ đã chọn không thuộc kế hoạch của phường.'));
    // The same rule as reports and budget estimates: a unit speaks for the tasks it leads or coordinates.
    if (user.role === 'UNIT' && !isTaskUnit(task, user.unitId)) {
      throw FormError.of('taskId', 'Đơn vị của bạn không chủ trì hoặc phối hợp thực hiện nhiệm vụ này; hãy chọn nhiệm vụ của đơn vị hoặc để trống.');
    }
    planId = task.planId;
    taskId = task.id;
  }
  const plan = planId ? await db.plan.findFirst({ where: { id: planId, wardId: user.wardId }, select: { id: true } }) : null;
  if (!plan) throw FormError.of('planId', 'Vui lòng chọn kế hoạch có khó khăn, vướng mắc.');
  let unitId = user.unitId;
  if (user.role !== 'UNIT') {
    const unit = input.unitId ? await db.unit.findFirst({ where: { id: input.unitId, wardId: user.wardId }, select: { id: true } }) : null;
    if (!unit) throw FormError.of('unitId', 'Vui lòng chọn đơn vị phản ánh.');
    unitId = unit.id;
  }
  if (!unitId) throw AppError.forbidden('Tài khoản của bạn chưa gắn với đơn vị nào.');
  const finalUnitId = unitId;
  const uploads = attached?.uploads ?? [];
  const record = (keys: string[]) =>
    db.$transaction(async (tx) => {
      const row = await tx.obstacle.create({
        data: {
          planId: plan.id,
          taskId,
          unitId: finalUnitId,
          raisedById: actor.userId,
          title: input.title,
          description: input.description,
          createdAt: now,
          files: { create: uploads.map((u, i) => ({ ...storedFileData(u, keys[i], actor, 'OBSTACLE'), createdAt: now })) },
        },
      });
      await recordState(tx, {
        wardId: user.wardId,
        kind: 'OBSTACLE',
        entityId: row.id,
        status: 'OPEN',
        effectiveAt: now,
        recordedAt: now,
        recordedById: actor.userId,
      });
      await audit(tx, actor, {
        action: 'obstacle.raise',
        entityType: 'Obstacle',
        entityId: row.id,
        after: { title: input.title, description: input.description, taskId, unitId: finalUnitId, status: 'OPEN', files: uploads.map((u) => u.originalName) },
      });
      return row.id;
    });
  return attached && uploads.length ? attached.store.saveAll(uploads, record) : record([]);
}

/** A file attached to an obstacle the officer may read (getObstacle applies the unit rule first). */
export async function findObstacleFile(db: Db, user: CurrentUser, obstacleId: string, fileId: string) {
  const obstacle = await getObstacle(db, user, obstacleId);
  const file = await db.storedFile.findFirst({ where: { id: fileId, obstacleId: obstacle.id, wardId: user.wardId } });
  if (!file) throw AppError.notFound('Không tìm thấy tệp.');
  return file;
}

const TRANSITION_ERRORS: Record<string, string> = {
  forward: 'Chỉ chuyển Chủ tịch được khó khăn, vướng mắc mới phản ánh (chưa chuyển).',
  answer: 'Chỉ trả lời được khó khăn, vướng mắc đã được chuyển Chủ tịch và chưa có ý kiến chỉ đạo.',
  close: 'Chỉ đóng được khó khăn, vướng mắc đã có ý kiến chỉ đạo của Chủ tịch.',
};

async function transition(
  db: Db,
  actor: Actor,
  obstacle: ObstacleDetail,
  step: 'forward' | 'answer' | 'close',
  from: ObstacleStatus,
  data: Prisma.ObstacleUncheckedUpdateManyInput & { status: ObstacleStatus },
  now: Date,
) {
  if (obstacle.status !== from) throw AppError.conflict(TRANSITION_ERRORS[step]);
  await db.$transaction(async (tx) => {
    const changed = await tx.obstacle.updateMany({ where: { id: obstacle.id, status: from }, data });
    if (changed.count !== 1) throw AppError.conflict(TRANSITION_ERRORS[step]);
    await recordState(tx, {
      wardId: actor.wardId,
      kind: 'OBSTACLE',
      entityId: obstacle.id,
      status: data.status,
      effectiveAt: now,
      recordedAt: now,
      recordedById: actor.userId,
    });
    await audit(tx, actor, { action: `obstacle.${step}`, entityType: 'Obstacle', entityId: obstacle.id, before: { status: obstacle.status }, after: data });
  });
}

export function forwardObstacle(db: Db, actor: Actor, o: ObstacleDetail, forwardNote: string, now: Date) {
  return transition(db, actor, o, 'forward', 'OPEN', { status: 'FORWARDED', forwardNote, forwardedById: actor.userId, forwardedAt: now }, now);
}

export function answerObstacle(db: Db, actor: Actor, o: ObstacleDetail, input: { responseKind: string; response: string }, now: Date) {
  return transition(
    db,
    actor,
    o,
    'answer',
    'FORWARDED',
    { status: 'ANSWERED', responseKind: input.responseKind, response: input.response, answeredById: actor.userId, answeredAt: now },
    now,
  );
}

export function closeObstacle(db: Db, actor: Actor, o: ObstacleDetail, now: Date) {
  return transition(db, actor, o, 'close', 'ANSWERED', { status: 'CLOSED', closedAt: now }, now);
}

export function mayClose(user: CurrentUser, o: { unitId: string }) {
  return user.role === 'JUSTICE' || user.role === 'ADMIN' || (user.role === 'UNIT' && user.unitId === o.unitId);
}
