import { z } from 'zod';
import { optionalDate, optionalText, requiredDate, requiredText } from '../../lib/form-fields.js';

export const SEQUENCINGS = ['PER_SYMBOL', 'SINGLE'] as const;
export type Sequencing = (typeof SEQUENCINGS)[number];
export const SEQUENCING_LABELS: Record<Sequencing, string> = {
  PER_SYMBOL: 'Mỗi loại văn bản một dãy số (KH-UBND, BC-UBND, … đánh số riêng)',
  SINGLE: 'Một dãy số chung cho tất cả văn bản hành chính',
};

/** An optional number the văn thư types when it was already taken in the paper register; empty = the next free. */
const optionalNumber = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    if (!/^\d{1,5}$/.test(value) || Number(value) < 1) {
      ctx.addIssue({ code: 'custom', message: 'Số văn bản phải là số nguyên dương (ví dụ 07), hoặc để trống để lấy số tiếp theo.' });
      return z.NEVER;
    }
    return Number(value);
  });

/** Registering a signed document of the portal (a report, the summary of answers). */
export const registerDocumentSchema = z.object({
  issuedOn: optionalDate('ngày ký'),
  number: optionalNumber,
});
export type RegisterDocumentInput = z.infer<typeof registerDocumentSchema>;

const SYMBOL = /^[A-ZĐ0-9][A-ZĐ0-9-]{0,29}$/u;

/** A document signed outside the portal, entered so that the register stays complete. */
export const paperEntrySchema = z.object({
  symbol: requiredText('ký hiệu văn bản', 30).refine((v) => SYMBOL.test(v), 'Ký hiệu viết hoa, không dấu cách, ví dụ BC-UBND, QĐ-UBND, TB-UBND.'),
  documentType: requiredText('tên loại văn bản', 60),
  summary: requiredText('trích yếu nội dung', 1000),
  signedBy: requiredText('người ký', 100),
  issuedOn: requiredDate('ngày ký'),
  recipients: optionalText('nơi nhận', 1000),
  number: optionalNumber,
});
export type PaperEntryInput = z.infer<typeof paperEntrySchema>;

/** A correction: a new entry naming the one it corrects, with the corrected summary. */
export const correctionSchema = z.object({
  summary: requiredText('trích yếu của văn bản đính chính', 1000),
  signedBy: requiredText('người ký', 100),
  issuedOn: requiredDate('ngày ký'),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

export const sequencingSchema = z.object({
  registerSequencing: z.enum(SEQUENCINGS, { message: 'Vui lòng chọn cách đánh số văn bản.' }),
});
