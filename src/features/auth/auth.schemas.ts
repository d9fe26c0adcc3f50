import { z } from 'zod';

/** One spelling per account: spaces around it, case and Unicode composition do not make a new name (nor a new rate-limit key). */
export function normaliseUsername(value: string): string {
  return value.normalize('NFC').trim().toLowerCase();
}

export const loginSchema = z.object({
  username: z.string().transform(normaliseUsername).pipe(z.string().min(1, 'Vui lòng nhập tên đăng nhập.').max(100, 'Tên đăng nhập quá dài.')),
  password: z.string().min(1, 'Vui lòng nhập mật khẩu.').max(200, 'Mật khẩu quá dài.'),
});

/** Only local paths are allowed after login, so the form cannot be used to redirect elsewhere. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) return '/can-bo';
  return value;
}
