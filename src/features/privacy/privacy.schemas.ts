import { z } from 'zod';
import { optionalText, requiredText } from '../../lib/form-fields.js';
import { PHONE } from '../../lib/form-fields.js';

const reason = requiredText('lý do (căn cứ yêu cầu của chủ thể dữ liệu)', 1000);

/** An officer corrects a commenter's contact details on the data subject's request. */
export const correctContactSchema = z
  .object({
    authorName: optionalText('họ và tên', 120),
    email: optionalText('thư điện tử', 200),
    phone: optionalText('số điện thoại', 30),
    reason,
  })
  .superRefine((v, ctx) => {
    if (v.email && !z.email().safeParse(v.email).success) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Thư điện tử không hợp lệ (ví dụ: ten@example.com).' });
    }
    if (v.phone && !PHONE.test(v.phone.replace(/[\s.\-()]/g, ''))) {
      ctx.addIssue({ code: 'custom', path: ['phone'], message: 'Số điện thoại không hợp lệ (ví dụ: 0912 345 678).' });
    }
  })
  .transform((v) => ({ ...v, phone: v.phone.replace(/[\s.\-()]/g, ''), email: v.email.toLowerCase() }));
export type CorrectContactInput = z.infer<typeof correctContactSchema>;

/** An officer erases a commenter's contact details on request. */
export const eraseContactSchema = z.object({ reason });

export const receiptQuerySchema = z.object({
  ma: z.string({ message: 'Vui lòng nhập mã tiếp nhận.' }).trim().min(1, 'Vui lòng nhập mã tiếp nhận.').max(40, 'Mã tiếp nhận không hợp lệ.'),
});
