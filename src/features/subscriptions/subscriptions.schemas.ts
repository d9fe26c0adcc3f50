/** The public subscription form. No database here. */
import { z } from 'zod';
import { optionalText } from '../../lib/form-fields.js';

/** The consent text a subscriber agrees to; its version is recorded with the subscription. */
export const CONSENT_VERSION = 'nhan-tin-2025-1';
export const CONSENT_TEXT =
  'Tôi đồng ý để UBND phường lưu địa chỉ thư điện tử này chỉ để gửi thư báo tôi đã chọn, cho đến khi tôi hủy đăng ký (mỗi thư đều có đường dẫn hủy). Địa chỉ không được dùng vào việc khác.';
/** An unconfirmed subscription is erased after this many days. */
export const PENDING_DAYS = 7;

export const subscribeSchema = z
  .object({
    email: z.string({ message: 'Vui lòng nhập thư điện tử.' }).trim().min(1, 'Vui lòng nhập thư điện tử.').max(200, 'Thư điện tử quá dài.'),
    kind: z.enum(['NEW_DRAFTS', 'DRAFT_SUMMARY'], { message: 'Vui lòng chọn loại thư báo.' }),
    field: optionalText('lĩnh vực', 200),
    draftId: optionalText('dự thảo', 100),
    consent: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.email && !z.email().safeParse(v.email).success)
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Thư điện tử không hợp lệ (ví dụ: ten@example.com).' });
    if (v.consent !== '1')
      ctx.addIssue({ code: 'custom', path: ['consent'], message: 'Vui lòng đánh dấu đồng ý để UBND phường lưu thư điện tử của bạn cho việc gửi thư báo.' });
    if (v.kind === 'DRAFT_SUMMARY' && !v.draftId)
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Vui lòng chọn dự thảo muốn nhận bản tổng hợp, tiếp thu, giải trình.' });
  })
  .transform((v) => ({
    email: v.email.toLowerCase(),
    kind: v.kind,
    field: v.kind === 'NEW_DRAFTS' ? v.field.normalize('NFC') : '',
    draftId: v.kind === 'DRAFT_SUMMARY' ? v.draftId : '',
  }));
export type SubscribeInput = z.infer<typeof subscribeSchema>;
