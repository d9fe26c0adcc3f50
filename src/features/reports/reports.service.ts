/** Progress reports: submission by a task's unit, review by the Justice officer. */
import type { Db, Prisma } from '../../db/client.js';
import type { AppContext } from '../../context.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { AppError } from '../../lib/app-error.js';
import { audit, type Actor } from '../../lib/audit.js';
import { storedFileData, type CheckedUpload } from '../../lib/uploads.js';
import { syncTaskState } from '../plans/index.js';
import type { ActivityInput, ReportInput } from './reports.schemas.js';

const REPORT_INCLUDE = {
  task: {
    select: {
      id: true,
      ordinal: true,
      content: true,
      planId: true,
      plan: { select: { wardId: true, title: true, year: true } },
      units: { select: { unitId: true } },
    },
  },
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

/**
 * The Justice officer, the chairman and the administrator read every report of
 * their ward; a unit official only those on tasks their unit leads or
 * coordinates (the same rule as budget estimates and obstacles of other units).
 */
export async function getReport(db: Db, user: CurrentUser, reportId: string): Promise<ReportDetail> {
  const report = await findReport(db, user.wardId, reportId);
  if (!report) throw AppError.notFound('Không tìm thấy báo cáo.');
  assertMayReadTaskWork(user, report.task.units);
  return report;
}

function assertMayReadTaskWork(user: CurrentUser, taskUnits: { unitId: string }[]) {
  if (user.role !== 'UNIT') return;
  if (user.unitId && taskUnits.some((u) => u.unitId === user.unitId)) return;
  throw AppError.forbidden('Bạn chỉ xem được báo cáo của nhiệm vụ do đơn vị mình chủ trì hoặc phối hợp.');
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
  const list = rows.map((r) => ({ ...r, ...reachOf(r.activities) }));
  const queue = mayReview(user) ? list.filter((r) => r.status === 'SUBMITTED') : [];
  const others = mayReview(user) ? list.filter((r) => r.status !== 'SUBMITTED') : list;
  return { queue, others };
}

/** People reached by a report's activities: the known counts added up, and how many activities could not be counted. */
export function reachOf(activities: { peopleReached: number | null }[]) {
  return {
    peopleReached: activities.reduce((s, a) => s + (a.peopleReached ?? 0), 0),
    unknownReach: activities.filter((a) => a.peopleReached === null).length,
  };
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

export async function createReport(ctx: AppContext, actor: Actor, input: Submission & { taskId: string; unitId: string }, now: Date): Promise<string> {
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
        before: {
          reportedOn: report.reportedOn,
          summary: report.summary,
          progressPercent: report.progressPercent,
          status: report.status,
          reviewNote: report.reviewNote,
        },
        after: { ...input.report, status: 'SUBMITTED', activities: input.activities, addedFiles: input.uploads.map((u) => u.originalName) },
      });
    }),
  );
}

/**
 * Accepting moves the task on: its status and progress are recomputed from all
 * accepted reports (see deriveTaskState), effective on the report's date.
 */
export async function acceptReport(db: Db, actor: Actor, report: ReportDetail, now: Date) {
  await db.$transaction(async (tx) => {
    const changed = await tx.progressReport.updateMany({
      where: { id: report.id, status: 'SUBMITTED' },
      data: { status: 'ACCEPTED', reviewedById: actor.userId, reviewedAt: now, reviewNote: '' },
    });
    if (changed.count !== 1) throw AppError.conflict('Báo cáo này đã được xem xét, không thể chấp nhận lại.');
    await syncTaskState(tx, actor, report.taskId, { effectiveAt: report.reportedOn, now, cause: `report.accept ${report.id}` });
    await audit(tx, actor, {
      action: 'report.accept',
      entityType: 'ProgressReport',
      entityId: report.id,
      before: { status: report.status },
      after: { status: 'ACCEPTED' },
    });
  });
}

/**
 * Returns a report for correction. A report already accepted can be returned
 * too (its figures were wrong): it stops counting and the task is recomputed
 * from the reports still accepted.
 */
export async function returnReport(db: Db, actor: Actor, report: ReportDetail, reviewNote: string, now: Date) {
  await db.$transaction(async (tx) => {
    const changed = await tx.progressReport.updateMany({
      where: { id: report.id, status: { in: ['SUBMITTED', 'ACCEPTED'] } },
      data: { status: 'RETURNED', reviewNote, reviewedById: actor.userId, reviewedAt: now },
    });
    if (changed.count !== 1) throw AppError.conflict('Báo cáo này đã bị trả lại trước đó.');
    if (report.status === 'ACCEPTED')
      await syncTaskState(tx, actor, report.taskId, { effectiveAt: report.reportedOn, now, cause: `report.return ${report.id}` });
    await audit(tx, actor, {
      action: 'report.return',
      entityType: 'ProgressReport',
      entityId: report.id,
      before: { status: report.status },
      after: { status: 'RETURNED', reviewNote },
    });
  });
}

/** An evidence file, readable by whoever may read its report. */
export async function findEvidenceFile(db: Db, user: CurrentUser, reportId: string, fileId: string) {
  const wardId = user.wardId;
  const file = await db.storedFile.findFirst({
    where: { id: fileId, progressReportId: reportId, wardId, progressReport: { task: { plan: { wardId } } } },
    include: { progressReport: { select: { task: { select: { units: { select: { unitId: true } } } } } } },
  });
  if (!file?.progressReport) throw AppError.notFound('Không tìm thấy tệp.');
  assertMayReadTaskWork(user, file.progressReport.task.units);
  return file;
}
