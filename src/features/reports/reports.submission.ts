/**
 * The progress report form as it arrives: the report, its activity rows and its evidence files
 * (checked by content, with files kept from an earlier attempt), read and checked together so the
 * form comes back once with every message.
 */
import type { Request, Response } from 'express';
import { endOfDay } from '../../lib/format.js';
import { FILE_TYPE_GROUPS, checkUploads, uploadedFiles, type CheckedUpload } from '../../lib/uploads.js';
import type { KeptUploads, KeptFile } from '../../lib/kept-uploads.js';
import { validateRows } from '../../lib/form-rows.js';
import { attemptForm, toFormErrors, validateForm, type FormErrors } from '../../lib/validation.js';
import type { CurrentUser } from '../../middleware/auth.js';
import { actingUnitId, type TaskWithUnits } from '../plans/index.js';
import {
  ACTIVITY_FIELDS,
  MAX_ACTIVITY_ROWS,
  MAX_EVIDENCE_FILES,
  activitySchema,
  reportSchema,
  type ActivityInput,
  type ReportInput,
} from './reports.schemas.js';

type Issue = { path: PropertyKey[]; message: string };

export type FormValues = {
  unitId: string;
  reportedOn: string;
  summary: string;
  progressPercent: string;
  activities: Record<string, string>[];
  keptFiles: KeptFile[];
};

/** How many activity rows the form shows: at least three, room for `extra` more, never above the limit. */
export function rowCount(filled: number, extra = 0) {
  return Math.min(MAX_ACTIVITY_ROWS, Math.max(3, filled + extra));
}

/** Reads and checks everything the report form sent, files included (by content). */
export async function readSubmission(req: Request, now: Date, user: CurrentUser, task: TaskWithUnits | null, held: KeptUploads) {
  const body = req.body ?? {};
  // Files kept from an earlier attempt of this form (still ticked), then the ones chosen now.
  const earlier = await held.take(body.keptFiles, user.id, now, req.res as Response);
  const issues: Issue[] = [];
  const main = validateForm(reportSchema, body);
  const rows = validateRows('activities', body.activities, ACTIVITY_FIELDS, activitySchema);
  let unitId = '';
  if (task) {
    const acting = await attemptForm(() => actingUnitId(user, task, body.unitId));
    if (acting.ok) unitId = acting.data;
    else issues.push({ path: ['unitId'], message: acting.errors.summary[0].message });
  }
  if (!main.ok) for (const s of main.errors.summary) issues.push({ path: [s.field], message: s.message });
  if (main.ok && main.data.reportedOn > endOfDay(now)) issues.push({ path: ['reportedOn'], message: 'Ngày báo cáo không được sau ngày hôm nay.' });
  issues.push(...rows.issues);
  rows.rows.forEach((a, i) => {
    if (a.heldOn > endOfDay(now)) issues.push({ path: ['activities', i, 'heldOn'], message: 'Ngày thực hiện hoạt động không được sau ngày hôm nay.' });
  });
  const files = uploadedFiles(req);
  let uploads: CheckedUpload[] = [];
  if (req.uploadError) {
    issues.push({ path: ['files'], message: req.uploadError });
  } else if (files.length + earlier.uploads.length > MAX_EVIDENCE_FILES) {
    issues.push({ path: ['files'], message: `Chỉ được đính kèm tối đa ${MAX_EVIDENCE_FILES} tệp minh chứng.` });
  } else {
    const checked = await checkUploads(files, FILE_TYPE_GROUPS.evidence);
    if (checked.ok) uploads = checked.uploads;
    else issues.push({ path: ['files'], message: checked.refusal.message });
  }
  const values: FormValues = {
    unitId: String(body.unitId ?? ''),
    reportedOn: String(body.reportedOn ?? ''),
    summary: String(body.summary ?? ''),
    progressPercent: String(body.progressPercent ?? ''),
    activities: rows.raw,
    keptFiles: earlier.kept,
  };
  const errors: FormErrors | null = issues.length ? toFormErrors(issues) : null;
  const data =
    main.ok && !errors
      ? { report: main.data as ReportInput, activities: rows.rows as ActivityInput[], uploads: [...earlier.uploads, ...uploads], unitId }
      : null;
  /** Before the form is shown again: hold the files that passed their check, so they are offered instead of lost. */
  const keepForRetry = async () => {
    values.keptFiles = [...earlier.kept, ...(await held.hold(uploads, user.id, now))];
  };
  const release = () => held.release(earlier.kept, user.id, now);
  return { data, errors, values, keepForRetry, release };
}
