import { z } from 'zod';
import { CHANNELS } from '../../domain/enums.js';
import { capitalise, requiredDate, requiredText, wholeNumber } from '../../lib/form-fields.js';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_ACTIVITY_ROWS = 10;
export const ACTIVITY_FIELDS = ['channel', 'heldOn', 'description', 'peopleReached', 'plannedId'];

/** An integer the person may leave empty (null), e.g. "70" for 70 %. */
export const optionalWholeNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      const text = (value ?? '').trim().replace(/%$/, '').trim();
      if (!text) return null;
      if (!/^\d+$/.test(text)) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} phải là số nguyên từ ${min} đến ${max}.` });
        return z.NEVER;
      }
      const n = Number(text);
      if (n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${capitalise(label)} phải là số nguyên từ ${min} đến ${max}.` });
        return z.NEVER;
      }
      return n;
    });

export const reportSchema = z.object({
  reportedOn: requiredDate('ngày báo cáo'),
  summary: requiredText('nội dung đã thực hiện', 5000),
  progressPercent: optionalWholeNumber('tỷ lệ hoàn thành (%)', 0, 100),
});
export type ReportInput = z.infer<typeof reportSchema>;

export const activitySchema = z.object({
  channel: z.enum(CHANNELS, { message: 'Vui lòng chọn kênh truyền thông.' }),
  heldOn: requiredDate('ngày thực hiện hoạt động'),
  description: requiredText('nội dung hoạt động', 1000),
  peopleReached: wholeNumber('số người được truyền thông', { min: 0, max: 10_000_000 }),
  // The unit's planned activity this row carries out ("" = not in the unit's plan).
  plannedId: z.string().trim().max(100).optional().default(''),
});
export type ActivityInput = z.infer<typeof activitySchema>;

export const returnSchema = z.object({
  reviewNote: requiredText('lý do trả lại', 2000),
});
