import { z } from 'zod';
import { ROLES, UNIT_KINDS } from '../../domain/enums.js';
import { optionalText, requiredText } from '../../lib/form-fields.js';

export const unitSchema = z.object({
  name: requiredText('tên đơn vị', 200),
  shortName: optionalText('tên viết tắt', 100),
  kind: z.enum(UNIT_KINDS, { message: 'Vui lòng chọn loại đơn vị.' }),
  sortOrder: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return 0;
      if (!/^\d{1,4}$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: 'Thứ tự hiển thị phải là số nguyên từ 0 đến 9999.' });
        return z.NEVER;
      }
      return Number(value);
    }),
});
export type UnitInput = z.infer<typeof unitSchema>;

/**
 * The province single sign-on's subject ("sub") an account answers to: given by
 * the provider, shown to an officer whose sign-in was not yet bound. Empty: none
 * (passwords only). Control characters are refused, case is kept (subjects are exact).
 */
export const oidcSubjectField = z
  .string()
  .trim()
  .max(255, 'Mã định danh tài khoản dùng chung không được dài quá 255 ký tự.')
  .regex(/^[^\p{Cc}\s]*$/u, 'Mã định danh tài khoản dùng chung không được chứa dấu cách hay ký tự điều khiển.')
  .optional()
  .default('')
  .transform((v) => (v === '' ? null : v));

export const oidcSubjectSchema = z.object({ oidcSubject: oidcSubjectField });

export const accountSchema = z
  .object({
    username: requiredText('tên đăng nhập', 50)
      .transform((v) => v.toLowerCase())
      .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, 'Tên đăng nhập gồm 3–50 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.')),
    fullName: requiredText('họ và tên', 200),
    jobTitle: optionalText('chức vụ', 200),
    email: z
      .string()
      .trim()
      .optional()
      .default('')
      .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'Thư điện tử không đúng định dạng (ví dụ ten@example.gov.vn).'),
    role: z.enum(ROLES, { message: 'Vui lòng chọn vai trò.' }),
    unitId: z.string().trim().optional().default(''),
    oidcSubject: oidcSubjectField,
    password: z
      .string({ message: 'Vui lòng nhập mật khẩu ban đầu.' })
      .min(1, 'Vui lòng nhập mật khẩu ban đầu.')
      .min(10, 'Mật khẩu ban đầu phải có ít nhất 10 ký tự.')
      .max(200, 'Mật khẩu quá dài.'),
  })
  .superRefine((a, ctx) => {
    // A unit official reports for a unit, so the account must belong to one.
    if (a.role === 'UNIT' && !a.unitId) ctx.addIssue({ code: 'custom', path: ['unitId'], message: 'Tài khoản cán bộ đơn vị phải thuộc một đơn vị.' });
  });
export type AccountInput = z.infer<typeof accountSchema>;
