/** Progress reports: submission by a task's unit, review by the Justice officer. */
import type { Db, Prisma } from '../../db/client.js';
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { storedFileData, type CheckedUpload } from '../../lib/uploads.js';
import type { ActivityInput, ReportInput } from './reports.schemas.js';

const REPORT_INCLUDE = {
  task: { select: { id: true, ordinal: true, content: true, planId: true, plan: { select: { wardId: true, title: true, year: true } } } },
  unit: { select: { id: true, name: true } },
  author: { select: { fullName: true } },
  reviewedBy: { select: { fullName: true } },
  activities: { orderBy: [{ heldOn: 'asc' as const }, { createdAt: 'asc' as const }] },
  files: { orderBy: { createdAt: 'asc' as const }, select: { id: true, originalName: true, mimeType: true, sizeBytes: true } },
} satisfies Prisma.ProgressReportInclude;

export type ReportDetail = NonNullable<Awaited<ReturnType<typeof findReport>>>;

function findReport(db: Db, wardId: string, reportId: string) {
  return db.progressReport.findFirst({ where: { id: reportId, task: { plan: { wardId } } }, include: REPORT_INCLUDE });
}

/** Any officer of the ward may read a report (the plan is the whole committee's work). */
export async function getReport(db: Db, user: CurrentUser, reportId: string): Promise<ReportDetail> {
  const report = await findReport(db, user.wardId, reportId);
  if (!report) throw AppError.notFound('Không tìm thấy báo cáo.');
  return report;
}

export function mayReview(user: CurrentUser) {
  return user.role === 'JUSTICE' || user.role === 'ADMIN';
}

/** A returned report is corrected by its own unit (or by the Justice officer for it). */
export function mayResubmit(user: CurrentUser, report: { unitId: string; status: string }) {
  if (report.status !== 'RETURNED') return false;
  return mayReview(user) || (user.role === 'UNIT' && user.unitId === report.unitId);
}

/**
 * The list page: the Justice officer sees the ward's review queue first; a unit
 * official sees their own unit's reports; the chairman reads everything.
 */
export async function listReports(db: Db, user: CurrentUser, opts: { taskId?: string }) {
  const where: Prisma.ProgressReportWhereInput = { task: { plan: { wardId: user.wardId } } };
  if (opts.taskId) where.taskId = opts.taskId;
  if (user.role === 'UNIT') where.unitId = user.unitId ?? '__none__';
  const rows = await db.progressReport.findMany({
    where,
    orderBy: [{ reportedOn: 'desc' }, { createdAt: 'desc' }],
    include: {
      task: { select: { id: true, ordinal: true, content: true } },
      unit: { select: { name: true } },
      _count: { select: { activities: true, files: true } },
      activities: { select: { peopleReached: true } },
    },
  });
  const list = rows.map((r) => ({ ...r, peopleReached: r.activities.reduce((s, a) => s + a.peopleReached, 0) }));
  const queue = mayReview(user) ? list.filter((r) => r.status === 'SUBMITTED') : [];
  const others = mayReview(user) ? list.filter((r) => r.status !== 'SUBMITTED') : list;
  return { queue, others };
}

type Submission = { report: ReportInput; activities: ActivityInput[]; uploads: CheckedUpload[] };

function activityRows(taskId: string, unitId: string, activities: ActivityInput[], now: Date) {
  return activities.map((a) => ({
    taskId,
    unitId,
    channel: a.channel,
    heldOn: a.heldOn,
    description: a.description,
    peopleReached: a.peopleReached,
    plannedActivityId: a.plannedId || null,
    createdAt: now,
  }));
}

export async function createReport(
  ctx: AppContext,
  actor: Actor,
  input: Submission & { taskId: string; unitId: string },
  now: Date,
): Promise<string> {
  return ctx.files.saveAll(input.uploads, (keys) =>
    ctx.db.$transaction(async (tx) => {
      const report = await tx.progressReport.create({
        data: {
          taskId: input.taskId,
          unitId: input.unitId,
          authorId: actor.userId,
          reportedOn: input.report.reportedOn,
          summary: input.report.summary,
          progressPercent: input.report.progressPercent,
          createdAt: now,
          activities: { create: activityRows(input.taskId, input.unitId, input.activities, now) },
          files: {
            create: input.uploads.map((u, i) => ({
              ...storedFileData(u, keys[i], actor, 'EVIDENCE'),
              createdAt: now,
            })),
          },
        },
      });
      await audit(tx, actor, {
        action: 'report.submit',
        entityType: 'ProgressReport',
        entityId: report.id,
        after: { ...input.report, unitId: input.unitId, taskId: input.taskId, activities: input.activities, files: input.uploads.map((u) => u.originalName) },
      });
      return report.id;
    }),
  );
}

/** Corrects a returned report: its text and activities are replaced, new evidence is added, and it goes back to the queue. */
export async function resubmitReport(ctx: AppContext, actor: Actor, report: ReportDetail, input: Submission, now: Date) {
  await ctx.files.saveAll(input.uploads, (keys) =>
    ctx.db.$transaction(async (tx) => {
      const changed = await tx.progressReport.updateMany({
        where: { id: report.id, status: 'RETURNED' },
        data: {
          reportedOn: input.report.reportedOn,
          summary: input.report.summary,
          progressPercent: input.report.progressPercent,
          status: 'SUBMITTED',
          reviewedAt: null,
          reviewedById: null,
        },
      });
      if (changed.count !== 1) throw AppError.conflict('Báo cáo này không còn ở trạng thái bị trả lại nên không sửa được.');
      await tx.communicationActivity.deleteMany({ where: { reportId: report.id } });
      await tx.communicationActivity.createMany({
        data: activityRows(report.taskId, report.unitId, input.activities, now).map((a) => ({ ...a, reportId: report.id })),
      });
      for (const [i, u] of input.uploads.entries()) {
        await tx.storedFile.create({
          data: {
            ...storedFileData(u, keys[i], actor, 'EVIDENCE'),
            progressReportId: report.id,
            createdAt: now,
          },
        });
      }
      await audit(tx, actor, {
        action: 'report.resubmit',
        entityType: 'ProgressReport',
        entityId: report.id,
        before: { reportedOn: report.reportedOn, summary: report.summary, progressPercent: report.progressPercent, status: report.status, reviewNote: report.reviewNote },
        after: { ...input.report, status: 'SUBMITTED', activities: input.activities, addedFiles: input.uploads.map((u) => u.originalName) },
      });
    }),
  );
}

/** Accepting moves the task on: its progress takes the report's figure, and a task not started is now in progress. */
export async function acceptReport(db: Db, actor: Actor, report: ReportDetail, now: Date) {
  await db.$transaction(async (tx) => {
    const changed = await tx.progressReport.updateMany({
      where: { id: report.id, status: 'SUBMITTED' },
      data: { status: 'ACCEPTED', reviewedById: actor.userId, reviewedAt: now, reviewNote: '' },
    });
    if (changed.count !== 1) throw AppError.conflict('Báo cáo này đã được xem xét, không thể chấp nhận lại.');
    const task = await tx.task.findUniqueOrThrow({ where: { id: report.taskId } });
    const data: Prisma.TaskUpdateInput = {};
    if (report.progressPercent !== null) data.progressPercent = report.progressPercent;
    if (task.status === 'NOT_STARTED') data.status = 'IN_PROGRESS';
    if (Object.keys(data).length) {
      await tx.task.update({ where: { id: task.id }, data });
      await audit(tx, actor, {
        action: 'task.progress',
        entityType: 'Task',
        entityId: task.id,
        before: { status: task.status, progressPercent: task.progressPercent },
        after: { status: data.status ?? task.status, progressPercent: data.progressPercent ?? task.progressPercent, reportId: report.id },
      });
    }
    await audit(tx, actor, { action: 'report.accept', entityType: 'ProgressReport', entityId: report.id, before: { status: report.status }, after: { status: 'ACCEPTED' } });
  });
}

export async function returnReport(db: Db, actor: Actor, report: ReportDetail, reviewNote: string, now: Date) {
  await db.$transaction(async (tx) => {
    const changed = await tx.progressReport.updateMany({
      where: { id: report.id, status: 'SUBMITTED' },
      data: { status: 'RETURNED', reviewNote, reviewedById: actor.userId, reviewedAt: now },
    });
    if (changed.count !== 1) throw AppError.conflict('Báo cáo này đã được xem xét, không thể trả lại.');
    await audit(tx, actor, {
      action: 'report.return',
      entityType: 'ProgressReport',
      entityId: report.id,
      before: { status: report.status },
      after: { status: 'RETURNED', reviewNote },
    });
  });
}

export async function findEvidenceFile(db: Db, wardId: string, reportId: string, fileId: string) {
  const file = await db.storedFile.findFirst({
    where: { id: fileId, progressReportId: reportId, wardId, progressReport: { task: { plan: { wardId } } } },
  });
  if (!file) throw AppError.notFound('Không tìm thấy tệp.');
  return file;
}
