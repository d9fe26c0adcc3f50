import { formatDateTime } from './format.js';
import { FormError } from './validation.js';

/**
 * Optimistic concurrency for officer forms: a form carries a stamp of the record
 * as it was when the page was rendered (a hidden "seen" field); when the record
 * has changed since (another tab, another officer), the change is refused with a
 * warning instead of silently overriding what was decided there.
 */
export function stampOf(...parts: (Date | string | number | null | undefined)[]): string {
  return parts.map((p) => (p instanceof Date ? String(p.getTime()) : p === null || p === undefined ? '' : String(p))).join('|');
}

/** True when the form sent a stamp and it no longer matches (a form without one is not checked). */
export function isStale(seen: unknown, current: string): boolean {
  return typeof seen === 'string' && seen !== '' && seen !== current;
}

/** The refusal, naming who changed the record and when, on the given field. */
export function staleError(field: string, what: string, by: string | null | undefined, at: Date | null | undefined): FormError {
  const who = by ? ` bởi ${by}` : '';
  const when = at ? ` lúc ${formatDateTime(at)}` : '';
  return FormError.of(
    field,
    `${what} đã được thay đổi${who}${when}, sau khi bạn mở trang này. Thao tác của bạn chưa được lưu: xem lại tình trạng hiện tại bên dưới rồi làm lại nếu vẫn cần.`,
  );
}
