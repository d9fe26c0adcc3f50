import type { Db } from '../../db/client.js';
import { type Actor, audit } from '../../lib/audit.js';
import { AppError } from '../../lib/app-error.js';
import { dayjs, endOfDay, TIME_ZONE } from '../../lib/format.js';
import { storedFileData, type CheckedUpload, type FileStore } from '../../lib/uploads.js';
import { FormError, toFormErrors } from '../../lib/validation.js';
import type { TriggerInput } from './plans.schemas.js';
import { loadTaskForWard } from './task-access.js';

/** Date rules a schema cannot know: received after issued, nothing dated in the future. */
export function checkTriggerDates(input: TriggerInput, now: Date) {
  const issues: { path: string[]; message: string }[] = [];
  const today = endOfDay(now);
  if (input.issuedOn > today) issues.push({ path: ['issuedOn'], message: 'Ngày ban hành không được sau ngày hôm nay.' });
  if (input.receivedOn < input.issuedOn) issues.push({ path: ['receivedOn'], message: 'Ngày nhận văn bản không được trước ngày ban hành.' });
  else if (input.receivedOn > today) issues.push({ path: ['receivedOn'], message: 'Ngày nhận văn bản không được sau ngày hôm nay.' });
  if (issues.length) throw new FormError(toFormErrors(issues));
}

/**
 * Records the document that starts a triggered task's clock: due = received +
 * the task's allowed days. A task not yet started is now in progress.
 */
export async function recordTrigger(db: Db, files: FileStore, actor: Actor, taskId: string, input: TriggerInput, uploads: CheckedUpload[]) {
  const task = await loadTaskForWard(db, actor.wardId, taskId);
  if (task.timeframeKind !== 'TRIGGERED') throw AppError.badRequest('Nhiệm vụ này không thực hiện theo văn bản kích hoạt.');
  const dueOn = task.triggerDays === null ? null : dayjs(input.receivedOn).tz(TIME_ZONE).add(task.triggerDays, 'day').toDate();
  return files.saveAll(uploads, (keys) =>
    db.$transaction(async (tx) => {
      const trigger = await tx.taskTrigger.create({
        data: { taskId, ...input, dueOn, recordedById: actor.userId },
      });
      for (const [i, u] of uploads.entries()) {
        await tx.storedFile.create({
          data: {
            ...storedFileData(u, keys[i], actor, 'TRIGGER'),
            triggerId: trigger.id,
          },
        });
      }
      if (task.status === 'NOT_STARTED') {
        await tx.task.update({ where: { id: taskId }, data: { status: 'IN_PROGRESS' } });
        await audit(tx, actor, {
          action: 'task.start',
          entityType: 'Task',
          entityId: taskId,
          before: { status: task.status },
          after: { status: 'IN_PROGRESS' },
        });
      }
      const after = await tx.taskTrigger.findUniqueOrThrow({
        where: { id: trigger.id },
        include: { files: { select: { id: true, originalName: true, sha256: true } } },
      });
      await audit(tx, actor, { action: 'trigger.create', entityType: 'TaskTrigger', entityId: trigger.id, after });
      return trigger;
    }),
  );
}

/** A trigger file, only for officers of the ward the file belongs to. */
export async function findTriggerFile(db: Db, wardId: string, fileId: string) {
  const file = await db.storedFile.findFirst({ where: { id: fileId, wardId, kind: 'TRIGGER', triggerId: { not: null } } });
  if (!file) throw AppError.notFound('Không tìm thấy tệp.');
  return file;
}
