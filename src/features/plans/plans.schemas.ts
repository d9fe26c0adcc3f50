import { z } from 'zod';
import { TIMEFRAME_KINDS } from '../../domain/enums.js';
import { checkbox, optionalDate, optionalText, requiredDate, requiredText, stringList, wholeNumber } from '../../lib/form-fields.js';
import { parseDateInput } from '../../lib/format.js';

/** An optional whole number field: empty means null. */
const optionalWhole = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: `${label} phải là số nguyên.` });
        return z.NEVER;
      }
      const n = Number(value);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${label} phải từ ${min} đến ${max}.` });
        return z.NEVER;
      }
      return n;
    });

/**
 * Repeated rows arrive as flat fields "bases.0.number" (the field partial turns
 * dots into ids the error summary links to). Rows keep their form index so an
 * error points at the row the officer typed in.
 */
export function collectRows(body: Record<string, unknown>, prefix: string): Record<string, string>[] {
  const rows: Record<string, string>[] = [];
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,2})\\.(\\w+)$`);
  for (const [key, value] of Object.entries(body ?? {})) {
    const m = pattern.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    while (rows.length <= index) rows.push({});
    rows[index][m[2]] = Array.isArray(value) ? String(value[0] ?? '') : String(value ?? '');
  }
  return rows;
}

const basisRow = z
  .object({
    documentType: z.string().trim().max(100, 'Loại văn bản căn cứ quá dài.').default(''),
    number: z.string().trim().max(50, 'Số, ký hiệu văn bản căn cứ quá dài.').default(''),
    issuedOn: z.string().trim().default(''),
    issuer: z.string().trim().max(300, 'Cơ quan ban hành văn bản căn cứ quá dài.').default(''),
    summary: z.string().trim().max(2000, 'Trích yếu văn bản căn cứ quá dài.').default(''),
    remove: checkbox,
  })
  .transform((row, ctx) => {
    const blank = !row.number && !row.issuedOn && !row.issuer && !row.summary;
    if (row.remove || blank) return null;
    let ok = true;
    if (!row.number) {
      ctx.addIssue({ code: 'custom', path: ['number'], message: 'Văn bản căn cứ: vui lòng nhập số, ký hiệu (ví dụ 25/KH-UBND).' });
      ok = false;
    }
    const issuedOn = row.issuedOn ? parseDateInput(row.issuedOn) : null;
    if (!issuedOn) {
      const message = row.issuedOn ? 'Văn bản căn cứ: ngày ban hành không phải là ngày hợp lệ (dd/mm/yyyy).' : 'Văn bản căn cứ: vui lòng nhập ngày ban hành.';
      ctx.addIssue({ code: 'custom', path: ['issuedOn'], message });
      ok = false;
    }
    if (!row.issuer) {
      ctx.addIssue({ code: 'custom', path: ['issuer'], message: 'Văn bản căn cứ: vui lòng nhập cơ quan ban hành.' });
      ok = false;
    }
    if (!ok || !issuedOn) return z.NEVER;
    return { documentType: row.documentType || 'Kế hoạch', number: row.number, issuedOn, issuer: row.issuer, summary: row.summary };
  });

/** "- Phòng Tư pháp;" → "Phòng Tư pháp": one recipient per line, the document's dashes and semicolons dropped. */
function parseRecipients(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .trim()
        .replace(/^[-–•]\s*/, '')
        .replace(/[;.]\s*$/, '')
        .trim(),
    )
    .filter(Boolean);
}

export const planSchema = z.object({
  number: optionalWhole('Số kế hoạch', 1, 99999),
  symbol: requiredText('ký hiệu', 50).regex(/^[\p{L}\d.-]+$/u, 'Ký hiệu chỉ gồm chữ, số và dấu gạch ngang (ví dụ KH-UBND).'),
  year: wholeNumber('năm', { min: 2000, max: 2100 }),
  title: requiredText('tên kế hoạch (trích yếu)', 1000),
  issuingBody: requiredText('cơ quan ban hành', 300),
  parentBody: requiredText('cơ quan chủ quản', 300),
  place: requiredText('địa danh', 200),
  issuedOn: optionalDate('ngày ban hành'),
  signerName: requiredText('họ tên người ký', 200),
  signerTitle: requiredText('chức vụ người ký', 200),
  signerAuthority: optionalText('thẩm quyền ký', 200),
  preamble: optionalText('phần mở đầu', 5000),
  purpose: requiredText('mục đích', 20000),
  requirements: requiredText('yêu cầu', 20000),
  implementation: requiredText('trách nhiệm thực hiện', 20000),
  funding: requiredText('kinh phí thực hiện', 20000),
  closing: optionalText('đoạn kết', 5000),
  recipients: z
    .string()
    .optional()
    .default('')
    .transform((v) => parseRecipients(v))
    .refine((list) => list.length <= 60, 'Nơi nhận không được quá 60 dòng.')
    .refine((list) => list.every((l) => l.length <= 300), 'Mỗi dòng nơi nhận không được dài quá 300 ký tự.'),
  archiveNote: requiredText('nơi lưu (dòng “Lưu:”)', 200),
  published: checkbox,
  bases: z.array(basisRow).max(20, 'Không được quá 20 văn bản căn cứ.'),
});
export type PlanInput = z.infer<typeof planSchema>;

/** The plan form as submitted, with its repeated rows gathered. */
export function planFormInput(body: Record<string, unknown>) {
  return { ...body, bases: collectRows(body, 'bases') };
}

export const taskSchema = z
  .object({
    ordinal: wholeNumber('số thứ tự', { min: 1, max: 999 }),
    content: requiredText('nội dung nhiệm vụ', 5000),
    leadNote: optionalText('cách ghi “Chủ trì”', 1000),
    coordinationNote: optionalText('cách ghi “Phối hợp”', 1000),
    leadUnitIds: stringList,
    coordinateUnitIds: stringList,
    timeframeKind: z.enum(TIMEFRAME_KINDS, { message: 'Vui lòng chọn loại thời gian thực hiện.' }),
    timeframeText: requiredText('thời gian thực hiện (cách ghi trong kế hoạch)', 500),
    rangeStart: z.string().trim().optional().default(''),
    rangeDue: z.string().trim().optional().default(''),
    ongoingYear: z.string().trim().optional().default(''),
    triggerDays: z.string().trim().optional().default(''),
    triggerBound: z.string().trim().optional().default(''),
    // Status and progress come from accepted progress reports (deriveTaskState);
    // the officer only marks a task blocked ("BLOCKED") or not ("AUTO").
    status: z.enum(['AUTO', 'BLOCKED'], { message: 'Vui lòng chọn trạng thái.' }).optional().default('AUTO'),
    blockedReason: optionalText('lý do vướng mắc', 2000),
  })
  .transform((t, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (t.leadUnitIds.length === 0) issue('leadUnitIds', 'Vui lòng chọn ít nhất một đơn vị chủ trì.');
    let startsOn: Date | null = null;
    let dueOn: Date | null = null;
    let triggerDays: number | null = null;
    if (t.timeframeKind === 'DATE_RANGE') {
      startsOn = t.rangeStart ? parseDateInput(t.rangeStart) : null;
      if (t.rangeStart && !startsOn) issue('rangeStart', 'Ngày bắt đầu không phải là ngày hợp lệ (dd/mm/yyyy).');
      dueOn = t.rangeDue ? parseDateInput(t.rangeDue) : null;
      if (!t.rangeDue) issue('rangeDue', 'Vui lòng nhập hạn hoàn thành.');
      else if (!dueOn) issue('rangeDue', 'Hạn hoàn thành không phải là ngày hợp lệ (dd/mm/yyyy).');
      else if (startsOn && dueOn < startsOn) issue('rangeDue', 'Hạn hoàn thành không được trước ngày bắt đầu.');
    } else if (t.timeframeKind === 'ONGOING') {
      const year = /^\d{4}$/.test(t.ongoingYear) ? Number(t.ongoingYear) : NaN;
      if (!t.ongoingYear) issue('ongoingYear', 'Vui lòng nhập năm thực hiện thường xuyên.');
      else if (!(year >= 2000 && year <= 2100)) issue('ongoingYear', 'Năm thực hiện phải là số từ 2000 đến 2100.');
      else {
        startsOn = parseDateInput(`${year}-01-01`);
        dueOn = parseDateInput(`${year}-12-31`);
      }
    } else {
      const days = /^\d+$/.test(t.triggerDays) ? Number(t.triggerDays) : NaN;
      if (!t.triggerDays) issue('triggerDays', 'Vui lòng nhập số ngày thực hiện kể từ khi nhận văn bản.');
      else if (!(days >= 1 && days <= 366)) issue('triggerDays', 'Số ngày thực hiện phải là số nguyên từ 1 đến 366.');
      else triggerDays = days;
      dueOn = t.triggerBound ? parseDateInput(t.triggerBound) : null;
      if (t.triggerBound && !dueOn) issue('triggerBound', 'Thời hạn muộn nhất không phải là ngày hợp lệ (dd/mm/yyyy).');
    }
    const blocked = t.status === 'BLOCKED';
    if (blocked && !t.blockedReason) issue('blockedReason', 'Vui lòng nêu lý do khi chọn trạng thái “Vướng mắc”.');
    return {
      ordinal: t.ordinal,
      content: t.content,
      leadNote: t.leadNote,
      coordinationNote: t.coordinationNote,
      leadUnitIds: [...new Set(t.leadUnitIds)],
      coordinateUnitIds: [...new Set(t.coordinateUnitIds)],
      timeframeKind: t.timeframeKind,
      timeframeText: t.timeframeText,
      startsOn,
      dueOn,
      triggerDays,
      blocked,
      blockedReason: blocked ? t.blockedReason : '',
    };
  });
export type TaskInput = z.infer<typeof taskSchema>;

export const triggerSchema = z.object({
  documentNumber: requiredText('số, ký hiệu văn bản', 100),
  issuedOn: requiredDate('ngày ban hành'),
  issuer: requiredText('cơ quan ban hành', 300),
  summary: optionalText('trích yếu', 2000),
  receivedOn: requiredDate('ngày nhận văn bản'),
});
export type TriggerInput = z.infer<typeof triggerSchema>;
