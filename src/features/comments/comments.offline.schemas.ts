/** Forms for comments received off-line (meetings, letters, calls, forwarded lists). No database here. */
import { z } from 'zod';
import { OFFLINE_CHANNELS } from '../../domain/enums.js';
import { optionalText, requiredDate } from '../../lib/form-fields.js';
import { formatNumber } from '../../lib/format.js';
import { MAX_COMMENT_CHARS, charCount } from './comments.schemas.js';

/** One intake holds at most this many comment rows (a long meeting is recorded in several intakes). */
export const MAX_INTAKE_ROWS = 30;
export const INTAKE_ROW_FIELDS = ['speaker', 'residentialGroup', 'phan', 'body'];
export const MAX_PEOPLE_PRESENT = 100_000;

export const intakeSchema = z
  .object({
    channel: z.enum(OFFLINE_CHANNELS, { message: 'Vui lòng chọn hình thức nhận ý kiến.' }),
    receivedOn: requiredDate('ngày nhận ý kiến'),
    source: optionalText('tên cuộc họp, người gửi hoặc tổ chức chuyển đến', 300),
    place: optionalText('địa điểm', 300),
    peoplePresent: z.string().trim().optional().default(''),
    unitId: z.string().trim().optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.channel === 'MEETING') {
      if (!v.place) ctx.addIssue({ code: 'custom', path: ['place'], message: 'Vui lòng nhập địa điểm tổ chức cuộc họp, hội nghị.' });
      const n = v.peoplePresent.replace(/[.\s]/g, '');
      if (!/^\d+$/.test(n) || Number(n) < 1 || Number(n) > MAX_PEOPLE_PRESENT) {
        ctx.addIssue({ code: 'custom', path: ['peoplePresent'], message: `Số người dự phải là số nguyên từ 1 đến ${formatNumber(MAX_PEOPLE_PRESENT)}.` });
      }
    }
    if (v.channel === 'FORWARDED' && !v.source) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'Vui lòng nhập tên tổ chức chuyển ý kiến đến (ví dụ: Ủy ban MTTQ Việt Nam phường).' });
    }
  })
  .transform((v) => ({ ...v, peoplePresent: v.channel === 'MEETING' ? Number(v.peoplePresent.replace(/[.\s]/g, '')) : null }));
export type IntakeInput = z.infer<typeof intakeSchema>;

/** One comment row of an intake; a row left completely empty is ignored. */
export const intakeRowSchema = z.object({
  speaker: optionalText('người phát biểu hoặc người viết', 120),
  residentialGroup: z.string().trim().default(''),
  phan: z.string().trim().default(''),
  body: z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .superRefine((s, ctx) => {
      if (!s) ctx.addIssue({ code: 'custom', message: 'Vui lòng nhập nội dung ý kiến (hoặc để trống cả dòng).' });
      const n = charCount(s);
      if (n > MAX_COMMENT_CHARS) {
        ctx.addIssue({
          code: 'custom',
          message: `Nội dung ý kiến không được dài quá ${formatNumber(MAX_COMMENT_CHARS)} ký tự (hiện có ${formatNumber(n)} ký tự).`,
        });
      }
    }),
});
export type IntakeRow = z.infer<typeof intakeRowSchema>;
