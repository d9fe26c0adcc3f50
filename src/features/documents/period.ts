import { dayjs, endOfDay, formatDate, TIME_ZONE } from '../../lib/format.js';

export const PERIOD_KINDS = ['QUARTER', 'HALF', 'YEAR', 'CUSTOM'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = {
  QUARTER: 'Quý',
  HALF: '6 tháng',
  YEAR: 'Năm',
  CUSTOM: 'Tùy chọn (từ ngày … đến ngày …)',
};

export type Period = { start: Date; end: Date; label: string };

const ROMAN = ['I', 'II', 'III', 'IV'];

/** The first instant of a Vietnam calendar day. */
function vnDay(year: number, month: number, day: number): Date {
  return dayjs.tz(`${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, TIME_ZONE).toDate();
}

/** The last instant of the month (Vietnam time). */
function vnMonthEnd(year: number, month: number): Date {
  return dayjs
    .tz(`${year}-${String(month).padStart(2, '0')}-01`, TIME_ZONE)
    .endOf('month')
    .toDate();
}

export function quarterPeriod(year: number, quarter: number): Period {
  const first = (quarter - 1) * 3 + 1;
  return { start: vnDay(year, first, 1), end: vnMonthEnd(year, first + 2), label: `quý ${ROMAN[quarter - 1]} năm ${year}` };
}

export function halfPeriod(year: number, half: number): Period {
  return half === 1
    ? { start: vnDay(year, 1, 1), end: vnMonthEnd(year, 6), label: `6 tháng đầu năm ${year}` }
    : { start: vnDay(year, 7, 1), end: vnMonthEnd(year, 12), label: `6 tháng cuối năm ${year}` };
}

export function yearPeriod(year: number): Period {
  return { start: vnDay(year, 1, 1), end: vnMonthEnd(year, 12), label: `năm ${year}` };
}

/** Any range of whole days; `end` is taken to the end of its day so the last day counts. */
export function customPeriod(start: Date, end: Date): Period {
  return { start, end: endOfDay(end), label: `từ ngày ${formatDate(start)} đến ngày ${formatDate(end)}` };
}

/** The words naming a stored period, for titles: "quý III năm 2025", "năm 2025", "từ ngày … đến ngày …". */
export function describePeriod(start: Date, end: Date): string {
  const s = dayjs(start).tz(TIME_ZONE);
  const e = dayjs(end).tz(TIME_ZONE);
  const wholeMonths = s.date() === 1 && e.date() === e.daysInMonth() && s.year() === e.year();
  if (wholeMonths) {
    const months = e.month() - s.month() + 1;
    if (months === 12) return `năm ${s.year()}`;
    if (months === 6 && (s.month() === 0 || s.month() === 6)) return s.month() === 0 ? `6 tháng đầu năm ${s.year()}` : `6 tháng cuối năm ${s.year()}`;
    if (months === 3 && s.month() % 3 === 0) return `quý ${ROMAN[s.month() / 3]} năm ${s.year()}`;
  }
  return `từ ngày ${formatDate(start)} đến ngày ${formatDate(end)}`;
}
