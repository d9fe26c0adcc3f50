import { z } from 'zod';
import { optionalText, requiredText } from '../../lib/form-fields.js';
import { parseDateInput } from '../../lib/format.js';
import { validateForm, type FormResult } from '../../lib/validation.js';
import { PERIOD_KINDS, customPeriod, halfPeriod, quarterPeriod, yearPeriod, type Period } from './period.js';

export const SIGNER_AUTHORITIES = ['TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH', ''] as const;

const yearField = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? Number(v) : NaN));

const signerSchema = z.object({
  signerAuthority: z.enum(SIGNER_AUTHORITIES, { message: 'Vui lòng chọn thẩm quyền ký.' }),
  signerTitle: requiredText('chức vụ người ký', 100),
  signerName: requiredText('họ và tên người ký', 100),
});

/** The period part of the "new results report" form, resolved to dates. */
const periodSchema = z
  .object({
    planId: requiredText('kế hoạch', 40),
    periodKind: z.enum(PERIOD_KINDS, { message: 'Vui lòng chọn kỳ báo cáo.' }),
    quarter: z.string().trim().optional().default(''),
    half: z.string().trim().optional().default(''),
    year: yearField,
    from: z.string().trim().optional().default(''),
    to: z.string().trim().optional().default(''),
  })
  .transform((data, ctx) => {
    let period: Period | null = null;
    const yearOk = Number.isInteger(data.year) && data.year >= 2000 && data.year <= 2100;
    const needYear = data.periodKind !== 'CUSTOM';
    if (needYear && !yearOk) ctx.addIssue({ code: 'custom', path: ['year'], message: 'Vui lòng nhập năm của kỳ báo cáo (ví dụ 2025).' });
    if (data.periodKind === 'QUARTER') {
      if (!['1', '2', '3', '4'].includes(data.quarter)) ctx.addIssue({ code: 'custom', path: ['quarter'], message: 'Vui lòng chọn quý (I, II, III hoặc IV).' });
      else if (yearOk) period = quarterPeriod(data.year, Number(data.quarter));
    } else if (data.periodKind === 'HALF') {
      if (!['1', '2'].includes(data.half)) ctx.addIssue({ code: 'custom', path: ['half'], message: 'Vui lòng chọn 6 tháng đầu năm hoặc 6 tháng cuối năm.' });
      else if (yearOk) period = halfPeriod(data.year, Number(data.half));
    } else if (data.periodKind === 'YEAR') {
      if (yearOk) period = yearPeriod(data.year);
    } else {
      const from = data.from ? parseDateInput(data.from) : null;
      const to = data.to ? parseDateInput(data.to) : null;
      if (!data.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Vui lòng nhập ngày bắt đầu kỳ báo cáo.' });
      else if (!from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'Ngày bắt đầu không phải là ngày hợp lệ (dd/mm/yyyy).' });
      if (!data.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Vui lòng nhập ngày kết thúc kỳ báo cáo.' });
      else if (!to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc không phải là ngày hợp lệ (dd/mm/yyyy).' });
      if (from && to) {
        if (to < from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc kỳ báo cáo phải bằng hoặc sau ngày bắt đầu.' });
        else period = customPeriod(from, to);
      }
    }
    if (!period) return z.NEVER;
    return { planId: data.planId, period };
  });

export type NewReportInput = z.infer<typeof periodSchema> & z.infer<typeof signerSchema>;

/** Both parts are checked every time so that every mistake is listed at once. */
export function validateNewReport(body: unknown): FormResult<NewReportInput> {
  const period = validateForm(periodSchema, body);
  const signer = validateForm(signerSchema, body);
  if (period.ok && signer.ok) return { ok: true, data: { ...period.data, ...signer.data } };
  const issues = [...(period.ok ? [] : period.errors.summary), ...(signer.ok ? [] : signer.errors.summary)];
  return { ok: false, errors: { fields: Object.fromEntries(issues.map((i) => [i.field, i.message])), summary: issues } };
}

/** The narrative the officer writes; the numbers are never part of it. */
export const narrativeSchema = z.object({
  intro: requiredText('phần mở đầu', 5000),
  overview: requiredText('tình hình triển khai', 10000),
  commsNote: optionalText('ghi chú về truyền thông, lấy ý kiến', 5000),
  budgetNote: optionalText('ghi chú về kinh phí', 5000),
  obstacleNote: optionalText('ghi chú về khó khăn, vướng mắc', 5000),
  assessment: requiredText('kết quả đạt được', 10000),
  shortcomings: optionalText('tồn tại, hạn chế và nguyên nhân', 10000),
  nextTasks: optionalText('phương hướng, nhiệm vụ kỳ tới', 10000),
  proposals: requiredText('kiến nghị, đề xuất', 10000),
  recipients: requiredText('nơi nhận', 3000).transform((v) =>
    v
      .split(/\r?\n/)
      .map((line) =>
        line
          .trim()
          .replace(/^[-–•+]\s*/, '')
          .replace(/[;.]+$/, '')
          .trim(),
      )
      .filter(Boolean),
  ),
  archiveNote: requiredText('ký hiệu lưu', 100).transform((v) => v.replace(/^-?\s*Lưu:\s*/i, '').replace(/\.+$/, '')),
  signerAuthority: z.enum(SIGNER_AUTHORITIES, { message: 'Vui lòng chọn thẩm quyền ký.' }),
  signerTitle: requiredText('chức vụ người ký', 100),
  signerName: requiredText('họ và tên người ký', 100),
});

export type NarrativeInput = z.infer<typeof narrativeSchema>;

export type Narrative = Omit<NarrativeInput, 'signerAuthority' | 'signerTitle' | 'signerName'> & {
  taskNotes: Record<string, string>;
};

/** Notes per task arrive as taskNote_<taskId> fields. */
export function taskNotesFrom(body: Record<string, unknown>, taskIds: string[]): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const id of taskIds) {
    const value = body[`taskNote_${id}`];
    if (typeof value === 'string' && value.trim()) notes[id] = value.trim().slice(0, 5000);
  }
  return notes;
}
