import { z } from 'zod';
import { optionalText, requiredText } from '../../lib/form-fields.js';

const email = (label: string) =>
  z
    .string()
    .trim()
    .optional()
    .default('')
    .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), `${label} không đúng định dạng (ví dụ ten@example.gov.vn).`);

/** A new ward and its first administrator (ADMIN of that ward), created together by the SUPERADMIN. */
export const newWardSchema = z.object({
  slug: requiredText('đường dẫn của phường', 60)
    .transform((v) => v.toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Đường dẫn chỉ gồm chữ không dấu, số và dấu gạch ngang giữa các từ, ví dụ “nghia-lo”.'))
    .refine((v) => v.length >= 3, 'Đường dẫn phải có ít nhất 3 ký tự.'),
  name: requiredText('tên phường, xã', 150),
  placeName: requiredText('địa danh ghi trên văn bản', 100),
  committeeName: requiredText('tên Ủy ban nhân dân', 200),
  parentBodyName: requiredText('cơ quan cấp trên', 200),
  address: optionalText('địa chỉ', 300),
  phone: optionalText('điện thoại', 50),
  email: email('Thư điện tử của phường'),
  adminUsername: requiredText('tên đăng nhập của quản trị viên', 50)
    .transform((v) => v.toLowerCase())
    .pipe(z.string().regex(/^[a-z0-9][a-z0-9._-]{2,49}$/, 'Tên đăng nhập gồm 3–50 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang.')),
  adminFullName: requiredText('họ và tên quản trị viên', 200),
  adminJobTitle: optionalText('chức vụ', 200),
  adminEmail: email('Thư điện tử của quản trị viên'),
});
export type NewWardInput = z.infer<typeof newWardSchema>;

/** The landing page's query string: search text, ward slug, field, page. */
export function landingQuery(query: Record<string, unknown>) {
  const text = (name: string, max: number) => (typeof query[name] === 'string' ? (query[name] as string).normalize('NFC').trim().slice(0, max) : '');
  const page = Number(text('trang', 6));
  return { q: text('q', 200), ward: text('phuong', 60), field: text('linh-vuc', 200), page: Number.isInteger(page) && page > 0 ? page : 1 };
}

/** After signing in: only a province page (never another site, nor a ward page the session is not valid for). */
export function provinceNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/tinh/') || value.includes('\\') || value.includes('//')) return '/tinh/can-bo';
  return value;
}
