import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc.js';
import timezone from 'dayjs/plugin/timezone.js';
import customParseFormat from 'dayjs/plugin/customParseFormat.js';
import 'dayjs/locale/vi.js';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(customParseFormat);
dayjs.locale('vi');

/** Every date shown to people is in Vietnam's time zone. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
dayjs.tz.setDefault(TIME_ZONE);

export { dayjs };

type DateInput = Date | string | number | null | undefined;

/*
 * Fast path (issue 10: dayjs's time-zone conversion was 17 % of a page's CPU). Vietnam has kept
 * UTC+7 without daylight saving since 13/06/1975, so from then on Vietnam time is the UTC fields
 * of the instant shifted by 7 hours. Earlier instants, strings (which dayjs reads in the server's
 * zone) and invalid dates take the dayjs path, so the output is the same for every input.
 */
const VN_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const FIXED_OFFSET_FROM = Date.UTC(1975, 5, 12, 17); // 13/06/1975 00:00 in Vietnam
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The instant shifted into Vietnam's wall clock (read with getUTC*), or null when the fast path does not apply. */
function vnClock(value: Date | number | string): Date | null {
  if (typeof value === 'string') return null;
  const ms = typeof value === 'number' ? value : value.getTime();
  if (!(ms >= FIXED_OFFSET_FROM && ms < 8.64e15 - VN_OFFSET_MS)) return null;
  return new Date(ms + VN_OFFSET_MS);
}

const ymd = (d: Date, sep: string, reverse: boolean) => {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = pad2(d.getUTCMonth() + 1);
  const day = pad2(d.getUTCDate());
  return reverse ? `${day}${sep}${m}${sep}${y}` : `${y}${sep}${m}${sep}${day}`;
};

/** 05/03/2025 */
export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = vnClock(value);
  if (d) return ymd(d, '/', true);
  return dayjs(value).tz(TIME_ZONE).format('DD/MM/YYYY');
}

/** 05/03/2025 14:30 */
export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = vnClock(value);
  if (d) return `${ymd(d, '/', true)} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
  return dayjs(value).tz(TIME_ZONE).format('DD/MM/YYYY HH:mm');
}

/** For <input type="date">: 2025-03-05 in Vietnam time. */
export function toInputDate(value: DateInput): string {
  if (value === null || value === undefined || value === '') return '';
  const d = vnClock(value);
  if (d) return ymd(d, '-', false);
  return dayjs(value).tz(TIME_ZONE).format('YYYY-MM-DD');
}

/**
 * Parses a date typed by a person: "2025-03-05" (date input) or "05/03/2025".
 * Returns the start of that day in Vietnam time, or null when it is not a real date.
 */
export function parseDateInput(value: string): Date | null {
  const text = value.trim();
  let iso: string | null = null;
  const isoMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vnMatch = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (isoMatch) iso = text;
  else if (vnMatch) iso = `${vnMatch[3]}-${vnMatch[2].padStart(2, '0')}-${vnMatch[1].padStart(2, '0')}`;
  if (!iso) return null;
  // Strict parsing refuses 31/02 and the like instead of rolling over to March.
  const parsed = dayjs(iso, 'YYYY-MM-DD', true);
  if (!parsed.isValid()) return null;
  return dayjs.tz(iso, TIME_ZONE).toDate();
}

/** The end of the given day (23:59:59.999) in Vietnam time. */
export function endOfDay(value: Date): Date {
  const d = vnClock(value);
  if (d) return new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS + DAY_MS - 1 - VN_OFFSET_MS);
  return dayjs(value).tz(TIME_ZONE).endOf('day').toDate();
}

/** Whole days from `from` until `to` in Vietnam calendar days (negative when past). */
export function daysBetween(from: Date, to: Date): number {
  const a0 = vnClock(from);
  const b0 = vnClock(to);
  if (a0 && b0) return Math.floor(b0.getTime() / DAY_MS) - Math.floor(a0.getTime() / DAY_MS);
  const a = dayjs(from).tz(TIME_ZONE).startOf('day');
  const b = dayjs(to).tz(TIME_ZONE).startOf('day');
  return b.diff(a, 'day');
}

/** The formal date line: "Trương Quang Trọng, ngày 05 tháng 03 năm 2025" (Decree 30/2020: leading zero for days 1–9 and months 1–2). */
export function formalDateLine(place: string, value: DateInput): string {
  const d = dayjs(value ?? undefined).tz(TIME_ZONE);
  const day = d.date() < 10 ? `0${d.date()}` : String(d.date());
  const month = d.month() + 1 <= 2 ? `0${d.month() + 1}` : String(d.month() + 1);
  return `${place}, ngày ${day} tháng ${month} năm ${d.year()}`;
}

/** 1.250.000 đ — whole VND with Vietnamese thousands separators. */
export function formatVnd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '';
  return `${formatNumber(amount)} đ`;
}

/** 1.250.000 */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** "1,2 MB" */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
