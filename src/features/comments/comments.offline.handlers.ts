import type { Request, Response } from 'express';
import type { AppContext } from '../../context.js';
import { COMMENT_CHANNEL_LABELS, OFFLINE_CHANNELS } from '../../domain/enums.js';
import { toInputDate } from '../../lib/format.js';
import { ALLOWED_TYPES_TEXT, FILE_TYPE_GROUPS, checkUpload, sendStoredFile, uploadedFiles, type CheckedUpload } from '../../lib/uploads.js';
import { toFormErrors, validateForm, type FormErrors } from '../../lib/validation.js';
import { actorOf, currentUser } from '../../middleware/auth.js';
import { isBlankRow, validateRows } from '../../lib/form-rows.js';
import { checkIntake, checkRows, findIntakeFile, intakeBlocker, listIntakes, loadIntakeTarget, recordIntake, type IntakeTarget } from './comments.offline.js';
import { INTAKE_ROW_FIELDS, MAX_INTAKE_ROWS, intakeRowSchema, intakeSchema, type IntakeRow } from './comments.offline.schemas.js';
import { textOf } from '../../lib/request.js';

type Values = {
  droppedFile?: string;
  channel: string;
  receivedOn: string;
  source: string;
  place: string;
  peoplePresent: string;
  unitId: string;
  rows: Record<string, string>[];
};
type Issue = { path: PropertyKey[]; message: string };

const pagePath = (draftId: string) => `/can-bo/du-thao/${draftId}/y-kien-truc-tiep`;
const rowCount = (filled: number, extra = 0) => Math.min(MAX_INTAKE_ROWS, Math.max(5, filled + extra));

export function offlineHandlers(ctx: AppContext) {
  const targetOf = (req: Request) => loadIntakeTarget(ctx.db, currentUser(req), String(req.params.draftId), ctx.now());

  async function render(req: Request, res: Response, target: IntakeTarget, values: Values, errors: FormErrors | null, status = 200, rows = 5) {
    const user = currentUser(req);
    const { draft } = target;
    const moderator = user.role === 'JUSTICE' || user.role === 'ADMIN';
    res.status(status).render('comments/offline', {
      title: `Ghi nhận ý kiến nhận trực tiếp: ${draft.title}`,
      breadcrumbs: [{ href: '/can-bo', label: 'Trang cán bộ' }, ...(moderator ? [{ href: `/can-bo/du-thao/${draft.id}`, label: draft.title }] : [])],
      draft,
      moderator,
      blocker: intakeBlocker(draft),
      intakes: await listIntakes(ctx.db, draft.id),
      channels: OFFLINE_CHANNELS.map((c) => ({ value: c, label: COMMENT_CHANNEL_LABELS[c] })),
      unitOptions: [{ value: '', label: '— Không ghi đơn vị —' }, ...target.units.map((u) => ({ value: u.id, label: u.name }))],
      chooseUnit: user.role !== 'UNIT',
      groupOptions: [{ value: '', label: '— Không rõ —' }, ...target.groups.map((g) => ({ value: g.id, label: g.name }))],
      articleOptions: [
        { value: '', label: 'Toàn bộ dự thảo' },
        ...target.articles.map((a) => ({ value: a.id, label: a.heading ? `${a.label}. ${a.heading}` : a.label })),
      ],
      values,
      errors,
      rows,
      maxRows: MAX_INTAKE_ROWS,
      allowedTypes: ALLOWED_TYPES_TEXT,
      maxMb: Math.round(ctx.config.maxUploadBytes / 1024 / 1024),
    });
  }

  /** Reads the whole form, the file checked by its bytes; nothing is saved unless all of it is right. */
  async function read(req: Request, target: IntakeTarget) {
    const body = req.body ?? {};
    const issues: Issue[] = [];
    const main = validateForm(intakeSchema, body);
    const rows = validateRows('rows', body.rows, INTAKE_ROW_FIELDS, intakeRowSchema);
    if (rows.raw.length > MAX_INTAKE_ROWS)
      issues.push({ path: ['rows', 0, 'body'], message: `Mỗi lần ghi nhận tối đa ${MAX_INTAKE_ROWS} ý kiến; hãy ghi nhận phần còn lại thành một lần khác.` });
    if (!main.ok) for (const s of main.errors.summary) issues.push({ path: s.field.split('.'), message: s.message });
    issues.push(...rows.issues, ...checkRows(target, rows.raw));
    if (main.ok) issues.push(...checkIntake(target, currentUser(req), main.data, rows.raw.filter((r) => !isBlankRow(r, INTAKE_ROW_FIELDS)).length, ctx.now()));
    let upload: CheckedUpload | null = null;
    const files = uploadedFiles(req);
    if (req.uploadError) issues.push({ path: ['file'], message: req.uploadError });
    else if (files[0]) {
      const checked = await checkUpload(files[0], FILE_TYPE_GROUPS.evidence);
      if ('refused' in checked)
        issues.push({
          path: ['file'],
          message: checked.refused === 'type' ? `Tệp biên bản hoặc bản chụp không đúng định dạng cho phép (${ALLOWED_TYPES_TEXT}).` : checked.message,
        });
      else upload = checked;
    }
    const values: Values = {
      // A file is never kept across a refused form: say so, with its name, so it is chosen again.
      droppedFile: files[0] ? Buffer.from(files[0].originalname, 'latin1').toString('utf8') : undefined,
      channel: textOf(body.channel),
      receivedOn: textOf(body.receivedOn),
      source: textOf(body.source),
      place: textOf(body.place),
      peoplePresent: textOf(body.peoplePresent),
      unitId: textOf(body.unitId),
      rows: rows.raw,
    };
    // Issues in page order: the intake's fields first, then the rows.
    const order = (p: PropertyKey[]) => (p[0] === 'rows' ? 1000 + Number(p[1]) : 0);
    issues.sort((a, b) => order(a.path) - order(b.path));
    const errors = issues.length ? toFormErrors(issues) : null;
    return { errors, values, data: main.ok && !errors ? { input: main.data, rows: rows.rows as IntakeRow[], upload } : null };
  }

  return {
    async show(req: Request, res: Response) {
      const target = await targetOf(req);
      const values: Values = { channel: '', receivedOn: toInputDate(ctx.now()), source: '', place: '', peoplePresent: '', unitId: '', rows: [] };
      await render(req, res, target, values, null);
    },

    async record(req: Request, res: Response) {
      const target = await targetOf(req);
      const { errors, values, data } = await read(req, target);
      if (req.body?.themDong) return render(req, res, target, values, null, 200, rowCount(values.rows.length, 5));
      if (!data) return render(req, res, target, values, errors, 400, rowCount(values.rows.length));
      const user = currentUser(req);
      const { codes } = await recordIntake(ctx, actorOf(req), user, target, data.input, data.rows, data.upload);
      req.flash('success', `Đã ghi nhận ${codes.length} ý kiến (mã ${codes.join(', ')}). Ý kiến được kiểm duyệt và trả lời như ý kiến gửi trên cổng.`);
      res.redirect(303, pagePath(target.draft.id));
    },

    async download(req: Request, res: Response) {
      const target = await targetOf(req);
      const file = await findIntakeFile(ctx.db, target.draft.id, String(req.params.fileId));
      res.setHeader('Cache-Control', 'private, no-store');
      await sendStoredFile(res, ctx.files, file);
    },
  };
}
