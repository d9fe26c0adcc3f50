/** The officer's own settings form (daily digest). No database here. */
import { z } from 'zod';
import { optionalText } from '../../lib/form-fields.js';

export const digestSettingsSchema = z
  .object({
    email: optionalText('thư điện tử', 200).transform((s) => s.toLowerCase()),
    digestOptIn: z
      .string()
      .optional()
      .transform((v) => v === '1'),
  })
  .superRefine((v, ctx) => {
    if (v.email && !z.email().safeParse(v.email).success) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Thư điện tử không hợp lệ (ví dụ: ten@example.com).' });
    } else if (v.digestOptIn && !v.email) {
      ctx.addIssue({ code: 'custom', path: ['email'], message: 'Vui lòng nhập thư điện tử để nhận bản tin hằng ngày.' });
    }
  });
export type DigestSettings = z.infer<typeof digestSettingsSchema>;
