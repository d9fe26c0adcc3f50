import { z } from 'zod';
import { CHANNELS } from '../../domain/enums.js';
import { capitalise, requiredDate, requiredText, wholeNumber } from '../../lib/form-fields.js';

export const MAX_EVIDENCE_FILES = 5;
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;
export const MAX_ACTIVITY_ROWS = 10;
export const ACTIVITY_FIELDS = ['channel', 'heldOn', 'description', 'peopleReached', 'reachUnknown', 'plannedId'];

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

const peopleReachedNumber = wholeNumber('số người được truyền thông', { min: 0, max: 10_000_000 });

/**
 * The number of people reached, or null when the officer ticks "không xác định"
 * (a loudspeaker broadcast's listeners cannot be counted). Empty without the tick
 * is an error, so an unknown reach is always an explicit choice, never a 0.
 */
export const activitySchema = z
  .object({
    channel: z.enum(CHANNELS, { message: 'Vui lòng chọn kênh truyền thông.' }),
    heldOn: requiredDate('ngày thực hiện hoạt động'),
    description: requiredText('nội dung hoạt động', 1000),
    peopleReached: z.string().optional().default(''),
    reachUnknown: z.string().optional().default(''),
    // The unit's planned activity this row carries out ("" = not in the unit's plan).
    plannedId: z.string().trim().max(100).optional().default(''),
  })
  .transform((a, ctx) => {
    const unknown = a.reachUnknown !== '';
    const typed = a.peopleReached.trim();
    let peopleReached: number | null = null;
    if (unknown && typed) {
      ctx.addIssue({ code: 'custom', path: ['peopleReached'], message: 'Đã chọn “Không xác định được số người” thì để trống số người được truyền thông.' });
      return z.NEVER;
    }
    if (!unknown) {
      if (!typed) {
        ctx.addIssue({
          code: 'custom',
          path: ['peopleReached'],
          message: 'Vui lòng nhập số người được truyền thông, hoặc chọn “Không xác định được số người”.',
        });
        return z.NEVER;
      }
      const parsed = peopleReachedNumber.safeParse(typed);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: ['peopleReached'], message: parsed.error.issues[0].message });
        return z.NEVER;
      }
      peopleReached = parsed.data;
    }
    return { channel: a.channel, heldOn: a.heldOn, description: a.description, peopleReached, plannedId: a.plannedId };
  });
export type ActivityInput = z.infer<typeof activitySchema>;

export const returnSchema = z.object({
  reviewNote: requiredText('lý do trả lại', 2000),
});
