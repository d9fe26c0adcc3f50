/** The form of a unit's planned activity (kế hoạch cụ thể). No database here. */
import { z } from 'zod';
import { CHANNELS } from '../../domain/enums.js';
import { optionalText, requiredText, wholeNumber } from '../../lib/form-fields.js';
import { dayjs, parseDateInput, TIME_ZONE } from '../../lib/format.js';

export const plannedSchema = z
  .object({
    title: requiredText('nội dung hoạt động', 500),
    when: z.string().trim().default(''),
    channel: z.enum(CHANNELS, { message: 'Vui lòng chọn kênh truyền thông.' }),
    audience: optionalText('đối tượng', 300),
    expectedReach: wholeNumber('số người dự kiến', { min: 0, max: 10_000_000 }),
    estimatedCostVnd: wholeNumber('kinh phí dự kiến', { min: 0, max: 100_000_000_000 }),
    budgetEstimateId: optionalText('dự toán', 100),
    unitId: optionalText('đơn vị', 100),
  })
  .superRefine(
    (v, ctx) => {
      if (!parseWhen(String(v.when ?? ''))) {
        ctx.addIssue({
          code: 'custom',
          path: ['when'],
          message: v.when
            ? 'Thời gian không hợp lệ: nhập ngày (dd/mm/yyyy) hoặc tháng (mm/yyyy).'
            : 'Vui lòng nhập thời gian dự kiến: ngày (dd/mm/yyyy) hoặc tháng (mm/yyyy).',
        });
      }
    },
    // Check the time even when another field failed, so one submission shows every problem.
    { when: () => true },
  )
  .transform((v, ctx) => {
    const when = parseWhen(v.when);
    // Unreachable after the check above (zod runs a transform only on valid input); it keeps the type exact.
    if (!when) {
      ctx.addIssue({ code: 'custom', path: ['when'], message: 'Thời gian không hợp lệ: nhập ngày (dd/mm/yyyy) hoặc tháng (mm/yyyy).' });
      return z.NEVER;
    }
    return { ...v, ...when };
  });
export type PlannedInput = z.infer<typeof plannedSchema>;

/** A day (dd/mm/yyyy) or a month (mm/yyyy): "tháng 11/2025" is how units plan most things. */
function parseWhen(text: string): { plannedOn: Date; byMonth: boolean } | null {
  const month = /^(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (month) {
    const m = Number(month[1]);
    if (m < 1 || m > 12) return null;
    return { plannedOn: dayjs.tz(`${month[2]}-${String(m).padStart(2, '0')}-01`, TIME_ZONE).toDate(), byMonth: true };
  }
  const day = text.trim() ? parseDateInput(text) : null;
  return day ? { plannedOn: day, byMonth: false } : null;
}
