import { z } from 'zod';
import { optionalText, requiredText, wholeNumber } from '../../lib/form-fields.js';

/** PostgreSQL `integer` holds up to 2 147 483 647; a ward's estimate stays well below. */
export const MAX_VND = 2_000_000_000;
export const MAX_BUDGET_LINES = 20;
export const LINE_FIELDS = ['description', 'unitLabel', 'quantity', 'unitPrice'];

export const estimateSchema = z.object({
  title: requiredText('tên dự toán', 300),
  legalBasis: requiredText('căn cứ pháp lý', 3000),
});
export type EstimateInput = z.infer<typeof estimateSchema>;

export const lineSchema = z.object({
  description: requiredText('nội dung chi', 500),
  unitLabel: optionalText('đơn vị tính', 50),
  quantity: wholeNumber('số lượng', { min: 1, max: 1_000_000 }),
  unitPrice: wholeNumber('đơn giá', { min: 0, max: MAX_VND }),
});
export type LineInput = z.infer<typeof lineSchema>;

export const DECISIONS = ['APPROVE', 'ADJUST', 'REJECT'] as const;

export const decisionSchema = z
  .object({
    decision: z.enum(DECISIONS, { message: 'Vui lòng chọn ý kiến phê duyệt.' }),
    approvedVnd: z.string().optional().default(''),
    decisionNote: optionalText('ý kiến của Chủ tịch', 2000),
  })
  .transform((value, ctx) => {
    let approvedVnd: number | null = null;
    if (value.decision === 'ADJUST') {
      const parsed = wholeNumber('số kinh phí được duyệt', { min: 0, max: MAX_VND }).safeParse(value.approvedVnd);
      if (!parsed.success) {
        ctx.addIssue({ code: 'custom', path: ['approvedVnd'], message: parsed.error.issues[0].message });
        return z.NEVER;
      }
      approvedVnd = parsed.data;
    }
    if (value.decision === 'REJECT' && !value.decisionNote) {
      ctx.addIssue({ code: 'custom', path: ['decisionNote'], message: 'Vui lòng nhập lý do không phê duyệt.' });
      return z.NEVER;
    }
    return { decision: value.decision, approvedVnd, decisionNote: value.decisionNote };
  });

/** A correction of a decision already taken: the same choices, and a reason that is required. */
export const correctionSchema = z
  .object({ correctionReason: requiredText('lý do sửa quyết định', 2000) })
  .passthrough()
  .transform((value, ctx) => {
    const parsed = decisionSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
      return z.NEVER;
    }
    return { ...parsed.data, correctionReason: value.correctionReason };
  });
