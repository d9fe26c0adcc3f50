import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { CHANNELS, CHANNEL_LABELS } from '../../domain/enums.js';
import { AppError } from '../../lib/app-error.js';
import { dayjs, formatDate, TIME_ZONE, toInputDate } from '../../lib/format.js';
import { ALLOWED_TYPES_TEXT, sendStoredFile } from '../../lib/uploads.js';
import { KeptUploads } from '../../lib/kept-uploads.js';
import { attemptForm, toFormErrors, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser, type CurrentUser } from '../../middleware/auth.js';
import { checkTicks, tickablePlanned, taskIdFromQuery } from '../plans/index.js';
import { MAX_ACTIVITY_ROWS, MAX_EVIDENCE_FILES, returnSchema } from './reports.schemas.js';
import {
  acceptReport,
  createReport,
  findEvidenceFile,
  getReport,
  listReports,
  mayResubmit,
  mayReview,
  resubmitReport,
  reachOf,
  returnReport,
  type ReportDetail,
} from './reports.service.js';
import { assertMaySubmitForTask, loadTaskForWard, taskUnitOptions, type TaskWithUnits } from '../plans/index.js';
import { type FormValues, readSubmission, rowCount } from './reports.submission.js';
import { routeParam } from '../../lib/request.js';

const channelOptions = [{ value: '', label: '— Chọn kênh —' }, ...CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] }))];
const formatMonth = (d: Date) => dayjs(d).tz(TIME_ZONE).format('MM/YYYY');

export function reportsHandlers(ctx: AppContext) {
  const held = new KeptUploads(ctx.files, ctx.config.uploadTmpDir, ctx.config.sessionSecret);
  async function renderForm(
    res: Response,
    status: number,
    opts: { task: TaskWithUnits; user: CurrentUser; values: FormValues; errors: FormErrors | null; rows: number; report?: ReportDetail },
  ) {
    const { task, report } = opts;
    // Planned activities still open (or ticked by this very report) that a row can tick off.
    const planned = await tickablePlanned(ctx.db, task.id, report?.id);
    const plannedOptions = [
      { value: '', label: '— Hoạt động ngoài kế hoạch —' },
      ...planned.map((p) => ({
        value: p.id,
        label: `${p.title} (${p.byMonth ? `tháng ${formatMonth(p.plannedOn)}` : formatDate(p.plannedOn)}${opts.user.role === 'UNIT' ? '' : `, ${p.unit.name}`})`,
      })),
    ];
    const title = report ? 'Sửa và gửi lại báo cáo tiến độ' : 'Gửi báo cáo tiến độ';
    res.status(status).render('reports/form', {
      title,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: `/can-bo/nhiem-vu/${task.id}`, label: `Nhiệm vụ ${task.ordinal}` },
        { href: `/can-bo/bao-cao?nhiem-vu=${task.id}`, label: 'Báo cáo tiến độ' },
      ],
      task,
      report: report ?? null,
      action: report ? `/can-bo/bao-cao/${report.id}/sua` : `/can-bo/nhiem-vu/${task.id}/bao-cao/moi`,
      chooseUnit: opts.user.role !== 'UNIT',
      unitOptions: [
        { value: '', label: '— Chọn đơn vị —' },
        ...taskUnitOptions(task).map((u) => ({ value: u.id, label: `${u.name} (${u.role === 'LEAD' ? 'chủ trì' : 'phối hợp'})` })),
      ],
      channelOptions,
      plannedOptions,
      values: opts.values,
      errors: opts.errors,
      rows: opts.rows,
      maxRows: MAX_ACTIVITY_ROWS,
      maxFiles: MAX_EVIDENCE_FILES - (report?.files.length ?? 0),
      allowedTypes: ALLOWED_TYPES_TEXT,
    });
  }

  return {
    async list(req: Request, res: Response) {
      const user = currentUser(req);
      const taskId = taskIdFromQuery(req);
      const task = taskId ? await loadTaskForWard(ctx.db, user.wardId, taskId) : null;
      const { queue, others } = await listReports(ctx.db, user, { taskId: task?.id });
      res.render('reports/index', {
        title: task ? `Báo cáo tiến độ – Nhiệm vụ ${task.ordinal}` : 'Báo cáo tiến độ',
        breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }],
        task,
        queue,
        others,
        reviewer: mayReview(user),
        mayCreate: task
          ? user.role === 'JUSTICE' || user.role === 'ADMIN' || (user.role === 'UNIT' && task.units.some((u) => u.unitId === user.unitId))
          : false,
      });
    },

    async showNew(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await loadTaskForWard(ctx.db, user.wardId, routeParam(req, 'taskId'));
      assertMaySubmitForTask(user, task);
      await renderForm(res, 200, {
        task,
        user,
        values: { unitId: '', reportedOn: toInputDate(ctx.now()), summary: '', progressPercent: '', activities: [], keptFiles: [] },
        errors: null,
        rows: 3,
      });
    },

    async create(req: Request, res: Response) {
      const user = currentUser(req);
      const task = await loadTaskForWard(ctx.db, user.wardId, routeParam(req, 'taskId'));
      assertMaySubmitForTask(user, task);
      const { data, errors, values, keepForRetry, release } = await readSubmission(req, ctx.now(), user, task, held);
      if (req.body?.themDong || !data) await keepForRetry();
      if (req.body?.themDong) return renderForm(res, 200, { task, user, values, errors: null, rows: rowCount(values.activities.length, 3) });
      if (!data) return renderForm(res, 400, { task, user, values, errors, rows: rowCount(values.activities.length) });
      const ticks = await attemptForm(() =>
        checkTicks(
          ctx.db,
          task.id,
          data.unitId,
          data.activities.map((a) => a.plannedId),
        ),
      );
      if (!ticks.ok) return renderForm(res, 400, { task, user, values, errors: ticks.errors, rows: rowCount(values.activities.length) });
      const id = await createReport(
        ctx,
        actorOf(req),
        { taskId: task.id, unitId: data.unitId, report: data.report, activities: data.activities, uploads: data.uploads },
        ctx.now(),
      );
      await release();
      req.flash('success', 'Đã gửi báo cáo tiến độ. Công chức Tư pháp – Hộ tịch sẽ xem xét.');
      res.redirect(303, `/can-bo/bao-cao/${id}`);
    },

    async show(req: Request, res: Response) {
      const user = currentUser(req);
      const report = await getReport(ctx.db, user, routeParam(req, 'reportId'));
      renderShow(res, 200, user, report, null, '');
    },

    async accept(req: Request, res: Response) {
      const user = currentUser(req);
      const report = await getReport(ctx.db, user, routeParam(req, 'reportId'));
      await acceptReport(ctx.db, actorOf(req), report, ctx.now());
      req.flash('success', 'Đã chấp nhận báo cáo.');
      res.redirect(303, `/can-bo/bao-cao/${report.id}`);
    },

    async returnToUnit(req: Request, res: Response) {
      const user = currentUser(req);
      const report = await getReport(ctx.db, user, routeParam(req, 'reportId'));
      const result = validateForm(returnSchema, req.body);
      if (!result.ok) return renderShow(res, 400, user, report, result.errors, String(req.body?.reviewNote ?? ''));
      await returnReport(ctx.db, actorOf(req), report, result.data.reviewNote, ctx.now());
      req.flash('success', 'Đã trả lại báo cáo cho đơn vị kèm lý do.');
      res.redirect(303, `/can-bo/bao-cao/${report.id}`);
    },

    async showEdit(req: Request, res: Response) {
      const user = currentUser(req);
      const report = await getReport(ctx.db, user, routeParam(req, 'reportId'));
      if (!mayResubmit(user, report)) throw editRefusal(report);
      const task = await loadTaskForWard(ctx.db, user.wardId, report.taskId);
      const activities = report.activities.map((a) => ({
        channel: a.channel,
        heldOn: toInputDate(a.heldOn),
        description: a.description,
        peopleReached: a.peopleReached === null ? '' : String(a.peopleReached),
        reachUnknown: a.peopleReached === null ? '1' : '',
        plannedId: a.plannedActivityId ?? '',
      }));
      await renderForm(res, 200, {
        task,
        user,
        report,
        values: {
          unitId: report.unitId,
          reportedOn: toInputDate(report.reportedOn),
          summary: report.summary,
          progressPercent: report.progressPercent === null ? '' : String(report.progressPercent),
          activities,
          keptFiles: [],
        },
        errors: null,
        rows: rowCount(activities.length, 1),
      });
    },

    async update(req: Request, res: Response) {
      const user = currentUser(req);
      const report = await getReport(ctx.db, user, routeParam(req, 'reportId'));
      if (!mayResubmit(user, report)) throw editRefusal(report);
      const task = await loadTaskForWard(ctx.db, user.wardId, report.taskId);
      const { data, errors, values, keepForRetry, release } = await readSubmission(req, ctx.now(), user, null, held);
      values.unitId = report.unitId;
      let allErrors = errors;
      if (data && data.uploads.length + report.files.length > MAX_EVIDENCE_FILES) {
        allErrors = toFormErrors([
          { path: ['files'], message: `Báo cáo chỉ được có tối đa ${MAX_EVIDENCE_FILES} tệp minh chứng (đã có ${report.files.length}).` },
        ]);
      }
      if (req.body?.themDong || !data || allErrors) await keepForRetry();
      if (req.body?.themDong) return renderForm(res, 200, { task, user, report, values, errors: null, rows: rowCount(values.activities.length, 3) });
      if (!data || allErrors) return renderForm(res, 400, { task, user, report, values, errors: allErrors, rows: rowCount(values.activities.length) });
      const ticks = await attemptForm(() =>
        checkTicks(
          ctx.db,
          task.id,
          report.unitId,
          data.activities.map((a) => a.plannedId),
        ),
      );
      if (!ticks.ok) return renderForm(res, 400, { task, user, report, values, errors: ticks.errors, rows: rowCount(values.activities.length) });
      await resubmitReport(ctx, actorOf(req), report, data, ctx.now());
      await release();
      req.flash('success', 'Đã gửi lại báo cáo sau khi sửa.');
      res.redirect(303, `/can-bo/bao-cao/${report.id}`);
    },

    async download(req: Request, res: Response) {
      const user = currentUser(req);
      const file = await findEvidenceFile(ctx.db, user, routeParam(req, 'reportId'), routeParam(req, 'fileId'));
      await sendStoredFile(res, ctx.files, file);
    },
  };

  function renderShow(res: Response, status: number, user: CurrentUser, report: ReportDetail, errors: FormErrors | null, reviewNote: string) {
    const { peopleReached, unknownReach } = reachOf(report.activities);
    res.status(status).render('reports/show', {
      title: `Báo cáo tiến độ – ${report.unit.name}`,
      breadcrumbs: [
        { href: '/can-bo', label: 'Trang cán bộ' },
        { href: `/can-bo/bao-cao?nhiem-vu=${report.taskId}`, label: `Báo cáo của Nhiệm vụ ${report.task.ordinal}` },
      ],
      report,
      peopleReached,
      unknownReach,
      mayReview: mayReview(user) && report.status === 'SUBMITTED',
      mayWithdraw: mayReview(user) && report.status === 'ACCEPTED',
      mayResubmit: mayResubmit(user, report),
      errors,
      reviewNote,
    });
  }
}

function editRefusal(report: { status: string }) {
  return report.status === 'RETURNED'
    ? AppError.forbidden('Chỉ đơn vị đã gửi báo cáo mới được sửa và gửi lại.')
    : AppError.conflict('Chỉ sửa được báo cáo đã bị trả lại.');
}
